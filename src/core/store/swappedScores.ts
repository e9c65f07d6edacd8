/**
 * The `swapped_scores` table (see schema.ts): pairs whose chosen and rejected scores are stored the
 * other way round in `score_chunks`, for every model. A flip swaps a pair's sides; toggling its ord
 * here instead of rewriting every score chunk (80 MB at a million pairs and five models) makes the
 * save's index update small. Every reader of score chunks applies it (`swapColumns`, `isSwapped`);
 * it is folded into the chunks when it grows large, before a save renumbers ords, and before an
 * attachment writes chunks of its own; a rebuilt index has none.
 */
import type Database from 'better-sqlite3';

/** Entries beyond which a save folds the swaps into the chunks (one rewrite of every chunk). */
export const SWAP_FOLD_THRESHOLD = 50_000;

/** The swapped ords, ascending. */
export function readSwapped(db: Database.Database): number[] {
  return db.prepare('SELECT ord FROM swapped_scores ORDER BY ord').pluck().all() as number[];
}

export function isSwapped(db: Database.Database, ord: number): boolean {
  return db.prepare('SELECT 1 FROM swapped_scores WHERE ord = ?').get(ord) !== undefined;
}

/** Flips each ord's entry: a pair swapped twice is stored as it reads (inside the caller's transaction). */
export function toggleSwapped(db: Database.Database, ords: Iterable<number>): void {
  const remove = db.prepare('DELETE FROM swapped_scores WHERE ord = ?');
  const insert = db.prepare('INSERT INTO swapped_scores (ord) VALUES (?)');
  for (const ord of ords) if (remove.run(ord).changes === 0) insert.run(ord);
}

/**
 * Trades the values of the two sides' columns at the swapped ords that fall in [start, start +
 * chosen.length): what the chunks hold becomes what the pairs read.
 */
export function swapColumns(chosen: Float64Array, rejected: Float64Array, swapped: readonly number[], start = 0): void {
  for (const ord of swapped) {
    const k = ord - start;
    if (k < 0 || k >= chosen.length) continue;
    const value = chosen[k] as number;
    chosen[k] = rejected[k] as number;
    rejected[k] = value;
  }
}

interface ChunkRow {
  start_ord: number;
  data: Buffer;
}

function values(data: Buffer): Float64Array {
  // Copied through a fresh Uint8Array: a blob's buffer need not be 8-byte aligned.
  return new Float64Array(new Uint8Array(data).buffer);
}

/**
 * Writes the swaps into the chunks and empties the table (inside the caller's transaction):
 * afterwards `score_chunks` holds every pair's scores as they read. Synchronous: attachments fold
 * inside their own synchronous transaction, and a save folds rarely (see the callers).
 */
export function foldSwappedScores(db: Database.Database): void {
  const swapped = readSwapped(db);
  if (swapped.length === 0) return;
  const count = (db.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;
  const models = db.prepare('SELECT DISTINCT model FROM score_chunks').pluck().all() as number[];
  const read = db.prepare('SELECT start_ord, data FROM score_chunks WHERE model = ? AND side = ? ORDER BY start_ord');
  const write = db.prepare('INSERT OR REPLACE INTO score_chunks (model, side, start_ord, data) VALUES (?, ?, ?, ?)');
  for (const model of models) {
    const sides = (['chosen', 'rejected'] as const).map((side) => {
      const rows = read.all(model, side) as ChunkRow[];
      const column = new Float64Array(Math.max(count, ...rows.map((row) => row.start_ord + row.data.byteLength / 8))).fill(Number.NaN);
      // In start order, as readers take them: a later chunk overrides an earlier one.
      for (const row of rows) column.set(values(row.data), row.start_ord);
      return { side, rows, column };
    });
    const [chosen, rejected] = sides as [(typeof sides)[0], (typeof sides)[0]];
    swapColumns(chosen.column, rejected.column, swapped);
    for (const { side, rows, column } of sides) {
      const covered = new Uint8Array(column.length);
      for (const row of rows) {
        const length = row.data.byteLength / 8;
        covered.fill(1, row.start_ord, row.start_ord + length);
        write.run(model, side, row.start_ord, Buffer.from(column.buffer, row.start_ord * 8, length * 8));
      }
      // A value moved to a side that had no chunk there: a one-value chunk of its own.
      for (const ord of swapped) {
        if (covered[ord] === 0 && !Number.isNaN(column[ord] as number)) write.run(model, side, ord, Buffer.from(column.buffer, ord * 8, 8));
      }
    }
  }
  db.exec('DELETE FROM swapped_scores');
}
