import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { onDidChangeAttachments, type AttachmentsChange } from '../../../../src/core/attachments/attachmentEvents.ts';
import { attachScores, detachScores, listAttachments } from '../../../../src/core/attachments/attachScores.ts';
import { readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import { buildReport } from '../../../../src/core/reports/buildReport.ts';
import type { PairStore } from '../../../../src/core/store/pairStore.ts';
import { PairFlag } from '../../../../src/core/store/schema.ts';
import { fixtureFile } from '../../sharedData.ts';
import { allRows, assertEnsemble, ensembleOf, expectedEnsemble, fixture, workspace } from './attachmentTestKit.ts';

const space = workspace();
after(() => space.remove());

async function pairWithId(datasetPath: string, store: PairStore, id: string) {
  const row = store.pairById(id);
  assert.ok(row, `pair ${id}`);
  return readPairAt(datasetPath, store, row);
}

test('generic score rows join by id: scores reach the pair and its ensemble columns; unmatched and bad lines are reported', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'generic.jsonl');
  const { store } = await space.index(dataset);
  try {
    const before = allRows(store);
    const report = await attachScores(store, dataset, { path: fixture('generic-scores.jsonl') });
    assert.equal(report.kind, 'generic');
    assert.deepEqual(report.models, ['rm-a', 'rm-b']);
    assert.deepEqual([report.records, report.matched, report.unmatched, report.problemCount], [8, 5, 3, 3]);
    assert.deepEqual(report.problems.slice(0, 2), [
      { line: 4, reason: 'no pair with id p9' },
      { line: 6, reason: 'field \'chosen\' must be a number (or a list of numbers), found "high"' },
    ]);
    assert.equal(report.problems[2]?.line, 7);
    assert.match(report.problems[2]?.reason ?? '', /^malformed JSON: /);
    assert.deepEqual(store.modelNames(), ['rm', 'rm-a', 'rm-b']);

    // Models 0 (rm, inline), 1 (rm-a), 2 (rm-b): the margins of each pair after attaching.
    const margins: Record<string, Record<number, number>> = {
      p1: { 0: 1, 1: -1, 2: 2 },
      p2: { 0: -1, 1: 1 },
      p3: { 1: 0.25 },
      p4: { 0: 0 },
      p5: { 0: 3, 2: -3 },
    };
    for (const [id, expected] of Object.entries(margins)) assertEnsemble(ensembleOf(store.pairById(id)), expectedEnsemble(expected), id);
    // The score columns the reports read hold the attached scores.
    assert.deepEqual([...store.scoreColumns(1).chosen], [0.5, 2, 0.25, Number.NaN, Number.NaN]);
    assert.deepEqual([...store.scoreColumns(2).rejected], [1, Number.NaN, Number.NaN, Number.NaN, 4]);
    // Nothing else about the pairs changed.
    const after = allRows(store);
    const rest = (rows: typeof before) => rows.map(({ scoredModels: _n, mu: _m, sigma: _s, votesPositive: _p, votesZero: _z, votesNegative: _v, misrankedMask: _k, ...row }) => row);
    assert.deepEqual(rest(after), rest(before));

    const p1 = await pairWithId(dataset, store, 'p1');
    assert.deepEqual(p1.scores, { rm: { chosen: 2, rejected: 1 }, 'rm-a': { chosen: 0.5, rejected: 1.5 }, 'rm-b': { chosen: 3, rejected: 1 } });
  } finally {
    store.close();
  }
});

test('detaching restores the index as it was, model numbers stay 0…M-1, and re-attaching a file replaces it', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'detach.jsonl');
  const { store } = await space.index(dataset);
  try {
    const before = allRows(store);
    await attachScores(store, dataset, { path: fixture('generic-scores.jsonl') });
    await attachScores(store, dataset, { path: fixture('rewardbench-results.json') });
    assert.deepEqual(store.modelNames(), ['rm', 'rm-a', 'rm-b', 'org/rb-model']);
    // Attaching the same file again replaces it rather than adding it twice.
    await attachScores(store, dataset, { path: fixture('generic-scores.jsonl') });
    assert.deepEqual(listAttachments(store).map((a) => a.path), [fixture('rewardbench-results.json'), fixture('generic-scores.jsonl')]);
    assert.deepEqual(store.modelNames(), ['rm', 'org/rb-model', 'rm-a', 'rm-b']);

    const detached = detachScores(store, dataset, fixture('generic-scores.jsonl'));
    assert.deepEqual(detached?.models, ['rm-a', 'rm-b']);
    assert.deepEqual(store.modelNames(), ['rm', 'org/rb-model']);
    // org/rb-model is model 1 now: p2 (margin -1) sets bit 1, p1 (margin 1) does not.
    assertEnsemble(ensembleOf(store.pairById('p2')), expectedEnsemble({ 0: -1, 1: -1 }), 'p2');
    assertEnsemble(ensembleOf(store.pairById('p1')), expectedEnsemble({ 0: 1, 1: 1 }), 'p1');
    assert.equal(detachScores(store, dataset, fixture('generic-scores.jsonl')), undefined);

    detachScores(store, dataset, fixture('rewardbench-results.json'));
    assert.deepEqual(listAttachments(store), []);
    assert.deepEqual(allRows(store), before);
    assert.deepEqual(store.modelNames(), ['rm']);
    assert.equal((store.db.prepare('SELECT count(*) AS n FROM score_chunks WHERE model > 0').get() as { n: number }).n, 0);
  } finally {
    store.close();
  }
});

test('RewardBench per-prompt results as columnar lists (one object of lists) and as rows; best-of-N lists count their best', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'rewardbench.jsonl');
  const { store } = await space.index(dataset);
  try {
    const columnar = await attachScores(store, dataset, { path: fixture('rewardbench-results.json') });
    assert.equal(columnar.kind, 'rewardbench');
    assert.deepEqual(columnar.models, ['org/rb-model']);
    assert.deepEqual([columnar.records, columnar.matched, columnar.unmatched], [5, 4, 1]);
    // The lists are one object starting on line 1; the item says which entry matched nothing.
    assert.deepEqual(columnar.problems, [{ line: 1, reason: 'item 4: no pair with id p6' }]);
    assert.deepEqual((await pairWithId(dataset, store, 'p3')).scores['org/rb-model'], { chosen: 2, rejected: 3 });
    assert.deepEqual((await pairWithId(dataset, store, 'p4')).scores['org/rb-model'], { chosen: 0.25, rejected: 0.25 });

    const rows = await attachScores(store, dataset, { path: fixture('rewardbench-rows.jsonl') });
    assert.deepEqual([rows.records, rows.matched, rows.unmatched], [3, 2, 1]);
    assert.deepEqual(rows.problems, [{ line: 3, reason: "missing field 'scores_rejected'" }]);
    assert.deepEqual((await pairWithId(dataset, store, 'p5')).scores['org/rb-rows'], { chosen: 2, rejected: 1.5 });
    // p4: rm 0, rb-model 0, rb-rows -0.5.
    assertEnsemble(ensembleOf(store.pairById('p4')), expectedEnsemble({ 0: 0, 1: 0, 2: -0.5 }), 'p4');
  } finally {
    store.close();
  }
});

test('rows without ids join by record order; a dataset record that is bad holds its place and is reported', async () => {
  // malformed-line.jsonl: 7 records, the 3rd of them malformed.
  const dataset = fixtureFile('bad-inputs/malformed-line.jsonl');
  const { store } = await space.index(dataset);
  try {
    const report = await attachScores(store, dataset, { path: fixture('order-scores.jsonl') });
    // No model field: the file's name is the model's.
    assert.deepEqual(report.models, ['order-scores']);
    assert.deepEqual(report.problems, [
      { line: 3, reason: "the dataset's record 3 (line 3) is a bad record" },
      { line: 8, reason: 'record 8 has no pair: the dataset has 7 records' },
    ]);
    // Row k (0-based) has chosen k + 0.5: rows 0, 1 → pairs 0, 1; rows 3…6 → pairs 2…5.
    assert.deepEqual([...store.scoreColumns(0).chosen], [0.5, 1.5, 3.5, 4.5, 5.5, 6.5]);
  } finally {
    store.close();
  }
});

test('a judge file in A/B terms, through the mapping beside it: scores, critiques and verdicts oriented by which response each pair shows first', async () => {
  const dataset = space.copy('ab-pairs.jsonl');
  const { store } = await space.index(dataset);
  try {
    // ab-judge.jsonl.rr-map.json sits beside the judge file: no mapping needs to be named.
    const report = await attachScores(store, dataset, { path: fixture('ab-judge.jsonl') });
    assert.equal(report.kind, 'mapping');
    assert.equal(report.mapping, fixture('ab-judge.jsonl.rr-map.json'));
    assert.deepEqual(report.models, ['judge-x']);
    assert.deepEqual(report.judges, ['judge-x', 'second opinion']);
    assert.deepEqual(report.problems, [
      { line: 5, reason: 'no pair with id q7' },
      {
        line: 6,
        reason: `field 'verdict' has value "C", which the table of 'critiques.judge-x.verdict' in ${fixture('ab-judge.jsonl.rr-map.json')} does not list (it lists "A", "B", "tie")`,
      },
    ]);
    // q1: response_b won, so the judge's A (response_a) is the rejected side.
    const q1 = await pairWithId(dataset, store, 'q1');
    assert.equal(q1.chosen, 'Hola.');
    assert.deepEqual(q1.scores, { 'judge-x': { chosen: 3, rejected: 7 } });
    assert.deepEqual(q1.critiques, {
      'judge-x': { chosen: 'Correct.', rejected: 'Not Spanish.', pair: 'The first is friendlier.', verdict: 'rejected' },
      'second opinion': { verdict: 'chosen' },
    });
    // q2: response_a won, so A is chosen.
    const q2 = await pairWithId(dataset, store, 'q2');
    assert.deepEqual(q2.scores, { 'judge-x': { chosen: 9, rejected: 1 } });
    assert.deepEqual(q2.critiques, {
      'judge-x': { chosen: 'Right.', rejected: 'Wrong.', pair: 'The first is right.', verdict: 'chosen' },
      'second opinion': { verdict: 'chosen' },
    });
    // q3: a tie, no second opinion (null); q4: only one side scored, so no score for the pair.
    assert.deepEqual((await pairWithId(dataset, store, 'q3')).critiques, { 'judge-x': { pair: 'Both are fine.', verdict: 'tie' } });
    const q4 = await pairWithId(dataset, store, 'q4');
    assert.deepEqual(q4.scores, {});
    assert.deepEqual(q4.critiques, { 'judge-x': { pair: 'Jupiter is larger.', verdict: 'chosen' }, 'second opinion': { verdict: 'chosen' } });
    // Every pair with an attached critique is flagged for the list's critique filter.
    for (const row of allRows(store)) assert.ok(row.flags & PairFlag.hasCritique, `line ${row.line}`);
    assert.deepEqual(store.db.prepare('SELECT ord, judge, verdict FROM attached_critiques ORDER BY ord, judge').all(), [
      { ord: 0, judge: 'judge-x', verdict: 'rejected' },
      { ord: 0, judge: 'second opinion', verdict: 'chosen' },
      { ord: 1, judge: 'judge-x', verdict: 'chosen' },
      { ord: 1, judge: 'second opinion', verdict: 'chosen' },
      { ord: 2, judge: 'judge-x', verdict: 'tie' },
      { ord: 3, judge: 'judge-x', verdict: 'chosen' },
      { ord: 3, judge: 'second opinion', verdict: 'chosen' },
    ]);

    detachScores(store, dataset, fixture('ab-judge.jsonl'));
    for (const row of allRows(store)) assert.equal(row.flags & (PairFlag.hasCritique | PairFlag.attachedCritique), 0, `line ${row.line}`);
    assert.deepEqual((await pairWithId(dataset, store, 'q1')).critiques, {});
  } finally {
    store.close();
  }
});

test('a pair a reviewer flipped with an rr_label mark takes attached scores and critiques the other way round', async () => {
  // The same files as above, but q1 and p1 carry the mark a save writes where the label cannot be rewritten.
  const mark = (path: string, id: string) =>
    writeFileSync(path, readFileSync(path, 'utf8').replace(`{"id": "${id}",`, `{"rr_label": "flipped", "id": "${id}",`));
  const abDataset = space.copy('ab-pairs.jsonl', 'ab-marked.jsonl');
  mark(abDataset, 'q1');
  const scoredDataset = space.copy('scored-pairs.jsonl', 'scored-marked.jsonl');
  mark(scoredDataset, 'p1');
  const ab = await space.index(abDataset);
  const scored = await space.index(scoredDataset);
  try {
    await attachScores(ab.store, abDataset, { path: fixture('ab-judge.jsonl') });
    // Unmarked, q1's chosen is "Hola." scored 3 with the verdict "rejected"; the flip turns all of it round.
    const q1 = await pairWithId(abDataset, ab.store, 'q1');
    assert.notEqual(q1.chosen, 'Hola.');
    assert.deepEqual(q1.scores, { 'judge-x': { chosen: 7, rejected: 3 } });
    assert.deepEqual(q1.critiques['judge-x'], { chosen: 'Not Spanish.', rejected: 'Correct.', pair: 'The first is friendlier.', verdict: 'chosen' });
    // Scores given as chosen/rejected follow their text too, like the inline ones.
    await attachScores(scored.store, scoredDataset, { path: fixture('generic-scores.jsonl') });
    const p1 = await pairWithId(scoredDataset, scored.store, 'p1');
    assert.deepEqual(p1.scores, { rm: { chosen: 1, rejected: 2 }, 'rm-a': { chosen: 1.5, rejected: 0.5 }, 'rm-b': { chosen: 1, rejected: 3 } });
  } finally {
    ab.store.close();
    scored.store.close();
  }
});

test('the agreement report counts attached judges and says where their verdicts come from', async () => {
  const dataset = space.copy('ab-pairs.jsonl', 'ab-agreement.jsonl');
  const { store } = await space.index(dataset);
  try {
    await attachScores(store, dataset, { path: fixture('ab-judge.jsonl') });
    const report = await buildReport(store, { kinds: ['agreement'] });
    assert.deepEqual(report.agreement!.raters.filter((r) => r.kind === 'judge').map((r) => r.name), ['judge-x', 'second opinion']);
    assert.equal(report.agreement!.annotations.note, 'No record carries annotator votes or judge verdicts of its own. Verdicts of 2 attached judges come from the index.');
  } finally {
    store.close();
  }
});

test('an inline critique keeps its flag when an attachment with critiques comes and goes', async () => {
  const dataset = fixtureFile('formats/native.jsonl');
  const { store } = await space.index(dataset);
  try {
    const flagsBefore = allRows(store).map((row) => row.flags);
    const withInline = allRows(store).filter((row) => row.flags & PairFlag.hasCritique).map((row) => row.ord);
    assert.ok(withInline.length > 0);
    const judge = `${space.dir}/judge.jsonl`;
    writeFileSync(judge, allRows(store).map((row) => JSON.stringify({ n: row.ord, verdict: 'A' })).join('\n'));
    writeFileSync(`${judge}.rr-map.json`, JSON.stringify({ index: 'n', critiques: { j: { verdict: { path: 'verdict', values: { A: 'A' } } } } }));
    const report = await attachScores(store, dataset, { path: judge });
    assert.equal(report.matched, allRows(store).length);
    for (const row of allRows(store)) assert.ok(row.flags & PairFlag.hasCritique);
    detachScores(store, dataset, judge);
    assert.deepEqual(allRows(store).map((row) => row.flags), flagsBefore);
  } finally {
    store.close();
  }
});

test('a model or judge name already in use is given the file name, and the report says so', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'names.jsonl');
  const { store } = await space.index(dataset);
  try {
    const scores = `${space.dir}/more-rm.jsonl`;
    writeFileSync(scores, '{"id": "p3", "model": "rm", "chosen": 1, "rejected": 0}\n');
    const report = await attachScores(store, dataset, { path: scores });
    assert.deepEqual(report.renamed, [{ from: 'rm', to: 'rm (more-rm.jsonl)' }]);
    assert.deepEqual(store.modelNames(), ['rm', 'rm (more-rm.jsonl)']);
    assert.deepEqual((await pairWithId(dataset, store, 'p3')).scores, { 'rm (more-rm.jsonl)': { chosen: 1, rejected: 0 } });
  } finally {
    store.close();
  }
});

test('files that are not score rows, and unreadable files, fail with a message naming the file', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'refuse.jsonl');
  const { store } = await space.index(dataset);
  try {
    // A judge output without a mapping: the message lists what it saw and what would work.
    await assert.rejects(attachScores(store, dataset, { path: fixtureFile('formats/ab-comparison.jsonl') }), (error: Error) => {
      assert.match(error.message, new RegExp(`^${fixtureFile('formats/ab-comparison.jsonl').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not score rows Reward Review reads on its own \\(fields seen in \\d+ records: "`));
      assert.match(error.message, /write an attachment mapping \(.*ab-comparison\.jsonl\.rr-map\.json beside it is used automatically\)\.$/);
      return true;
    });
    await assert.rejects(attachScores(store, dataset, { path: fixtureFile('bad-inputs/not-json.csv') }), {
      message: `${fixtureFile('bad-inputs/not-json.csv')}:1: not JSON or JSONL: line 1 starts with "i", expected "{" (JSONL) or "[" (a JSON array)`,
    });
    // A dataset mapping given where an attachment mapping belongs.
    await assert.rejects(
      attachScores(store, dataset, { path: fixture('generic-scores.jsonl'), mappingPath: fixtureFile('mappings/pandalm-gpt35-judge.json') }),
      { message: `${fixtureFile('mappings/pandalm-gpt35-judge.json')}: key 'prompt' belongs in a dataset mapping; an attachment mapping names only id (or index), scores and critiques` },
    );
    assert.deepEqual(listAttachments(store), []);
    assert.deepEqual(store.modelNames(), ['rm']);
  } finally {
    store.close();
  }
});

test('onDidChangeAttachments tells an open editor what changed', async () => {
  const dataset = space.copy('scored-pairs.jsonl', 'events.jsonl');
  const { store } = await space.index(dataset);
  const changes: AttachmentsChange[] = [];
  const subscription = onDidChangeAttachments((change) => changes.push(change));
  try {
    await attachScores(store, dataset, { path: fixture('generic-scores.jsonl') });
    detachScores(store, dataset, fixture('generic-scores.jsonl'));
    subscription.dispose();
    await attachScores(store, dataset, { path: fixture('generic-scores.jsonl') });
    assert.deepEqual(changes.map((change) => [change.reason, change.path, change.datasetPath, change.dbPath]), [
      ['attached', fixture('generic-scores.jsonl'), dataset, store.db.name],
      ['detached', fixture('generic-scores.jsonl'), dataset, store.db.name],
    ]);
  } finally {
    subscription.dispose();
    store.close();
  }
});
