import type Database from 'better-sqlite3';
import { PAIR_COLUMNS, toPairRow, type PairRow, type PairRowSql } from '../store/pairStore.ts';

/**
 * The rows of a page, in the page's order, with one query: a page of 100 looked up one pair at a
 * time costs ~2.5 ms instead of ~0.3.
 */
export class PairRowReader {
  private readonly select: Database.Statement;

  constructor(db: Database.Database) {
    this.select = db.prepare(`SELECT ${PAIR_COLUMNS} FROM located_pairs WHERE ord IN (SELECT value FROM json_each(?))`);
  }

  /** The rows of `ords`, in that order (an ord with no row is skipped). */
  rows(ords: ArrayLike<number>): PairRow[] {
    if (ords.length === 0) return [];
    const found = this.select.all(JSON.stringify(Array.from(ords))) as PairRowSql[];
    const byOrd = new Map(found.map((row) => [row.ord, row]));
    const rows: PairRow[] = [];
    for (let i = 0; i < ords.length; i++) {
      const row = byOrd.get(ords[i]!);
      if (row) rows.push(toPairRow(row));
    }
    return rows;
  }
}
