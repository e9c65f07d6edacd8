/**
 * The `offset_shifts` table (see schema.ts): a step function over ords, bytes to add to a row's
 * `base_offset` to get its offset in the file. Saves that only change records' lengths add to it
 * instead of rewriting every later row; it is folded into the rows when it grows large, when a save
 * renumbers lines or ords, and whenever the index is rebuilt (a fresh index has none).
 */
import type Database from 'better-sqlite3';

/** Entries beyond which a save folds the shifts into the rows (one rewrite of every shifted row). */
export const FOLD_THRESHOLD = 50_000;

/** One step: rows from `fromOrd` (until the next step) lie `bytes` further than their base offset. */
export interface OffsetStep {
  fromOrd: number;
  bytes: number;
}

export function readShifts(db: Database.Database): OffsetStep[] {
  return (db.prepare('SELECT from_ord, bytes FROM offset_shifts ORDER BY from_ord').raw().all() as [number, number][])
    .map(([fromOrd, bytes]) => ({ fromOrd, bytes }));
}

/**
 * The sum of two step functions (each sorted by `fromOrd`), without steps that change nothing: the
 * shifts a save adds on top of those already recorded (ords unchanged by the save).
 */
export function addSteps(a: readonly OffsetStep[], b: readonly OffsetStep[]): OffsetStep[] {
  const sum: OffsetStep[] = [];
  let i = 0;
  let j = 0;
  let valueA = 0;
  let valueB = 0;
  let current = 0;
  while (i < a.length || j < b.length) {
    const ord = Math.min(a[i]?.fromOrd ?? Infinity, b[j]?.fromOrd ?? Infinity);
    while (i < a.length && (a[i] as OffsetStep).fromOrd === ord) valueA = (a[i++] as OffsetStep).bytes;
    while (j < b.length && (b[j] as OffsetStep).fromOrd === ord) valueB = (b[j++] as OffsetStep).bytes;
    if (valueA + valueB !== current) {
      current = valueA + valueB;
      sum.push({ fromOrd: ord, bytes: current });
    }
  }
  return sum;
}

/** Replaces the recorded shifts (inside the caller's transaction). */
export function writeShifts(db: Database.Database, steps: readonly OffsetStep[]): void {
  db.exec('DELETE FROM offset_shifts');
  const insert = db.prepare('INSERT INTO offset_shifts (from_ord, bytes) VALUES (?, ?)');
  for (const step of steps) insert.run(step.fromOrd, step.bytes);
}

/**
 * Moves the shifts into the rows' base offsets and empties the table (inside the caller's
 * transaction): afterwards `pairs.base_offset` is every row's offset. Yields through `pause`.
 */
export async function foldShifts(db: Database.Database, pause: () => Promise<void> = async () => undefined): Promise<void> {
  const steps = readShifts(db);
  if (steps.length === 0) return;
  const shift = db.prepare('UPDATE pairs SET base_offset = base_offset + ? WHERE ord >= ? AND ord < ?');
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as OffsetStep;
    await pause();
    if (step.bytes !== 0) shift.run(step.bytes, step.fromOrd, steps[k + 1]?.fromOrd ?? Number.MAX_SAFE_INTEGER);
  }
  db.exec('DELETE FROM offset_shifts');
}

/**
 * Rows about to be appended from `ord` on are written with their offsets as they are: no earlier
 * shift may reach them (inside the caller's transaction).
 */
export function endShiftsBefore(db: Database.Database, ord: number): void {
  const last = db.prepare('SELECT bytes FROM offset_shifts WHERE from_ord <= ? ORDER BY from_ord DESC LIMIT 1').pluck().get(ord) as number | undefined;
  if (last !== undefined && last !== 0) db.prepare('INSERT OR REPLACE INTO offset_shifts (from_ord, bytes) VALUES (?, 0)').run(ord);
}
