import { RecordShapeError, type FormatAdapter } from '../formats/formatAdapter.ts';
import type { BadRecord, RecordLocation } from '../pair.ts';
import { parseRecord } from '../reader/parseRecord.ts';
import { isBadRecord, type RawRecord, type ReaderItem } from '../reader/rawRecord.ts';
import type { RecordBytesBatch } from '../reader/readRecordBytes.ts';
import { applyRelabelMarks } from '../relabels/relabelMarks.ts';
import { summarizeMarkedPair, type PairSummary } from './pairSummary.ts';

/** Numbers kept per pair in `SummaryBatch.numbers`, at these positions. */
export const SummaryNumber = {
  label: 0,
  chosenLength: 1,
  rejectedLength: 2,
  scoredModels: 3,
  /** NaN when unscored. */
  mu: 4,
  /** NaN when unscored. */
  sigma: 5,
  votesPositive: 6,
  votesZero: 7,
  votesNegative: 8,
  flags: 9,
} as const;
export const SUMMARY_NUMBERS = 10;

/**
 * The summaries of one batch of records, column-wise: typed arrays a worker can transfer without
 * copying and the main thread reads without rebuilding an object per pair.
 */
export interface SummaryBatch {
  /** Good pairs, in file order. */
  count: number;
  lines: Float64Array;
  offsets: Float64Array;
  lengths: Float64Array;
  /**
   * Every pair's id (when it has one) and preview, back to back in one string: one string crosses
   * from a worker instead of thousands, and the main thread takes slices of it.
   */
  texts: string;
  /** Per pair: the id's length in `texts` (-1: no id), then the preview's. */
  textLengths: Int32Array;
  /** Subset names of this batch; `subsetIndex` refers to them (-1: no subset). */
  subsetNames: string[];
  subsetIndex: Int32Array;
  /** `SUMMARY_NUMBERS` per pair, see `SummaryNumber`. */
  numbers: Float64Array;
  /** Model names of this batch's scores; `scores` refers to them by position. */
  models: string[];
  /** Per pair: how many score triples it has in `scores`. */
  scoreCounts: Uint32Array;
  /** Triples (model position in `models`, chosen, rejected), pair after pair. */
  scores: Float64Array;
  /** Records that could not be read, parsed or normalized, in file order. */
  bad: BadRecord[];
  /** The batch's last item in file order, good or bad (where a later read resumes). */
  last: RecordLocation | null;
}

/** The buffers of a summary batch, for `postMessage`'s transfer list. */
export function summaryTransferList(batch: SummaryBatch): ArrayBuffer[] {
  return [batch.lines, batch.offsets, batch.lengths, batch.textLengths, batch.subsetIndex, batch.numbers, batch.scoreCounts, batch.scores].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/**
 * Parses, normalizes and summarizes a batch of decoded records: the CPU-heavy part of indexing,
 * kept free of I/O and SQLite so it can run on any thread. A record that fails any step becomes a
 * bad record with the reason.
 */
export function summarizeBatch(batch: readonly ReaderItem[], adapter: FormatAdapter): SummaryBatch {
  const builder = new SummaryBuilder(batch.length);
  for (const item of batch) {
    if (isBadRecord(item)) builder.addBad(item);
    else summarizeRecord(item, adapter, builder);
  }
  return builder.finish(batch[batch.length - 1] ?? null);
}

/** `summarizeBatch` for the reader's byte batches: decodes each record, then the same steps. */
export function summarizeBytes(batch: RecordBytesBatch, adapter: FormatAdapter): SummaryBatch {
  const builder = new SummaryBuilder(batch.count);
  // One Buffer over the batch, decoded record by record (the reader checked the bytes are UTF-8).
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  // Problems and records are kept apart in a byte batch; merged by offset, bad records stay in file order.
  let problem = 0;
  for (let i = 0; i < batch.count; i++) {
    const offset = batch.offsets[i]!;
    while (problem < batch.problems.length && batch.problems[problem]!.offset < offset) builder.addBad(batch.problems[problem++]!);
    const start = batch.starts[i]!;
    const end = batch.ends[i]!;
    summarizeRecord({ line: batch.lines[i]!, offset, length: end - start, text: bytes.toString('utf8', start, end) }, adapter, builder);
  }
  while (problem < batch.problems.length) builder.addBad(batch.problems[problem++]!);
  return builder.finish(batch.last);
}

function summarizeRecord(record: RawRecord, adapter: FormatAdapter, builder: SummaryBuilder): void {
  const parsed = parseRecord(record);
  if (isBadRecord(parsed)) {
    builder.addBad(parsed);
    return;
  }
  let summary: PairSummary;
  try {
    // Relabel marks a save wrote into the record count as the record's own label.
    summary = summarizeMarkedPair(applyRelabelMarks(parsed.value, adapter.normalize(parsed.value)));
  } catch (error) {
    if (!(error instanceof RecordShapeError)) throw error;
    builder.addBad({ line: record.line, offset: record.offset, length: record.length, reason: error.message });
    return;
  }
  builder.addPair(record, summary);
}

/** Fills the columns of a `SummaryBatch` pair by pair. */
class SummaryBuilder {
  readonly #lines: Float64Array;
  readonly #offsets: Float64Array;
  readonly #lengths: Float64Array;
  readonly #numbers: Float64Array;
  readonly #scoreCounts: Uint32Array;
  readonly #texts: string[] = [];
  readonly #textLengths: Int32Array;
  readonly #subsets = new Map<string, number>();
  readonly #subsetIndex: Int32Array;
  readonly #models = new Map<string, number>();
  readonly #scores: number[] = [];
  readonly #bad: BadRecord[] = [];
  #count = 0;

  /** @param capacity the most pairs the batch can have (its number of records) */
  constructor(capacity: number) {
    this.#lines = new Float64Array(capacity);
    this.#offsets = new Float64Array(capacity);
    this.#lengths = new Float64Array(capacity);
    this.#numbers = new Float64Array(capacity * SUMMARY_NUMBERS);
    this.#scoreCounts = new Uint32Array(capacity);
    this.#textLengths = new Int32Array(capacity * 2);
    this.#subsetIndex = new Int32Array(capacity);
  }

  addBad(bad: BadRecord): void {
    this.#bad.push(bad);
  }

  addPair(location: RecordLocation, summary: PairSummary): void {
    const i = this.#count++;
    this.#lines[i] = location.line;
    this.#offsets[i] = location.offset;
    this.#lengths[i] = location.length;
    if (summary.id === null) this.#textLengths[2 * i] = -1;
    else {
      this.#texts.push(summary.id);
      this.#textLengths[2 * i] = summary.id.length;
    }
    this.#texts.push(summary.preview);
    this.#textLengths[2 * i + 1] = summary.preview.length;
    let subset = -1;
    if (summary.subset !== null) {
      subset = this.#subsets.get(summary.subset) ?? this.#subsets.size;
      if (subset === this.#subsets.size) this.#subsets.set(summary.subset, subset);
    }
    this.#subsetIndex[i] = subset;
    const numbers = this.#numbers;
    const at = i * SUMMARY_NUMBERS;
    numbers[at + SummaryNumber.label] = summary.label;
    numbers[at + SummaryNumber.chosenLength] = summary.chosenLength;
    numbers[at + SummaryNumber.rejectedLength] = summary.rejectedLength;
    numbers[at + SummaryNumber.scoredModels] = summary.scoredModels;
    numbers[at + SummaryNumber.mu] = summary.mu ?? Number.NaN;
    numbers[at + SummaryNumber.sigma] = summary.sigma ?? Number.NaN;
    numbers[at + SummaryNumber.votesPositive] = summary.votesPositive;
    numbers[at + SummaryNumber.votesZero] = summary.votesZero;
    numbers[at + SummaryNumber.votesNegative] = summary.votesNegative;
    numbers[at + SummaryNumber.flags] = summary.flags;
    this.#scoreCounts[i] = summary.scores.length;
    for (const [model, chosen, rejected] of summary.scores) {
      let position = this.#models.get(model);
      if (position === undefined) {
        position = this.#models.size;
        this.#models.set(model, position);
      }
      this.#scores.push(position, chosen, rejected);
    }
  }

  finish(last: RecordLocation | null): SummaryBatch {
    const count = this.#count;
    return {
      count,
      // Copies trimmed to the pairs written, so a transfer sends no unused space.
      lines: this.#lines.slice(0, count),
      offsets: this.#offsets.slice(0, count),
      lengths: this.#lengths.slice(0, count),
      texts: this.#texts.join(''),
      textLengths: this.#textLengths.slice(0, 2 * count),
      subsetNames: [...this.#subsets.keys()],
      subsetIndex: this.#subsetIndex.slice(0, count),
      numbers: this.#numbers.slice(0, count * SUMMARY_NUMBERS),
      models: [...this.#models.keys()],
      scoreCounts: this.#scoreCounts.slice(0, count),
      scores: Float64Array.from(this.#scores),
      bad: this.#bad,
      last: last === null ? null : { line: last.line, offset: last.offset, length: last.length },
    };
  }
}
