/**
 * Write-back on real third-party data (../shared/data): Anthropic HH-RLHF transcripts (JSONL),
 * PandaLM's three-annotator test set and LLMBar's labelled pairs (JSON arrays). Flipped pairs read
 * back flipped, and every byte outside the relabeled records is the file's own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import type { Pair } from '../../../../src/core/pair.ts';
import type { PairRow } from '../../../../src/core/store/pairStore.ts';
import { sharedDataFile, skipUnlessSharedData } from '../../sharedData.ts';
import { assertIndexMatchesFile, tempFolder, Workspace } from './relabelTestKit.ts';

const folder = tempFolder('rr-write-back-real-');
after(() => folder.remove());

/** The new file is the old one with exactly the relabeled records' bytes replaced. */
function assertOnlyRecordsChanged(before: Buffer, after: Buffer, oldRows: PairRow[], newRows: PairRow[]): void {
  const pieces: Buffer[] = [];
  let at = 0;
  oldRows.forEach((row, k) => {
    const next = newRows[k] as PairRow;
    pieces.push(before.subarray(at, row.offset), after.subarray(next.offset, next.offset + next.length));
    at = row.offset + row.length;
  });
  pieces.push(before.subarray(at));
  assert.ok(Buffer.concat(pieces).equals(after), 'outside the relabeled records, every byte is the original');
}

async function flipEvery(relative: string, step: number, format: string, byMark: boolean): Promise<void> {
  const original = readFileSync(sharedDataFile(relative));
  const name = relative.replaceAll('/', '_');
  const w = await Workspace.create(folder.path, name, original);
  const meta = w.store.meta();
  assert.equal(meta?.format, format);
  const ords: number[] = [];
  for (let ord = 0; ord < w.store.pairCount(); ord += step) ords.push(ord);
  const oldRows = ords.map((ord) => w.store.pairByOrd(ord) as PairRow);
  const before: Pair[] = [];
  for (const row of oldRows) before.push(await readPairAt(w.datasetPath, w.store, row));
  await w.relabel(oldRows.map((row) => [row.line, 'flip'] as [number, 'flip']));
  const result = await w.apply();
  assert.equal(result.changedRecords, ords.length);
  const newRows = ords.map((ord) => w.store.pairByOrd(ord) as PairRow);
  assertOnlyRecordsChanged(original, readFileSync(w.datasetPath), oldRows, newRows);
  for (let k = 0; k < ords.length; k++) {
    const text = readFileSync(w.datasetPath).subarray((newRows[k] as PairRow).offset, (newRows[k] as PairRow).offset + (newRows[k] as PairRow).length).toString('utf8');
    assert.equal(/"rr_label": ?"flipped"/.test(text), byMark, `${relative} ord ${ords[k]}: ${byMark ? 'a relabel mark' : 'the format\'s own fields'}`);
    // The pair view reads the reviewer's label, relabel marks included.
    const after = await readPairAt(w.datasetPath, w.store, newRows[k] as PairRow);
    assert.deepEqual(after.chosen, before[k]?.rejected, `${relative} ord ${ords[k]}: the other response is chosen now`);
    assert.deepEqual(after.rejected, before[k]?.chosen);
  }
  await assertIndexMatchesFile(w);
  assert.equal(await w.reindex(), 'reused');
  w.close();
}

test('HH-RLHF harmless-base: every 50th pair flipped', { skip: skipUnlessSharedData('hh-rlhf/harmless-base-test.jsonl') }, async () => {
  await flipEvery('hh-rlhf/harmless-base-test.jsonl', 50, 'implicit-prompt', false);
});

test('PandaLM test set (JSON array, three annotators): every 40th pair flipped by a mark, votes as cast', { skip: skipUnlessSharedData('pandalm/testset-v1.json') }, async () => {
  await flipEvery('pandalm/testset-v1.json', 40, 'multi-annotator', true);
});

test('LLMBar Natural (JSON array, label 1/2): every 7th pair\'s label rewritten', { skip: skipUnlessSharedData('llmbar/Natural/dataset.json') }, async () => {
  await flipEvery('llmbar/Natural/dataset.json', 7, 'ab-verdict', false);
});
