/**
 * Re-derives the ensemble columns of `pairs` (n_scored, mu, sigma, votes_*, misranked) from the
 * score columns, after an attachment added or removed models. Works block by block so memory stays
 * flat whatever the dataset's size.
 */
import type Database from 'better-sqlite3';
import { readSwapped, swapColumns } from '../store/swappedScores.ts';

/** Ords per block: the indexer's score chunk size, so most chunks are read whole once. */
const BLOCK = 65536;

/** Recomputes the pairs in `ords` (every pair when 'all'). Call inside the caller's transaction. */
export function recomputePairColumns(db: Database.Database, ords: Iterable<number> | 'all'): void {
  const pairCount = (db.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;
  const models = (db.prepare('SELECT idx FROM models ORDER BY idx').all() as { idx: number }[]).map((row) => row.idx);
  const blocks = new Map<number, number[] | 'all'>();
  if (ords === 'all') {
    for (let start = 0; start < pairCount; start += BLOCK) blocks.set(start, 'all');
  } else {
    for (const ord of ords) {
      if (ord < 0 || ord >= pairCount) continue;
      const start = ord - (ord % BLOCK);
      let list = blocks.get(start);
      if (!list) blocks.set(start, (list = []));
      (list as number[]).push(ord);
    }
  }
  const chunks = db.prepare(`SELECT start_ord, data FROM score_chunks WHERE model = ? AND side = ?
    AND start_ord < ? AND start_ord + length(data) / 8 > ? ORDER BY start_ord`);
  const swapped = readSwapped(db);
  const update = db.prepare(`UPDATE pairs SET n_scored = ?, mu = ?, sigma = ?, votes_pos = ?, votes_zero = ?,
    votes_neg = ?, misranked = ? WHERE ord = ?`);

  for (const [start, members] of [...blocks].sort((x, y) => x[0] - y[0])) {
    const end = Math.min(start + BLOCK, pairCount);
    const columns = models.map((model) => {
      const chosen = blockColumn(chunks, model, 'chosen', start, end);
      const rejected = blockColumn(chunks, model, 'rejected', start, end);
      swapColumns(chosen, rejected, swapped, start);
      return { model, chosen, rejected };
    });
    const list = members === 'all' ? Array.from({ length: end - start }, (_, k) => start + k) : members;
    for (const ord of list) {
      let n = 0;
      let sum = 0;
      let sumSquares = 0;
      let positive = 0;
      let zero = 0;
      let negative = 0;
      let misranked = 0;
      for (const { model, chosen, rejected } of columns) {
        const c = chosen[ord - start] as number;
        const r = rejected[ord - start] as number;
        if (!Number.isFinite(c) || !Number.isFinite(r)) continue;
        const margin = c - r;
        n++;
        sum += margin;
        sumSquares += margin * margin;
        if (margin > 0) positive++;
        else if (margin < 0) negative++;
        else zero++;
        // Same bits as the indexer: bit m set when model m ranks the pair wrong or ties it.
        if (margin <= 0 && model < 53) misranked += 2 ** model;
      }
      const mu = n > 0 ? sum / n : null;
      const sigma = mu === null ? null : Math.sqrt(Math.max(0, sumSquares / n - mu * mu));
      update.run(n, mu, sigma, positive, zero, negative, misranked, ord);
    }
  }
}

/** One model's scores for one side over ords [start, end), NaN where unscored. */
function blockColumn(chunks: Database.Statement, model: number, side: 'chosen' | 'rejected', start: number, end: number): Float64Array {
  const column = new Float64Array(end - start).fill(Number.NaN);
  for (const chunk of chunks.iterate(model, side, end, start) as IterableIterator<{ start_ord: number; data: Buffer }>) {
    // Copy through a fresh Uint8Array: a blob's buffer need not be 8-byte aligned.
    const bytes = new Uint8Array(chunk.data);
    const values = new Float64Array(bytes.buffer, 0, bytes.byteLength / 8);
    const from = Math.max(start, chunk.start_ord);
    const to = Math.min(end, chunk.start_ord + values.length);
    column.set(values.subarray(from - chunk.start_ord, to - chunk.start_ord), from - start);
  }
  return column;
}
