/**
 * Offset shifts: the offsets readers see (located_pairs) are the base offsets plus the last shift at
 * or before each ord; two saves' shifts add up; folding them into the rows changes no offset a reader
 * sees; rows appended later are not shifted by earlier saves.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { addSteps, endShiftsBefore, foldShifts, readShifts, writeShifts } from '../../../../src/core/store/offsetShifts.ts';
import { openDatabase } from '../../../../src/core/store/pairStore.ts';
import { CREATE_TABLES } from '../../../../src/core/store/schema.ts';

/** An index of `count` pairs, 100 bytes each, one per line. */
function indexOf(count: number): Database.Database {
  const db = openDatabase(':memory:');
  db.exec(CREATE_TABLES);
  const insert = db.prepare(`INSERT INTO pairs (ord, line, base_offset, length, preview, label, chosen_len, rejected_len, len_diff, n_scored,
    votes_pos, votes_zero, votes_neg, misranked, flags) VALUES (?, ?, ?, 99, '', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)`);
  for (let ord = 0; ord < count; ord++) insert.run(ord, ord + 1, ord * 100);
  return db;
}

function offsets(db: Database.Database): number[] {
  return db.prepare('SELECT offset FROM located_pairs ORDER BY ord').pluck().all() as number[];
}

test('two saves add up: each row is moved by the changes before it, in both', () => {
  const db = indexOf(6);
  // Save 1: the record at ord 1 grew by 10 bytes, the one at ord 3 by 5.
  writeShifts(db, addSteps(readShifts(db), [{ fromOrd: 2, bytes: 10 }, { fromOrd: 4, bytes: 15 }]));
  assert.deepEqual(offsets(db), [0, 100, 210, 310, 415, 515]);
  // Save 2: the record at ord 0 shrank by 3, the one at ord 3 shrank back by 5.
  writeShifts(db, addSteps(readShifts(db), [{ fromOrd: 1, bytes: -3 }, { fromOrd: 4, bytes: -8 }]));
  assert.deepEqual(offsets(db), [0, 97, 207, 307, 407, 507]);
  assert.deepEqual(readShifts(db), [{ fromOrd: 1, bytes: -3 }, { fromOrd: 2, bytes: 7 }], 'steps that change nothing are dropped');
  db.close();
});

test('shifts that cancel out leave no entry', () => {
  assert.deepEqual(addSteps([{ fromOrd: 5, bytes: 12 }, { fromOrd: 9, bytes: 20 }], [{ fromOrd: 5, bytes: -12 }, { fromOrd: 9, bytes: -20 }]), []);
  assert.deepEqual(addSteps([], []), []);
});

test('folding moves the shifts into the rows: the offsets readers see stay the same', async () => {
  const db = indexOf(8);
  writeShifts(db, [{ fromOrd: 2, bytes: 4 }, { fromOrd: 5, bytes: -6 }, { fromOrd: 7, bytes: 0 }]);
  const before = offsets(db);
  await foldShifts(db);
  assert.deepEqual(offsets(db), before);
  assert.deepEqual(db.prepare('SELECT base_offset FROM pairs ORDER BY ord').pluck().all(), before);
  assert.deepEqual(readShifts(db), []);
  db.close();
});

test('rows appended after a save are not moved by its shifts', () => {
  const db = indexOf(4);
  // The last record grew: the step starts at the next ord, where an append puts its first row.
  writeShifts(db, [{ fromOrd: 2, bytes: 7 }, { fromOrd: 4, bytes: 9 }]);
  endShiftsBefore(db, 4);
  db.prepare(`INSERT INTO pairs (ord, line, base_offset, length, preview, label, chosen_len, rejected_len, len_diff, n_scored,
    votes_pos, votes_zero, votes_neg, misranked, flags) VALUES (4, 5, 409, 99, '', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)`).run();
  assert.deepEqual(offsets(db), [0, 100, 207, 307, 409]);
  db.close();
});
