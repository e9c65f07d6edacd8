/**
 * `node bench/relabelBench.ts [--pairs N] [--relabels K] [--rounds R]`: applying K relabels to an
 * N-pair dataset (default 10,000 to 1,000,000, ≈ 1.8 GB), fsync included, against `cp` of the same
 * file followed by `sync`, measured in the same run. Target: within 1.5× of the copy.
 *
 * Two kinds of save are timed: flips (the responses, scores, critiques and votes trade places; a
 * vote "chosen" becoming "rejected" changes the line's length) and ties (a field is added). Both
 * rewrite the file around the changed lines and shift every later offset in the index. The index
 * update after each save is included, and so is every fsync. The dataset is put back to its
 * original at the end, so the next run reuses its index.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureIndex } from '../src/core/indexing/ensureIndex.ts';
import { openRelabelJournal } from '../src/core/relabels/journalRecovery.ts';
import { pairKeysForRows } from '../src/core/relabels/pairKeysForRows.ts';
import type { RelabelAction } from '../src/core/relabels/relabelDecision.ts';
import type { RelabelJournal } from '../src/core/relabels/relabelJournal.ts';
import { journalPathFor } from '../src/core/relabels/relabelPaths.ts';
import { applyPending, replacedVersionsRemoved } from '../src/core/relabels/writeBack.ts';
import type { WriteBackPhase } from '../src/core/relabels/writeBack.ts';
import type { PairStore } from '../src/core/store/pairStore.ts';
import { ensureGeneratedDataset, seconds } from './benchDataset.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { pairs: { type: 'string', default: '1000000' }, relabels: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '1' } } });
const pairs = Number(values.pairs);
const relabels = Number(values.relabels);
const rounds = Number(values.rounds);

const dataset = join(root, 'bench', 'data', `relabel-${pairs}.jsonl`);
const dbPath = join(root, 'bench', 'data', `relabel-${pairs}.rr.db`);
mkdirSync(dirname(dataset), { recursive: true });

await ensureGeneratedDataset(dataset, pairs);
const indexStarted = performance.now();
const { store, outcome } = await ensureIndex({ datasetPath: dataset, dbPath });
console.log(`index ${outcome} in ${seconds(performance.now() - indexStarted)}: ${store.pairCount().toLocaleString('en-US')} pairs`);
const journal = openRelabelJournal(journalPathFor(dbPath), dataset);

/** Puts every relabeled pair back to its original (a run stopped half-way left some). */
async function restoreAll(): Promise<void> {
  const changed = journal.states().filter((s) => s.onDisk !== 'original' || s.state !== 'original');
  if (changed.length === 0) return;
  journal.record(changed.map((s) => ({ pairKey: s.pairKey, line: s.line, ord: s.ord, action: 'restore' as const })));
  const result = await applyPending({ datasetPath: dataset, store, journal });
  await replacedVersionsRemoved();
  console.log(`restored ${changed.length.toLocaleString('en-US')} pairs to their original in ${seconds(result.elapsedMs)}`);
}

/** K distinct ords spread over the file, from a seeded generator. */
function sampleOrds(count: number, seed: number, total: number): number[] {
  let state = seed >>> 0;
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, total)) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    chosen.add(state % total);
  }
  return [...chosen].sort((a, b) => a - b);
}

async function record(journalRef: RelabelJournal, storeRef: PairStore, ords: number[], action: RelabelAction): Promise<void> {
  const keys = await pairKeysForRows(dataset, storeRef, ords.map((ord) => storeRef.pairByOrd(ord)!));
  journalRef.record(keys.map((key) => ({ ...key, action })));
}

function copyAndSync(): number {
  const copy = join(dirname(dataset), 'relabel-bench-copy.jsonl');
  rmSync(copy, { force: true });
  execFileSync('sync');
  const started = performance.now();
  execFileSync('cp', [dataset, copy]);
  execFileSync('sync');
  const elapsed = performance.now() - started;
  rmSync(copy, { force: true });
  return elapsed;
}

await restoreAll();
const size = statSync(dataset).size;
console.log(`dataset ${(size / 2 ** 30).toFixed(2)} GiB, ${relabels.toLocaleString('en-US')} relabels per save`);
const rows: string[] = [];
for (let round = 0; round < rounds; round++) {
  for (const action of ['flip', 'tie'] as const) {
    const ords = sampleOrds(relabels, 7 + round * 2 + (action === 'tie' ? 1 : 0), store.pairCount());
    await record(journal, store, ords, action);
    const copy = copyAndSync();
    execFileSync('sync');
    const reached = new Map<WriteBackPhase, number>();
    const started = performance.now();
    const result = await applyPending({ datasetPath: dataset, store, journal, onPhase: (phase) => reached.set(phase, performance.now() - started) });
    const removing = performance.now();
    await replacedVersionsRemoved();
    const removal = performance.now() - removing;
    const at = (phase: WriteBackPhase) => reached.get(phase) ?? 0;
    const steps = [
      at('planned'),
      at('written') - at('planned'),
      at('renamed') - at('written'),
      at('indexed') - at('renamed'),
      at('done') - at('indexed'),
    ].map((ms) => (ms / 1000).toFixed(2));
    const ratio = result.elapsedMs / copy;
    rows.push(`| ${action} | ${result.changedRecords.toLocaleString('en-US')} | ${seconds(copy)} | ${seconds(result.elapsedMs)} | ${ratio.toFixed(2)}× | ${steps.join(' / ')} | ${seconds(removal)} |`);
    console.log(rows[rows.length - 1]);
  }
  await restoreAll();
}
console.log(
  '\n| save | records | cp + sync | apply (fsync and index update included) | ratio | plan / copy+fsync (index update alongside) / rename+folder fsync / index commit / journal, s | old version freed after |\n|---|---|---|---|---|---|---|',
);
for (const row of rows) console.log(row);
const check = await ensureIndex({ datasetPath: dataset, dbPath });
console.log(`\nafter the run the index is ${check.outcome} (the dataset is back to its original)`);
check.store.close();
journal.close();
store.close();
