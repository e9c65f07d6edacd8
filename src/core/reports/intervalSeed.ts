import { fnv1a, fnv1aStep, FNV_OFFSET } from '../hash/fnv1a.ts';

/**
 * The seed of one bootstrap interval: the report's seed mixed with the interval's names (model,
 * subset, …) by FNV-1a. Keyed by names rather than positions, so adding a model or a subset to a
 * dataset leaves every other interval exactly as it was.
 */
export function intervalSeed(seed: number, ...names: string[]): number {
  let hash = FNV_OFFSET;
  for (const name of names) {
    hash = fnv1a(name, hash);
    hash = fnv1aStep(hash, 0xff); // separator: ("ab", "c") and ("a", "bc") differ
  }
  return (hash ^ seed) >>> 0;
}
