/**
 * Adds what attachments say about one pair (scores of the models they brought, judge critiques and
 * verdicts) to the pair read back from the dataset, so every view of a pair shows them.
 */
import type { Critique, Pair, Verdict } from '../pair.ts';
import type { PairStore } from '../store/pairStore.ts';
import { isSwapped } from '../store/swappedScores.ts';

interface CritiqueSql {
  judge: string;
  chosen: string | null;
  rejected: string | null;
  pair: string | null;
  verdict: Verdict | null;
}

function cell(store: PairStore, model: number, side: 'chosen' | 'rejected', ord: number): number {
  const row = store.db
    .prepare(`SELECT substr(data, (? - start_ord) * 8 + 1, 8) AS cell FROM score_chunks
      WHERE model = ? AND side = ? AND start_ord <= ? AND start_ord + length(data) / 8 > ? ORDER BY start_ord DESC LIMIT 1`)
    .get(ord, model, side, ord, ord) as { cell: Buffer } | undefined;
  if (!row || row.cell.byteLength !== 8) return Number.NaN;
  return new DataView(row.cell.buffer, row.cell.byteOffset, 8).getFloat64(0, true);
}

/** The same pair with attached scores and critiques merged in (a name taken inline gets "(attached)"). */
export function mergeAttachedData<T extends Pair>(store: PairStore, ord: number, pair: T): T {
  const owned = store.db.prepare('SELECT models FROM attachments').all() as { models: string }[];
  const names = new Set(owned.flatMap((row) => JSON.parse(row.models) as string[]));
  if (names.size > 0) {
    const models = store.db.prepare('SELECT idx, name FROM models').all() as { idx: number; name: string }[];
    // A flip toggled the pair in swapped_scores: its chunks hold the sides the other way round.
    const swapped = isSwapped(store.db, ord);
    for (const { idx, name } of models) {
      if (!names.has(name)) continue;
      const chosen = cell(store, idx, swapped ? 'rejected' : 'chosen', ord);
      const rejected = cell(store, idx, swapped ? 'chosen' : 'rejected', ord);
      if (Number.isNaN(chosen) || Number.isNaN(rejected)) continue;
      pair.scores[Object.hasOwn(pair.scores, name) ? `${name} (attached)` : name] = { chosen, rejected };
    }
  }
  const critiques = store.db
    .prepare('SELECT judge, chosen, rejected, pair, verdict FROM attached_critiques WHERE ord = ? ORDER BY attachment, judge')
    .all(ord) as CritiqueSql[];
  for (const row of critiques) {
    const critique: Critique = {};
    if (row.chosen !== null) critique.chosen = row.chosen;
    if (row.rejected !== null) critique.rejected = row.rejected;
    if (row.pair !== null) critique.pair = row.pair;
    if (row.verdict !== null) critique.verdict = row.verdict;
    pair.critiques[Object.hasOwn(pair.critiques, row.judge) ? `${row.judge} (attached)` : row.judge] = critique;
  }
  return pair;
}
