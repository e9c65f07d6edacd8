/** What the benches share: their generated dataset, written when missing, and how they print times. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeDataset } from '../src/core/sample/generateDataset.ts';

/** Milliseconds as seconds with two decimals. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Writes the seeded dataset of `pairs` pairs at `path` unless it is there (generating a million takes a while). */
export async function ensureGeneratedDataset(path: string, pairs: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const started = performance.now();
  await writeDataset(path, { seed: 42, pairs });
  console.log(`generated ${path} (${pairs.toLocaleString('en-US')} pairs, ${(statSync(path).size / 2 ** 30).toFixed(2)} GiB) in ${seconds(performance.now() - started)}`);
}
