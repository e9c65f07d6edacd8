/** Helpers shared by the write-back tests: a dataset with its index and journal, and byte comparisons. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureIndex } from '../../../../src/core/indexing/ensureIndex.ts';
import { adapterForIndex, readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import { openRelabelJournal } from '../../../../src/core/relabels/journalRecovery.ts';
import { pairKeysForRows } from '../../../../src/core/relabels/pairKeysForRows.ts';
import type { RelabelAction } from '../../../../src/core/relabels/relabelDecision.ts';
import type { RelabelJournal } from '../../../../src/core/relabels/relabelJournal.ts';
import { readMarkedPair } from '../../../../src/core/relabels/relabelRecord.ts';
import { journalPathFor } from '../../../../src/core/relabels/relabelPaths.ts';
import { applyPending } from '../../../../src/core/relabels/writeBack.ts';
import type { WriteBackOptions, WriteBackResult } from '../../../../src/core/relabels/writeBack.ts';
import type { PairRow, PairStore } from '../../../../src/core/store/pairStore.ts';
import { PairFlag } from '../../../../src/core/store/schema.ts';
import { readRecords } from '../../../../src/core/reader/readRecords.ts';
import { isBadRecord } from '../../../../src/core/reader/rawRecord.ts';

export function tempFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A dataset file with its index and relabel journal open. */
export class Workspace {
  readonly datasetPath: string;
  readonly dbPath: string;
  store!: PairStore;
  journal!: RelabelJournal;

  private constructor(datasetPath: string, dbPath: string) {
    this.datasetPath = datasetPath;
    this.dbPath = dbPath;
  }

  /** The index and journal go in `indexFolder` (default: beside the dataset). */
  static async create(folder: string, name: string, content: string | Buffer, indexFolder = folder): Promise<Workspace> {
    const datasetPath = join(folder, name);
    writeFileSync(datasetPath, content);
    const workspace = new Workspace(datasetPath, join(indexFolder, `${name}.rr.db`));
    await workspace.reindex();
    workspace.journal = openRelabelJournal(journalPathFor(workspace.dbPath), datasetPath);
    return workspace;
  }

  /** Brings the index up to date (reused, appended or rebuilt) and returns how. */
  async reindex(): Promise<string> {
    this.store?.close();
    const result = await ensureIndex({ datasetPath: this.datasetPath, dbPath: this.dbPath });
    this.store = result.store;
    return result.outcome;
  }

  bytes(): Buffer {
    return readFileSync(this.datasetPath);
  }

  /** Records one decision per line (as one edit), keyed the way the editor keys them. */
  async relabel(decisions: Array<[line: number, action: RelabelAction, note?: string]>): Promise<void> {
    const rows = decisions.map(([line]) => {
      const row = this.store.pairByLine(line);
      assert.ok(row, `a pair starts on line ${line}`);
      return row as PairRow;
    });
    const keys = await pairKeysForRows(this.datasetPath, this.store, rows);
    this.journal.record(keys.map((key, k) => {
      const [, action, note] = decisions[k] as [number, RelabelAction, string?];
      return { ...key, action, ...(note === undefined ? {} : { note }) };
    }));
  }

  apply(options: Partial<Omit<WriteBackOptions, 'datasetPath' | 'store' | 'journal'>> = {}): Promise<WriteBackResult> {
    return applyPending({ datasetPath: this.datasetPath, store: this.store, journal: this.journal, ...options });
  }

  close(): void {
    this.journal.close();
    this.store.close();
  }
}

/** Lines with their terminators, so a CRLF or a missing last newline is part of what is compared. */
export function linesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    lines.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** Every line but the listed ones (1-based) is byte for byte the same; returns the changed lines' text. */
export function assertOnlyLinesChanged(before: Buffer, after: Buffer, changed: readonly number[]): Map<number, string> {
  const a = linesOf(before);
  const b = linesOf(after);
  assert.equal(b.length, a.length, 'same number of lines');
  const texts = new Map<number, string>();
  for (let i = 0; i < a.length; i++) {
    const line = i + 1;
    if (changed.includes(line)) {
      assert.notDeepEqual(b[i], a[i], `line ${line} was relabeled`);
      texts.set(line, (b[i] as Buffer).toString('utf8'));
    } else {
      assert.ok((a[i] as Buffer).equals(b[i] as Buffer), `line ${line} is byte for byte unchanged`);
    }
  }
  return texts;
}

/**
 * The index after a save describes the new file exactly: every pair read back at the index's
 * offsets equals the pair read from the file itself, in order, and no record is missing.
 */
export async function assertIndexMatchesFile(workspace: Workspace): Promise<void> {
  const { store, datasetPath } = workspace;
  const adapter = await adapterForIndex(store);
  const expected: Array<{ line: number; text: string }> = [];
  for await (const batch of readRecords(datasetPath)) {
    for (const item of batch) if (!isBadRecord(item)) expected.push({ line: item.line, text: item.text });
  }
  assert.equal(store.pairCount(), expected.length, 'one index row per record');
  for (let ord = 0; ord < expected.length; ord++) {
    const row = store.pairByOrd(ord) as PairRow;
    const record = expected[ord] as { line: number; text: string };
    assert.equal(row.line, record.line, `ord ${ord}: line`);
    const marked = readMarkedPair(record.text, adapter);
    assert.deepEqual(await readPairAt(datasetPath, store, row), marked.pair, `ord ${ord}: read back, relabel marks applied`);
    assert.equal(row.label, marked.pair.label === 'tie' ? 0 : 1, `ord ${ord}: label`);
    assert.equal((row.flags & PairFlag.relabelDropped) !== 0, marked.dropped, `ord ${ord}: dropped flag`);
  }
}
