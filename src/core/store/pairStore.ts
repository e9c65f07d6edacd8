import Database from 'better-sqlite3';
import type { BadRecord, RecordLocation } from '../pair.ts';
import { preparedOnce } from './preparedOnce.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { nativeBindingOptions } from './sqliteBinding.ts';
import { readSwapped, swapColumns } from './swappedScores.ts';

/** What the index knows about the file it was built from; decides reuse, append or rebuild. */
export interface IndexMeta {
  schemaVersion: number;
  datasetPath: string;
  fileKind: 'jsonl' | 'json-array' | 'empty';
  size: number;
  mtimeMs: number;
  fingerprint: string;
  /** Bytes of the file covered by the index (a file that only grew is indexed from here). */
  indexedBytes: number;
  /** Where reading resumes when the file grows: just after the last record, on that record's line. */
  resumeOffset: number;
  resumeLine: number;
  format: string;
  formatSummary: string;
  /** The mapping file the index was built with ('' when the format was recognised on its own). */
  mappingPath: string;
  indexedAt: string;
}

/** One row of the pair list: what the index derives from a record without keeping its text. */
export interface PairRow extends RecordLocation {
  ord: number;
  id: string | null;
  subset: string | null;
  preview: string;
  label: 1 | 0;
  chosenLength: number;
  rejectedLength: number;
  lengthDiff: number;
  scoredModels: number;
  mu: number | null;
  sigma: number | null;
  votesPositive: number;
  votesZero: number;
  votesNegative: number;
  misrankedMask: number;
  flags: number;
}

/** A `pairs` row as SQLite returns it (snake_case columns). */
export interface PairRowSql {
  ord: number; line: number; offset: number; length: number; id: string | null; subset: string | null;
  preview: string; label: number; chosen_len: number; rejected_len: number; len_diff: number;
  n_scored: number; mu: number | null; sigma: number | null; votes_pos: number; votes_zero: number;
  votes_neg: number; misranked: number; flags: number;
}

/** The `located_pairs` columns a PairRow is made from, in the order of PairRowSql (read them from that view: it has the offsets). */
export const PAIR_COLUMNS = `ord, line, offset, length, id, subset, preview, label, chosen_len, rejected_len,
  len_diff, n_scored, mu, sigma, votes_pos, votes_zero, votes_neg, misranked, flags`;

export function toPairRow(row: PairRowSql): PairRow {
  return {
    ord: row.ord, line: row.line, offset: row.offset, length: row.length, id: row.id, subset: row.subset,
    preview: row.preview, label: row.label === 0 ? 0 : 1, chosenLength: row.chosen_len,
    rejectedLength: row.rejected_len, lengthDiff: row.len_diff, scoredModels: row.n_scored, mu: row.mu,
    sigma: row.sigma, votesPositive: row.votes_pos, votesZero: row.votes_zero, votesNegative: row.votes_neg,
    misrankedMask: row.misranked, flags: row.flags,
  };
}

/** Opens a database file with the native addon the current bundle carries. */
export function openDatabase(path: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Database.Database {
  return new Database(path, { ...options, ...nativeBindingOptions() });
}

/** Read access to a finished index. */
export class PairStore {
  readonly db: Database.Database;

  /** Statements are prepared once per store (see preparedOnce.ts). */
  private readonly statement: (sql: string) => Database.Statement;

  private constructor(db: Database.Database) {
    this.db = db;
    this.statement = preparedOnce(db);
  }

  /** Opens an existing index; returns null when it is missing, unreadable or of another schema. */
  static openExisting(dbPath: string): PairStore | null {
    let db: Database.Database;
    try {
      db = openDatabase(dbPath, { fileMustExist: true });
    } catch {
      return null;
    }
    const store = new PairStore(db);
    try {
      if (store.meta()?.schemaVersion === SCHEMA_VERSION) return store;
    } catch {
      // Not our database, or a damaged one: the caller rebuilds it.
    }
    db.close();
    return null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  meta(): IndexMeta | null {
    const rows = this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    if (rows.length === 0) return null;
    const values = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return {
      schemaVersion: Number(values.schemaVersion),
      datasetPath: values.datasetPath ?? '',
      fileKind: (values.fileKind ?? 'jsonl') as IndexMeta['fileKind'],
      size: Number(values.size),
      mtimeMs: Number(values.mtimeMs),
      fingerprint: values.fingerprint ?? '',
      indexedBytes: Number(values.indexedBytes),
      resumeOffset: Number(values.resumeOffset),
      resumeLine: Number(values.resumeLine),
      format: values.format ?? '',
      formatSummary: values.formatSummary ?? '',
      mappingPath: values.mappingPath ?? '',
      indexedAt: values.indexedAt ?? '',
    };
  }

  pairCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;
  }

  badRecordCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM bad_records').get() as { n: number }).n;
  }

  /** Bad records in line order, at most `limit` of them. */
  badRecords(limit = 100): BadRecord[] {
    return this.db
      .prepare('SELECT line, offset, length, reason FROM bad_records ORDER BY line LIMIT ?')
      .all(limit) as BadRecord[];
  }

  modelNames(): string[] {
    return (this.db.prepare('SELECT name FROM models ORDER BY idx').all() as { name: string }[]).map((r) => r.name);
  }

  pairByOrd(ord: number): PairRow | null {
    const row = this.statement(`SELECT ${PAIR_COLUMNS} FROM located_pairs WHERE ord = ?`).get(ord) as PairRowSql | undefined;
    return row ? toPairRow(row) : null;
  }

  /** Where a pair's record is in the file: all that reading it back needs. */
  recordLocation(ord: number): RecordLocation | null {
    const row = this.statement('SELECT line, offset, length FROM located_pairs WHERE ord = ?').get(ord) as RecordLocation | undefined;
    return row ?? null;
  }

  pairByLine(line: number): PairRow | null {
    const row = this.statement(`SELECT ${PAIR_COLUMNS} FROM located_pairs WHERE line = ? ORDER BY ord LIMIT 1`).get(line) as PairRowSql | undefined;
    return row ? toPairRow(row) : null;
  }

  pairById(id: string): PairRow | null {
    const row = this.statement(`SELECT ${PAIR_COLUMNS} FROM located_pairs WHERE id = ? ORDER BY ord LIMIT 1`).get(id) as
      | PairRowSql
      | undefined;
    return row ? toPairRow(row) : null;
  }

  /** Rows in file order starting after `afterOrd` (keyset pagination: cost does not grow with depth). */
  pageInFileOrder(afterOrd: number, limit: number): PairRow[] {
    const rows = this.db
      .prepare(`SELECT ${PAIR_COLUMNS} FROM located_pairs WHERE ord > ? ORDER BY ord LIMIT ?`)
      .all(afterOrd, limit) as PairRowSql[];
    return rows.map(toPairRow);
  }

  /**
   * One model's scores, each side indexed by ord (NaN where unscored), with the pairs a flip
   * swapped read the right way round. Pass `pairs` when known: counting costs a scan.
   */
  scoreColumns(model: number, pairs = this.pairCount()): { chosen: Float64Array; rejected: Float64Array } {
    const chosen = this.storedColumn(model, 'chosen', pairs);
    const rejected = this.storedColumn(model, 'rejected', pairs);
    const swapped = readSwapped(this.db);
    if (swapped.length > 0) swapColumns(chosen, rejected, swapped);
    return { chosen, rejected };
  }

  /** A score column as the chunks hold it, before the swapped pairs trade sides. */
  private storedColumn(model: number, side: 'chosen' | 'rejected', pairs: number): Float64Array {
    const column = new Float64Array(pairs);
    const chunks = this.db
      .prepare('SELECT start_ord, data FROM score_chunks WHERE model = ? AND side = ? ORDER BY start_ord')
      .iterate(model, side) as IterableIterator<{ start_ord: number; data: Buffer }>;
    // Only the ords no chunk covers are filled with NaN: a report reads ten columns of a million.
    let covered = 0;
    for (const chunk of chunks) {
      const data = chunk.data;
      // A blob's bytes need not be 8-byte aligned; a copy through a fresh Uint8Array always is.
      const values = data.byteOffset % 8 === 0
        ? new Float64Array(data.buffer, data.byteOffset, data.byteLength / 8)
        : new Float64Array(new Uint8Array(data).buffer);
      if (chunk.start_ord > covered) column.fill(Number.NaN, covered, chunk.start_ord);
      column.set(values.subarray(0, Math.max(0, Math.min(values.length, pairs - chunk.start_ord))), chunk.start_ord);
      covered = Math.max(covered, chunk.start_ord + values.length);
    }
    if (covered < pairs) column.fill(Number.NaN, covered);
    return column;
  }

  /**
   * Per pair (by ord), what the reports read besides scores: label, subset, flags and length
   * difference. One table scan that returns one number per row: a row array per pair costs several
   * times the scan at a million pairs. Subsets are coded by ascending name, null first.
   *
   * @param headRows rows whose subsets are coded in SQL (a parameter for tests).
   */
  reportColumns(headRows = HEAD_ROWS): ReportColumnsData {
    // The subsets of the first rows are usually all of them: coding those in SQL saves a scan for
    // DISTINCT. A subset first seen later gets one code here and its name from a second query.
    const head = (this.db.prepare(`SELECT DISTINCT subset FROM (SELECT subset FROM pairs ORDER BY ord LIMIT ${headRows})`).pluck().all() as (string | null)[])
      .filter((name): name is string => name !== null);
    const inSql = head.length <= MAX_CASE_SUBSETS ? head : [];
    // Code 0: no subset; 1…k: the head's subsets; k + 1: any other.
    const later = inSql.length + 1;
    const groups = inSql.length + 2;
    const code = inSql.length > 0
      ? `CASE subset ${inSql.map((_, i) => `WHEN ? THEN ${i + 1}`).join(' ')} ELSE (subset IS NOT NULL) * ${later} END`
      : `(subset IS NOT NULL) * ${later}`;
    // ((len_diff·2 + label)·256 + flags)·groups + code: exact in a double while |len_diff|·groups < 2^44.
    const packed = this.db
      .prepare(`SELECT ((len_diff * 2 + (label <> 0)) * 256 + (flags & 255)) * ${groups} + ${code} FROM pairs ORDER BY ord`)
      .pluck()
      .all(...inSql) as number[];
    // Ords run from 0 without gaps, so the rows are the pairs (and counting them would be a scan more).
    const pairs = packed.length;
    const label = new Uint8Array(pairs);
    const subsetCode = new Uint32Array(pairs);
    const flags = new Uint8Array(pairs);
    const lengthDiff = new Float64Array(pairs);
    let laterSeen = false;
    let nullSeen = false;
    for (let ord = 0; ord < pairs; ord++) {
      const value = packed[ord]!;
      const rest = Math.floor(value / groups);
      const withLabel = Math.floor(rest / 256);
      const diff = Math.floor(withLabel / 2);
      const c = value - rest * groups;
      subsetCode[ord] = c;
      laterSeen ||= c === later;
      nullSeen ||= c === 0;
      flags[ord] = rest - withLabel * 256;
      label[ord] = withLabel - diff * 2;
      lengthDiff[ord] = diff;
    }
    const names = [...inSql];
    if (laterSeen) {
      const known = new Map(inSql.map((name, i) => [name, i + 1]));
      const rows = this.db
        .prepare(`SELECT ord, subset FROM pairs WHERE subset IS NOT NULL${inSql.length > 0 ? ` AND subset NOT IN (${inSql.map(() => '?').join(', ')})` : ''}`)
        .raw(true)
        .iterate(...inSql) as IterableIterator<[number, string]>;
      for (const [ord, name] of rows) {
        let c = known.get(name);
        if (c === undefined) {
          names.push(name);
          c = names.length;
          known.set(name, c);
        }
        subsetCode[ord] = c;
      }
    }
    // Codes so far follow first appearance (0 = none); renumber them in name order.
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const subsets: (string | null)[] = nullSeen ? [null, ...sorted] : sorted;
    const offset = nullSeen ? 1 : 0;
    const rank = new Map(sorted.map((name, i) => [name, i + offset]));
    const renumber = Uint32Array.from([0, ...names.map((name) => rank.get(name)!)]);
    for (let ord = 0; ord < pairs; ord++) subsetCode[ord] = renumber[subsetCode[ord]!]!;
    return { pairs, label, subsetCode, subsets, flags, lengthDiff };
  }
}

/** Rows whose subsets are coded in SQL (see reportColumns). */
const HEAD_ROWS = 65_536;
/** More distinct subsets than this in the first rows are read as names rather than coded in SQL. */
const MAX_CASE_SUBSETS = 256;

/** See {@link PairStore.reportColumns}; every array has one entry per pair, by ord. */
export interface ReportColumnsData {
  pairs: number;
  /** 1: chosen preferred, 0: human-labelled tie. */
  label: Uint8Array;
  /** Index into `subsets`. */
  subsetCode: Uint32Array;
  /** Distinct subset names, ascending by UTF-16 code units, null (no subset) first. */
  subsets: (string | null)[];
  /** PairFlag bits (the low eight). */
  flags: Uint8Array;
  /** chosen_len − rejected_len, in characters. */
  lengthDiff: Float64Array;
}
