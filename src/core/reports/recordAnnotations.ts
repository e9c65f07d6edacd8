import { open } from 'node:fs/promises';
import { adapterForIndex } from '../indexing/pairReader.ts';
import type { Pair, Verdict } from '../pair.ts';
import { parseRecord } from '../reader/parseRecord.ts';
import { isBadRecord } from '../reader/rawRecord.ts';
import { readRecordTextFrom } from '../reader/readRecordText.ts';
import { applyRelabelMarks } from '../relabels/relabelMarks.ts';
import type { PairStore } from '../store/pairStore.ts';
import { PairFlag } from '../store/schema.ts';
import type { ReportData } from './reportData.ts';

/**
 * What the index does not hold but some reports want: annotator votes, judge verdicts and the
 * score of every rejected response of best-of-N pairs. They live in the records, so they are read
 * back from the dataset file — only when few records carry them, since reading a record costs a
 * file read and a parse, and a report must stay fast on a million pairs. Judge verdicts that came
 * from attachments are in the index and are always read.
 */

/** One rater's verdict per pair (by ord): +1 chosen, 0 tie, −1 rejected, NaN none. */
export interface RaterColumn {
  name: string;
  verdicts: Float64Array;
}

/** Best-of-N scores per model in the layout of bestOfNAccuracy: item k is pair `ords[k]`. */
export interface BestOfNScores {
  ords: Uint32Array;
  models: Map<string, { chosen: Float64Array; rejected: Float64Array; offsets: Uint32Array }>;
}

export interface RecordAnnotations {
  /** Whether the records were read (false: too many, or none carry anything). */
  read: boolean;
  /** Records read back. */
  records: number;
  /** Records that carry votes, verdicts or best-of-N scores but were not read (more than the limit). */
  skipped: number;
  /** What was read or why not, for the report. */
  note: string;
  judges: RaterColumn[];
  annotators: RaterColumn[];
  /** Null when the records were not read or no pair is best-of-N. */
  bestOfN: BestOfNScores | null;
}

/** Records read back at most, by default: about a second of reading and parsing. */
export const DEFAULT_RECORD_LIMIT = 20_000;

const VERDICT_VALUE: Record<Verdict, number> = { chosen: 1, tie: 0, rejected: -1 };

export interface ReadAnnotationsOptions {
  datasetPath: string;
  /** Read votes and judge verdicts. */
  verdicts: boolean;
  /** Read the scores of every rejected response of best-of-N pairs. */
  bestOfN: boolean;
  limit?: number;
  signal?: AbortSignal;
}

export async function readRecordAnnotations(store: PairStore, data: ReportData, options: ReadAnnotationsOptions): Promise<RecordAnnotations> {
  const limit = options.limit ?? DEFAULT_RECORD_LIMIT;
  // Critiques that came from attachments are in the index, not in the record.
  const verdictBits = options.verdicts ? PairFlag.hasVotes | PairFlag.hasCritique : 0;
  const bits = verdictBits | (options.bestOfN ? PairFlag.bestOfN : 0);
  const carries = (f: number): boolean => (f & bits & ~((f & PairFlag.attachedCritique) !== 0 ? PairFlag.hasCritique : 0)) !== 0;
  let carrying = 0;
  for (let ord = 0; ord < data.pairs; ord++) carrying += Number(carries(data.flags[ord]!));
  const wanted: number[] = [];
  if (carrying <= limit) for (let ord = 0; ord < data.pairs; ord++) if (carries(data.flags[ord]!)) wanted.push(ord);
  const judges = new Map<string, Float64Array>();
  const annotators = new Map<string, Float64Array>();
  const column = (raters: Map<string, Float64Array>, name: string): Float64Array => {
    let verdicts = raters.get(name);
    if (!verdicts) {
      verdicts = new Float64Array(data.pairs).fill(Number.NaN);
      raters.set(name, verdicts);
    }
    return verdicts;
  };
  const what = [options.verdicts ? 'annotator votes or judge verdicts' : '', options.bestOfN ? 'several rejected responses' : ''].filter(Boolean).join(' or ');
  let read = false;
  let note: string;
  let bestOfNPairs: { ord: number; pair: Pair }[] = [];
  if (carrying === 0) {
    note = `No record carries ${what} of its own.`;
  } else if (carrying > limit) {
    note = `${carrying} records carry ${what}; more than ${limit} are not read back for a report, so ` +
      (options.verdicts ? 'agreement and the noisy-pair reasons cover the reward models only.' : 'best-of-N uses the best rejected score the index keeps.');
  } else {
    read = true;
    const pairs = await readPairs(store, options.datasetPath, wanted, options.signal);
    for (const { ord, pair } of options.verdicts ? pairs : []) {
      for (const [annotator, verdict] of Object.entries(pair.votes)) column(annotators, annotator)[ord] = VERDICT_VALUE[verdict];
      for (const [judge, critique] of Object.entries(pair.critiques)) {
        if (critique.verdict !== undefined) column(judges, judge)[ord] = VERDICT_VALUE[critique.verdict];
      }
    }
    if (options.bestOfN) bestOfNPairs = pairs.filter(({ ord }) => (data.flags[ord]! & PairFlag.bestOfN) !== 0);
    note = `${options.verdicts ? 'Annotator votes and judge verdicts' : 'Best-of-N scores'} read back from ${pairs.length} records.`;
  }
  if (options.verdicts) {
    const before = judges.size;
    readAttachedVerdicts(store, judges, column);
    const attached = judges.size - before;
    // Said beside the records' note, which is only about what the records carry themselves.
    if (attached > 0) note += ` Verdicts of ${attached} attached judge${attached === 1 ? '' : 's'} come from the index.`;
  }
  return {
    read,
    records: read ? wanted.length : 0,
    skipped: read ? 0 : carrying,
    note,
    judges: [...judges].map(([name, verdicts]) => ({ name, verdicts })),
    annotators: [...annotators].map(([name, verdicts]) => ({ name, verdicts })),
    bestOfN: bestOfNPairs.length > 0 ? bestOfNLayout(bestOfNPairs, data.models) : null,
  };
}

async function readPairs(store: PairStore, datasetPath: string, ords: number[], signal: AbortSignal | undefined): Promise<{ ord: number; pair: Pair }[]> {
  const adapter = await adapterForIndex(store);
  const locate = store.db.prepare('SELECT line, offset, length FROM located_pairs WHERE ord = ?');
  const handle = await open(datasetPath, 'r');
  const pairs: { ord: number; pair: Pair }[] = [];
  try {
    for (const ord of ords) {
      signal?.throwIfAborted();
      const at = locate.get(ord) as { line: number; offset: number; length: number };
      const text = await readRecordTextFrom(handle, at.offset, at.length);
      const parsed = parseRecord({ ...at, text });
      if (isBadRecord(parsed)) throw new Error(`${datasetPath}:${at.line}: ${parsed.reason} (the file changed since it was indexed?)`);
      // Votes and verdicts as the pair view shows them: relative to the reviewer's label.
      pairs.push({ ord, pair: applyRelabelMarks(parsed.value, adapter.normalize(parsed.value)).pair });
    }
  } finally {
    await handle.close();
  }
  return pairs;
}

/** Judge verdicts from attached judge files (their own table, when the index has one). */
function readAttachedVerdicts(store: PairStore, judges: Map<string, Float64Array>, column: (raters: Map<string, Float64Array>, name: string) => Float64Array): void {
  const table = store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attached_critiques'").get();
  if (table === undefined) return;
  const inline = new Set(judges.keys());
  const rows = store.db
    .prepare('SELECT ord, judge, verdict FROM attached_critiques WHERE verdict IS NOT NULL')
    .raw(true)
    .iterate() as IterableIterator<[number, string, Verdict]>;
  for (const [ord, judge, verdict] of rows) {
    // Named as the review UI names them when an inline judge has the same name.
    const name = inline.has(judge) ? `${judge} (attached)` : judge;
    column(judges, name)[ord] = VERDICT_VALUE[verdict];
  }
}

function bestOfNLayout(pairs: { ord: number; pair: Pair }[], models: readonly string[]): BestOfNScores {
  const result: BestOfNScores = { ords: Uint32Array.from(pairs.map((p) => p.ord)), models: new Map() };
  for (const model of models) {
    const chosen = new Float64Array(pairs.length);
    const rejected: number[] = [];
    const offsets = new Uint32Array(pairs.length + 1);
    pairs.forEach(({ pair }, k) => {
      const score = pair.scores[model];
      chosen[k] = score === undefined ? Number.NaN : score.chosen;
      // One NaN marks an unscored item (bestOfNAccuracy counts it missing).
      if (score === undefined) rejected.push(Number.NaN);
      else rejected.push(...(score.rejectedAll ?? [score.rejected]));
      offsets[k + 1] = rejected.length;
    });
    result.models.set(model, { chosen, rejected: Float64Array.from(rejected), offsets });
  }
  return result;
}
