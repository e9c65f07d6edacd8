import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ensembleMarginStats } from '../../../../src/core/metrics/ensemble.ts';
import {
  isFlipCandidate,
  isInRange,
  isMisrankedBy,
  isUnanimousDisagreement,
} from '../../../../src/core/query/pairPredicates.ts';
import { createQueryFixture, type QueryFixture } from './queryFixture.ts';

let fixture: QueryFixture;
before(async () => {
  fixture = await createQueryFixture(800, 11);
});
after(() => fixture.close());

test('flip candidates and unanimous disagreements are the ones the ensemble metrics report', () => {
  const { store, rows } = fixture;
  const models = store.modelNames().length;
  const margins = Array.from({ length: models }, (_, m) => {
    const chosen = store.scoreColumns(m).chosen;
    const rejected = store.scoreColumns(m).rejected;
    return chosen.map((c, i) => c - rejected[i]!);
  });
  const labels = Uint8Array.from(rows, (r) => r.label);
  const stats = ensembleMarginStats(margins, labels);
  const flips = rows.filter((r) => isFlipCandidate(r.mu ?? Number.NaN, r.label)).map((r) => r.ord);
  const unanimous = rows.filter((r) => isUnanimousDisagreement(r.scoredModels, r.votesNegative, r.label)).map((r) => r.ord);
  assert.deepEqual(flips, [...stats.flipCandidates]);
  assert.deepEqual(unanimous, [...stats.unanimousDisagreements]);
  assert.ok(flips.length > 10 && unanimous.length > 5, 'both sets are non-trivial');
});

test('a human-labelled tie is never a flip candidate nor a unanimous disagreement', () => {
  assert.equal(isFlipCandidate(-3, 0), false);
  assert.equal(isUnanimousDisagreement(3, 3, 0), false);
  assert.equal(isUnanimousDisagreement(1, 1, 1), false, 'one model is not an ensemble');
  assert.equal(isUnanimousDisagreement(3, 2, 1), false, 'a zero or positive vote breaks unanimity');
});

test('ranges include min, exclude max unless asked, and never hold a missing value', () => {
  assert.equal(isInRange(0, { min: 0, max: 1 }), true);
  assert.equal(isInRange(1, { min: 0, max: 1 }), false);
  assert.equal(isInRange(1, { min: 0, max: 1, includeMax: true }), true);
  assert.equal(isInRange(-5, { max: 0 }), true);
  assert.equal(isInRange(Number.NaN, {}), false);
});

test('misranked bits beyond 32 are read exactly', () => {
  const mask = 2 ** 40 + 2 ** 3;
  assert.equal(isMisrankedBy(mask, 40), true);
  assert.equal(isMisrankedBy(mask, 3), true);
  assert.equal(isMisrankedBy(mask, 8), false);
  assert.equal(isMisrankedBy(mask, 52), false);
});
