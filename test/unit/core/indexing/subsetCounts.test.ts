import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ensureIndex } from '../../../../src/core/indexing/ensureIndex.ts';
import { subsetCounts } from '../../../../src/core/indexing/subsetCounts.ts';
import { writeDataset } from '../../../../src/core/sample/generateDataset.ts';

const work = mkdtempSync(join(tmpdir(), 'rr-subset-counts-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The counts straight from the pairs, as a reader would check them. */
function counted(db: import('better-sqlite3').Database): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const subset of db.prepare('SELECT subset FROM pairs').pluck().iterate() as Iterable<string | null>) counts.set(subset, (counts.get(subset) ?? 0) + 1);
  return counts;
}

test('subset counts are kept with the index and follow an append of pairs in a new subset', async () => {
  const path = join(work, 'data.jsonl');
  const db = join(work, 'data.rr.db');
  await writeDataset(path, { seed: 3, pairs: 400 });
  const first = await ensureIndex({ datasetPath: path, dbPath: db });
  const counts = subsetCounts(first.store);
  assert.deepEqual(new Map(counts.map((c) => [c.subset, c.pairs])), counted(first.store.db));
  assert.ok(counts.every((c, k) => k === 0 || counts[k - 1]!.pairs >= c.pairs), 'largest first');
  // Kept: the next open answers from the meta without counting again.
  const original = first.store.db.prepare('SELECT subset FROM pairs WHERE ord = 0').pluck().get();
  first.store.db.prepare("UPDATE pairs SET subset = 'changed behind the index''s back' WHERE ord = 0").run();
  assert.deepEqual(subsetCounts(first.store), counts);
  first.store.db.prepare('UPDATE pairs SET subset = ? WHERE ord = 0').run(original);
  first.store.close();

  appendFileSync(path, `${JSON.stringify({ prompt: 'Added later', chosen: 'yes', rejected: 'no', subset: 'appended' })}\n`);
  const appended = await ensureIndex({ datasetPath: path, dbPath: db });
  try {
    assert.equal(appended.outcome, 'appended');
    const after = subsetCounts(appended.store);
    assert.deepEqual(after.find((c) => c.subset === 'appended'), { subset: 'appended', pairs: 1 });
    assert.deepEqual(new Map(after.map((c) => [c.subset, c.pairs])), counted(appended.store.db));
  } finally {
    appended.store.close();
  }
});
