import { stableSortOrder } from '../metrics/sortOrder.ts';
import type { PairSort, PairSortKey } from './pairQuery.ts';
import { NO_TEXT, type NumericColumnName, type PairColumns, type TextColumn, type TextColumnName } from './queryColumns.ts';

/**
 * Every pair in one sort order, materialized: any page of the list is then a slice, and a virtual
 * scroller can jump to row 500,000 as cheaply as to row 0 — keyset pagination alone cannot jump.
 * 8 bytes per pair (4 MB + 4 MB for a million).
 */
export interface SortedOrder {
  /** order[i] = ord of the pair at position i. */
  order: Uint32Array;
  /** rank[ord] = position of the pair in `order`. */
  rank: Uint32Array;
}

const NUMERIC_SORT_COLUMNS: Partial<Record<PairSortKey, NumericColumnName>> = {
  mu: 'mu',
  sigma: 'sigma',
  votesNegative: 'votesNegative',
  votesPositive: 'votesPositive',
  lengthDiff: 'lengthDiff',
  label: 'label',
};

const TEXT_SORT_COLUMNS: Partial<Record<PairSortKey, TextColumnName>> = { id: 'id', subset: 'subset', preview: 'preview' };

/** The columns a sort reads (for cache invalidation). */
export function sortDependencies(key: PairSortKey): string[] {
  return key === 'ord' ? [] : [key];
}

/** See {@link PairSort} for the order: missing values last, ties by ord ascending. */
export async function buildSortOrder(columns: PairColumns, sort: PairSort): Promise<SortedOrder> {
  const count = columns.pairCount;
  let order: Uint32Array;
  if (sort.key === 'ord') {
    order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = sort.direction === 'asc' ? i : count - 1 - i;
  } else {
    // The radix sort is stable and ascending with NaN last; descending is ascending on −key, so
    // ties still keep ord order and missing values stay last.
    const keys = await sortKeys(columns, sort.key);
    const sign = sort.direction === 'asc' ? 1 : -1;
    // `+ 0` makes −0 and +0 one key before the sign is applied.
    for (let i = 0; i < count; i++) keys[i] = sign * (keys[i]! + 0);
    order = stableSortOrder(keys);
  }
  const rank = new Uint32Array(count);
  for (let i = 0; i < count; i++) rank[order[i]!] = i;
  return { order, rank };
}

async function sortKeys(columns: PairColumns, key: PairSortKey): Promise<Float64Array> {
  if (key === 'status') return Float64Array.from(columns.statusColumn());
  const numeric = NUMERIC_SORT_COLUMNS[key];
  if (numeric) {
    const column = (await columns.numericColumns([numeric]))[numeric];
    return Float64Array.from(column);
  }
  const text = TEXT_SORT_COLUMNS[key];
  if (!text) throw new Error(`unknown sort key ${key}`);
  return textSortKeys(await columns.textColumn(text));
}

/**
 * Per ord, the rank of its text among the column's distinct values (case-insensitive; values that
 * differ only in case share a rank, so ord decides between them), NaN for NULL. Sorting the
 * distinct values rather than every row is what makes a subset sort cheap.
 */
export function textSortKeys(column: TextColumn): Float64Array {
  const folded = column.values.map((value) => value.toLowerCase());
  const byText = Array.from(folded.keys()).sort((a, b) => compareCodeUnits(folded[a]!, folded[b]!));
  const rankOfCode = new Float64Array(folded.length);
  let rank = 0;
  for (let i = 0; i < byText.length; i++) {
    if (i > 0 && folded[byText[i]!] !== folded[byText[i - 1]!]) rank++;
    rankOfCode[byText[i]!] = rank;
  }
  const keys = new Float64Array(column.codes.length);
  for (let ord = 0; ord < keys.length; ord++) {
    const code = column.codes[ord]!;
    keys[ord] = code === NO_TEXT ? Number.NaN : rankOfCode[code]!;
  }
  return keys;
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
