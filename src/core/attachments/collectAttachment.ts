/**
 * Reads an attachment file and works out what it adds to which pair, without writing anything:
 * the first half of attaching (the second, `storeAttachment`, writes it in one transaction).
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Choice } from '../formats/abChoice.ts';
import { RecordShapeError, type FormatAdapter, type JsonRecord } from '../formats/formatAdapter.ts';
import { findMappingBeside } from '../formats/mappingLocation.ts';
import { readJsonFile } from '../formats/readMappingFile.ts';
import { adapterForIndex } from '../indexing/pairReader.ts';
import type { Critique, Verdict } from '../pair.ts';
import { parseRecord } from '../reader/parseRecord.ts';
import { isBadRecord } from '../reader/rawRecord.ts';
import { readRecordTextFrom } from '../reader/readRecordText.ts';
import { RR_LABEL } from '../relabels/relabelMarks.ts';
import type { PairStore } from '../store/pairStore.ts';
import { mappedEntry, parseAttachmentMapping, type AttachmentMapping } from './attachmentMapping.ts';
import { aIsFileChosen, responseHash, type AttachmentSides } from './attachmentSides.ts';
import { fileStem } from './attachmentNames.ts';
import { KEPT_PROBLEMS, type AttachmentEntry, type AttachmentKind, type AttachmentProblem, type AttachmentRequest } from './attachmentTypes.ts';
import { PairMatcher } from './pairMatcher.ts';
import { readAttachmentRecords, type AttachmentItem, type AttachmentRecord } from './readAttachmentRecords.ts';
import { detectScoreRows, scoreRowEntry } from './scoreRows.ts';

/** Scores of one model, by ord, in chosen/rejected terms. */
export interface CollectedScores {
  ords: number[];
  chosen: number[];
  rejected: number[];
}

export interface CollectedAttachment {
  kind: AttachmentKind;
  /** The attachment mapping used ('' when none). */
  mappingPath: string;
  scores: Map<string, CollectedScores>;
  critiques: Map<string, Map<number, Critique>>;
  records: number;
  matched: number;
  unmatched: number;
  problems: AttachmentProblem[];
  problemCount: number;
  /** Per record, the hash of the response its side A spoke of (0: no pair); see attachmentSides.ts. */
  sides: number[];
}

export interface CollectOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
  /** Re-applying an unchanged file: the responses its records spoke of when first attached. */
  sideHints?: AttachmentSides;
}

/** Dataset records read at once while matching an attachment's batch. */
const READS_IN_FLIGHT = 64;

/** Records looked at before deciding which kind of score rows a file holds. */
const DETECTION_SAMPLE = 50;

/**
 * How an attachment's sides map onto a pair, read back from the dataset: judges speak of
 * "response 1" and "response 2", and the dataset's label decides which of them is chosen — unless a
 * reviewer flipped the pair with an `rr_label` mark, which turns the index's sides round.
 */
interface PairSides {
  first: 'chosen' | 'rejected';
  /** The record carries `"rr_label": "flipped"`: the index's chosen is the file's rejected. */
  flippedByMark: boolean;
  /** responseHash of the file's chosen and rejected responses. */
  chosenHash: number;
  rejectedHash: number;
}

class PairSidesReader {
  private readonly cache = new Map<number, PairSides>();
  /** The dataset open for reading and its format, once the first pair is asked for. */
  private opening: Promise<{ handle: FileHandle; adapter: FormatAdapter }> | undefined;
  private readonly datasetPath: string;
  private readonly store: PairStore;

  constructor(datasetPath: string, store: PairStore) {
    this.datasetPath = datasetPath;
    this.store = store;
  }

  /**
   * Reads the records of many pairs with several reads in flight: one after another, each read's
   * round trip through the thread pool would take longer than parsing the record.
   */
  async prefetch(ords: readonly number[]): Promise<void> {
    const missing = [...new Set(ords)].filter((ord) => !this.cache.has(ord));
    if (missing.length === 0) return;
    await this.ready();
    for (let i = 0; i < missing.length; i += READS_IN_FLIGHT) {
      await Promise.all(missing.slice(i, i + READS_IN_FLIGHT).map((ord) => this.of(ord)));
    }
  }

  async of(ord: number): Promise<PairSides> {
    const known = this.cache.get(ord);
    if (known) return known;
    const { handle, adapter } = await this.ready();
    const location = this.store.recordLocation(ord);
    if (!location) throw new Error(`The index has no pair ${ord}.`);
    const { line, offset, length } = location;
    const text = await readRecordTextFrom(handle, offset, length);
    const parsed = parseRecord({ line, offset, length, text });
    if (isBadRecord(parsed)) throw new Error(`${this.datasetPath}:${line}: ${parsed.reason} (the file changed since it was indexed?)`);
    const pair = adapter.normalize(parsed.value);
    const sides: PairSides = {
      // Formats without an order of their own (chosen/rejected fields) show chosen first.
      first: pair.firstResponse ?? 'chosen',
      flippedByMark: parsed.value[RR_LABEL] === 'flipped',
      chosenHash: responseHash(pair.chosen),
      rejectedHash: responseHash(pair.rejected),
    };
    this.cache.set(ord, sides);
    return sides;
  }

  private async ready(): Promise<{ handle: FileHandle; adapter: FormatAdapter }> {
    this.opening ??= (async () => ({ adapter: await adapterForIndex(this.store), handle: await open(this.datasetPath, 'r') }))();
    return this.opening;
  }

  async close(): Promise<void> {
    // A dataset that failed to open has already said why; there is nothing to close.
    const opened = await this.opening?.catch(() => undefined);
    await opened?.handle.close();
  }
}

function orientVerdict(choice: Choice, aIsChosen: boolean): Verdict {
  if (choice === 'tie') return 'tie';
  return (choice === 'A') === aIsChosen ? 'chosen' : 'rejected';
}

/** Reads, matches and orients an attachment file; its lines that match no pair become problems. */
export async function collectAttachment(
  store: PairStore,
  datasetPath: string,
  request: AttachmentRequest,
  options: CollectOptions = {},
): Promise<CollectedAttachment> {
  const mappingPath = request.mappingPath ?? findMappingBeside(request.path) ?? '';
  const mapping: AttachmentMapping | undefined = mappingPath
    ? parseAttachmentMapping(await readJsonFile(mappingPath), mappingPath, request.path)
    : undefined;
  const defaultModel = request.model ?? fileStem(request.path);
  const collected: CollectedAttachment = {
    kind: mapping ? 'mapping' : 'generic',
    mappingPath,
    scores: new Map(),
    critiques: new Map(),
    records: 0,
    matched: 0,
    unmatched: 0,
    problems: [],
    problemCount: 0,
    sides: [],
  };
  const pairCount = store.pairCount();
  // Which pairs already have a score of a model from this file: a second row for them is reported.
  const scoredBy = new Map<string, Uint8Array>();
  const matcher = new PairMatcher(store.db);
  const pairSides = new PairSidesReader(datasetPath, store);
  const report = (line: number, reason: string) => {
    collected.problemCount++;
    if (collected.problems.length < KEPT_PROBLEMS) collected.problems.push({ line, reason });
  };
  let toEntry: ((record: AttachmentRecord) => AttachmentEntry) | undefined = mapping
    ? (record) => mappedEntry(mapping, record.value, record.position)
    : undefined;

  /** Reads the entries of a batch and looks up their ids together; then adds them one by one. */
  const addBatch = async (items: readonly AttachmentItem[]) => {
    const read = items.map((item) => {
      if (isBadRecord(item)) return { item, problem: item.reason };
      try {
        return { item, entry: (toEntry as (record: AttachmentRecord) => AttachmentEntry)(item) };
      } catch (error) {
        if (!(error instanceof RecordShapeError)) throw error;
        return { item, problem: error.message };
      }
    });
    matcher.resolveIds(read.flatMap((one) => (one.entry ? [one.entry.join] : [])));
    await pairSides.prefetch(read.flatMap((one) => {
      const match = one.entry ? matcher.match(one.entry.join) : undefined;
      return match && !('problem' in match) ? [match.ord] : [];
    }));
    for (const { item, entry, problem } of read) {
      collected.records++;
      collected.sides.push(0);
      const where = 'item' in item && item.item !== undefined ? `item ${item.item}: ` : '';
      if (!entry) {
        collected.unmatched++;
        report(item.line, `${where}${problem}`);
        continue;
      }
      await addEntry(item, entry, where);
    }
  };

  const addEntry = async (item: AttachmentItem, entry: AttachmentEntry, where: string) => {
    const record = collected.records - 1;
    const match = matcher.match(entry.join);
    if ('problem' in match) {
      collected.unmatched++;
      report(item.line, `${where}${match.problem}`);
      return;
    }
    collected.matched++;
    if (match.note) report(item.line, `${where}${match.note}`);
    const { ord } = match;
    const sides = await pairSides.of(ord);
    // Side A is the file's chosen (or first) response, unless a flip saved since the file was first
    // attached moved the text it spoke of; a flip mark makes the file's chosen the index's rejected.
    const aFileChosen = aIsFileChosen(options.sideHints?.[record], sides.chosenHash, sides.rejectedHash, entry.sides === 'chosen/rejected' || sides.first === 'chosen');
    collected.sides[record] = aFileChosen ? sides.chosenHash : sides.rejectedHash;
    const aIsChosen = aFileChosen !== sides.flippedByMark;
    for (const { model, a, b } of entry.scores) {
      let scores = collected.scores.get(model);
      let seen = scoredBy.get(model);
      if (!scores || !seen) {
        scores = { ords: [], chosen: [], rejected: [] };
        seen = new Uint8Array(pairCount);
        collected.scores.set(model, scores);
        scoredBy.set(model, seen);
      }
      if (seen[ord]) report(item.line, `${where}pair at line ${store.pairByOrd(ord)?.line} already has a score of model ${model} from an earlier line of this file; this one replaces it`);
      seen[ord] = 1;
      scores.ords.push(ord);
      scores.chosen.push(aIsChosen ? a : b);
      scores.rejected.push(aIsChosen ? b : a);
    }
    for (const { judge, a, b, pair, verdict } of entry.critiques) {
      const critique: Critique = {};
      const chosen = aIsChosen ? a : b;
      const rejected = aIsChosen ? b : a;
      if (chosen !== undefined) critique.chosen = chosen;
      if (rejected !== undefined) critique.rejected = rejected;
      if (pair !== undefined) critique.pair = pair;
      if (verdict !== undefined) critique.verdict = orientVerdict(verdict, aIsChosen);
      let byOrd = collected.critiques.get(judge);
      if (!byOrd) collected.critiques.set(judge, (byOrd = new Map()));
      if (byOrd.has(ord)) report(item.line, `${where}pair at line ${store.pairByOrd(ord)?.line} already has a critique by ${judge} from an earlier line of this file; this one replaces it`);
      byOrd.set(ord, critique);
    }
  };

  const held: AttachmentItem[] = [];
  let lastReport = 0;
  try {
    const batches = readAttachmentRecords(request.path, {
      signal: options.signal,
      onProgress: (bytesRead, totalBytes) => {
        const now = performance.now();
        if (now - lastReport < 100 && bytesRead < totalBytes) return;
        lastReport = now;
        options.onProgress?.(totalBytes > 0 ? bytesRead / totalBytes : 1, `${collected.records.toLocaleString('en-US')} records`);
      },
    });
    const decide = () => {
      const samples = held.filter((item): item is AttachmentRecord => !isBadRecord(item)).map((item) => item.value as JsonRecord);
      const bad = held.find((item) => isBadRecord(item));
      // Nothing readable: the reader's reason (not JSON, invalid UTF-8…) says more than "no fields".
      if (samples.length === 0 && bad && isBadRecord(bad)) throw new Error(`${request.path}:${bad.line}: ${bad.reason}`);
      const kind = detectScoreRows(samples, request.path);
      collected.kind = kind;
      toEntry = (record) => scoreRowEntry(kind, record.value, record.position, defaultModel);
    };
    for await (const batch of batches) {
      if (!toEntry) {
        held.push(...batch);
        if (held.filter((item) => !isBadRecord(item)).length < DETECTION_SAMPLE) continue;
        decide();
        await addBatch(held.splice(0));
        continue;
      }
      await addBatch(batch);
    }
    if (!toEntry) {
      decide();
      await addBatch(held.splice(0));
    }
  } finally {
    await pairSides.close();
  }
  return collected;
}
