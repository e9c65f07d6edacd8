/**
 * `node bench/reportBench.ts [--pairs 1000000] [--data bench/data/report-1m.jsonl] [--runs 3]`:
 * the full report (every section, with the seeded bootstrap and Wilson intervals) computed from the
 * index of a generated dataset with 5 reward models. The dataset is generated (seed 42, as
 * scripts/generate-sample.ts does) when missing and indexed with ensureIndex (not timed: the target is
 * the report after indexing, ≤ 2 s at a million pairs). Each run opens the index afresh and times
 * reading the columns, each section, and the three renderings.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureIndex } from '../src/core/indexing/ensureIndex.ts';
import { buildReport } from '../src/core/reports/buildReport.ts';
import { renderCsv } from '../src/core/reports/render/csvReport.ts';
import { renderJson } from '../src/core/reports/render/jsonReport.ts';
import { renderMarkdown } from '../src/core/reports/render/markdownReport.ts';
import { PairStore } from '../src/core/store/pairStore.ts';
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
const datasetPath = resolve(values.data ?? join(root, 'bench', 'data', `report-${pairs >= 1e6 ? `${pairs / 1e6}m` : pairs}.jsonl`));
const dbPath = datasetPath.replace(/\.jsonl$/, '.rr.db');

await ensureGeneratedDataset(datasetPath, pairs);
const indexing = await ensureIndex({ datasetPath, dbPath });
console.log(`index: ${indexing.outcome}, ${indexing.pairs} pairs, ${indexing.badRecordCount} bad lines (${seconds(indexing.elapsedMs)}) → ${dbPath}`);
indexing.store.close();

const totals: number[] = [];
const cpuTotals: number[] = [];

/** CPU time of this process between two readings: unlike wall time, it barely moves when other work shares the machine. */
function cpuMs(now: NodeJS.CpuUsage, then: NodeJS.CpuUsage): number {
  return (now.user - then.user + now.system - then.system) / 1000;
}
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const store = PairStore.openExisting(dbPath);
  if (!store) throw new Error(`cannot open ${dbPath}`);
  // Stage times from the progress messages: each message starts a stage.
  const stages: [string, number, number][] = [];
  let last = started;
  let lastCpu = cpuStarted;
  let stage = 'opening the index';
  const report = await buildReport(store, {
    generatedAt: new Date(0),
    onProgress: (_, message) => {
      const now = performance.now();
      const cpu = process.cpuUsage();
      stages.push([stage, now - last, cpuMs(cpu, lastCpu)]);
      stage = message;
      last = now;
      lastCpu = cpu;
    },
  });
  const total = performance.now() - started;
  const totalCpu = cpuMs(process.cpuUsage(), cpuStarted);
  store.close();
  totals.push(total);
  cpuTotals.push(totalCpu);
  const renderStart = performance.now();
  const markdown = renderMarkdown(report);
  const markdownMs = performance.now() - renderStart;
  const json = renderJson(report);
  const jsonMs = performance.now() - renderStart - markdownMs;
  const csv = renderCsv(report);
  const csvMs = performance.now() - renderStart - markdownMs - jsonMs;
  console.log(`run ${run}: full report of ${report.pairs} pairs × ${Object.keys(report.models).length} models in ${seconds(total)} (CPU ${seconds(totalCpu)})`);
  for (const [name, ms, cpu] of stages) if (name !== 'done') console.log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   CPU ${cpu.toFixed(0).padStart(6)} ms`);
  console.log(`  render Markdown ${markdownMs.toFixed(0)} ms (${(markdown.length / 1024).toFixed(0)} KiB), JSON ${jsonMs.toFixed(0)} ms (${(json.length / 1024).toFixed(0)} KiB), CSV ${csvMs.toFixed(0)} ms (${(csv.length / 1024).toFixed(0)} KiB)`);
  if (run === runs) {
    const e = report.ensemble!;
    console.log(`  annotations: ${report.agreement?.annotations.note}`);
    console.log(`  flip candidates ${e.flipCandidates} (${(e.flipShare * 100).toFixed(1)}%), unanimous ${e.unanimousDisagreement}, mean μ ${e.meanMargin.toFixed(3)}`);
  }
}
const sorted = [...totals].sort((a, b) => a - b);
const sortedCpu = [...cpuTotals].sort((a, b) => a - b);
const median = (values: number[]) => values[Math.floor(values.length / 2)]!;
console.log(`full report (index → report, intervals included): median ${seconds(median(sorted))}, best ${seconds(sorted[0]!)} over ${runs} runs ` +
  `(CPU median ${seconds(median(sortedCpu))}); target ≤ 2 s`);
console.log(`load average while running: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')} on ${(await import('node:os')).availableParallelism()} cores`);
