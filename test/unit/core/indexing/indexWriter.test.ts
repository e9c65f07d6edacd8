import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { adapterByName } from '../../../../src/core/formats/adapterRegistry.ts';
import { IndexWriter } from '../../../../src/core/indexing/indexWriter.ts';
import { summarizeBatch } from '../../../../src/core/indexing/summarizeBatch.ts';
import type { RawRecord } from '../../../../src/core/reader/rawRecord.ts';
import { PairStore, type IndexMeta } from '../../../../src/core/store/pairStore.ts';
import { SCHEMA_VERSION } from '../../../../src/core/store/schema.ts';

const work = mkdtempSync(join(tmpdir(), 'rr-index-writer-'));
after(() => rmSync(work, { recursive: true, force: true }));

const native = adapterByName('native');

/** Native records for lines `from`…`to - 1`: model a scores every pair (chosen = line), model b only from line `bFrom` on. */
function records(from: number, to: number, bFrom = Infinity): RawRecord[] {
  const out: RawRecord[] = [];
  for (let line = from; line < to; line++) {
    const scores: Record<string, { chosen: number; rejected: number }> = { a: { chosen: line, rejected: 100 } };
    if (line >= bFrom) scores['b'] = { chosen: -line, rejected: 0 };
    const text = JSON.stringify({ prompt: `p${line}`, chosen: 'c', rejected: 'r', scores });
    out.push({ line, offset: line * 1000, length: text.length, text });
  }
  return out;
}

function meta(): IndexMeta {
  return {
    schemaVersion: SCHEMA_VERSION, datasetPath: '', fileKind: 'jsonl', size: 0, mtimeMs: 0, fingerprint: '', indexedBytes: 0,
    resumeOffset: 0, resumeLine: 0, format: 'native', formatSummary: '', mappingPath: '', indexedAt: '',
  };
}

function write(writer: IndexWriter, items: RawRecord[]): void {
  for (let i = 0; i < items.length; i += 1024) writer.addBatch(summarizeBatch(items.slice(i, i + 1024), native));
}

describe('IndexWriter', () => {
  it('keeps scores at their ords across score chunks (65,536 pairs each), with NaN where a model is missing', () => {
    const path = join(work, 'chunks.db');
    const writer = IndexWriter.createFresh(path);
    write(writer, records(1, 70_001, 66_000));
    writer.finish(meta());
    const store = PairStore.openExisting(path)!;
    try {
      assert.equal(store.pairCount(), 70_000);
      assert.deepEqual(store.modelNames(), ['a', 'b']);
      const a = store.scoreColumns(0).chosen;
      assert.equal(a.length, 70_000);
      for (const ord of [0, 65_535, 65_536, 69_999]) assert.equal(a[ord], ord + 1, `model a at ord ${ord}`);
      const b = store.scoreColumns(1).chosen;
      assert.ok(Number.isNaN(b[65_998]!));
      assert.equal(b[65_999], -66_000);
      assert.equal(b[69_999], -70_000);
      // misranked: bit 0 for a (chosen ≤ 100 up to line 100), bit 1 for b (always margin < 0).
      assert.equal(store.pairByOrd(99)!.misrankedMask, 1);
      assert.equal(store.pairByOrd(100)!.misrankedMask, 0);
      assert.equal(store.pairByOrd(69_999)!.misrankedMask, 2);
    } finally {
      store.close();
    }
  });

  it('rolls an unfinished append back and deletes an abandoned fresh build', () => {
    const path = join(work, 'append.db');
    const fresh = IndexWriter.createFresh(path);
    write(fresh, records(1, 11));
    fresh.finish(meta());

    const append = IndexWriter.appendTo(path);
    write(append, records(11, 2000));
    append.abort();
    const store = PairStore.openExisting(path)!;
    assert.equal(store.pairCount(), 10);
    store.close();

    const abandoned = join(work, 'abandoned.db');
    const building = IndexWriter.createFresh(abandoned);
    write(building, records(1, 100));
    building.abort();
    assert.equal(existsSync(abandoned), false);
  });

  it('continues ords and score chunks after the pairs already indexed', () => {
    const path = join(work, 'continued.db');
    const fresh = IndexWriter.createFresh(path);
    write(fresh, records(1, 101));
    fresh.finish(meta());
    const append = IndexWriter.appendTo(path);
    write(append, records(101, 151, 120));
    append.finish(meta());
    const store = PairStore.openExisting(path)!;
    try {
      assert.equal(store.pairCount(), 150);
      assert.deepEqual(store.pageInFileOrder(98, 3).map((row) => [row.ord, row.line]), [[99, 100], [100, 101], [101, 102]]);
      const a = store.scoreColumns(0).chosen;
      assert.deepEqual([a[0], a[99], a[100], a[149]], [1, 100, 101, 150]);
      const b = store.scoreColumns(1).chosen;
      assert.ok(Number.isNaN(b[118]!));
      assert.equal(b[119], -120);
    } finally {
      store.close();
    }
  });
});
