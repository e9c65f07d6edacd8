/**
 * Swapped scores: a pair toggled in `swapped_scores` reads its chosen and rejected scores the other
 * way round, for every model; toggling twice undoes it; folding the swaps into the chunks changes no
 * score a reader sees, also where chunks overlap or only one side has a chunk at the pair.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { foldSwappedScores, readSwapped, swapColumns, toggleSwapped } from '../../../../src/core/store/swappedScores.ts';
import { openDatabase, PairStore } from '../../../../src/core/store/pairStore.ts';
import { CREATE_TABLES, SCHEMA_VERSION } from '../../../../src/core/store/schema.ts';

const folder = mkdtempSync(join(tmpdir(), 'rr-swapped-'));
after(() => rmSync(folder, { recursive: true, force: true }));
let made = 0;

/** An index of 6 pairs and two models: model 0 in one chunk per side, model 1 in uneven chunks. */
function storeWithScores(): PairStore {
  const path = join(folder, `index-${made++}.db`);
  const db = openDatabase(path);
  db.exec(CREATE_TABLES);
  db.prepare(`INSERT INTO meta (key, value) VALUES ('schemaVersion', ?)`).run(String(SCHEMA_VERSION));
  const insert = db.prepare(`INSERT INTO pairs (ord, line, base_offset, length, preview, label, chosen_len, rejected_len, len_diff, n_scored,
    votes_pos, votes_zero, votes_neg, misranked, flags) VALUES (?, ?, ?, 99, '', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)`);
  for (let ord = 0; ord < 6; ord++) insert.run(ord, ord + 1, ord * 100);
  db.prepare(`INSERT INTO models (idx, name) VALUES (0, 'a'), (1, 'b')`).run();
  const chunk = db.prepare('INSERT INTO score_chunks (model, side, start_ord, data) VALUES (?, ?, ?, ?)');
  const blob = (...values: number[]) => Buffer.from(new Float64Array(values).buffer);
  chunk.run(0, 'chosen', 0, blob(1, 2, 3, 4, 5, 6));
  chunk.run(0, 'rejected', 0, blob(11, 12, 13, 14, 15, 16));
  // Model 1: the chosen side in two overlapping chunks (the later one wins at ord 3), the rejected side only up to ord 2.
  chunk.run(1, 'chosen', 0, blob(21, 22, 23, 24));
  chunk.run(1, 'chosen', 3, blob(34, 35, 36));
  chunk.run(1, 'rejected', 0, blob(41, 42, 43));
  db.close();
  const store = PairStore.openExisting(path);
  assert.ok(store);
  return store;
}

function scores(store: PairStore): number[][][] {
  return [0, 1].map((model) => {
    const { chosen, rejected } = store.scoreColumns(model);
    return [[...chosen], [...rejected]];
  });
}

test('a swapped pair reads its scores the other way round, for every model; a second toggle undoes it', () => {
  const store = storeWithScores();
  const before = scores(store);
  assert.deepEqual(before[1], [[21, 22, 23, 34, 35, 36], [41, 42, 43, NaN, NaN, NaN]]);
  toggleSwapped(store.db, [1, 4]);
  assert.deepEqual(readSwapped(store.db), [1, 4]);
  assert.deepEqual(scores(store), [
    [[1, 12, 3, 4, 15, 6], [11, 2, 13, 14, 5, 16]],
    [[21, 42, 23, 34, NaN, 36], [41, 22, 43, NaN, 35, NaN]],
  ]);
  toggleSwapped(store.db, [4, 1]);
  assert.deepEqual(readSwapped(store.db), []);
  assert.deepEqual(scores(store), before);
  store.close();
});

test('folding the swaps into the chunks empties the table and changes no score', () => {
  const store = storeWithScores();
  toggleSwapped(store.db, [0, 3, 4]);
  const swapped = scores(store);
  foldSwappedScores(store.db);
  assert.deepEqual(readSwapped(store.db), []);
  assert.deepEqual(scores(store), swapped);
  store.close();
});

test('swapColumns trades only the swapped ords inside the block it is given', () => {
  const chosen = new Float64Array([1, 2, 3]);
  const rejected = new Float64Array([4, 5, 6]);
  swapColumns(chosen, rejected, [0, 11, 12, 20], 10);
  assert.deepEqual([...chosen, ...rejected], [1, 5, 6, 4, 2, 3]);
});
