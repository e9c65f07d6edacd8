import type { PairRow, PairStore } from '../store/pairStore.ts';
import { filterDependencies, filterMask, isRestrictive } from './filterMask.ts';
import { LruCache } from './lruCache.ts';
import { buildSortOrder, sortDependencies, type SortedOrder } from './pairSortOrder.ts';
import type { PairFilter, PairQuery, PairSort } from './pairQuery.ts';
import { PairRowReader } from './pairRows.ts';
import { PairColumns } from './queryColumns.ts';
import type { ReviewStatusSource } from './reviewStatus.ts';
import { SearchIndex } from './searchIndex.ts';
import { toFtsQuery } from './searchQuery.ts';

/**
 * Answers the pair list's questions — a page of a sorted, filtered list, its count, where a pair
 * sits in it — for one store, from materialized orders (see `pairSortOrder.ts`) and filter masks
 * kept in bounded caches. A page costs O(limit) once its (sort, filter) list exists; building one
 * costs a column scan and a radix sort the first time a sort is used, and a pass over the pairs
 * the first time a filter is.
 */

/** Where a page starts relative to a row: keyset pagination by the row's (sort key, ord). */
export type PairCursor = { after: number } | { before: number };

export interface PairPage {
  rows: PairRow[];
  /** Position of the first row in the filtered, sorted list. */
  start: number;
  /** Rows in the whole filtered list. */
  total: number;
  /** The cursor of the next page, null at the end. */
  next: PairCursor | null;
  /** The cursor of the previous page, null at the start. */
  previous: PairCursor | null;
}

/** Where a pair is (or, when the filter excludes it, would be) in a list. */
export interface PairPosition {
  index: number;
  found: boolean;
}

/** Bounds of the caches: a sort order costs 8 bytes per pair, a mask 1, a filtered list 4 per match. */
const CACHED_ORDERS = 6;
const CACHED_MASKS = 16;
const CACHED_LISTS = 12;
const CACHED_COUNTS = 256;
const CACHED_SEARCHES = 8;

/** The caches of one state of the `pairs` table; replaced whole when another connection changes it. */
class QueryCaches {
  readonly columns: PairColumns;
  readonly orders = new LruCache<SortedOrder>(CACHED_ORDERS);
  readonly masks = new LruCache<Uint8Array>(CACHED_MASKS);
  readonly lists = new LruCache<Uint32Array>(CACHED_LISTS);
  readonly counts = new LruCache<number>(CACHED_COUNTS);
  readonly searches = new LruCache<Uint32Array | null>(CACHED_SEARCHES);

  constructor(columns: PairColumns) {
    this.columns = columns;
  }

  forget(names: readonly string[]): void {
    this.columns.forget(names);
    for (const cache of [this.orders, this.masks, this.lists, this.counts, this.searches]) cache.forget(names);
  }

  get bytes(): number {
    let sum = this.columns.bytes;
    for (const order of this.orders.values()) sum += order.order.byteLength + order.rank.byteLength;
    for (const mask of this.masks.values()) sum += mask.byteLength;
    for (const list of this.lists.values()) sum += list.byteLength;
    for (const matches of this.searches.values()) sum += matches?.byteLength ?? 0;
    return sum;
  }
}

export class PairQueryEngine {
  readonly search: SearchIndex;
  private readonly store: PairStore;
  private readonly rowReader: PairRowReader;
  private caches: QueryCaches;
  private readonly changeCount: { get(): unknown };
  private readonly dataVersion: { get(): unknown };
  /** Changes the search index made itself through the store's connection: not changes to pairs. */
  private ownChanges = 0;
  /** data_version and total_changes() − ownChanges when the caches were made. */
  private seen: [number, number];
  private statusSource: ReviewStatusSource | null = null;

  constructor(store: PairStore) {
    this.store = store;
    this.search = new SearchIndex(store, (changes) => (this.ownChanges += changes));
    this.rowReader = new PairRowReader(store.db);
    this.changeCount = store.db.prepare('SELECT total_changes()').pluck();
    this.dataVersion = store.db.prepare('PRAGMA data_version').pluck();
    this.seen = this.databaseState();
    this.caches = this.freshCaches();
  }

  /** Rows `start`… of the list (fewer at its end): what a virtual scroller asks for. */
  async pageAt(query: PairQuery, start: number, limit: number): Promise<{ rows: PairRow[]; start: number; total: number }> {
    const list = await this.list(query);
    return { rows: this.rowsOf(list.subarray(start, start + limit)), start, total: list.length };
  }

  /** The page after or before a cursor's row, or the first page for a null cursor. */
  async page(query: PairQuery, cursor: PairCursor | null, limit: number): Promise<PairPage> {
    const { list, rank } = await this.listWithRank(query);
    let start = 0;
    if (cursor && 'after' in cursor) start = insertionPoint(list, rank, cursor.after, true);
    else if (cursor) start = Math.max(0, insertionPoint(list, rank, cursor.before, false) - limit);
    const end = cursor && 'before' in cursor ? Math.min(start + limit, insertionPoint(list, rank, cursor.before, false)) : start + limit;
    const ords = list.subarray(start, end);
    const rows = this.rowsOf(ords);
    const last = ords[ords.length - 1];
    const first = ords[0];
    return {
      rows,
      start,
      total: list.length,
      next: last !== undefined && start + ords.length < list.length ? { after: last } : null,
      previous: first !== undefined && start > 0 ? { before: first } : null,
    };
  }

  async count(filter: PairFilter): Promise<number> {
    const normalized = normalizeFilter(filter);
    this.checkFresh();
    const caches = this.caches;
    if (!isRestrictive(normalized)) return caches.columns.pairCount;
    return caches.counts.getOrCreate(filterKey(normalized), filterDependencies(normalized), async () => {
      const mask = await this.mask(caches, normalized);
      let count = 0;
      for (let i = 0; i < mask.length; i++) count += mask[i]!;
      return count;
    });
  }

  /** Where the pair `ord` is in the list: to restore a selection or a scroll position. */
  async positionOf(query: PairQuery, ord: number): Promise<PairPosition> {
    const { list, rank } = await this.listWithRank(query);
    const index = insertionPoint(list, rank, ord, false);
    return { index, found: list[index] === ord };
  }

  /** The row at a position of the list, or null past its end. */
  async rowAt(query: PairQuery, index: number): Promise<PairRow | null> {
    const list = await this.list(query);
    const ord = list[index];
    return ord === undefined ? null : (this.rowReader.rows([ord])[0] ?? null);
  }

  /** Ords of the whole filtered list in sort order (shared with the caches: do not modify). */
  async list(query: PairQuery): Promise<Uint32Array> {
    return (await this.listWithRank(query)).list;
  }

  /**
   * Builds, completes or joins the build of the search index; text filters work once it is ready.
   * Results of earlier text filters are dropped when it grows.
   */
  async buildSearchIndex(onProgress?: Parameters<SearchIndex['build']>[0]) {
    const status = await this.search.build(onProgress);
    this.caches.forget(['text']);
    return status;
  }

  /** Drops what was computed from the named columns (all of it without names) after they changed. */
  invalidate(names?: readonly string[]): void {
    if (names === undefined) this.caches = this.freshCaches();
    else this.caches.forget(names);
  }

  /**
   * Where the `status` filter and sort read the reviewer's decisions (none without a source: no pair
   * is relabeled). The owner of the decisions invalidates `status` whenever they change.
   */
  setReviewStatusSource(source: ReviewStatusSource | null): void {
    this.statusSource = source;
    this.invalidate(['status']);
  }

  /** Bytes of typed arrays the caches hold now. */
  get cachedBytes(): number {
    return this.caches.bytes;
  }

  private async listWithRank(query: PairQuery): Promise<{ list: Uint32Array; rank: Uint32Array }> {
    this.checkFresh();
    const caches = this.caches;
    const filter = normalizeFilter(query.filter);
    const sorted = await caches.orders.getOrCreate(sortKey(query.sort), sortDependencies(query.sort.key), () =>
      buildSortOrder(caches.columns, query.sort),
    );
    if (!isRestrictive(filter)) return { list: sorted.order, rank: sorted.rank };
    const dependencies = [...sortDependencies(query.sort.key), ...filterDependencies(filter)];
    const list = await caches.lists.getOrCreate(`${sortKey(query.sort)}|${filterKey(filter)}`, dependencies, async () => {
      const mask = await this.mask(caches, filter);
      const order = sorted.order;
      let matches = 0;
      for (let i = 0; i < mask.length; i++) matches += mask[i]!;
      const list = new Uint32Array(matches);
      let next = 0;
      for (let i = 0; i < order.length; i++) {
        const ord = order[i]!;
        if (mask[ord] === 1) list[next++] = ord;
      }
      return list;
    });
    return { list, rank: sorted.rank };
  }

  private mask(caches: QueryCaches, filter: PairFilter): Promise<Uint8Array> {
    return caches.masks.getOrCreate(filterKey(filter), filterDependencies(filter), async () => {
      const text = filter.text === undefined ? null : await this.textMatches(caches, filter.text);
      return filterMask(caches.columns, filter, text);
    });
  }

  private async textMatches(caches: QueryCaches, text: string): Promise<Uint32Array> {
    const matches = await caches.searches.getOrCreate(toFtsQuery(text) ?? '', ['text'], async () => this.search.matchingOrds(text));
    // normalizeFilter keeps only text with something searchable in it.
    return matches ?? new Uint32Array(0);
  }

  private rowsOf(ords: Uint32Array): PairRow[] {
    return this.rowReader.rows(ords);
  }

  /**
   * Starts over when the database changed: through another connection (an append) or through this
   * one (attached scores, a save that patched the index). Writes that do not touch `pairs` also
   * count; they are rare, and a stale list is worse than a rebuilt one.
   */
  private checkFresh(): void {
    const state = this.databaseState();
    if (state[0] !== this.seen[0] || state[1] !== this.seen[1]) {
      this.seen = state;
      this.caches = this.freshCaches();
    }
  }

  private databaseState(): [number, number] {
    return [this.dataVersion.get() as number, (this.changeCount.get() as number) - this.ownChanges];
  }

  private freshCaches(): QueryCaches {
    const count = this.store.db.prepare('SELECT coalesce(max(ord) + 1, 0) FROM pairs').pluck().get() as number;
    return new QueryCaches(new PairColumns(this.store.db, count, () => this.statusSource));
  }
}

/**
 * Position of `ord` in a list ordered by `rank` — its index when present — or where it would be:
 * before (or, with `after`, behind) every row it sorts after. Keyset semantics: a cursor's row
 * need not be in the list any more.
 */
function insertionPoint(list: Uint32Array, rank: Uint32Array, ord: number, after: boolean): number {
  const target = rank[ord];
  if (target === undefined) return after ? list.length : 0;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const midRank = rank[list[mid]!]!;
    if (midRank < target || (after && midRank === target)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** One spelling per meaning, so equivalent filters share cache entries. */
export function normalizeFilter(filter: PairFilter): PairFilter {
  const out: PairFilter = {};
  if (filter.subsets !== undefined) {
    out.subsets = [...new Set(filter.subsets)].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  }
  if (filter.misrankedBy !== undefined) {
    out.misrankedBy = { models: [...new Set(filter.misrankedBy.models)].sort((a, b) => a - b), match: filter.misrankedBy.match };
  }
  if (filter.flags !== undefined && filter.flags.length > 0) out.flags = [...new Set(filter.flags)].sort();
  if (filter.mu !== undefined) out.mu = normalizeRange(filter.mu);
  if (filter.sigma !== undefined) out.sigma = normalizeRange(filter.sigma);
  // Text with nothing searchable filters nothing (see toFtsQuery).
  if (filter.text !== undefined && toFtsQuery(filter.text) !== null) out.text = filter.text;
  if (filter.status !== undefined) out.status = filter.status;
  return out;
}

function normalizeRange(range: { min?: number; max?: number; includeMax?: boolean }) {
  return {
    ...(range.min !== undefined ? { min: range.min } : {}),
    ...(range.max !== undefined ? { max: range.max } : {}),
    ...(range.max !== undefined && range.includeMax === true ? { includeMax: true } : {}),
  };
}

function filterKey(filter: PairFilter): string {
  const text = filter.text === undefined ? undefined : toFtsQuery(filter.text);
  return JSON.stringify([filter.subsets, filter.misrankedBy, filter.flags, filter.mu, filter.sigma, text, filter.status]);
}

function sortKey(sort: PairSort): string {
  return `${sort.key}:${sort.direction}`;
}

const engines = new WeakMap<PairStore, PairQueryEngine>();

/** The engine of a store: one per open store, kept as long as the store is. */
export function pairQueryEngine(store: PairStore): PairQueryEngine {
  let engine = engines.get(store);
  if (!engine) {
    engine = new PairQueryEngine(store);
    engines.set(store, engine);
  }
  return engine;
}

/** The page after or before `cursor` (the first page for null). */
export function pageOfPairs(store: PairStore, query: PairQuery, cursor: PairCursor | null, limit: number): Promise<PairPage> {
  return pairQueryEngine(store).page(query, cursor, limit);
}

export function countPairs(store: PairStore, filter: PairFilter): Promise<number> {
  return pairQueryEngine(store).count(filter);
}

export function positionOf(store: PairStore, query: PairQuery, ord: number): Promise<PairPosition> {
  return pairQueryEngine(store).positionOf(query, ord);
}

export function rowAt(store: PairStore, query: PairQuery, index: number): Promise<PairRow | null> {
  return pairQueryEngine(store).rowAt(query, index);
}

/** Registers where a store's engine reads review status (see `reviewStatus.ts`). */
export function setReviewStatusSource(store: PairStore, source: ReviewStatusSource | null): void {
  pairQueryEngine(store).setReviewStatusSource(source);
}

/**
 * Call after changing `pairs` through the store's own connection (other connections are noticed),
 * and with `['status']` after the review status changed.
 */
export function invalidatePairQueries(store: PairStore, columns?: readonly string[]): void {
  engines.get(store)?.invalidate(columns);
}
