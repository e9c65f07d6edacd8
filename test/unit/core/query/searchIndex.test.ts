import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ensureIndex } from '../../../../src/core/indexing/ensureIndex.ts';
import { countPairs, pairQueryEngine } from '../../../../src/core/query/pairQueryEngine.ts';
import type { PairFilter, PairQuery } from '../../../../src/core/query/pairQuery.ts';
import { SearchIndexNotReadyError, type SearchBuildProgress } from '../../../../src/core/query/searchIndex.ts';
import { bruteForceList } from './bruteForce.ts';
import { appendPairs, createQueryFixture, PLANTED, type QueryFixture } from './queryFixture.ts';

/** Ords whose prompt or responses contain the word (as a whole word, ignoring case). */
function ordsWith(texts: QueryFixture['texts'], pattern: RegExp): number[] {
  return texts.flatMap((t, ord) => (pattern.test(`${t.prompt}\n${t.chosen}\n${t.rejected}`) ? [ord] : []));
}

async function searchList(fixture: QueryFixture, text: string, filter: PairFilter = {}): Promise<number[]> {
  return [...(await pairQueryEngine(fixture.store).list({ sort: { key: 'ord', direction: 'asc' }, filter: { ...filter, text } }))];
}

describe('search index', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await createQueryFixture(900, 5);
  });
  after(() => fixture.close());

  test('a text filter before the index is built says to build it', async () => {
    assert.equal(pairQueryEngine(fixture.store).search.status().state, 'absent');
    await assert.rejects(countPairs(fixture.store, { text: PLANTED.chosen }), SearchIndexNotReadyError);
    // Text with nothing to search for filters nothing, index or not.
    assert.equal(await countPairs(fixture.store, { text: ' ?! ' }), fixture.rows.length);
  });

  test('building reports progress up to every pair and leaves the index ready', async () => {
    const progress: SearchBuildProgress[] = [];
    const engine = pairQueryEngine(fixture.store);
    const status = await engine.buildSearchIndex((p) => progress.push(p));
    assert.deepEqual(status, { state: 'ready', indexedPairs: fixture.rows.length, pairs: fixture.rows.length });
    assert.deepEqual(engine.search.status(), status);
    assert.equal(progress.at(-1)?.fraction, 1);
    assert.ok(progress.every((p, i) => i === 0 || p.indexedPairs >= progress[i - 1]!.indexedPairs));
  });

  test('words are found in the prompt (chat or plain), the chosen and the rejected response', async () => {
    for (const word of [PLANTED.prompt, PLANTED.chosen, PLANTED.rejected]) {
      const expected = ordsWith(fixture.texts, new RegExp(`\\b${word}\\b`, 'i'));
      assert.ok(expected.length > 20, word);
      assert.deepEqual(await searchList(fixture, `${word} `), expected, word);
    }
  });

  test('case and accents are ignored; the last word matches as a prefix; quotes make a phrase', async () => {
    const quokka = ordsWith(fixture.texts, /\bquokka\b/);
    assert.deepEqual(await searchList(fixture, 'QUOKKA'), quokka);
    assert.deepEqual(await searchList(fixture, 'quok'), quokka);
    assert.deepEqual(await searchList(fixture, 'quok '), [], 'a finished word is whole');
    const cafe = ordsWith(fixture.texts, /\bcafé/);
    assert.ok(cafe.length > 0);
    assert.deepEqual(await searchList(fixture, 'cafe '), cafe);
    const both = ordsWith(fixture.texts, /\bzeppelin\b/).filter((ord) => quokka.includes(ord));
    assert.ok(both.length > 0);
    assert.deepEqual(await searchList(fixture, 'zeppelin quokka '), both, 'every word must occur, in any field');
    const phrase = ordsWith(fixture.texts, /\bapple zeppelin\b/);
    assert.ok(phrase.length > 0);
    assert.deepEqual(await searchList(fixture, '"apple zeppelin"'), phrase);
    assert.ok((await searchList(fixture, 'zeppelin apple ')).length > phrase.length, 'without quotes, any order');
  });

  test('search combines with the other filters and any sort', async () => {
    const hits = new Set(ordsWith(fixture.texts, /\bnarwhal\b/));
    for (const filter of [{ subsets: ['chat', 'safety'] }, { flags: ['hasCritique'] }, { mu: { min: 0 } }] as PairFilter[]) {
      const query = { sort: { key: 'mu', direction: 'desc' } as const, filter: { ...filter, text: 'narwhal' } };
      const expected = bruteForceList(fixture.rows, query, (ord) => hits.has(ord));
      assert.ok(expected.length > 0 && expected.length < hits.size);
      assert.deepEqual([...(await pairQueryEngine(fixture.store).list(query))], expected);
      assert.equal(await countPairs(fixture.store, query.filter), expected.length);
    }
  });

  test('building the search index does not throw away the lists already computed', async () => {
    const other = await createQueryFixture(200, 13);
    try {
      const engine = pairQueryEngine(other.store);
      const query = (): PairQuery => ({ sort: { key: 'sigma', direction: 'asc' }, filter: { flags: ['hasCritique'] } });
      const list = await engine.list(query());
      assert.equal((await engine.buildSearchIndex()).indexedPairs, other.rows.length);
      assert.equal(await engine.list(query()), list);
    } finally {
      other.close();
    }
  });

  test('an index that no longer fits the pairs (a save moved them) is not used', async () => {
    const engine = pairQueryEngine(fixture.store);
    const last = fixture.rows.length - 1;
    const db = fixture.store.db;
    db.prepare('UPDATE pairs SET base_offset = base_offset + 7 WHERE ord = ?').run(last);
    try {
      assert.equal(engine.search.status().state, 'partial');
      await assert.rejects(countPairs(fixture.store, { text: 'quokka' }), SearchIndexNotReadyError);
    } finally {
      db.prepare('UPDATE pairs SET base_offset = base_offset - 7 WHERE ord = ?').run(last);
    }
    assert.equal(engine.search.status().state, 'ready');
  });

  test('a build that is cancelled can be completed later', async () => {
    const other = await createQueryFixture(300, 9);
    try {
      const engine = pairQueryEngine(other.store);
      const building = engine.buildSearchIndex();
      assert.equal(engine.search.status().state, 'building');
      assert.equal(engine.search.cancel(), true);
      assert.equal((await building).state === 'ready', false);
      assert.equal(engine.search.cancel(), false, 'nothing left to cancel');
      assert.equal((await engine.buildSearchIndex()).state, 'ready');
      assert.deepEqual(await searchList(other, 'quokka '), ordsWith(other.texts, /\bquokka\b/));
    } finally {
      other.close();
    }
  });
});

describe('search index of a dataset that grew', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await createQueryFixture(400, 21);
  });
  after(() => fixture.close());

  test('indexes only the appended pairs, then finds words in old and new ones', async () => {
    await pairQueryEngine(fixture.store).buildSearchIndex();
    const oldPairs = fixture.rows.length;
    const newTexts = appendPairs(fixture, 150, 22);
    fixture.store.close();
    const grown = await ensureIndex({ datasetPath: fixture.datasetPath, dbPath: fixture.dbPath });
    assert.equal(grown.outcome, 'appended');
    fixture.store = grown.store;
    const engine = pairQueryEngine(grown.store);
    assert.deepEqual(engine.search.status(), { state: 'partial', indexedPairs: oldPairs, pairs: grown.pairs });
    await assert.rejects(countPairs(grown.store, { text: 'quokka' }), /covers \d+ of \d+ pairs/);
    const progress: SearchBuildProgress[] = [];
    assert.equal((await engine.buildSearchIndex((p) => progress.push(p))).state, 'ready');
    assert.equal(progress[0]?.indexedPairs, oldPairs, 'resumed where the old index stopped');
    const texts = [...fixture.texts, ...newTexts];
    assert.equal(grown.pairs, texts.length);
    assert.deepEqual(await searchList(fixture, 'quokka '), ordsWith(texts, /\bquokka\b/));
  });

  test('refuses to build from a file that changed since it was indexed', async () => {
    const other = await createQueryFixture(100, 4);
    try {
      appendFileSync(other.datasetPath, '{"prompt": "late"}\n');
      await assert.rejects(pairQueryEngine(other.store).buildSearchIndex(), /pairs\.jsonl changed since it was indexed/);
    } finally {
      other.close();
    }
  });
});
