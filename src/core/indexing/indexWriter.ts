import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openDatabase, type IndexMeta } from '../store/pairStore.ts';
import { endShiftsBefore } from '../store/offsetShifts.ts';
import { CREATE_INDEXES, CREATE_TABLES } from '../store/schema.ts';
import { SUMMARY_NUMBERS, SummaryNumber, type SummaryBatch } from './summarizeBatch.ts';

/** Pairs per score chunk: 512 KiB per model and side. */
const SCORE_CHUNK = 65536;

/** Page cache during the bulk load and while the indexes are built (KiB). */
const LOAD_CACHE_KIB = 2 * 1024;
const INDEX_BUILD_CACHE_KIB = 16 * 1024;

/** Rows per INSERT statement in bulk: one call binds many rows, which is most of the speed-up. */
const ROWS_PER_INSERT = 32;

const PAIR_COLUMNS = `ord, line, base_offset, length, id, subset, preview, label, chosen_len, rejected_len, len_diff,
  n_scored, mu, sigma, votes_pos, votes_zero, votes_neg, misranked, flags`;
const PAIR_COLUMN_COUNT = 19;

function insertPairsSql(rows: number): string {
  const row = `(${new Array<string>(PAIR_COLUMN_COUNT).fill('?').join(', ')})`;
  return `INSERT INTO pairs (${PAIR_COLUMNS}) VALUES ${new Array<string>(rows).fill(row).join(', ')}`;
}

/**
 * Writes an index: a fresh one into a temporary file (renamed over the old index only when complete,
 * so a cancelled or failed run never replaces a good one), or an append to an existing one. Either
 * is one transaction: committing batch by batch costs a sixth of the writing and protects nothing
 * (an unfinished fresh index is deleted, an unfinished append rolled back).
 */
export class IndexWriter {
  private readonly db: Database.Database;
  private readonly path: string;
  private readonly fresh: boolean;
  private readonly insertPairs: Database.Statement;
  private readonly insertPair: Database.Statement;
  private readonly insertBad: Database.Statement;
  private readonly insertChunk: Database.Statement;
  private readonly insertModel: Database.Statement;
  /** Parameters of one bulk INSERT, reused: a fresh array per statement would be garbage per row. */
  private readonly params: (number | string | null)[] = new Array<number | string | null>(ROWS_PER_INSERT * PAIR_COLUMN_COUNT);
  private readonly models = new Map<string, number>();
  private nextOrd: number;
  private chunkStart: number;
  /** The chunk being filled, per model and side: index `2 * model` (chosen) and `2 * model + 1` (rejected). */
  private chunks: (Float64Array | undefined)[] = [];
  private pairs = 0;
  private bad = 0;

  private constructor(db: Database.Database, path: string, fresh: boolean) {
    this.db = db;
    this.path = path;
    this.fresh = fresh;
    this.insertPairs = db.prepare(insertPairsSql(ROWS_PER_INSERT));
    this.insertPair = db.prepare(insertPairsSql(1));
    this.insertBad = db.prepare('INSERT INTO bad_records (line, offset, length, reason) VALUES (?, ?, ?, ?)');
    this.insertChunk = db.prepare('INSERT OR REPLACE INTO score_chunks (model, side, start_ord, data) VALUES (?, ?, ?, ?)');
    this.insertModel = db.prepare('INSERT INTO models (idx, name) VALUES (?, ?)');
    for (const row of db.prepare('SELECT idx, name FROM models').all() as { idx: number; name: string }[]) {
      this.models.set(row.name, row.idx);
    }
    this.nextOrd = (db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM pairs').get() as { n: number }).n;
    this.chunkStart = this.nextOrd;
  }

  /** A new index at `tempPath` (any file there is replaced). */
  static createFresh(tempPath: string): IndexWriter {
    removeDatabaseFiles(tempPath);
    const db = openDatabase(tempPath);
    // Nothing to protect until the rename: a crash leaves only a temporary file.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // Rows are appended in key order: a few pages of cache do, and the default 16 MB would only
    // add to the peak memory while the workers run.
    db.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
    db.exec(CREATE_TABLES);
    const writer = new IndexWriter(db, tempPath, true);
    db.exec('BEGIN');
    return writer;
  }

  /** Appends to the index at `dbPath`; nothing is visible to readers until `finish`. */
  static appendTo(dbPath: string): IndexWriter {
    const db = openDatabase(dbPath, { fileMustExist: true });
    const writer = new IndexWriter(db, dbPath, false);
    db.exec('BEGIN IMMEDIATE');
    try {
      endShiftsBefore(db, writer.nextOrd);
    } catch (error) {
      writer.abort();
      throw error;
    }
    return writer;
  }

  get pairCount(): number {
    return this.pairs;
  }

  get badRecordCount(): number {
    return this.bad;
  }

  /** Adds a batch of summaries. */
  addBatch(batch: SummaryBatch): void {
    this.write(batch);
  }

  /** Writes the remaining scores, the indexes and the meta; the index is complete after this. */
  finish(meta: IndexMeta): void {
    this.flushChunks();
    if (this.fresh) {
      this.db.exec('COMMIT');
      // Building the indexes sorts every row, in memory up to about twice the cache: 16 MiB keeps
      // most of a million rows' sort in memory without raising the indexer's peak memory (the
      // workers' memory is not all returned to the system when they stop).
      this.db.pragma(`cache_size = -${INDEX_BUILD_CACHE_KIB}`);
      this.db.exec(CREATE_INDEXES);
      this.db.exec('BEGIN');
    }
    // The meta last: an index without it is never opened as a finished one.
    const setMeta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(meta)) setMeta.run(key, String(value));
    this.db.exec('COMMIT');
    this.db.close();
  }

  /** Abandons the work: a fresh index's temporary file is deleted, an append rolled back. */
  abort(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
    if (this.fresh) removeDatabaseFiles(this.path);
  }

  private write(batch: SummaryBatch): void {
    for (const bad of batch.bad) this.insertBad.run(bad.line, bad.offset, bad.length, bad.reason);
    this.bad += batch.bad.length;
    const models = batch.models.map((name) => this.modelIndex(name));
    const { numbers, scoreCounts, scores, texts, textLengths, subsetIndex } = batch;
    let textAt = 0;
    const params = this.params;
    let rowsInParams = 0;
    let score = 0;
    for (let i = 0; i < batch.count; i++) {
      if (this.nextOrd - this.chunkStart >= SCORE_CHUNK) this.flushChunks();
      const ord = this.nextOrd++;
      const slot = ord - this.chunkStart;
      let misranked = 0;
      for (let end = score + 3 * scoreCounts[i]!; score < end; score += 3) {
        const model = models[scores[score]!]!;
        const chosen = scores[score + 1]!;
        const rejected = scores[score + 2]!;
        if (chosen - rejected <= 0 && model < 53) misranked += 2 ** model;
        this.chunk(2 * model)[slot] = chosen;
        this.chunk(2 * model + 1)[slot] = rejected;
      }
      const n = i * SUMMARY_NUMBERS;
      const chosenLength = numbers[n + SummaryNumber.chosenLength]!;
      const rejectedLength = numbers[n + SummaryNumber.rejectedLength]!;
      const mu = numbers[n + SummaryNumber.mu]!;
      const sigma = numbers[n + SummaryNumber.sigma]!;
      let p = rowsInParams * PAIR_COLUMN_COUNT;
      params[p++] = ord;
      params[p++] = batch.lines[i]!;
      params[p++] = batch.offsets[i]!;
      params[p++] = batch.lengths[i]!;
      const idLength = textLengths[2 * i]!;
      params[p++] = idLength < 0 ? null : texts.slice(textAt, (textAt += idLength));
      const subset = subsetIndex[i]!;
      params[p++] = subset < 0 ? null : batch.subsetNames[subset]!;
      params[p++] = texts.slice(textAt, (textAt += textLengths[2 * i + 1]!));
      params[p++] = numbers[n + SummaryNumber.label]!;
      params[p++] = chosenLength;
      params[p++] = rejectedLength;
      params[p++] = chosenLength - rejectedLength;
      params[p++] = numbers[n + SummaryNumber.scoredModels]!;
      params[p++] = Number.isNaN(mu) ? null : mu;
      params[p++] = Number.isNaN(sigma) ? null : sigma;
      params[p++] = numbers[n + SummaryNumber.votesPositive]!;
      params[p++] = numbers[n + SummaryNumber.votesZero]!;
      params[p++] = numbers[n + SummaryNumber.votesNegative]!;
      params[p++] = misranked;
      params[p++] = numbers[n + SummaryNumber.flags]!;
      if (++rowsInParams === ROWS_PER_INSERT) {
        // Spread, not the array: better-sqlite3 binds arguments faster than array elements.
        this.insertPairs.run(...params);
        rowsInParams = 0;
      }
    }
    for (let row = 0; row < rowsInParams; row++) {
      this.insertPair.run(params.slice(row * PAIR_COLUMN_COUNT, (row + 1) * PAIR_COLUMN_COUNT));
    }
    this.pairs += batch.count;
  }

  private modelIndex(name: string): number {
    let idx = this.models.get(name);
    if (idx === undefined) {
      idx = this.models.size;
      this.models.set(name, idx);
      this.insertModel.run(idx, name);
    }
    return idx;
  }

  private chunk(index: number): Float64Array {
    let chunk = this.chunks[index];
    if (!chunk) {
      chunk = new Float64Array(SCORE_CHUNK).fill(Number.NaN);
      this.chunks[index] = chunk;
    }
    return chunk;
  }

  /** Writes the chunk being filled and starts the next one. */
  private flushChunks(): void {
    const used = this.nextOrd - this.chunkStart;
    if (used > 0) {
      this.chunks.forEach((chunk, index) => {
        if (!chunk) return;
        const side = index % 2 === 0 ? 'chosen' : 'rejected';
        this.insertChunk.run(index >> 1, side, this.chunkStart, Buffer.from(chunk.buffer, 0, used * 8));
      });
    }
    this.chunks = [];
    this.chunkStart = this.nextOrd;
  }
}

/** Removes a database file and the journal files SQLite may have left beside it. */
export function removeDatabaseFiles(path: string): void {
  rmSync(path, { force: true });
  removeJournalFiles(path);
}

/** Journal files belong to one database file: one left beside a replaced database would corrupt it. */
export function removeJournalFiles(path: string): void {
  for (const suffix of ['-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
