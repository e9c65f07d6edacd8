import type { PairStore } from '../store/pairStore.ts';

/**
 * Pairs per subset, largest first. Counting them is a full scan with an unindexed GROUP BY (about
 * half a second at a million pairs), and the editor needs them before it shows the first row, so
 * the counts are kept in the index's meta, keyed by what the index says of its file: every change to
 * the pairs (an append, a save's patch) gives the file a new size, mtime or fingerprint, and a
 * rebuilt index starts without them.
 */
export interface SubsetCount {
  subset: string | null;
  pairs: number;
}

const META_KEY = 'subsetCounts';

export function subsetCounts(store: PairStore): SubsetCount[] {
  const key = versionOf(store);
  const cached = store.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY) as string | undefined;
  if (cached !== undefined) {
    const parsed = JSON.parse(cached) as { version: string; subsets: SubsetCount[] };
    if (parsed.version === key) return parsed.subsets;
  }
  const subsets = store.db
    .prepare('SELECT subset, count(*) AS pairs FROM pairs GROUP BY subset ORDER BY pairs DESC, subset')
    .all() as SubsetCount[];
  // A read-only index (the CLI on another user's folder) still answers; it only counts again next time.
  try {
    store.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(META_KEY, JSON.stringify({ version: key, subsets }));
  } catch {
    // Not writable: nothing to keep.
  }
  return subsets;
}

function versionOf(store: PairStore): string {
  const meta = store.meta();
  const pairs = store.db.prepare('SELECT coalesce(max(ord) + 1, 0) FROM pairs').pluck().get() as number;
  return JSON.stringify([meta?.size, meta?.mtimeMs, meta?.fingerprint, pairs]);
}
