import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAIR_FLAG_FILTERS, PAIR_SORT_KEYS, REVIEW_STATUS_FILTERS } from '../../../src/core/query/pairQuery.ts';
import { pairFilterProblem, pairQueryProblem } from '../../../src/editor/validatePairQuery.ts';

const sort = { key: 'mu', direction: 'desc' };

test('every sort key, direction and flag the engine knows is accepted, with every filter member', () => {
  for (const key of PAIR_SORT_KEYS) {
    for (const direction of ['asc', 'desc']) assert.equal(pairQueryProblem({ sort: { key, direction }, filter: {} }), null);
  }
  const full = {
    subsets: ['chat', null],
    misrankedBy: { models: [0, 52], match: 'all' },
    flags: [...PAIR_FLAG_FILTERS],
    mu: { min: -1, max: 0, includeMax: true },
    sigma: { min: 0.5 },
    text: 'kill "the process"',
    status: 'relabeled',
  };
  assert.equal(pairQueryProblem({ sort, filter: full }), null);
  // What a structured clone of `{ text: undefined }` looks like: an absent member.
  assert.equal(pairFilterProblem({ text: undefined, subsets: undefined }), null);
  for (const status of REVIEW_STATUS_FILTERS) assert.equal(pairFilterProblem({ status }), null);
});

test('malformed queries are refused with the member at fault', () => {
  const cases: [unknown, RegExp][] = [
    [null, /query must be an object/],
    [{ sort }, /filter must be an object/],
    [{ sort, filter: {}, page: 3 }, /unknown member "page"/],
    [{ sort: { key: 'reviewed', direction: 'asc' }, filter: {} }, /sort\.key must be one of/],
    [{ sort: { key: 'toString', direction: 'asc' }, filter: {} }, /sort\.key/],
    [{ sort: { key: 'mu', direction: 'up' }, filter: {} }, /direction/],
    [{ sort: { key: 'mu', direction: 'asc', nulls: 'first' }, filter: {} }, /unknown member "nulls"/],
    [{ sort: 'mu', filter: {} }, /sort must be an object/],
  ];
  for (const [query, reason] of cases) assert.match(pairQueryProblem(query) ?? 'accepted', reason, JSON.stringify(query));
});

test('malformed filters are refused: unknown members, flags and shapes, non-finite numbers, oversized input', () => {
  const cases: [unknown, RegExp][] = [
    [[], /filter must be an object/],
    [{ review: 'relabeled' }, /unknown member "review"/],
    [{ status: 'reviewed' }, /filter\.status must be one of relabeled, pending/],
    [{ status: ['relabeled'] }, /filter\.status/],
    [JSON.parse('{"__proto__": {"polluted": true}}'), /unknown member "__proto__"/],
    [{ subsets: 'chat' }, /subsets must be a list/],
    [{ subsets: [1] }, /subset names/],
    [{ subsets: Array(1001).fill('a') }, /at most 1000/],
    [{ flags: ['bogus'] }, /flags must be a list of/],
    [{ flags: 'flipCandidate' }, /flags must be a list/],
    [{ misrankedBy: [0] }, /misrankedBy must be an object/],
    [{ misrankedBy: { models: [53], match: 'any' } }, /model indices from 0 to 52/],
    [{ misrankedBy: { models: [-1], match: 'any' } }, /model indices/],
    [{ misrankedBy: { models: [0.5], match: 'any' } }, /model indices/],
    [{ misrankedBy: { models: [0], match: 'most' } }, /match must be any or all/],
    [{ misrankedBy: { models: [0] } }, /match must be any or all/],
    [{ misrankedBy: { models: [0], match: 'any', not: true } }, /unknown member "not"/],
    [{ mu: { min: Number.NaN } }, /mu\.min must be a finite number/],
    [{ mu: { max: '0' } }, /mu\.max must be a finite number/],
    [{ sigma: { min: 2, max: 1 } }, /sigma\.min must not exceed/],
    [{ sigma: { includeMax: 'yes' } }, /includeMax must be true or false/],
    [{ sigma: { from: 1 } }, /unknown member "from"/],
    [{ mu: 5 }, /mu must be an object/],
    [{ text: 42 }, /text must be a string/],
    [{ text: 'x'.repeat(1001) }, /at most 1000 characters/],
  ];
  for (const [filter, reason] of cases) assert.match(pairFilterProblem(filter) ?? 'accepted', reason, JSON.stringify(filter));
});
