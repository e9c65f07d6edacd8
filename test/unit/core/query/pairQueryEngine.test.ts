import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../../../src/core/store/pairStore.ts';
import {
  countPairs,
  invalidatePairQueries,
  pageOfPairs,
  pairQueryEngine,
  positionOf,
  rowAt,
  setReviewStatusSource,
  type PairCursor,
} from '../../../../src/core/query/pairQueryEngine.ts';
import { PAIR_SORT_KEYS, type PairFilter, type PairQuery, type PairSort } from '../../../../src/core/query/pairQuery.ts';
import { bruteForceList } from './bruteForce.ts';
import { createQueryFixture, type QueryFixture } from './queryFixture.ts';

const FILTERS: PairFilter[] = [
  {},
  { subsets: ['chat'] },
  { subsets: ['Chat', null, 'safety'] },
  { subsets: ['no-such-subset'] },
  { subsets: [] },
  { misrankedBy: { models: [0], match: 'any' } },
  { misrankedBy: { models: [1, 2], match: 'all' } },
  { misrankedBy: { models: [0, 3], match: 'any' } },
  { flags: ['flipCandidate'] },
  { flags: ['unanimousDisagreement'] },
  { flags: ['humanTie'] },
  { flags: ['hasCritique'] },
  { flags: ['hasCritique', 'flipCandidate'] },
  { mu: { max: 0 } },
  { mu: { min: -0.5, max: 0.5 } },
  { mu: { min: 0, max: 1, includeMax: true } },
  { mu: {} },
  { sigma: { min: 0.5 } },
  { subsets: ['chat', 'Chat'], flags: ['hasCritique'], mu: { min: -1, max: 1 }, misrankedBy: { models: [1], match: 'any' } },
];

const ALL_SORTS: PairSort[] = PAIR_SORT_KEYS.flatMap((key) => [
  { key, direction: 'asc' as const },
  { key, direction: 'desc' as const },
]);

async function listOf(fixture: QueryFixture, query: PairQuery): Promise<number[]> {
  return [...(await pairQueryEngine(fixture.store).list(query))];
}

describe('pair query engine', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await createQueryFixture();
  });
  after(() => fixture.close());

  test('the fixture has the cases the engine must get right', () => {
    const rows = fixture.rows;
    assert.ok(rows.length > 1000);
    assert.ok(rows.some((r) => r.mu === null), 'unscored pairs');
    assert.ok(rows.some((r) => r.id === null) && rows.some((r) => r.subset === null), 'missing ids and subsets');
    assert.ok(rows.some((r) => r.label === 0), 'human ties');
    assert.ok(rows.some((r) => r.votesZero > 0), 'exact-zero margins');
    assert.ok(new Set(rows.map((r) => r.mu)).size < rows.length / 4, 'many equal μ, so tie-breaking matters');
    assert.ok(fixture.store.badRecordCount() > 10, 'bad lines');
  });

  test('every sort, both directions, orders all pairs as defined, ties by ord', async () => {
    for (const sort of ALL_SORTS) {
      const query = { sort, filter: {} };
      assert.deepEqual(await listOf(fixture, query), bruteForceList(fixture.rows, query), `${sort.key} ${sort.direction}`);
    }
  });

  test('text sorts ignore case and put missing values last in both directions', async () => {
    const engine = pairQueryEngine(fixture.store);
    for (const direction of ['asc', 'desc'] as const) {
      const list = await engine.list({ sort: { key: 'subset', direction }, filter: {} });
      const subsets = [...list].map((ord) => fixture.rows[ord]!.subset);
      const firstNull = subsets.indexOf(null);
      assert.ok(firstNull > 0 && subsets.slice(firstNull).every((s) => s === null), `nulls last (${direction})`);
      // 'chat' and 'Chat' are one run, ordered by ord inside it.
      const chatRun = [...list].filter((ord) => fixture.rows[ord]!.subset?.toLowerCase() === 'chat');
      const start = subsets.findIndex((s) => s?.toLowerCase() === 'chat');
      assert.deepEqual([...list.subarray(start, start + chatRun.length)], [...chatRun].sort((a, b) => a - b));
    }
  });

  test('every filter keeps exactly the matching pairs, under several sorts, and counts them', async () => {
    const sorts: PairSort[] = [
      { key: 'ord', direction: 'asc' },
      { key: 'mu', direction: 'desc' },
      { key: 'preview', direction: 'asc' },
      { key: 'sigma', direction: 'asc' },
    ];
    for (const filter of FILTERS) {
      const expected = bruteForceList(fixture.rows, { sort: sorts[0]!, filter });
      assert.equal(await countPairs(fixture.store, filter), expected.length, `count ${JSON.stringify(filter)}`);
      for (const sort of sorts) {
        const query = { sort, filter };
        assert.deepEqual(await listOf(fixture, query), bruteForceList(fixture.rows, query), JSON.stringify(query));
      }
    }
    // The filters are not vacuous: most keep some pairs and drop others.
    const counts = await Promise.all(FILTERS.map((filter) => countPairs(fixture.store, filter)));
    assert.ok(counts.filter((n) => n > 0 && n < fixture.rows.length).length >= FILTERS.length - 4, counts.join(','));
  });

  test('equivalent filters are one filter', async () => {
    const a = await countPairs(fixture.store, { subsets: ['safety', 'chat', 'safety'], flags: ['hasCritique', 'humanTie'] });
    const b = await countPairs(fixture.store, { subsets: ['chat', 'safety'], flags: ['humanTie', 'hasCritique', 'humanTie'] });
    assert.equal(a, b);
  });

  test('cursor pages forward then backward visit every row exactly once, in order', async () => {
    for (const query of [
      { sort: { key: 'mu', direction: 'asc' }, filter: {} },
      { sort: { key: 'preview', direction: 'desc' }, filter: { flags: ['hasCritique'] } },
      { sort: { key: 'lengthDiff', direction: 'asc' }, filter: { subsets: ['no-such-subset'] } },
    ] as PairQuery[]) {
      const expected = bruteForceList(fixture.rows, query);
      const forward: number[] = [];
      let cursor: PairCursor | null = null;
      let lastPrevious: PairCursor | null = null;
      for (let pages = 0; ; pages++) {
        assert.ok(pages <= expected.length / 37 + 1, 'pagination ends');
        const page = await pageOfPairs(fixture.store, query, cursor, 37);
        assert.equal(page.total, expected.length);
        assert.equal(page.start, forward.length);
        forward.push(...page.rows.map((r) => r.ord));
        lastPrevious = page.previous;
        if (!page.next) break;
        cursor = page.next;
      }
      assert.deepEqual(forward, expected);
      // Back from the last page to the first.
      const backward: number[] = [];
      let back: PairCursor | null = lastPrevious;
      while (back) {
        const page = await pageOfPairs(fixture.store, query, back, 37);
        backward.unshift(...page.rows.map((r) => r.ord));
        back = page.previous;
      }
      const lastPageSize = expected.length === 0 ? 0 : expected.length - ((Math.ceil(expected.length / 37) - 1) * 37);
      assert.deepEqual(backward, expected.slice(0, expected.length - lastPageSize));
    }
  });

  test('a cursor whose row the filter no longer keeps still continues at the right place', async () => {
    const query: PairQuery = { sort: { key: 'mu', direction: 'asc' }, filter: { flags: ['hasCritique'] } };
    const all = bruteForceList(fixture.rows, { ...query, filter: {} });
    const kept = new Set(bruteForceList(fixture.rows, query));
    const outsider = all.find((ord, i) => i > 100 && !kept.has(ord))!;
    const page = await pageOfPairs(fixture.store, query, { after: outsider }, 5);
    const expected = all.slice(all.indexOf(outsider) + 1).filter((ord) => kept.has(ord)).slice(0, 5);
    assert.deepEqual(page.rows.map((r) => r.ord), expected);
  });

  test('offset pages, jumps and rowAt slice the same list; past the end is empty', async () => {
    const engine = pairQueryEngine(fixture.store);
    const query: PairQuery = { sort: { key: 'sigma', direction: 'desc' }, filter: { mu: { min: -2 } } };
    const expected = bruteForceList(fixture.rows, query);
    for (const start of [0, 1, 250, expected.length - 3, expected.length, expected.length + 10]) {
      const page = await engine.pageAt(query, start, 20);
      assert.deepEqual(page.rows.map((r) => r.ord), expected.slice(start, start + 20), `start ${start}`);
      assert.equal(page.total, expected.length);
    }
    assert.equal((await rowAt(fixture.store, query, 250))?.ord, expected[250]);
    assert.equal(await rowAt(fixture.store, query, expected.length), null);
    // Rows carry every column of the index, as the store reads them.
    for (const row of (await engine.pageAt(query, 100, 100)).rows) assert.deepEqual(row, fixture.store.pairByOrd(row.ord));
  });

  test('positionOf finds a pair, or where it would be when the filter excludes it', async () => {
    const query: PairQuery = { sort: { key: 'preview', direction: 'asc' }, filter: { subsets: ['safety'] } };
    const expected = bruteForceList(fixture.rows, query);
    const some = expected[123]!;
    assert.deepEqual(await positionOf(fixture.store, query, some), { index: 123, found: true });
    const all = bruteForceList(fixture.rows, { ...query, filter: {} });
    const outsider = all.find((ord) => fixture.rows[ord]!.subset !== 'safety' && all.indexOf(ord) > all.indexOf(some))!;
    const position = await positionOf(fixture.store, query, outsider);
    assert.equal(position.found, false);
    const before = all.slice(0, all.indexOf(outsider)).filter((ord) => fixture.rows[ord]!.subset === 'safety').length;
    assert.equal(position.index, before);
  });

  test('a change to the pairs, through another connection or the same one, is noticed', async () => {
    const filter: PairFilter = { flags: ['flipCandidate'] };
    const query: PairQuery = { sort: { key: 'mu', direction: 'asc' }, filter };
    const target = fixture.rows.find((r) => r.mu !== null && r.mu > 0 && r.label === 1)!;
    const before = await countPairs(fixture.store, filter);
    const other = openDatabase(fixture.dbPath);
    try {
      other.prepare('UPDATE pairs SET mu = -1000 WHERE ord = ?').run(target.ord);
    } finally {
      other.close();
    }
    assert.equal(await countPairs(fixture.store, filter), before + 1);
    assert.equal((await pageOfPairs(fixture.store, query, null, 1)).rows[0]?.ord, target.ord);
    // As attached scores or a save would, through the store's own connection.
    fixture.store.db.prepare('UPDATE pairs SET mu = ? WHERE ord = ?').run(target.mu, target.ord);
    assert.equal(await countPairs(fixture.store, filter), before);
    assert.notEqual((await pageOfPairs(fixture.store, query, null, 1)).rows[0]?.ord, target.ord);
  });

  test('invalidating a column drops only what was computed from it', async () => {
    const engine = pairQueryEngine(fixture.store);
    const byMu: PairQuery = { sort: { key: 'mu', direction: 'desc' }, filter: {} };
    const bySigma: PairQuery = { sort: { key: 'sigma', direction: 'desc' }, filter: { subsets: ['chat'] } };
    const [mu, sigma] = [await engine.list(byMu), await engine.list(bySigma)];
    invalidatePairQueries(fixture.store, ['mu']);
    assert.notEqual(await engine.list(byMu), mu);
    assert.equal(await engine.list(bySigma), sigma);
    assert.deepEqual([...(await engine.list(byMu))], [...mu]);
  });

  test('a page of a cached list costs no rebuild: the same arrays come back', async () => {
    const engine = pairQueryEngine(fixture.store);
    const query: PairQuery = { sort: { key: 'votesNegative', direction: 'desc' }, filter: { flags: ['hasCritique'] } };
    assert.equal(await engine.list(query), await engine.list(query));
    assert.ok(engine.cachedBytes > 0);
  });
});

describe('pair query engine: review status', () => {
  let fixture: QueryFixture;
  /** ord → pending: what the relabel journal would report. */
  const review = new Map<number, boolean>();
  const relabeled: PairFilter = { status: 'relabeled' };
  before(async () => {
    fixture = await createQueryFixture(400, 11);
    setReviewStatusSource(fixture.store, () => [...review].map(([ord, pending]) => ({ ord, pending })));
  });
  after(() => fixture.close());

  const decide = (ord: number, pending: boolean | null) => {
    if (pending === null) review.delete(ord);
    else review.set(ord, pending);
    invalidatePairQueries(fixture.store, ['status']);
  };

  test('no decision: the relabeled filter keeps nothing', async () => {
    assert.equal(await countPairs(fixture.store, relabeled), 0);
    assert.deepEqual(await listOf(fixture, { sort: { key: 'ord', direction: 'asc' }, filter: relabeled }), []);
  });

  test('count and list follow a relabel and its undo at once', async () => {
    const query: PairQuery = { sort: { key: 'mu', direction: 'asc' }, filter: relabeled };
    assert.equal(await countPairs(fixture.store, relabeled), 0);
    decide(42, true);
    assert.equal(await countPairs(fixture.store, relabeled), 1);
    assert.deepEqual(await listOf(fixture, query), [42]);
    assert.deepEqual((await pageOfPairs(fixture.store, query, null, 10)).rows.map((row) => row.ord), [42]);
    decide(42, null);
    assert.equal(await countPairs(fixture.store, relabeled), 0);
    assert.deepEqual(await listOf(fixture, query), []);
  });

  test('without invalidation the cached answer stays; invalidating status drops only what read it', async () => {
    const engine = pairQueryEngine(fixture.store);
    const byStatus: PairQuery = { sort: { key: 'ord', direction: 'asc' }, filter: relabeled };
    const byMu: PairQuery = { sort: { key: 'mu', direction: 'desc' }, filter: { subsets: ['chat'] } };
    const [before, mu] = [await engine.list(byStatus), await engine.list(byMu)];
    review.set(7, false);
    assert.equal(await engine.list(byStatus), before, 'cached until told');
    invalidatePairQueries(fixture.store, ['status']);
    assert.deepEqual([...(await engine.list(byStatus))], [7]);
    assert.equal(await engine.list(byMu), mu, 'lists that do not read the status are kept');
    decide(7, null);
  });

  test('pending keeps the unsaved decisions only; combined filters and status sorts match the definition', async () => {
    for (const [ord, pending] of [[3, true], [10, false], [55, true], [120, false], [399, true]] as const) review.set(ord, pending);
    // A stale position hint past the last pair is ignored.
    review.set(100_000, true);
    invalidatePairQueries(fixture.store, ['status']);
    assert.equal(await countPairs(fixture.store, { status: 'pending' }), 3);
    assert.equal(await countPairs(fixture.store, relabeled), 5);
    const filters: PairFilter[] = [{}, relabeled, { status: 'pending' }, { status: 'relabeled', subsets: ['chat', 'safety'] }];
    for (const filter of filters) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const key of ['status', 'mu'] as const) {
          const query = { sort: { key, direction }, filter };
          assert.deepEqual(await listOf(fixture, query), bruteForceList(fixture.rows, query, undefined, review), JSON.stringify(query));
        }
      }
    }
    const first = await listOf(fixture, { sort: { key: 'status', direction: 'asc' }, filter: {} });
    assert.deepEqual(first.slice(0, 5), [3, 55, 399, 10, 120], 'unsaved first, then saved, then the undecided pairs');
    for (const ord of [...review.keys()]) review.delete(ord);
    invalidatePairQueries(fixture.store, ['status']);
  });
});
