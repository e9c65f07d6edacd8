import { stat } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { adapterForIndex } from '../indexing/pairReader.ts';
import type { Pair, Text } from '../pair.ts';
import { parseRecord } from '../reader/parseRecord.ts';
import { isBadRecord } from '../reader/rawRecord.ts';
import { readRecords } from '../reader/readRecords.ts';
import { applyRelabelMarks } from '../relabels/relabelMarks.ts';
import type { IndexMeta, PairStore } from '../store/pairStore.ts';
import { yieldToEventLoop } from './queryColumns.ts';
import { toFtsQuery } from './searchQuery.ts';

/**
 * Full-text search over each pair's prompt and responses: an FTS5 table in the index database,
 * built on first use because most sessions never search and the texts are not in the index — they
 * are read back from the dataset file. The table is contentless (`content=''`): it stores the
 * inverted index only, and a match yields ords, which is all the list needs.
 *
 * Progress is kept per batch, so a cancelled or interrupted build resumes where it stopped, and an
 * index that grew by an append only indexes the new pairs.
 */

/** Bump when the table's layout or tokenizer changes: the table is then dropped and rebuilt. */
const SEARCH_LAYOUT = 1;

const CREATE_SEARCH_TABLES = `
CREATE VIRTUAL TABLE IF NOT EXISTS pair_text USING fts5(
  prompt, chosen, rejected,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS pair_text_state (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

/**
 * absent: never built; partial: covers only the first `indexedPairs` (cancelled, or the dataset
 * grew); building: a build is running; ready: covers every pair.
 */
export interface SearchIndexStatus {
  state: 'absent' | 'partial' | 'building' | 'ready';
  indexedPairs: number;
  pairs: number;
}

export interface SearchBuildProgress {
  /** 0…1 of the pairs. */
  fraction: number;
  indexedPairs: number;
  pairs: number;
}

export type SearchProgressListener = (progress: SearchBuildProgress) => void;

/** Thrown by a text query before the search index covers every pair. */
export class SearchIndexNotReadyError extends Error {
  constructor(status: SearchIndexStatus) {
    super(
      status.state === 'absent'
        ? 'Full-text search needs the search index: build it first.'
        : `The search index covers ${status.indexedPairs} of ${status.pairs} pairs: finish building it first.`,
    );
    this.name = 'SearchIndexNotReadyError';
  }
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * Pairs written per transaction. FTS5 writes a segment at every commit, so small transactions make
 * the build slower (256: ~1.6× the time of 1024); 1024 blocks the host for ~0.1 s at a time.
 */
const SLICE = 1024;

/** The search index of one store, with at most one build running at a time. */
export class SearchIndex {
  private readonly store: PairStore;
  private readonly onWrite: (changes: number) => void;
  private running: { promise: Promise<SearchIndexStatus>; controller: AbortController; listeners: Set<SearchProgressListener> } | null = null;

  /** `onWrite` hears how many row changes each of the index's own writes made (see PairQueryEngine). */
  constructor(store: PairStore, onWrite: (changes: number) => void = () => undefined) {
    this.store = store;
    this.onWrite = onWrite;
  }

  status(): SearchIndexStatus {
    const db = this.store.db;
    const pairs = pairCount(db);
    const indexedPairs = Math.max(0, coveredPairs(db));
    const state = this.running ? 'building' : !tableExists(db, 'pair_text') ? 'absent' : indexedPairs >= pairs ? 'ready' : 'partial';
    return { state, indexedPairs, pairs };
  }

  /**
   * Builds or completes the index; a call while a build runs joins it (and hears its progress).
   * Resolves with the status when the build ends; a cancelled build resolves as `partial`.
   * Rejects when the dataset file changed since it was indexed.
   */
  build(onProgress?: SearchProgressListener): Promise<SearchIndexStatus> {
    if (!this.running) {
      const controller = new AbortController();
      const listeners = new Set<SearchProgressListener>();
      const report = (progress: SearchBuildProgress) => {
        for (const listener of listeners) listener(progress);
      };
      const promise = this.run(controller.signal, report).finally(() => {
        this.running = null;
      });
      this.running = { promise, controller, listeners };
    }
    if (onProgress) this.running.listeners.add(onProgress);
    return this.running.promise;
  }

  /** Stops a running build (what it indexed so far is kept). False when none was running. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  /**
   * Ords (ascending) of the pairs whose prompt or responses contain the text (see `toFtsQuery`),
   * or null when the text has nothing searchable in it.
   */
  matchingOrds(text: string): Uint32Array | null {
    const query = toFtsQuery(text);
    if (query === null) return null;
    const status = this.status();
    if (status.state !== 'ready') throw new SearchIndexNotReadyError(status);
    const ords = this.store.db.prepare('SELECT rowid FROM pair_text WHERE pair_text MATCH ?').pluck().all(query) as number[];
    return Uint32Array.from(ords).sort();
  }

  /** Runs a write and reports the row changes it made. */
  private write(action: () => void): void {
    const db = this.store.db;
    const before = totalChanges(db);
    action();
    this.onWrite(totalChanges(db) - before);
  }

  private async run(signal: AbortSignal, report: (progress: SearchBuildProgress) => void): Promise<SearchIndexStatus> {
    const db = this.store.db;
    const meta = this.store.meta();
    if (!meta) throw new Error('The index has no metadata.');
    await checkUnchanged(meta);
    this.write(() => prepareTables(db));
    const pairs = pairCount(db);
    const start = coveredPairs(db);
    let next = start;
    const progress = () => report({ fraction: pairs > 0 ? next / pairs : 1, indexedPairs: next, pairs });
    progress();
    if (next >= pairs) return this.finished(next, pairs);

    const [firstOffset, firstLine] = db.prepare('SELECT offset, line FROM located_pairs WHERE ord = ?').raw().get(start) as [number, number];
    const locations = pairLocations(db, start, pairs);
    const adapter = await adapterForIndex(this.store);
    const insert = db.prepare('INSERT INTO pair_text (rowid, prompt, chosen, rejected) VALUES (?, ?, ?, ?)');
    const setState = db.prepare('INSERT OR REPLACE INTO pair_text_state (key, value) VALUES (?, ?)');
    const changed = (where: string, why: string) =>
      new Error(`${where}: ${why}; the file changed since it was indexed, so reopen it before searching.`);
    // A JSONL file resumes at the first pair not yet indexed; a JSON array can only be read whole.
    const resumeFrom = start > 0 && meta.fileKind === 'jsonl' ? { offset: firstOffset, line: firstLine } : undefined;
    let lastReport = performance.now();
    try {
      for await (const batch of readRecords(meta.datasetPath, { resumeFrom, signal })) {
        for (let sliceStart = 0; sliceStart < batch.length && next < pairs; sliceStart += SLICE) {
          if (!db.open || signal.aborted) break;
          const rows: [number, string, string, string][] = [];
          for (const item of batch.slice(sliceStart, sliceStart + SLICE)) {
            if (next >= pairs) break;
            const expected = locations.offset[next - start]!;
            // Records before the next pair's offset are bad records (or before the resume point).
            if (item.offset < expected) continue;
            if (item.offset > expected) throw changed(`${meta.datasetPath}:${item.line}`, 'a record is missing');
            if (isBadRecord(item)) throw changed(`${meta.datasetPath}:${item.line}`, item.reason);
            const parsed = parseRecord(item);
            if (isBadRecord(parsed)) throw changed(`${meta.datasetPath}:${item.line}`, parsed.reason);
            let pair: Pair;
            try {
              // The sides as the reviewer left them: a flip written as a mark swaps them here too.
              pair = applyRelabelMarks(parsed.value, adapter.normalize(parsed.value)).pair;
            } catch (error) {
              throw changed(`${meta.datasetPath}:${item.line}`, error instanceof Error ? error.message : String(error));
            }
            rows.push([next, textOf(pair.prompt), textOf(pair.chosen), (pair.rejectedAll ?? [pair.rejected]).map(textOf).join('\n\n')]);
            next++;
          }
          const last = next - 1 - start;
          this.write(() =>
            db.transaction(() => {
              for (const row of rows) insert.run(...row);
              setState.run('indexedPairs', next);
              // Where the last covered pair is: if a later save moves it, the index no longer fits.
              setState.run('lastOffset', locations.offset[last]);
              setState.run('lastLength', locations.length[last]);
            })(),
          );
          if (performance.now() - lastReport >= PROGRESS_INTERVAL_MS) {
            lastReport = performance.now();
            progress();
          }
          await yieldToEventLoop();
        }
        if (!db.open || next >= pairs) break;
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    if (!db.open) return { state: 'partial', indexedPairs: next, pairs };
    if (next < pairs && !signal.aborted) throw changed(meta.datasetPath, `only ${next} of ${pairs} pairs were found`);
    progress();
    return this.finished(next, pairs);
  }

  private finished(indexedPairs: number, pairs: number): SearchIndexStatus {
    return { state: indexedPairs >= pairs ? 'ready' : 'partial', indexedPairs, pairs };
  }
}

/** The text of a prompt or response as searched: chat messages joined by newlines. */
function textOf(text: Text): string {
  return typeof text === 'string' ? text : text.map((message) => message.content).join('\n');
}

function prepareTables(db: Database.Database): void {
  if (tableExists(db, 'pair_text_state') && coveredPairs(db) < 0) {
    db.exec('DROP TABLE IF EXISTS pair_text; DROP TABLE pair_text_state;');
  }
  db.exec(CREATE_SEARCH_TABLES);
  db.prepare("INSERT OR IGNORE INTO pair_text_state (key, value) VALUES ('layout', ?)").run(SEARCH_LAYOUT);
}

/**
 * Pairs the search index covers (the first N ords), or −1 when it no longer fits the pairs: another
 * layout, or a save that rewrote records before its end (the last covered pair moved), so rowids
 * may no longer be the same pairs' ords. An index that fits only grew: it is completed, not rebuilt.
 */
function coveredPairs(db: Database.Database): number {
  if (!tableExists(db, 'pair_text_state')) return 0;
  const state = new Map(
    (db.prepare('SELECT key, value FROM pair_text_state').raw().all() as [string, number][]).map(([key, value]) => [key, value]),
  );
  if (state.get('layout') !== SEARCH_LAYOUT) return -1;
  const covered = state.get('indexedPairs') ?? 0;
  if (covered === 0) return 0;
  const last = db.prepare('SELECT offset, length FROM located_pairs WHERE ord = ?').raw().get(covered - 1) as [number, number] | undefined;
  return last && last[0] === state.get('lastOffset') && last[1] === state.get('lastLength') ? covered : -1;
}

async function checkUnchanged(meta: IndexMeta): Promise<void> {
  const file = await stat(meta.datasetPath).catch(() => null);
  if (!file || file.size !== meta.size || file.mtimeMs !== meta.mtimeMs) {
    throw new Error(`${meta.datasetPath} changed since it was indexed; reopen it before searching.`);
  }
}

/** Offsets and lengths of the pairs from ord `start` on. */
function pairLocations(db: Database.Database, start: number, pairs: number): { offset: Float64Array; length: Float64Array } {
  const rows = db.prepare('SELECT offset, length FROM located_pairs WHERE ord >= ? ORDER BY ord').raw().all(start) as [number, number][];
  if (rows.length !== pairs - start) throw new Error(`The index has gaps in its pair numbers (${rows.length} of ${pairs - start}).`);
  return { offset: Float64Array.from(rows, (row) => row[0]), length: Float64Array.from(rows, (row) => row[1]) };
}

function totalChanges(db: Database.Database): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

function pairCount(db: Database.Database): number {
  return (db.prepare('SELECT coalesce(max(ord) + 1, 0) FROM pairs').pluck().get() as number) ?? 0;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;
}

