import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { attachScores, listAttachments } from '../../../../src/core/attachments/attachScores.ts';
import { rememberAttachments } from '../../../../src/core/attachments/reapplyAttachments.ts';
import { readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import type { PairStore } from '../../../../src/core/store/pairStore.ts';
import { tempFolder, Workspace as RelabelWorkspace } from '../relabels/relabelTestKit.ts';
import { fixture, workspace } from './attachmentTestKit.ts';

const space = workspace();
after(() => space.remove());

async function scoresOf(datasetPath: string, store: PairStore, id: string) {
  const row = store.pairById(id);
  assert.ok(row, `pair ${id}`);
  return (await readPairAt(datasetPath, store, row)).scores;
}

test('attachments survive a rebuild: the new index matches them again by id', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'rebuilt.jsonl');
  const scores = space.copy('generic-scores.jsonl', 'rebuilt-scores.jsonl');
  const first = await space.index(dataset);
  await attachScores(first.store, dataset, { path: scores });
  first.store.close();

  // Rewrite the dataset with its records in reverse order: a rebuild, and every pair moves.
  const lines = readFileSync(dataset, 'utf8').trim().split('\n').reverse();
  writeFileSync(dataset, `${lines.join('\n')}\n`);
  const second = await space.index(dataset);
  try {
    assert.equal(second.outcome, 'rebuilt');
    assert.deepEqual(listAttachments(second.store).map((a) => [a.path, a.models, a.matched, a.unmatched, a.problem]), [
      [scores, ['rm-a', 'rm-b'], 5, 3, ''],
    ]);
    assert.deepEqual(second.store.modelNames(), ['rm', 'rm-a', 'rm-b']);
    assert.deepEqual(await scoresOf(dataset, second.store, 'p1'), {
      rm: { chosen: 2, rejected: 1 },
      'rm-a': { chosen: 0.5, rejected: 1.5 },
      'rm-b': { chosen: 3, rejected: 1 },
    });
    // p1 is the last pair now (ord 4): its ensemble columns were recomputed in the new index.
    assert.equal(second.store.pairById('p1')?.ord, 4);
    assert.equal(second.store.pairById('p1')?.scoredModels, 3);
  } finally {
    second.store.close();
  }
});

test('a dataset that grew: new pairs pick up the attachment lines that matched nothing before', async () => {
  const full = readFileSync(space.copy('scored-pairs.jsonl', 'full.jsonl'), 'utf8').trim().split('\n');
  const dataset = `${space.dir}/growing.jsonl`;
  writeFileSync(dataset, `${full.slice(0, 3).join('\n')}\n`);
  const scores = space.copy('generic-scores.jsonl', 'growing-scores.jsonl');
  const first = await space.index(dataset);
  const report = await attachScores(first.store, dataset, { path: scores });
  assert.deepEqual(report.problems.map((p) => p.reason).filter((r) => r.startsWith('no pair')), ['no pair with id p9', 'no pair with id p5']);
  first.store.close();

  appendFileSync(dataset, `${full.slice(3).join('\n')}\n`);
  const second = await space.index(dataset);
  try {
    assert.equal(second.outcome, 'appended');
    const [attachment] = listAttachments(second.store);
    assert.equal(attachment?.matched, 5);
    assert.deepEqual(await scoresOf(dataset, second.store, 'p5'), { rm: { chosen: 3, rejected: 0 }, 'rm-b': { chosen: 1, rejected: 4 } });
    assert.equal(second.store.pairById('p5')?.scoredModels, 2);
  } finally {
    second.store.close();
  }
});

test('reopening an unchanged dataset re-applies only an attachment whose file changed', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'reused.jsonl');
  const scores = `${space.dir}/reused-scores.jsonl`;
  writeFileSync(scores, '{"id": "p3", "model": "rm-x", "chosen": 1, "rejected": 0}\n');
  const first = await space.index(dataset);
  const attachedAt = (await attachScores(first.store, dataset, { path: scores })).attachedAt;
  first.store.close();

  const unchanged = await space.index(dataset);
  assert.equal(unchanged.outcome, 'reused');
  assert.equal(listAttachments(unchanged.store)[0]?.attachedAt, attachedAt);
  unchanged.store.close();

  writeFileSync(scores, '{"id": "p3", "model": "rm-x", "chosen": 5, "rejected": 0}\n{"id": "p4", "model": "rm-x", "chosen": 0, "rejected": 2}\n');
  const second = await space.index(dataset);
  try {
    assert.equal(second.outcome, 'reused');
    assert.equal(listAttachments(second.store)[0]?.matched, 2);
    assert.deepEqual((await scoresOf(dataset, second.store, 'p3'))['rm-x'], { chosen: 5, rejected: 0 });
    assert.equal(second.store.pairById('p4')?.votesNegative, 1);
  } finally {
    second.store.close();
  }
});

test('an attachment whose file is gone at a rebuild is kept with the reason, and applied again once the file is back', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'gone.jsonl');
  const scores = space.copy('generic-scores.jsonl', 'gone-scores.jsonl');
  const saved = readFileSync(scores);
  const first = await space.index(dataset);
  await attachScores(first.store, dataset, { path: scores });
  first.store.close();

  rmSync(scores);
  // Reused: the index still holds what was attached; the listing says the file is gone.
  const reused = await space.index(dataset);
  assert.equal(listAttachments(reused.store)[0]?.problem, `${scores} (or its mapping) is gone; its scores stay as they were attached`);
  assert.deepEqual(reused.store.modelNames(), ['rm', 'rm-a', 'rm-b']);
  reused.store.close();

  appendFileSync(dataset, '{"id": "p6", "prompt": "Largest planet?", "chosen": "Jupiter.", "rejected": "Mars.", "subset": "basics", "scores": {}}\n');
  writeFileSync(dataset, readFileSync(dataset, 'utf8').replace('"p1"', '"p0"'));
  const rebuilt = await space.index(dataset);
  const [kept] = listAttachments(rebuilt.store);
  assert.equal(rebuilt.outcome, 'rebuilt');
  assert.match(kept?.problem ?? '', /^not re-applied: /);
  assert.deepEqual([kept?.path, kept?.models, kept?.matched], [scores, [], 0]);
  assert.deepEqual(rebuilt.store.modelNames(), ['rm']);
  rebuilt.store.close();

  writeFileSync(scores, saved);
  const restored = await space.index(dataset);
  try {
    assert.equal(restored.outcome, 'reused');
    const [back] = listAttachments(restored.store);
    // p1 is p0 now: its two lines match nothing.
    assert.deepEqual([back?.problem, back?.models, back?.matched], ['', ['rm-a', 'rm-b'], 3]);
  } finally {
    restored.store.close();
  }
});

test('rememberAttachments reads nothing from a missing or foreign database', () => {
  assert.deepEqual(rememberAttachments(`${space.dir}/none.db`), []);
  const foreign = `${space.dir}/foreign.db`;
  writeFileSync(foreign, 'not a database');
  assert.deepEqual(rememberAttachments(foreign), []);
});

test('a flip saved into the file\'s own fields keeps attached scores on their text when the dataset grows and when it is rebuilt', async () => {
  const folder = tempFolder('rr-attach-flip-');
  const reviewed = await RelabelWorkspace.create(folder.path, 'reviewed.jsonl', readFileSync(fixture('scored-pairs.jsonl')));
  try {
    // rm-a gave "Red." 0.5 and "Grey." 1.5: it disagrees with the dataset's label.
    await attachScores(reviewed.store, reviewed.datasetPath, { path: fixture('generic-scores.jsonl') });
    await reviewed.relabel([[1, 'flip']]);
    await reviewed.apply();
    const after = JSON.parse(readFileSync(reviewed.datasetPath, 'utf8').split('\n')[0] as string) as { chosen: string };
    assert.equal(after.chosen, 'Grey.', 'the flip swapped the two responses in the file');
    const onItsText = { chosen: 1.5, rejected: 0.5 };
    assert.deepEqual((await scoresOf(reviewed.datasetPath, reviewed.store, 'p1'))['rm-a'], onItsText, 'after the save');

    // New lines: the attachment is applied again to the grown file.
    appendFileSync(reviewed.datasetPath, '{"id": "p6", "prompt": "Largest planet?", "chosen": "Jupiter.", "rejected": "Mars.", "scores": {}}\n');
    assert.equal(await reviewed.reindex(), 'appended');
    assert.deepEqual((await scoresOf(reviewed.datasetPath, reviewed.store, 'p1'))['rm-a'], onItsText, 'after the file grew');
    assert.equal(reviewed.store.pairById('p1')?.votesNegative, 2, 'rm and rm-b prefer "Red.", now rejected: the ensemble columns follow');

    // Edited elsewhere: a rebuilt index, the attachment re-read from its file.
    writeFileSync(reviewed.datasetPath, readFileSync(reviewed.datasetPath, 'utf8').replace('"Capital of France?"', '"Capital of France, please?"'));
    assert.equal(await reviewed.reindex(), 'rebuilt');
    assert.deepEqual((await scoresOf(reviewed.datasetPath, reviewed.store, 'p1'))['rm-a'], onItsText, 'after a rebuild');
    assert.deepEqual((await scoresOf(reviewed.datasetPath, reviewed.store, 'p2'))['rm-a'], { chosen: 2, rejected: 1 }, 'an unflipped pair as attached');

    // Attached afresh, the file is read against the dataset as it is now: its chosen is "Grey.".
    await attachScores(reviewed.store, reviewed.datasetPath, { path: fixture('generic-scores.jsonl') });
    assert.deepEqual((await scoresOf(reviewed.datasetPath, reviewed.store, 'p1'))['rm-a'], { chosen: 0.5, rejected: 1.5 }, 'attached again by hand');
  } finally {
    reviewed.close();
    folder.remove();
  }
});
