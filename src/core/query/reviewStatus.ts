/**
 * The pair list's review status: which pairs the reviewer made a decision about (flip, tie, drop,
 * a restore or a note), pending or saved. It lives in the relabel journal, another database, so the
 * query engine cannot read it from `pairs`: whoever owns the journal registers a source, and calls
 * `invalidatePairQueries(store, ['status'])` whenever a decision is recorded, undone, saved or
 * reverted.
 */

/** A pair with a decision, as the list marks it. */
export interface ReviewedPair {
  ord: number;
  /** Not yet written to the dataset. */
  pending: boolean;
}

/** Reads the reviewed pairs now (called once per change, when a status filter or sort needs them). */
export type ReviewStatusSource = () => Iterable<ReviewedPair>;

/** Column values: unsaved decisions sort first, then saved ones; undecided pairs are missing (NaN, last). */
export const STATUS_PENDING = 0;
export const STATUS_SAVED = 1;

/** Per ord, STATUS_PENDING, STATUS_SAVED or NaN. Ords past the end (stale position hints) are ignored. */
export function reviewStatusColumn(source: ReviewStatusSource | null, pairCount: number): Float64Array {
  const column = new Float64Array(pairCount).fill(Number.NaN);
  if (!source) return column;
  for (const { ord, pending } of source()) {
    if (Number.isInteger(ord) && ord >= 0 && ord < pairCount) column[ord] = pending ? STATUS_PENDING : STATUS_SAVED;
  }
  return column;
}
