/**
 * Relabel marks (`rr_label`, `rr_dropped`) written by a save are read back by every index: one
 * built from scratch (first open, rebuild, CLI) equals the index the save patched, row for row, and
 * the pair view reads the reviewer's label. A decision already on disk is not pending again after a
 * rebuild, and a second save does not apply it twice.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { ensureIndex } from '../../../../src/core/indexing/ensureIndex.ts';
import { readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import { pairKeysForRows } from '../../../../src/core/relabels/pairKeysForRows.ts';
import type { PairRow, PairStore } from '../../../../src/core/store/pairStore.ts';
import { PairFlag } from '../../../../src/core/store/schema.ts';
import { assertIndexMatchesFile, assertOnlyLinesChanged, tempFolder, Workspace } from './relabelTestKit.ts';

const folder = tempFolder('rr-relabel-marks-');
after(() => folder.remove());

/** PandaLM-style records: three annotators' votes (a flip cannot rewrite them), inline scores and a rubric. */
function annotatedLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify({
    id: `m${i}`, instruction: `Question ${i}`, input: '', response1: `first answer ${i}`, response2: `second answer, longer ${i}`,
    annotator1: 1 + (i % 2), annotator2: 1, annotator3: i % 3 === 0 ? 2 : 1,
    score_1: i / 4, score_2: 1 - i / 8, '1 score list': [i, 2, -1], '2 score list': [3 - i, 1, 0.5],
    helpfulness_1: i % 5, helpfulness_2: 4 - (i % 5),
  }));
}

const ROW_COLUMNS = 'ord, line, offset, length, id, label, chosen_len, rejected_len, len_diff, n_scored, mu, sigma, votes_pos, votes_zero, votes_neg, flags';

interface IndexRow {
  ord: number;
  line: number;
  label: number;
  mu: number | null;
  flags: number;
}

type DescribedRow = IndexRow & { misranked: string[]; scores: Record<string, [number, number]> };

/** Every row with its misranked models by name and its scores by model name (model numbers may differ between indexes). */
function describeIndex(store: PairStore): DescribedRow[] {
  const names = store.modelNames();
  const columns = names.map((_, model) => ({ chosen: store.scoreColumns(model).chosen, rejected: store.scoreColumns(model).rejected }));
  const rows = store.db.prepare(`SELECT ${ROW_COLUMNS}, misranked FROM located_pairs ORDER BY ord`).all() as Array<IndexRow & { misranked: number }>;
  return rows.map(({ misranked, ...row }) => {
    const scores: Record<string, [number, number]> = {};
    const wrong: string[] = [];
    names.forEach((name, model) => {
      const column = columns[model] as { chosen: Float64Array; rejected: Float64Array };
      const chosen = column.chosen[row.ord] as number;
      if (!Number.isNaN(chosen)) scores[name] = [chosen, column.rejected[row.ord] as number];
      if (Math.floor(misranked / 2 ** model) % 2 === 1) wrong.push(name);
    });
    return { ...row, misranked: wrong.sort(), scores };
  });
}

function rowAtLine(store: PairStore, line: number): PairRow {
  const row = store.pairByLine(line);
  assert.ok(row, `a pair starts on line ${line}`);
  return row;
}

test('an index built from scratch reads flip and tie marks and rr_dropped exactly as the patched index has them', async () => {
  const w = await Workspace.create(folder.path, 'annotated.jsonl', `${annotatedLines(9).join('\n')}\n`);
  assert.equal(w.store.meta()?.format, 'multi-annotator');
  const before = w.bytes();
  const original = describeIndex(w.store);
  const originalPair = await readPairAt(w.datasetPath, w.store, rowAtLine(w.store, 3));
  await w.relabel([[3, 'flip'], [5, 'tie'], [7, 'drop']]);
  const result = await w.apply();
  assert.equal(result.indexUpdated, true);
  const changed = assertOnlyLinesChanged(before, w.bytes(), [3, 5, 7]);
  assert.match(changed.get(3) as string, /"rr_label":"flipped"/, 'the votes stay as cast: the flip is a mark');
  assert.match(changed.get(5) as string, /"rr_label":"tie"/);
  assert.match(changed.get(7) as string, /"rr_dropped":true/);
  await assertIndexMatchesFile(w);
  const patched = describeIndex(w.store);

  const fresh = await ensureIndex({ datasetPath: w.datasetPath, dbPath: `${w.dbPath}.fresh` });
  try {
    assert.equal(fresh.outcome, 'rebuilt');
    assert.deepEqual(describeIndex(fresh.store), patched, 'the index built from scratch equals the patched one');

    // What the reviewer sees in the list: the flipped pair's margins turned round, the tie, the drop.
    const flippedRow = fresh.store.pairByLine(3) as PairRow;
    const was = original[2] as DescribedRow;
    assert.equal(flippedRow.mu, -(was.mu as number));
    assert.deepEqual((patched[2] as DescribedRow).scores, Object.fromEntries(Object.entries(was.scores).map(([m, [c, r]]) => [m, [r, c]])));
    assert.equal(rowAtLine(fresh.store, 5).label, 0, 'the tie');
    assert.equal(rowAtLine(fresh.store, 7).flags & PairFlag.relabelDropped, PairFlag.relabelDropped, 'the drop');
    for (const line of [1, 2, 4, 6, 8, 9]) assert.equal(rowAtLine(fresh.store, line).flags & PairFlag.relabelDropped, 0, `line ${line} is not dropped`);

    // The pair view: the response the annotators rejected is now the chosen one, every annotation with it.
    const flipped = await readPairAt(w.datasetPath, fresh.store, flippedRow);
    assert.equal(flipped.chosen, originalPair.rejected);
    assert.equal(flipped.rejected, originalPair.chosen);
    assert.equal(flipped.label, 'chosen');
    assert.deepEqual(flipped.scores['dataset'], { chosen: originalPair.scores['dataset']?.rejected, rejected: originalPair.scores['dataset']?.chosen });
    assert.deepEqual(flipped.rubric['helpfulness'], { chosen: originalPair.rubric['helpfulness']?.rejected, rejected: originalPair.rubric['helpfulness']?.chosen });
    assert.deepEqual(Object.values(flipped.votes).sort(), Object.values(originalPair.votes).map((v) => (v === 'chosen' ? 'rejected' : 'chosen')).sort());
    assert.equal((await readPairAt(w.datasetPath, fresh.store, rowAtLine(fresh.store, 5))).label, 'tie');
  } finally {
    fresh.store.close();
    w.close();
  }
});

test('a JSON array whose flip is a mark: the rebuilt index equals the patched one after lines moved', async () => {
  const elements = annotatedLines(4).map((line) => JSON.parse(line) as unknown);
  const w = await Workspace.create(folder.path, 'annotated.json', JSON.stringify(elements, null, 2));
  const first = w.store.pairByOrd(1) as PairRow;
  const third = w.store.pairByOrd(3) as PairRow;
  await w.relabel([[first.line, 'flip'], [third.line, 'drop']]);
  await w.apply({ provenance: true });
  await assertIndexMatchesFile(w);
  const fresh = await ensureIndex({ datasetPath: w.datasetPath, dbPath: `${w.dbPath}.fresh` });
  try {
    assert.deepEqual(describeIndex(fresh.store), describeIndex(w.store));
    assert.equal((fresh.store.pairByOrd(3) as PairRow).flags & PairFlag.relabelDropped, PairFlag.relabelDropped);
  } finally {
    fresh.store.close();
    w.close();
  }
});

test('after a rebuild, decisions already on disk are saved, not pending, and a second save changes nothing', async () => {
  const w = await Workspace.create(folder.path, 'rebuilt.jsonl', `${annotatedLines(6).join('\n')}\n`);
  await w.relabel([[2, 'flip'], [4, 'tie'], [6, 'drop']]);
  await w.apply();
  const saved = w.bytes();
  // The index is lost (a new machine, a schema change): the next open builds it from the file alone.
  w.store.close();
  rmSync(w.dbPath, { force: true });
  assert.equal(await w.reindex(), 'rebuilt');
  assert.deepEqual(w.journal.pending(), []);
  const rows = [2, 4, 6].map((line) => rowAtLine(w.store, line));
  const keys = await pairKeysForRows(w.datasetPath, w.store, rows);
  assert.deepEqual(
    keys.map(({ pairKey }) => {
      const status = w.journal.stateOf(pairKey);
      return status && { state: status.state, saved: status.saved, onDisk: status.onDisk, pending: status.pending };
    }),
    [
      { state: 'flip', saved: 'flip', onDisk: 'flip', pending: false },
      { state: 'tie', saved: 'tie', onDisk: 'tie', pending: false },
      { state: 'drop', saved: 'drop', onDisk: 'drop', pending: false },
    ],
    'the rebuilt rows find their decisions, saved',
  );
  const again = await w.apply();
  assert.equal(again.changedRecords, 0);
  assert.ok(w.bytes().equals(saved), 'the flip is not applied a second time');
  // Restoring the flipped pair takes the mark off: the rebuilt row shows the dataset's label again.
  await w.relabel([[2, 'restore']]);
  await w.apply();
  assert.doesNotMatch(w.bytes().toString('utf8').split('\n')[1] as string, /rr_label/);
  await assertIndexMatchesFile(w);
  w.close();
});
