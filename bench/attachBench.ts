/**
 * `node bench/attachBench.ts [--pairs 1000000] [--data bench/data/pairs-1m.jsonl] [--runs 3]`:
 * attaching a score file with one row per pair (joined by id) to the index of a generated dataset,
 * as "Reward Review: Attach Scores…" does. The dataset is generated (seed 42) when missing and indexed into an index of its own (so the other benches' indexes stay as they
 * are); the score file is written from the index's ids with seeded scores. Each run attaches the
 * file again (replacing the previous attachment), which reads every matched pair's record to
 * orient its scores.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { attachScores } from '../src/core/attachments/attachScores.ts';
import { ensureIndex } from '../src/core/indexing/ensureIndex.ts';
import { ensureGeneratedDataset, seconds } from './benchDataset.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '1000000' },
    data: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
const pairs = Number(values.pairs);
const runs = Math.max(1, Number(values.runs));
const name = pairs >= 1e6 ? `${pairs / 1e6}m` : String(pairs);
const datasetPath = resolve(values.data ?? join(root, 'bench', 'data', `pairs-${name}.jsonl`));
const dbPath = datasetPath.replace(/\.jsonl$/, '.attach.rr.db');
const scoresPath = datasetPath.replace(/\.jsonl$/, '.attach-scores.jsonl');

await ensureGeneratedDataset(datasetPath, pairs);
const indexing = await ensureIndex({ datasetPath, dbPath });
const store = indexing.store;
console.log(`index: ${indexing.outcome}, ${indexing.pairs} pairs (${seconds(indexing.elapsedMs)}) → ${dbPath}`);

if (!existsSync(scoresPath)) {
  // Seeded (xorshift32), so every run and machine attaches the same numbers.
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const out = createWriteStream(scoresPath);
  for (const id of store.db.prepare('SELECT id FROM pairs ORDER BY ord').pluck().iterate() as IterableIterator<string>) {
    const line = `${JSON.stringify({ id, model: 'rm-attached', chosen: Number(next().toFixed(4)), rejected: Number(next().toFixed(4)) })}\n`;
    if (!out.write(line)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  console.log(`score file: ${scoresPath}`);
}

const totals: number[] = [];
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const report = await attachScores(store, datasetPath, { path: scoresPath });
  const total = performance.now() - started;
  totals.push(total);
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`run ${run}: ${report.records} rows, ${report.matched} matched, ${report.problemCount} problems in ${seconds(total)} ` +
    `(${Math.round(report.records / (total / 1000)).toLocaleString('en-US')} rows/s), RSS ${rss.toFixed(0)} MiB`);
}
store.close();
const sorted = [...totals].sort((a, b) => a - b);
console.log(`attach, one score row per pair: median ${seconds(sorted[Math.floor(sorted.length / 2)]!)}, best ${seconds(sorted[0]!)} over ${runs} runs`);
console.log(`load average while running: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
