import type { PairStore, ReportColumnsData } from '../store/pairStore.ts';

/**
 * The columns every report section reads, loaded once from an index: per model the scores of both
 * sides and the margins, and the per-pair label, subset, flags and length difference. Pair i is
 * index i (the index's ord) of every column.
 */
export interface ReportData extends ReportColumnsData {
  /** Model names in index order; models with no score at all are left out. */
  models: string[];
  chosen: Float64Array[];
  rejected: Float64Array[];
  /** d = chosen − rejected, NaN where the model did not score the pair. */
  margins: Float64Array[];
  /** Models in the index that scored no pair (left out of `models`). */
  unscoredModels: string[];
}

export function loadReportData(store: PairStore): ReportData {
  const columns = store.reportColumns();
  const models: string[] = [];
  const unscoredModels: string[] = [];
  const chosen: Float64Array[] = [];
  const rejected: Float64Array[] = [];
  const margins: Float64Array[] = [];
  const rows = store.db.prepare('SELECT idx, name FROM models ORDER BY idx').all() as { idx: number; name: string }[];
  for (const { idx, name } of rows) {
    const { chosen: c, rejected: r } = store.scoreColumns(idx, columns.pairs);
    const d = new Float64Array(columns.pairs);
    let scored = 0;
    for (let i = 0; i < d.length; i++) {
      const margin = c[i]! - r[i]!;
      d[i] = margin;
      scored += Number(margin === margin);
    }
    if (scored === 0) {
      unscoredModels.push(name);
      continue;
    }
    models.push(name);
    chosen.push(c);
    rejected.push(r);
    margins.push(d);
  }
  return { ...columns, models, chosen, rejected, margins, unscoredModels };
}
