/**
 * The pair list's sort and filter written the slow, obvious way over every row, straight from the
 * definitions (REFERENCE §2, pairQuery.ts): what the query engine's answers are checked against.
 */
import type { PairFilter, PairQuery, PairSort, ValueRange } from '../../../../src/core/query/pairQuery.ts';
import type { PairRow } from '../../../../src/core/store/pairStore.ts';

/** The reviewer's decisions: ord → pending (true) or saved (false); absent: no decision. */
export type ReviewMap = ReadonlyMap<number, boolean>;

const NO_REVIEW: ReviewMap = new Map();

function sortValue(row: PairRow, key: PairSort['key'], review: ReviewMap): string | number | null {
  switch (key) {
    case 'ord': return row.ord;
    case 'id': return row.id;
    case 'subset': return row.subset;
    case 'preview': return row.preview;
    case 'mu': return row.mu;
    case 'sigma': return row.sigma;
    case 'votesNegative': return row.votesNegative;
    case 'votesPositive': return row.votesPositive;
    case 'lengthDiff': return row.lengthDiff;
    case 'label': return row.label;
    case 'status': return review.has(row.ord) ? (review.get(row.ord) ? 0 : 1) : null; // unsaved before saved
  }
}

export function compareRows(a: PairRow, b: PairRow, sort: PairSort, review: ReviewMap = NO_REVIEW): number {
  const x = sortValue(a, sort.key, review);
  const y = sortValue(b, sort.key, review);
  if (x === null || y === null) {
    if (x !== y) return x === null ? 1 : -1; // missing values last, whatever the direction
    return a.ord - b.ord;
  }
  let order: number;
  if (typeof x === 'string' && typeof y === 'string') {
    const [fx, fy] = [x.toLowerCase(), y.toLowerCase()];
    order = fx < fy ? -1 : fx > fy ? 1 : 0;
  } else {
    order = Math.sign((x as number) - (y as number));
  }
  if (sort.direction === 'desc') order = -order;
  return order !== 0 ? order : a.ord - b.ord;
}

function inRange(value: number | null, range: ValueRange): boolean {
  if (value === null) return false;
  if (range.min !== undefined && !(value >= range.min)) return false;
  if (range.max !== undefined && !(range.includeMax ? value <= range.max : value < range.max)) return false;
  return true;
}

function misrankedBy(row: PairRow, model: number): boolean {
  return Math.floor(row.misrankedMask / 2 ** model) % 2 === 1;
}

/** `textMatch` decides the text filter (the fixture knows which texts hold which words). */
export function rowMatches(row: PairRow, filter: PairFilter, textMatch?: (ord: number) => boolean, review: ReviewMap = NO_REVIEW): boolean {
  if (filter.subsets && !filter.subsets.includes(row.subset)) return false;
  if (filter.misrankedBy) {
    const { models, match } = filter.misrankedBy;
    if (match === 'all' ? !models.every((m) => misrankedBy(row, m)) : !models.some((m) => misrankedBy(row, m))) return false;
  }
  for (const flag of filter.flags ?? []) {
    const ok =
      flag === 'flipCandidate' ? row.mu !== null && row.mu < 0 && row.label === 1
      : flag === 'unanimousDisagreement' ? row.scoredModels >= 2 && row.votesNegative === row.scoredModels && row.votesPositive === 0 && row.votesZero === 0 && row.label === 1
      : flag === 'humanTie' ? row.label === 0
      : (row.flags & 1) === 1;
    if (!ok) return false;
  }
  if (filter.mu && !inRange(row.mu, filter.mu)) return false;
  if (filter.sigma && !inRange(row.sigma, filter.sigma)) return false;
  if (filter.text !== undefined && textMatch && !textMatch(row.ord)) return false;
  if (filter.status === 'relabeled' && !review.has(row.ord)) return false;
  if (filter.status === 'pending' && review.get(row.ord) !== true) return false;
  return true;
}

/** The ords of the query's list, in order. */
export function bruteForceList(rows: readonly PairRow[], query: PairQuery, textMatch?: (ord: number) => boolean, review: ReviewMap = NO_REVIEW): number[] {
  return rows
    .filter((row) => rowMatches(row, query.filter, textMatch, review))
    .sort((a, b) => compareRows(a, b, query.sort, review))
    .map((row) => row.ord);
}
