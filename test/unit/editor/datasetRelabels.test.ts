import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countPairs, invalidatePairQueries, pairQueryEngine, setReviewStatusSource } from '../../../src/core/query/pairQueryEngine.ts';
import type { PairQuery } from '../../../src/core/query/pairQuery.ts';
import { openRelabelJournal } from '../../../src/core/relabels/journalRecovery.ts';
import { pairKeysForRows } from '../../../src/core/relabels/pairKeysForRows.ts';
import { journalPathFor } from '../../../src/core/relabels/relabelPaths.ts';
import { DatasetRelabels } from '../../../src/editor/datasetRelabels.ts';
import { createQueryFixture, type QueryFixture } from '../core/query/queryFixture.ts';

/** The pair list's status filter over a real journal, invalidated as DatasetDocument does. */
describe('DatasetRelabels as the review status source', () => {
  let fixture: QueryFixture;
  let relabels: DatasetRelabels;
  const relabeled: PairQuery = { sort: { key: 'ord', direction: 'asc' }, filter: { status: 'relabeled' } };
  const pending: PairQuery = { sort: { key: 'ord', direction: 'asc' }, filter: { status: 'pending' } };
  const changed = () => invalidatePairQueries(fixture.store, ['status']);
  const listOf = async (query: PairQuery) => [...(await pairQueryEngine(fixture.store).list(query))];

  before(async () => {
    fixture = await createQueryFixture(200, 5);
    relabels = DatasetRelabels.open(fixture.datasetPath, fixture.dbPath);
    setReviewStatusSource(fixture.store, () => relabels.reviewedPairs());
  });
  after(() => {
    relabels.close();
    fixture.close();
  });

  test('a flip, its undo and redo, a save and a revert show in the filter at once', async () => {
    const [a, b] = [fixture.rows[4]!, fixture.rows[30]!];
    assert.equal(await countPairs(fixture.store, relabeled.filter), 0);

    const edit = await relabels.record(fixture.store, [a], 'flip');
    changed();
    assert.deepEqual(await listOf(relabeled), [a.ord]);
    assert.equal(await countPairs(fixture.store, pending.filter), 1);
    assert.deepEqual([...relabels.marksByOrd().keys()], await listOf(relabeled), 'the filter keeps exactly the marked pairs');

    relabels.undo(edit!);
    changed();
    assert.equal(await countPairs(fixture.store, relabeled.filter), 0);
    relabels.redo(edit!);
    changed();
    assert.deepEqual(await listOf(relabeled), [a.ord]);

    await relabels.save(fixture.store, 'sidecar', false, 'field');
    changed();
    assert.deepEqual(await listOf(relabeled), [a.ord], 'a saved decision is still a relabel');
    assert.deepEqual(await listOf(pending), [], 'but no longer unsaved');

    await relabels.record(fixture.store, [b], 'tie', 'both fine');
    changed();
    assert.deepEqual(await listOf(relabeled), [a.ord, b.ord]);
    assert.deepEqual(await listOf(pending), [b.ord]);
    relabels.revert();
    changed();
    assert.deepEqual(await listOf(relabeled), [a.ord]);
  });

  test('marks made through another connection to the journal (the CLI) show on the next read', async () => {
    const c = fixture.rows[50]!;
    assert.equal(relabels.marksByOrd().has(c.ord), false);
    const [key] = await pairKeysForRows(fixture.datasetPath, fixture.store, [c]);
    const other = openRelabelJournal(journalPathFor(fixture.dbPath), fixture.datasetPath);
    other.record([{ ...key!, action: 'drop' }]);
    other.close();
    assert.deepEqual(relabels.marksByOrd().get(c.ord), { state: 'drop', note: null, pending: true });
  });
});
