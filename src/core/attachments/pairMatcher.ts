/**
 * Finds the pair an attachment record belongs to: by the dataset's id, or by position among the
 * dataset's records (bad records count: they hold a place in the file the attachment mirrors).
 */
import type Database from 'better-sqlite3';
import type { JoinKey } from './attachmentTypes.ts';

export type PairMatch = { ord: number; note?: string } | { problem: string };

/** Ids looked up per query: one query per id costs more than the lookup itself. */
const IDS_PER_QUERY = 500;

export class PairMatcher {
  private readonly db: Database.Database;
  private readonly byIds: Database.Statement;
  /** The first two ords of each id resolved by `resolveIds` (two: a second one is reported). */
  private readonly ords = new Map<string, number[]>();
  /** Dataset record position → ord, or -1 for a bad record; built on first use. */
  private positions: Int32Array | undefined;
  private badLines: Map<number, number> | undefined;

  constructor(db: Database.Database) {
    this.db = db;
    // Only id and ord: the id index covers them, so a lookup never reads the (large) pair rows.
    this.byIds = db.prepare(`SELECT id, ord FROM pairs WHERE id IN (${Array(IDS_PER_QUERY).fill('?').join(', ')}) ORDER BY ord`).raw();
  }

  /** Looks up the pairs of these keys' ids at once; `match` then answers from memory. */
  resolveIds(keys: readonly JoinKey[]): void {
    this.ords.clear();
    const ids = [...new Set(keys.flatMap((key) => (key.by === 'id' ? [key.id] : [])))];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + IDS_PER_QUERY);
      // Unused placeholders bind to NULL, which matches no id.
      const values = [...chunk, ...Array<null>(IDS_PER_QUERY - chunk.length).fill(null)];
      for (const [id, ord] of this.byIds.all(...values) as [string, number][]) {
        const list = this.ords.get(id);
        if (!list) this.ords.set(id, [ord]);
        else if (list.length < 2) list.push(ord);
      }
    }
  }

  match(key: JoinKey): PairMatch {
    if (key.by === 'id') {
      const [first, second] = this.ords.get(key.id) ?? [];
      if (first === undefined) return { problem: `no pair with id ${key.id}` };
      if (second !== undefined) {
        const lines = this.db.prepare('SELECT line FROM pairs WHERE ord IN (?, ?) ORDER BY ord').pluck().all(first, second) as number[];
        return { ord: first, note: `id ${key.id} names several pairs (lines ${lines.join(', ')}…); attached to line ${lines[0]}` };
      }
      return { ord: first };
    }
    const position = key.by === 'index' ? key.index : key.position;
    const positions = this.recordPositions();
    if (position >= positions.length) {
      const what = key.by === 'index' ? `record index ${position}` : `record ${position + 1}`;
      return { problem: `${what} has no pair: the dataset has ${positions.length} records` };
    }
    const ord = positions[position] as number;
    if (ord < 0) return { problem: `the dataset's record ${position + 1} (line ${this.badLines?.get(position)}) is a bad record` };
    return { ord };
  }

  private recordPositions(): Int32Array {
    if (this.positions) return this.positions;
    const pairs = (this.db.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;
    const bad = this.db.prepare('SELECT line, offset FROM bad_records ORDER BY offset').all() as { line: number; offset: number }[];
    const positions = new Int32Array(pairs + bad.length);
    this.badLines = new Map();
    if (bad.length === 0) {
      for (let k = 0; k < pairs; k++) positions[k] = k;
    } else {
      // Merge pairs and bad records by file offset: their order in the file is the record order.
      const offsets = this.db.prepare('SELECT ord, offset FROM located_pairs ORDER BY ord').iterate() as IterableIterator<{ ord: number; offset: number }>;
      let b = 0;
      let k = 0;
      for (const pair of offsets) {
        while (b < bad.length && (bad[b] as { offset: number }).offset < pair.offset) {
          this.badLines.set(k, (bad[b] as { line: number }).line);
          positions[k++] = -1;
          b++;
        }
        positions[k++] = pair.ord;
      }
      for (; b < bad.length; b++) {
        this.badLines.set(k, (bad[b] as { line: number }).line);
        positions[k++] = -1;
      }
    }
    this.positions = positions;
    return positions;
  }
}
