import type Database from 'better-sqlite3';
import { reviewStatusColumn, type ReviewStatusSource } from './reviewStatus.ts';

/**
 * Columns of the `pairs` table held in memory as typed arrays indexed by ord, for the list's sorts
 * and filters. Sorting and filtering a million pairs in SQLite would need an index per sort key
 * (each costing build time the indexer cannot spare) or a full sort per request; typed arrays
 * cost one table scan per column, once, and then every sort, filter and page is a loop.
 *
 * Ords are 0…N−1 without gaps (the index writer numbers them), so position = ord.
 */

export type NumericArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

interface NumericColumnSpec {
  /** An SQL expression over one `pairs` row. */
  sql: string;
  /** NULL is stored as NaN, so nullable columns must be Float64. */
  create: (length: number) => NumericArray;
}

/**
 * The numeric columns. `misranked` is a bitmask of up to 53 bits: Float64 holds it exactly.
 * A new column of `pairs` is one more entry here (review status is not one: see `statusColumn`).
 */
const NUMERIC_COLUMNS = {
  mu: { sql: 'mu', create: (n) => new Float64Array(n) },
  sigma: { sql: 'sigma', create: (n) => new Float64Array(n) },
  lengthDiff: { sql: 'len_diff', create: (n) => new Int32Array(n) },
  misranked: { sql: 'misranked', create: (n) => new Float64Array(n) },
  votesPositive: { sql: 'votes_pos', create: (n) => new Uint16Array(n) },
  votesNegative: { sql: 'votes_neg', create: (n) => new Uint16Array(n) },
  scoredModels: { sql: 'n_scored', create: (n) => new Uint16Array(n) },
  label: { sql: 'label', create: (n) => new Uint8Array(n) },
  flags: { sql: 'flags', create: (n) => new Uint32Array(n) },
} satisfies Record<string, NumericColumnSpec>;

export type NumericColumnName = keyof typeof NUMERIC_COLUMNS;

const TEXT_COLUMNS = { id: 'id', subset: 'subset', preview: 'preview' } as const;

export type TextColumnName = keyof typeof TEXT_COLUMNS;

/**
 * Text columns kept once loaded: subsets have few distinct values and filters use them. Ids and
 * previews are needed only while a sort is built, and can be as large as a million distinct strings.
 */
const KEPT_TEXT_COLUMNS: ReadonlySet<TextColumnName> = new Set(['subset']);

/** A text column as codes into its distinct values: subsets repeat, and codes compare fast. */
export interface TextColumn {
  /** Per ord, an index into `values`, or {@link NO_TEXT} for NULL. */
  codes: Uint32Array;
  /** The distinct values, in order of first appearance. */
  values: string[];
}

export const NO_TEXT = 0xffffffff;

/** Rows read per statement: small enough that the host stays responsive between chunks. */
const CHUNK_ROWS = 65536;

/** Loads columns on demand and keeps them; one instance per state of the `pairs` table. */
export class PairColumns {
  readonly pairCount: number;
  private readonly db: Database.Database;
  private readonly numeric = new Map<NumericColumnName, Promise<NumericArray>>();
  private readonly text = new Map<TextColumnName, Promise<TextColumn>>();
  private readonly loadedBytes = new Map<string, number>();
  private readonly statusSource: () => ReviewStatusSource | null;
  private status: Float64Array | undefined;
  private prefetched = false;

  /** `statusSource` is asked each time the status column is needed after a change. */
  constructor(db: Database.Database, pairCount: number, statusSource: () => ReviewStatusSource | null = () => null) {
    this.db = db;
    this.pairCount = pairCount;
    this.statusSource = statusSource;
  }

  /** Bytes held by the kept columns (text columns count their codes only). */
  get bytes(): number {
    let sum = 0;
    for (const bytes of this.loadedBytes.values()) sum += bytes;
    return sum;
  }

  /** Drops the named columns (their data changed); they load again when next needed. */
  forget(names: readonly string[]): void {
    for (const name of names) {
      this.numeric.delete(name as NumericColumnName);
      this.text.delete(name as TextColumnName);
      this.loadedBytes.delete(name);
      if (name === 'status') this.status = undefined;
    }
  }

  /**
   * Review status per ord (`reviewStatus.ts`): from the registered source, not the `pairs` table,
   * kept until `forget(['status'])`.
   */
  statusColumn(): Float64Array {
    if (!this.status) {
      this.status = reviewStatusColumn(this.statusSource(), this.pairCount);
      this.loadedBytes.set('status', this.status.byteLength);
    }
    return this.status;
  }

  /** The columns, loading the missing ones in one table scan. */
  async numericColumns<N extends NumericColumnName>(names: readonly N[]): Promise<Record<N, NumericArray>> {
    const missing = [...new Set(names)].filter((name) => !this.numeric.has(name));
    if (missing.length > 0) {
      const loading = this.loadNumeric(missing);
      // A failed load (a closed database, say) must not stay cached.
      loading.catch(() => this.forget(missing));
      missing.forEach((name, i) =>
        this.numeric.set(
          name,
          loading.then((columns) => {
            this.loadedBytes.set(name, columns[i]!.byteLength);
            return columns[i]!;
          }),
        ),
      );
    }
    const out = {} as Record<N, NumericArray>;
    for (const name of names) out[name] = await this.numeric.get(name)!;
    this.prefetchNumeric();
    return out;
  }

  /**
   * Once one numeric column was needed, the others soon will be (the next filter or sort): they are
   * loaded in the background, in one scan, which costs about what two single-column scans do.
   */
  private prefetchNumeric(): void {
    if (this.prefetched) return;
    this.prefetched = true;
    const rest = (Object.keys(NUMERIC_COLUMNS) as NumericColumnName[]).filter((name) => !this.numeric.has(name));
    if (rest.length > 0) this.numericColumns(rest).catch(() => undefined);
  }

  async textColumn(name: TextColumnName): Promise<TextColumn> {
    if (!KEPT_TEXT_COLUMNS.has(name)) return this.loadText(name);
    let column = this.text.get(name);
    if (!column) {
      column = this.loadText(name).then((loaded) => {
        this.loadedBytes.set(name, loaded.codes.byteLength);
        return loaded;
      });
      this.text.set(name, column);
    }
    return column;
  }

  private async loadNumeric(names: NumericColumnName[]): Promise<NumericArray[]> {
    const specs = names.map((name) => NUMERIC_COLUMNS[name] as NumericColumnSpec);
    const columns = specs.map((spec) => spec.create(this.pairCount));
    const statement = this.db.prepare(`SELECT ${specs.map((spec) => spec.sql).join(', ')} FROM pairs WHERE ord >= ? AND ord < ? ORDER BY ord`);
    // One column comes back as plain values: an array per row would cost more than the scan.
    const single = columns.length === 1;
    const select = single ? statement.pluck() : statement.raw();
    for (let start = 0; start < this.pairCount; start += CHUNK_ROWS) {
      const rows = select.all(start, start + CHUNK_ROWS) as unknown[];
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        for (let j = 0; j < rows.length; j++) {
          const value = (single ? rows[j] : (rows[j] as unknown[])[c]) as number | null;
          column[start + j] = value === null ? Number.NaN : value;
        }
      }
      await yieldToEventLoop();
    }
    return columns;
  }

  private async loadText(name: TextColumnName): Promise<TextColumn> {
    const codes = new Uint32Array(this.pairCount);
    const values: string[] = [];
    const codeOf = new Map<string, number>();
    const select = this.db.prepare(`SELECT ${TEXT_COLUMNS[name]} FROM pairs WHERE ord >= ? AND ord < ? ORDER BY ord`).pluck();
    for (let start = 0; start < this.pairCount; start += CHUNK_ROWS) {
      const rows = select.all(start, start + CHUNK_ROWS) as (string | null)[];
      for (let j = 0; j < rows.length; j++) {
        const value = rows[j];
        if (value === null || value === undefined) {
          codes[start + j] = NO_TEXT;
          continue;
        }
        let code = codeOf.get(value);
        if (code === undefined) {
          code = values.length;
          values.push(value);
          codeOf.set(value, code);
        }
        codes[start + j] = code;
      }
      await yieldToEventLoop();
    }
    return { codes, values };
  }
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
