/**
 * What the pair list asks for: a sort and a filter. Pure data with no Node imports, because the
 * protocol (and so the webview) uses these types and lists as they are.
 *
 * Review status (relabels) is a column like the others, but it lives in the relabel journal (another
 * database): the engine reads it from a source the document registers (`reviewStatus.ts`), and
 * whoever records, undoes, saves or reverts relabels calls `invalidatePairQueries(store, ['status'])`
 * so that only what was computed from the status is dropped. Writes through the store's connection
 * are noticed by themselves.
 */

/** Sort keys of the pair list. `ord` is file order (the same order as line numbers). */
export const PAIR_SORT_KEYS = [
  'ord',
  'id',
  'subset',
  'preview',
  'mu',
  'sigma',
  'votesNegative',
  'votesPositive',
  'lengthDiff',
  'label',
  /** Review status: ascending, unsaved decisions then saved ones; undecided pairs last either way. */
  'status',
] as const;

export type PairSortKey = (typeof PAIR_SORT_KEYS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * Rows are ordered by the key in the given direction; missing values (no id, no subset, an
 * unscored pair's μ and σ) come last in both directions; equal keys keep file order (ord
 * ascending), so the order is total and stable. Text compares case-insensitively
 * (`toLowerCase`, then UTF-16 code units).
 */
export interface PairSort {
  key: PairSortKey;
  direction: SortDirection;
}

/**
 * Pair properties a filter can require. Their one definition is `pairPredicates.ts`:
 * - `flipCandidate`: μ < 0 (the ensemble believes the label is wrong), not a human-labelled tie;
 * - `unanimousDisagreement`: at least two models scored the pair and every one has margin < 0,
 *   not a human-labelled tie (as `ensembleMarginStats` in src/core/metrics/ensemble.ts);
 * - `humanTie`: the dataset labels the pair a tie;
 * - `hasCritique`: a judge wrote a critique of the pair.
 */
export const PAIR_FLAG_FILTERS = ['flipCandidate', 'unanimousDisagreement', 'humanTie', 'hasCritique'] as const;

export type PairFlagFilter = (typeof PAIR_FLAG_FILTERS)[number];

/**
 * The reviewer's decisions (see `reviewStatus.ts`): `relabeled` keeps the pairs with a decision,
 * pending or saved (the pairs the list marks); `pending` only those not yet saved.
 */
export const REVIEW_STATUS_FILTERS = ['relabeled', 'pending'] as const;

export type ReviewStatusFilter = (typeof REVIEW_STATUS_FILTERS)[number];

/**
 * min ≤ x < max, or min ≤ x ≤ max with `includeMax` (a histogram's last bar). An open end is
 * omitted. A pair without the value (unscored) is never in a range.
 */
export interface ValueRange {
  min?: number;
  max?: number;
  includeMax?: boolean;
}

/** `any`: misranked by at least one of the models; `all`: by every one of them. */
export interface MisrankedFilter {
  /** Model indices (the `models` table; the `misranked` bit of each). */
  models: number[];
  match: 'any' | 'all';
}

/**
 * Every present member must hold (AND); within `subsets` any one may (OR). An empty filter
 * matches every pair. Bad lines are not pairs: they are listed by `badRecordList.ts`.
 */
export interface PairFilter {
  /** The pair's subset is one of these; null stands for "no subset". */
  subsets?: (string | null)[];
  misrankedBy?: MisrankedFilter;
  /** Each flag must hold. */
  flags?: PairFlagFilter[];
  mu?: ValueRange;
  sigma?: ValueRange;
  /**
   * Full-text search over the prompt and both responses: words must all occur (any order, case
   * and accents ignored); "quoted words" must occur as a phrase; the last word also matches as a
   * prefix. Needs the search index (`searchIndex.ts`).
   */
  text?: string;
  status?: ReviewStatusFilter;
}

export interface PairQuery {
  sort: PairSort;
  filter: PairFilter;
}

/** Models whose misranking is recorded: the `misranked` column is an integer bitmask (2^53). */
export const MAX_MISRANKED_MODELS = 53;

/** Limits the host enforces on a query's size (untrusted input from the webview). */
export const MAX_FILTER_SUBSETS = 1000;
export const MAX_FILTER_TEXT_LENGTH = 1000;
