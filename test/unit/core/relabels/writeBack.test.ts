/**
 * Write-back: only relabeled lines change (byte for byte, line endings, BOM and a missing last
 * newline included), per format family and per mode; the index describes the new file without a
 * re-index; a changed file, a held lock or a read-only file refuse the save and keep the relabels
 * pending; decisions survive a re-index.
 */
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { attachScores, detachScores } from '../../../../src/core/attachments/attachScores.ts';
import { ensureIndex } from '../../../../src/core/indexing/ensureIndex.ts';
import { readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import { acquireDatasetLock } from '../../../../src/core/relabels/datasetLock.ts';
import { copyPathFor, droppedPathFor, sidecarPathFor } from '../../../../src/core/relabels/relabelPaths.ts';
import { WriteBackError } from '../../../../src/core/relabels/writeBackError.ts';
import { generateRecords } from '../../../../src/core/sample/generateDataset.ts';
import { PAIR_COLUMNS } from '../../../../src/core/store/pairStore.ts';
import type { PairStore } from '../../../../src/core/store/pairStore.ts';
import { assertEnsemble, ensembleOf, expectedEnsemble } from '../attachments/attachmentTestKit.ts';
import { assertIndexMatchesFile, assertOnlyLinesChanged, tempFolder, Workspace } from './relabelTestKit.ts';

const folder = tempFolder('rr-write-back-');
after(() => folder.remove());
let made = 0;

async function workspace(content: string | Buffer, name = `set${made++}.jsonl`): Promise<Workspace> {
  return Workspace.create(folder.path, name, content);
}

/** Native records from the seeded generator, one per line. */
function nativeLines(count: number, seed = 3): string[] {
  return [...generateRecords({ seed, pairs: count })].map((record) => JSON.stringify(record));
}

async function rejects(promise: Promise<unknown>, failure: WriteBackError['failure']): Promise<WriteBackError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WriteBackError, `a WriteBackError, got ${String(error)}`);
    assert.equal(error.failure, failure, error.message);
    return error;
  }
  assert.fail(`expected a '${failure}' refusal`);
}

test('native JSONL: flip, tie and drop change only their lines; the index describes the new file', async () => {
  const w = await workspace(`${nativeLines(12).join('\n')}\n`);
  const before = w.bytes();
  await w.relabel([[2, 'flip', 'rejected is right'], [5, 'tie'], [9, 'drop']]);
  const result = await w.apply();
  assert.equal(result.changedRecords, 3);
  assert.equal(result.indexUpdated, true);
  assert.deepEqual(w.journal.pending(), []);
  const changed = assertOnlyLinesChanged(before, w.bytes(), [2, 5, 9]);
  const original = JSON.parse(before.toString('utf8').split('\n')[1] as string) as Record<string, unknown>;
  const flipped = JSON.parse(changed.get(2) as string) as Record<string, unknown>;
  assert.deepEqual(flipped.chosen, original.rejected);
  assert.deepEqual(flipped.rejected, original.chosen);
  assert.equal((JSON.parse(changed.get(5) as string) as { label: string }).label, 'tie');
  assert.equal((JSON.parse(changed.get(9) as string) as { rr_dropped: boolean }).rr_dropped, true);
  await assertIndexMatchesFile(w);
  assert.equal((w.store.pairByLine(9)?.flags ?? 0) & 64, 64, 'the dropped flag is in the index');
  assert.equal(await w.reindex(), 'reused', 'the next open reuses the patched index');
  w.close();
});

test('CRLF endings, a BOM and a last line without a newline are kept', async () => {
  const lines = nativeLines(6, 9);
  const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]);
  const w = await workspace(content);
  await w.relabel([[1, 'flip'], [6, 'tie']]);
  await w.apply({ provenance: true });
  const after = w.bytes();
  assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
  const changed = assertOnlyLinesChanged(content, after, [1, 6]);
  assert.ok((changed.get(1) as string).endsWith('}\r\n'), 'the relabeled line keeps its CRLF');
  assert.ok(!(changed.get(6) as string).endsWith('\n'), 'the last line still has no newline');
  const provenance = (JSON.parse(changed.get(6) as string) as { rr_provenance: Record<string, unknown> }).rr_provenance;
  assert.equal(provenance.action, 'tie');
  assert.equal(provenance.previous, 'original');
  await assertIndexMatchesFile(w);
  // Restoring gives the original file back, byte for byte.
  await w.relabel([[1, 'restore'], [6, 'restore']]);
  await w.apply({ provenance: true });
  assert.ok(w.bytes().equals(content));
  w.close();
});

test('HH-RLHF transcripts: a flip swaps the two transcripts and nothing else', async () => {
  const records = [
    { chosen: '\n\nHuman: Hi there\n\nAssistant: Hello! How can I help?', rejected: '\n\nHuman: Hi there\n\nAssistant: What.' },
    { chosen: '\n\nHuman: 2+2?\n\nAssistant: 4', rejected: '\n\nHuman: 2+2?\n\nAssistant: 5' },
    { chosen: '\n\nHuman: Capital of France?\n\nAssistant: Paris.', rejected: '\n\nHuman: Capital of France?\n\nAssistant: Lyon, I think.' },
  ];
  const content = `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const w = await workspace(content);
  await w.relabel([[2, 'flip']]);
  await w.apply();
  const changed = assertOnlyLinesChanged(Buffer.from(content), w.bytes(), [2]);
  assert.equal(changed.get(2), `${JSON.stringify({ chosen: records[1]?.rejected, rejected: records[1]?.chosen })}\n`);
  await assertIndexMatchesFile(w);
  assert.equal(w.store.pairByLine(2)?.label, 1);
  w.close();
});

test('A/B verdicts: each record keeps its own encoding, in a JSONL file of mixed verdict styles', async () => {
  const lines = [
    '{"id":"a","prompt":"Q1","response_a":"x","response_b":"y","winner":"model_a"}',
    '{"id":"b","prompt":"Q2","response_a":"x","response_b":"y","winner":"model_b"}',
    '{"id":"c","prompt":"Q3","response_a":"x","response_b":"y","winner":"tie"}',
    '{"id":"d","prompt":"Q4","response_a":"p","response_b":"q","winner":"model_a"}',
  ];
  const content = `${lines.join('\n')}\n`;
  const w = await workspace(content);
  await w.relabel([[1, 'flip'], [2, 'tie'], [3, 'flip']]);
  await w.apply();
  const changed = assertOnlyLinesChanged(Buffer.from(content), w.bytes(), [1, 2, 3]);
  assert.equal(changed.get(1), '{"id":"a","prompt":"Q1","response_a":"x","response_b":"y","winner":"model_b"}\n');
  assert.equal(changed.get(2), '{"id":"b","prompt":"Q2","response_a":"x","response_b":"y","winner":"tie"}\n');
  assert.equal(changed.get(3), '{"id":"c","prompt":"Q3","response_a":"x","response_b":"y","winner":"model_b"}\n');
  await assertIndexMatchesFile(w);
  w.close();
});

test('a pretty-printed JSON array: only the relabeled elements change, and later lines move in the index', async () => {
  const elements = [
    { instruction: 'Q1', input: '', response1: 'x', response2: 'y', annotator1: 1, annotator2: 1, annotator3: 2 },
    { instruction: 'Q2', input: '', response1: 'p', response2: 'q', annotator1: 2, annotator2: 2, annotator3: 2 },
    { instruction: 'Q3', input: '', response1: 'm', response2: 'n', annotator1: 0, annotator2: 1, annotator3: 1 },
  ];
  const content = JSON.stringify(elements, null, 4).replace(/\n/g, '\r\n');
  const w = await workspace(content, 'pandalm.json');
  const second = w.store.pairByOrd(1);
  await w.relabel([[second?.line as number, 'flip']]);
  await w.apply();
  const text = w.bytes().toString('utf8');
  assert.equal(text, content.replace('"annotator3": 2\r\n    },\r\n    {\r\n        "instruction": "Q3"', '"annotator3": 2,\r\n        "rr_label": "flipped"\r\n    },\r\n    {\r\n        "instruction": "Q3"'));
  assert.equal(w.store.pairByOrd(2)?.line, 21, 'the element after the relabeled one moved down a line');
  await assertIndexMatchesFile(w);
  assert.equal(await w.reindex(), 'reused');
  w.close();
});

test('drop to <name>.dropped.jsonl moves the line out whole, and restore puts it back where it was', async () => {
  const content = `${nativeLines(8, 5).join('\n')}\n`;
  const w = await workspace(content);
  const third = content.split('\n')[2] as string;
  const last = content.split('\n')[7] as string;
  await w.relabel([[3, 'drop'], [8, 'drop'], [5, 'flip']]);
  const result = await w.apply({ dropTo: 'file' });
  assert.equal(result.movedToDropped, 2);
  assert.equal(readFileSync(droppedPathFor(w.datasetPath), 'utf8'), `${third}\n${last}\n`);
  const lines = w.bytes().toString('utf8').split('\n');
  assert.equal(lines.length, 7, 'two lines fewer');
  assert.ok(!lines.includes(third) && !lines.includes(last));
  await assertIndexMatchesFile(w);
  assert.equal(w.store.pairCount(), 6);
  assert.equal(await w.reindex(), 'reused');

  // Lines moved out are no longer in the index: the journal names them.
  const moved = w.journal.states().filter((s) => s.onDisk === 'drop');
  assert.equal(moved.length, 2);
  w.journal.record(moved.map((s) => ({ pairKey: s.pairKey, line: s.line, ord: s.ord, action: 'restore' as const })));
  w.journal.record([{ pairKey: 'id:rr-000005', line: 4, ord: 3, action: 'restore' }]);
  const back = await w.apply({ dropTo: 'file' });
  assert.equal(back.restoredFromDropped, 2);
  assert.ok(w.bytes().equals(Buffer.from(content)), 'the file is back to its original bytes');
  assert.equal(readFileSync(droppedPathFor(w.datasetPath), 'utf8'), '', 'nothing left in the dropped file');
  await assertIndexMatchesFile(w);
  w.close();
});

test('sidecar mode leaves the dataset untouched and appends one line per decision', async () => {
  const content = `${nativeLines(5, 11).join('\n')}\n`;
  const w = await workspace(content);
  const mtime = statSync(w.datasetPath).mtimeMs;
  await w.relabel([[2, 'flip', 'wrong label'], [4, 'drop']]);
  await w.apply({ mode: 'sidecar' });
  assert.ok(w.bytes().equals(Buffer.from(content)));
  assert.equal(statSync(w.datasetPath).mtimeMs, mtime);
  const first = readFileSync(sidecarPathFor(w.datasetPath), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(first.map((d) => [d.id, d.line, d.action, d.note]), [['rr-000002', 2, 'flip', 'wrong label'], ['rr-000004', 4, 'drop', undefined]]);
  assert.ok(first.every((d) => typeof d.at === 'string'));
  assert.deepEqual(w.journal.pending(), []);
  await w.relabel([[2, 'restore']]);
  await w.apply({ mode: 'sidecar' });
  const lines = readFileSync(sidecarPathFor(w.datasetPath), 'utf8').trim().split('\n');
  assert.equal(lines.length, 3, 'the second save appended only the new decision');
  assert.equal((JSON.parse(lines[2] as string) as { action: string }).action, 'restore');
  w.close();
});

test('copy mode writes <name>.relabeled.jsonl with the relabels and leaves the dataset as it was', async () => {
  const content = `${nativeLines(6, 13).join('\n')}\n`;
  const w = await workspace(content);
  await w.relabel([[1, 'flip'], [3, 'tie'], [6, 'drop']]);
  await w.apply({ mode: 'copy', dropTo: 'file' });
  assert.ok(w.bytes().equals(Buffer.from(content)), 'dataset untouched');
  const copy = readFileSync(copyPathFor(w.datasetPath));
  assert.equal(copy.toString('utf8').split('\n').length, 6, 'the dropped line is left out of the copy');
  assert.ok(!existsSync(droppedPathFor(w.datasetPath)), 'a copy moves nothing out of the dataset');
  // The copy is what an in-place save writes.
  const twin = await workspace(content);
  await twin.relabel([[1, 'flip'], [3, 'tie'], [6, 'drop']]);
  await twin.apply({ dropTo: 'file' });
  assert.ok(twin.bytes().equals(copy));
  twin.close();
  w.close();
});

test('a file changed since it was indexed is refused; after a re-index the relabels find their pairs again', async () => {
  const lines = ['{"prompt":"A","chosen":"a1","rejected":"a2"}', '{"prompt":"B","chosen":"b1","rejected":"b2"}', '{"prompt":"C","chosen":"c1","rejected":"c2"}'];
  const w = await workspace(`${lines.join('\n')}\n`);
  await w.relabel([[2, 'flip'], [3, 'tie']]);
  // Someone inserts a record at the top: every line moves down one.
  writeFileSync(w.datasetPath, `{"prompt":"Z","chosen":"z1","rejected":"z2"}\n${lines.join('\n')}\n`);
  const refusal = await rejects(w.apply(), 'dataset-changed');
  assert.match(refusal.message, /changed on disk since it was indexed/);
  assert.equal(w.journal.pendingCount(), 2, 'still pending');
  assert.equal(await w.reindex(), 'rebuilt');
  await w.apply();
  const now = w.bytes().toString('utf8').split('\n');
  assert.equal(now[2], '{"prompt":"B","chosen":"b2","rejected":"b1"}', 'the flip found "B" on its new line (by content hash)');
  assert.equal(now[3], '{"prompt":"C","chosen":"c1","rejected":"c2","rr_label":"tie"}');
  w.close();
});

test('the same size and content with a new mtime is refused too', async () => {
  const w = await workspace(`${nativeLines(3).join('\n')}\n`);
  await w.relabel([[1, 'flip']]);
  utimesSync(w.datasetPath, new Date(), new Date(Date.now() + 5000));
  await rejects(w.apply(), 'dataset-changed');
  w.close();
});

test('the journal survives a rebuilt index: pending relabels are still offered and apply to the right pairs', async () => {
  const w = await workspace(`${nativeLines(10, 21).join('\n')}\n`);
  await w.relabel([[4, 'flip'], [7, 'drop']]);
  const expected = JSON.parse(w.bytes().toString('utf8').split('\n')[3] as string) as { rejected: unknown };
  // An edit elsewhere in the file forces a full rebuild of the index.
  const text = w.bytes().toString('utf8').replace('"id":"rr-000001"', '"id":"rr-000001b"');
  writeFileSync(w.datasetPath, text);
  assert.equal(await w.reindex(), 'rebuilt');
  assert.deepEqual(w.journal.pending().map((p) => [p.pairKey, p.action]), [['id:rr-000004', 'flip'], ['id:rr-000007', 'drop']]);
  await w.apply();
  assert.deepEqual((JSON.parse(w.bytes().toString('utf8').split('\n')[3] as string) as { chosen: unknown }).chosen, expected.rejected);
  await assertIndexMatchesFile(w);
  w.close();
});

test('another writer holding the lock makes the save wait its turn; a dead writer\'s lock is taken over', async () => {
  const w = await workspace(`${nativeLines(3).join('\n')}\n`);
  await w.relabel([[1, 'flip']]);
  const lock = acquireDatasetLock(w.datasetPath);
  const refusal = await rejects(w.apply(), 'locked');
  assert.match(refusal.message, new RegExp(`process ${process.pid}`));
  assert.equal(w.journal.pendingCount(), 1);
  lock.release();
  // A lock left by a process that no longer exists.
  writeFileSync(`${w.datasetPath.replace(/[^/]+$/, '')}.${w.datasetPath.split('/').pop()}.rr-lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), at: 'then', token: 'x' }));
  await w.apply();
  assert.equal(w.journal.pendingCount(), 0);
  w.close();
});

test('a read-only dataset is refused with the reason, and the relabels stay pending', async () => {
  const content = `${nativeLines(3).join('\n')}\n`;
  const w = await workspace(content);
  await w.relabel([[2, 'tie']]);
  chmodSync(w.datasetPath, 0o444);
  try {
    const refusal = await rejects(w.apply(), 'read-only');
    assert.match(refusal.message, /read-only/);
    assert.equal(w.journal.pendingCount(), 1);
    assert.ok(w.bytes().equals(Buffer.from(content)));
    // The sidecar does not write the dataset: it still works.
    await w.apply({ mode: 'sidecar' });
    assert.equal(w.journal.pendingCount(), 0);
  } finally {
    chmodSync(w.datasetPath, 0o644);
  }
  assert.deepEqual(readdirSync(folder.path).filter((name) => name.includes('.rr-write-')), [], 'no temporary file left');
  w.close();
});

test('a relabel the format cannot take stops the whole save before anything is written', async () => {
  const content = '{"prompt":"Q","chosen":["a"],"rejected":["b","c"]}\n{"prompt":"R","chosen":["d"],"rejected":["e","f"]}\n';
  const w = await workspace(content);
  await w.relabel([[1, 'tie'], [2, 'flip']]);
  const refusal = await rejects(w.apply(), 'not-applicable');
  assert.equal(refusal.problems.length, 1);
  assert.equal(refusal.problems[0]?.line, 2);
  assert.match(refusal.problems[0]?.reason ?? '', /best-of-N/);
  assert.ok(w.bytes().equals(Buffer.from(content)));
  assert.equal(w.journal.pendingCount(), 2);
  w.close();
});

test('a save with nothing to change in the file still clears what is pending', async () => {
  const w = await workspace('{"prompt":"Q","chosen":"a","rejected":"b","label":"tie","scores":{}}\n');
  await w.relabel([[1, 'tie']]);
  const result = await w.apply();
  assert.equal(result.outputPath, null);
  assert.equal(w.journal.pendingCount(), 0);
  w.close();
});

test('ensureIndex of a patched index is reused even after several saves in a row', async () => {
  const w = await workspace(`${nativeLines(30, 31).join('\n')}\n`);
  for (const [line, action] of [[3, 'flip'], [10, 'tie'], [3, 'restore'], [20, 'drop'], [10, 'flip']] as const) {
    await w.relabel([[line, action]]);
    await w.apply({ provenance: true });
    await assertIndexMatchesFile(w);
  }
  await assertEqualsRebuilt(w);
  w.close();
});

/** The patched index equals one built from scratch, row for row (offsets as readers see them) and score for score. */
async function assertEqualsRebuilt(w: Workspace): Promise<void> {
  const fresh = await ensureIndex({ datasetPath: w.datasetPath, dbPath: `${w.dbPath}.fresh-${made++}` });
  const rows = (store: PairStore) => store.db.prepare(`SELECT ${PAIR_COLUMNS} FROM located_pairs ORDER BY ord`).all();
  assert.deepEqual(rows(w.store), rows(fresh.store), 'the patched index equals one built from scratch');
  for (let model = 0; model < w.store.modelNames().length; model++) {
    assert.deepEqual(w.store.scoreColumns(model).chosen, fresh.store.scoreColumns(model).chosen);
    assert.deepEqual(w.store.scoreColumns(model).rejected, fresh.store.scoreColumns(model).rejected);
  }
  fresh.store.close();
}

function shiftCount(w: Workspace): number {
  return w.store.db.prepare('SELECT count(*) FROM offset_shifts').pluck().get() as number;
}

test('two saves of flips that change line lengths: every pair reads back from its line, without rewriting later rows', async () => {
  const w = await workspace(`${nativeLines(40, 41).join('\n')}\n`);
  const lastBase = () => w.store.db.prepare('SELECT base_offset FROM pairs WHERE ord = 39').pluck().get() as number;
  const before = lastBase();
  await w.relabel([[2, 'flip', 'a note lengthens the line'], [17, 'tie'], [30, 'flip']]);
  await w.apply({ provenance: true });
  await assertIndexMatchesFile(w);
  await w.relabel([[5, 'flip'], [17, 'restore'], [39, 'tie']]);
  await w.apply({ provenance: true });
  await assertIndexMatchesFile(w);
  assert.ok(shiftCount(w) > 0, 'the shifts are recorded');
  assert.equal(lastBase(), before, 'the last row was not rewritten: its new offset comes from the shifts');
  assert.notEqual(w.store.pairByOrd(39)?.offset, before, 'and it moved in the file');
  assert.equal(await w.reindex(), 'reused');
  await assertEqualsRebuilt(w);
  w.close();
});

test('a file appended to after saves with shifts: the new pairs read back where they are', async () => {
  const lines = nativeLines(30, 43);
  const w = await workspace(`${lines.slice(0, 20).join('\n')}\n`);
  await w.relabel([[4, 'flip', 'longer'], [20, 'tie']]);
  await w.apply({ provenance: true });
  assert.ok(shiftCount(w) > 0);
  appendFileSync(w.datasetPath, `${lines.slice(20).join('\n')}\n`);
  assert.equal(await w.reindex(), 'appended');
  await assertIndexMatchesFile(w);
  await w.relabel([[2, 'flip'], [25, 'flip']]);
  await w.apply({ provenance: true });
  await assertIndexMatchesFile(w);
  await assertEqualsRebuilt(w);
  w.close();
});

test('a save that moves lines out after saves with shifts folds them in; restoring puts every pair back', async () => {
  const w = await workspace(`${nativeLines(30, 47).join('\n')}\n`);
  await w.relabel([[3, 'flip', 'longer'], [12, 'tie']]);
  await w.apply({ provenance: true });
  assert.ok(shiftCount(w) > 0);
  await w.relabel([[8, 'drop'], [20, 'flip']]);
  await w.apply({ provenance: true, dropTo: 'file' });
  assert.equal(shiftCount(w), 0, 'moving lines renumbers the rows, the shifts with them');
  await assertIndexMatchesFile(w);
  await assertEqualsRebuilt(w);
  await w.relabel([[25, 'tie']]);
  await w.apply({ provenance: true });
  const dropped = w.journal.states().find((s) => s.onDisk === 'drop');
  assert.ok(dropped);
  w.journal.record([{ pairKey: dropped.pairKey, line: dropped.line, ord: dropped.ord, action: 'restore' }]);
  await w.apply({ provenance: true, dropTo: 'file' });
  await assertIndexMatchesFile(w);
  await assertEqualsRebuilt(w);
  w.close();
});

function swappedCount(w: Workspace): number {
  return w.store.db.prepare('SELECT count(*) FROM swapped_scores').pluck().get() as number;
}

test('flip, attach, detach, flip again: own and attached scores, pairs and ensembles read the right way round', async () => {
  const lines = nativeLines(12, 53);
  const w = await workspace(`${lines.join('\n')}\n`);
  const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
  // An attachment's scores are given for the sides as they are when it is attached.
  const attachment = (name: string, base: number) => {
    const path = `${w.datasetPath}.${name}.jsonl`;
    writeFileSync(path, ids.map((id, ord) => JSON.stringify({ id, model: name, chosen: base + ord, rejected: base + 100 + ord })).join('\n'));
    return path;
  };
  const expectAttached = (name: string, base: number, swapped: number[]) =>
    ids.map((_, ord) => (swapped.includes(ord) ? [base + 100 + ord, base + ord] : [base + ord, base + 100 + ord]));
  /** Every score column equals a rebuilt index's (own models) or the expectation (attached ones); so do pairs and ensembles. */
  const check = async (attached: Record<string, number[][]>) => {
    const fresh = await ensureIndex({ datasetPath: w.datasetPath, dbPath: `${w.dbPath}.fresh-${made++}` });
    const own = fresh.store.modelNames();
    const names = w.store.modelNames();
    const columns = names.map((name, model) => {
      const chosen = [...w.store.scoreColumns(model).chosen];
      const rejected = [...w.store.scoreColumns(model).rejected];
      const rebuilt = attached[name] ? undefined : fresh.store.scoreColumns(own.indexOf(name));
      const expected = attached[name] ?? ids.map((_, ord) => [rebuilt?.chosen[ord], rebuilt?.rejected[ord]]);
      assert.deepEqual(chosen.map((c, ord) => [c, rejected[ord]]), expected, `scores of ${name}`);
      return { chosen, rejected };
    });
    fresh.store.close();
    for (let ord = 0; ord < ids.length; ord++) {
      const margins: Record<number, number> = {};
      columns.forEach(({ chosen, rejected }, model) => {
        if (Number.isFinite(chosen[ord]) && Number.isFinite(rejected[ord])) margins[model] = (chosen[ord] as number) - (rejected[ord] as number);
      });
      assertEnsemble(ensembleOf(w.store.pairByOrd(ord)), expectedEnsemble(margins), `ensemble of pair ${ord}`);
      const pair = await readPairAt(w.datasetPath, w.store, w.store.pairByOrd(ord)!);
      for (const [name, values] of Object.entries(attached)) {
        assert.deepEqual(pair.scores[name], { chosen: values[ord]![0], rejected: values[ord]![1] }, `${name} of pair ${ord}`);
      }
    }
  };

  await attachScores(w.store, w.datasetPath, { path: attachment('att-a', 10) });
  const chunkBytes = () => w.store.db.prepare('SELECT model, side, start_ord, data FROM score_chunks ORDER BY model, side, start_ord').all();
  const stored = chunkBytes();
  await w.relabel([[2, 'flip'], [6, 'flip'], [8, 'tie']]);
  await w.apply();
  assert.equal(swappedCount(w), 2, 'the flips toggled their pairs rather than rewriting the score chunks');
  assert.deepEqual(chunkBytes(), stored, 'neither the flips nor the tie wrote a score chunk');
  await check({ 'att-a': expectAttached('att-a', 10, [1, 5]) });

  await attachScores(w.store, w.datasetPath, { path: attachment('att-b', 500) });
  assert.equal(swappedCount(w), 0, 'an attachment folds the swaps into the chunks before writing its own');
  await check({ 'att-a': expectAttached('att-a', 10, [1, 5]), 'att-b': expectAttached('att-b', 500, []) });
  detachScores(w.store, w.datasetPath, `${w.datasetPath}.att-a.jsonl`);
  await check({ 'att-b': expectAttached('att-b', 500, []) });

  // Pair 1 was attached to flipped: putting it back swaps its attached scores like a flip.
  await w.relabel([[2, 'restore'], [9, 'flip'], [8, 'restore']]);
  await w.apply();
  assert.equal(swappedCount(w), 2);
  await check({ 'att-b': expectAttached('att-b', 500, [1, 8]) });
  await w.relabel([[2, 'flip'], [9, 'restore'], [5, 'tie']]);
  await w.apply();
  assert.equal(swappedCount(w), 0, 'a pair swapped twice is stored as it reads');
  await check({ 'att-b': expectAttached('att-b', 500, []) });
  w.close();
});
