import type { PairStore } from '../store/pairStore.ts';
import { subsetCounts } from './subsetCounts.ts';

/** What `reward-review stats` prints: counts straight from the index. */
export interface DatasetStats {
  pairs: number;
  badLines: number;
  format: string;
  models: string[];
  subsets: { subset: string | null; pairs: number }[];
  labelledTies: number;
  scoredPairs: number;
  /** Pairs whose ensemble mean margin is negative: the models prefer the rejected response. */
  flipCandidates: number;
  meanMargin: number | null;
}

export function datasetStats(store: PairStore): DatasetStats {
  const totals = store.db
    .prepare(`SELECT count(*) AS pairs, sum(label = 0) AS ties, sum(mu IS NOT NULL) AS scored,
      sum(mu < 0) AS flips, avg(mu) AS meanMargin FROM pairs`)
    .get() as { pairs: number; ties: number | null; scored: number | null; flips: number | null; meanMargin: number | null };
  const subsets = subsetCounts(store);
  return {
    pairs: totals.pairs,
    badLines: store.badRecordCount(),
    format: store.meta()?.format ?? '',
    models: store.modelNames(),
    subsets,
    labelledTies: totals.ties ?? 0,
    scoredPairs: totals.scored ?? 0,
    flipCandidates: totals.flips ?? 0,
    meanMargin: totals.meanMargin,
  };
}
