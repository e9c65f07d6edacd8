/**
 * Brings the index up to date after relabels were written into the dataset, without re-reading the
 * file: the rewritten records get their new lengths and derived columns (label, margins, votes,
 * misranked bits, flags), the score columns swap chosen and rejected where a flip swapped them,
 * every later record's offset shifts by the running delta, and the meta takes the new size, mtime
 * and fingerprint so the next open reuses the index.
 *
 * The usual save changes records' lengths and nothing else: the shifts go to `offset_shifts`
 * (src/core/store/offsetShifts.ts) and the later rows stay as they are. A save that moves lines
 * out or back in, or changes a record's line count, renumbers later rows' lines and ords: it folds
 * the shifts into the rows and rewrites every later row.
 *
 * Likewise a flip does not rewrite the score chunks to trade its pair's scores: it toggles the pair
 * in `swapped_scores` (src/core/store/swappedScores.ts), folded in before ords move.
 */
import type Database from 'better-sqlite3';
import { recomputePairColumns } from '../attachments/recomputePairColumns.ts';
import type { PairSummary } from '../indexing/pairSummary.ts';
import { openDatabase } from '../store/pairStore.ts';
import type { IndexMeta, PairStore } from '../store/pairStore.ts';
import { addSteps, FOLD_THRESHOLD, foldShifts, readShifts, writeShifts } from '../store/offsetShifts.ts';
import type { OffsetStep } from '../store/offsetShifts.ts';
import { PairFlag } from '../store/schema.ts';
import { foldSwappedScores, readSwapped, SWAP_FOLD_THRESHOLD, toggleSwapped } from '../store/swappedScores.ts';

/** Pairs per score chunk, as the indexer writes them. */
const SCORE_CHUNK = 65536;

/** One change of the dataset, in the coordinates of the file before the save. */
export interface IndexChange {
  kind: 'replace' | 'remove' | 'insert';
  /** replace/remove: the pair's ord; insert: the ord of the pair it goes before (the pair count at the end). */
  ord: number;
  /** The bytes replaced (start === end for an insertion). */
  start: number;
  end: number;
  /** Bytes written in their place. */
  newLength: number;
  /** Lines added (negative: removed) by the change. */
  lineDelta: number;
  /** Order among insertions at the same place. */
  sequence: number;
  /** The line (old numbering) of the byte at `start`: where an appended file would resume after a removal. */
  lineAtStart: number;
  /** insert: the key of the pair put back (for the journal's position hints). */
  insertedKey?: string;
  /** replace/insert: the record now there. */
  record?: {
    /** Where the record starts within the written bytes. */
    offsetInEdit: number;
    length: number;
    /** Its first line, in the old file's numbering (for an insertion: the line it takes). */
    line: number;
    summary: PairSummary;
    dropped: boolean;
    /** The flip swapped the sides relative to what the index holds (attached scores follow). */
    swapsSides: boolean;
    /**
     * Its own scores are those the index holds, traded if the sides swap (a flip, a tie, a note):
     * none is written, and the score chunks are not even read.
     */
    keepsScores?: boolean;
  };
}

export type ChangedRecord = NonNullable<IndexChange['record']>;

export interface PatchedFile {
  size: number;
  mtimeMs: number;
  fingerprint: string;
}

interface Shift {
  /** Old file offset where the shift starts applying (changes ending at or before it). */
  at: number;
  bytes: number;
  lines: number;
}

function kindOrder(kind: IndexChange['kind']): number {
  return kind === 'insert' ? 0 : 1;
}

export function sortChanges(changes: readonly IndexChange[]): IndexChange[] {
  return [...changes].sort((a, b) => a.start - b.start || kindOrder(a.kind) - kindOrder(b.kind) || a.sequence - b.sequence);
}

/** Maps old file offsets and lines through the changes (sorted). */
class OffsetMap {
  private readonly shifts: Shift[] = [];
  private readonly changes: IndexChange[];

  constructor(changes: IndexChange[]) {
    this.changes = changes;
    let bytes = 0;
    let lines = 0;
    for (const change of changes) {
      bytes += change.newLength - (change.end - change.start);
      lines += change.lineDelta;
      this.shifts.push({ at: change.end, bytes, lines });
    }
  }

  /** The cumulative shift of changes that end at or before `offset`. */
  private shiftAt(offset: number): { bytes: number; lines: number } {
    let lo = 0;
    let hi = this.shifts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.shifts[mid] as Shift).at <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? { bytes: 0, lines: 0 } : (this.shifts[lo - 1] as Shift);
  }

  offset(offset: number): number {
    return offset + this.shiftAt(offset).bytes;
  }

  line(offset: number, line: number): number {
    return line + this.shiftAt(offset).lines;
  }

  /** A removal that took the byte before `offset` with it, if any. */
  removalAround(offset: number): IndexChange | undefined {
    return this.changes.find((c) => c.kind === 'remove' && offset > c.start && offset <= c.end);
  }
}

function misrankedMask(summary: PairSummary, models: Map<string, number>): number {
  let mask = 0;
  for (const [model, chosen, rejected] of summary.scores) {
    const idx = models.get(model) as number;
    if (chosen - rejected <= 0 && idx < 53) mask += 2 ** idx;
  }
  return mask;
}

function rowValues(summary: PairSummary, dropped: boolean, models: Map<string, number>) {
  return {
    id: summary.id, subset: summary.subset, preview: summary.preview, label: summary.label, chosenLen: summary.chosenLength,
    rejectedLen: summary.rejectedLength, lenDiff: summary.chosenLength - summary.rejectedLength, nScored: summary.scoredModels,
    mu: summary.mu, sigma: summary.sigma, votesPos: summary.votesPositive, votesZero: summary.votesZero, votesNeg: summary.votesNegative,
    misranked: misrankedMask(summary, models), flags: summary.flags | (dropped ? PairFlag.relabelDropped : 0),
  };
}

/** Model names owned by attachments (their scores are not in the record, so they only follow a flip). */
function attachedModelNames(db: Database.Database): Set<string> {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'`).get()) return new Set();
  const rows = db.prepare('SELECT models FROM attachments').all() as { models: string }[];
  return new Set(rows.flatMap((row) => JSON.parse(row.models) as string[]));
}

function hasAttachedCritiques(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attached_critiques'`).get() !== undefined;
}

interface LoadedChunk {
  model: number;
  side: string;
  start: number;
  values: Float64Array;
  /** Some value differs from the stored one: only such chunks are written back (a tie moves no score). */
  changed: boolean;
}

interface ChunkExtent {
  start: number;
  count: number;
  chunk?: LoadedChunk;
}

/** Score chunks, loaded once, changed in memory and written back once. */
class ChunkCache {
  private readonly db: Database.Database;
  /** Per model and side: the chunks' first ords and value counts, in ord order, with the data once read. */
  private readonly extents = new Map<string, ChunkExtent[]>();
  private readonly loaded: LoadedChunk[] = [];
  private readonly load: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    const rows = db.prepare('SELECT model, side, start_ord AS start, length(data) / 8 AS count FROM score_chunks ORDER BY model, side, start_ord')
      .all() as Array<{ model: number; side: string; start: number; count: number }>;
    for (const row of rows) {
      const key = `${row.model}:${row.side}`;
      const list = this.extents.get(key) ?? [];
      list.push({ start: row.start, count: row.count });
      this.extents.set(key, list);
    }
    this.load = db.prepare('SELECT data FROM score_chunks WHERE model = ? AND side = ? AND start_ord = ?');
  }

  private chunk(model: number, side: 'chosen' | 'rejected', ord: number): LoadedChunk | undefined {
    const list = this.extents.get(`${model}:${side}`) ?? [];
    // The last chunk starting at or before the ord that reaches it (a later chunk overrides an earlier one).
    let extent: ChunkExtent | undefined;
    for (let k = list.length - 1; k >= 0; k--) {
      const candidate = list[k] as ChunkExtent;
      if (candidate.start <= ord && candidate.start + candidate.count > ord) {
        extent = candidate;
        break;
      }
    }
    if (!extent) return undefined;
    // Kept on the extent, found again without another lookup.
    if (!extent.chunk) {
      const row = this.load.get(model, side, extent.start) as { data: Buffer };
      const bytes = new Uint8Array(row.data);
      extent.chunk = { model, side, start: extent.start, values: new Float64Array(bytes.buffer, 0, bytes.byteLength / 8), changed: false };
      this.loaded.push(extent.chunk);
    }
    return extent.chunk;
  }

  get(model: number, side: 'chosen' | 'rejected', ord: number): number {
    const chunk = this.chunk(model, side, ord);
    return chunk ? (chunk.values[ord - chunk.start] as number) : Number.NaN;
  }

  set(model: number, side: 'chosen' | 'rejected', ord: number, value: number): void {
    const chunk = this.chunk(model, side, ord);
    if (chunk) {
      if (!Object.is(chunk.values[ord - chunk.start], value)) {
        chunk.values[ord - chunk.start] = value;
        chunk.changed = true;
      }
    } else if (!Number.isNaN(value)) {
      // A model this part of the file had no scores for: a one-value chunk of its own.
      this.db.prepare('INSERT OR REPLACE INTO score_chunks (model, side, start_ord, data) VALUES (?, ?, ?, ?)')
        .run(model, side, ord, Buffer.from(new Float64Array([value]).buffer));
      const list = this.extents.get(`${model}:${side}`) ?? [];
      list.push({ start: ord, count: 1 });
      list.sort((a, b) => a.start - b.start);
      this.extents.set(`${model}:${side}`, list);
    }
  }

  async flush(pause: () => Promise<void>): Promise<void> {
    const write = this.db.prepare('UPDATE score_chunks SET data = ? WHERE model = ? AND side = ? AND start_ord = ?');
    for (const chunk of this.loaded) {
      if (!chunk.changed) continue;
      await pause();
      write.run(Buffer.from(chunk.values.buffer), chunk.model, chunk.side, chunk.start);
    }
  }
}

/** Gives the event loop a turn after every `sliceMs` of work, so a file written alongside keeps moving. */
function timeSlicer(sliceMs: number): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** Rows flipped back from their negative ords per statement (see the two-step renumbering). */
const RENUMBER_SLICE = 8192;

/**
 * One index update, done on a connection of its own inside one write transaction: readers of the
 * store keep seeing the index as it was until `commit`, which comes only once the new file is in
 * place. The work is sliced (`apply` yields to the event loop now and then), so it runs while the
 * dataset is being copied — the copy waits on the disk, this on the CPU.
 */
export class IndexPatch {
  private readonly db: Database.Database;
  private readonly changes: IndexChange[];
  private readonly map: OffsetMap;
  private readonly meta: IndexMeta;
  private finished = false;

  private constructor(db: Database.Database, changes: IndexChange[], meta: IndexMeta) {
    this.db = db;
    this.changes = changes;
    this.map = new OffsetMap(changes);
    this.meta = meta;
  }

  /** Starts the update of `store`'s index (changes in the old file's coordinates). */
  static begin(store: PairStore, changes: readonly IndexChange[]): IndexPatch {
    const meta = store.meta();
    if (!meta) throw new Error('the index has no metadata');
    const db = openDatabase(store.db.name, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      // One journal sync fewer per commit: the index is derived data (a damaged one is rebuilt from
      // the dataset), and what a save must not lose — the dataset and the journal — is synced in full.
      db.pragma('synchronous = NORMAL');
      // Room for every page the update changes, so none is written (and readers locked out) before the commit.
      db.pragma('cache_size = -524288');
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      db.close();
      throw error;
    }
    return new IndexPatch(db, sortChanges(changes), meta);
  }

  /** Rows, scores and bad records, in the transaction. */
  async apply(sliceMs = 1): Promise<void> {
    const { db, changes } = this;
    const pause = timeSlicer(sliceMs);
    const structural = changes.some((c) => c.kind !== 'replace');
    // Lines or ords move: every later row is rewritten, on offsets with the shifts folded in.
    const encode = structural || changes.some((c) => c.lineDelta !== 0);
    if (encode) await foldShifts(db, pause);
    // Ords move: whole score columns are rebuilt from the chunks, which must then read as they are.
    if (structural) foldSwappedScores(db);
    const models = new Map((db.prepare('SELECT idx, name FROM models').all() as { idx: number; name: string }[]).map((r) => [r.name, r.idx]));
    const addModel = db.prepare('INSERT INTO models (idx, name) VALUES (?, ?)');
    for (const change of changes) {
      for (const [name] of change.record?.summary.scores ?? []) {
        if (!models.has(name)) {
          models.set(name, models.size);
          addModel.run(models.size - 1, name);
        }
      }
    }
    const attached = attachedModelNames(db);
    const oldCount = (db.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;
    // Structural changes renumber ords: whole score columns are rebuilt, read before rows move.
    const columns = structural ? readColumns(db, models, oldCount) : null;

    // Lines and ords are unique: rows whose line or ord changes go through negative values first.
    const shiftRows = encode
      ? db.prepare(`UPDATE pairs SET base_offset = base_offset + @bytes, line = -1 - (line + @lines), ord = -1 - (ord + @ords) WHERE ord >= @from AND ord < @to`)
      : null;
    // The id, subset and prompt of a relabeled record do not change: only what a relabel changes is
    // written, so the indexes on line and id are left alone unless lines moved. Without moves a
    // replaced record keeps its base offset: the shifts of the changes before it move it.
    const updateRow = db.prepare(`UPDATE pairs SET ${encode ? 'ord = @newOrd, line = @line, base_offset = @offset, ' : ''}length = @length,
      label = @label, chosen_len = @chosenLen, rejected_len = @rejectedLen, len_diff = @lenDiff, n_scored = @nScored,
      mu = @mu, sigma = @sigma, votes_pos = @votesPos, votes_zero = @votesZero, votes_neg = @votesNeg, misranked = @misranked, flags = @flags
      WHERE ord = @ord`);
    const insertRow = db.prepare(`INSERT INTO pairs (ord, line, base_offset, length, id, subset, preview, label, chosen_len, rejected_len,
      len_diff, n_scored, mu, sigma, votes_pos, votes_zero, votes_neg, misranked, flags) VALUES (@newOrd, @line, @offset, @length, @id,
      @subset, @preview, @label, @chosenLen, @rejectedLen, @lenDiff, @nScored, @mu, @sigma, @votesPos, @votesZero, @votesNeg, @misranked, @flags)`);
    const deleteRow = db.prepare('DELETE FROM pairs WHERE ord = ?');
    const stored = (value: number, moved: boolean) => (encode && moved ? -1 - value : value);

    let bytes = 0;
    let lines = 0;
    let ords = 0;
    let next = 0;
    const shift = (to: number) => {
      if (to <= next) return;
      if (shiftRows && (bytes !== 0 || lines !== 0 || ords !== 0)) shiftRows.run({ bytes, lines, ords, from: next, to });
      next = to;
    };
    const chunks = new ChunkCache(db);
    // Without moves: the pairs whose chunks hold their scores the other way round, after this save.
    const swappedNow = structural ? new Set<number>() : new Set(readSwapped(db));
    const toggled: number[] = [];
    // New ords of the rewritten and inserted records, and of those whose sides a flip swapped.
    const touched: number[] = [];
    const swapped: number[] = [];
    // Without moves: the running byte delta, from the ord after each change that has one.
    const steps: OffsetStep[] = [];
    for (const change of changes) {
      await pause();
      shift(change.ord);
      if (change.kind === 'remove') {
        deleteRow.run(change.ord);
        next = change.ord + 1;
        ords -= 1;
      } else {
        const record = change.record as ChangedRecord;
        const newOrd = change.ord + ords;
        const line = record.line + lines;
        const moved = change.kind === 'insert' || ords !== 0 || lines !== 0;
        const values = {
          ...rowValues(record.summary, record.dropped, models), ord: change.ord, offset: change.start + bytes + record.offsetInEdit,
          length: record.length, newOrd: stored(newOrd, moved), line: stored(line, moved),
        };
        touched.push(newOrd);
        if (change.kind === 'replace') {
          updateRow.run(values);
          next = change.ord + 1;
          if (!structural) {
            if (record.swapsSides) {
              toggled.push(change.ord);
              if (!swappedNow.delete(change.ord)) swappedNow.add(change.ord);
            }
            if (!record.keepsScores) writeScores(chunks, record.summary, models, attached, change.ord, swappedNow.has(change.ord));
          }
          if (record.swapsSides) swapped.push(newOrd);
        } else {
          insertRow.run(values);
          ords += 1;
        }
      }
      bytes += change.newLength - (change.end - change.start);
      lines += change.lineDelta;
      if (!encode && change.newLength !== change.end - change.start) steps.push({ fromOrd: change.ord + 1, bytes });
    }
    shift(Number.MAX_SAFE_INTEGER);
    if (!encode) {
      const shifts = addSteps(readShifts(db), steps);
      writeShifts(db, shifts);
      // Lookups stay fast at any size; a small table keeps each save's rewrite of it small.
      if (shifts.length > FOLD_THRESHOLD) await foldShifts(db, pause);
    }
    if (encode) {
      const renumber = db.prepare('UPDATE pairs SET ord = -1 - ord, line = -1 - line WHERE ord < 0 AND ord >= ? AND ord < ?');
      for (let low = -RENUMBER_SLICE; low > -RENUMBER_SLICE - oldCount - changes.length; low -= RENUMBER_SLICE) {
        await pause();
        renumber.run(low, low + RENUMBER_SLICE);
      }
    }
    if (columns) await writeColumns(db, columns, changes, models, attached, oldCount, pause);
    else {
      await chunks.flush(pause);
      toggleSwapped(db, toggled);
      if (swappedNow.size > SWAP_FOLD_THRESHOLD) foldSwappedScores(db);
    }
    // With attached models the ensemble columns cover more than the record's own scores.
    if (attached.size > 0) recomputePairColumns(db, touched);
    if (hasAttachedCritiques(db)) moveAttachedCritiques(db, changes, swapped);
    shiftBadRecords(db, this.map);
  }

  /** The new file is in place: records its identity and commits. */
  commit(file: PatchedFile): void {
    writeMeta(this.db, this.meta, this.map, this.changes, file);
    this.db.exec('COMMIT');
    this.finished = true;
    this.db.close();
  }

  /** The save did not happen (or the update failed): the index stays as it was. */
  rollback(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

/** Applies the changes to the index of a file that is already in place, and records the file's identity. */
export async function patchIndex(store: PairStore, changes: readonly IndexChange[], file: PatchedFile): Promise<void> {
  const patch = IndexPatch.begin(store, changes);
  try {
    await patch.apply();
    patch.commit(file);
  } catch (error) {
    patch.rollback();
    throw error;
  }
}

/**
 * A replaced record's own scores from its new summary, stored the other way round where its pair is
 * swapped. Attached scores are not in the record: a flip's toggle of the pair trades them.
 */
function writeScores(chunks: ChunkCache, summary: PairSummary, models: Map<string, number>, attached: Set<string>, ord: number, swapped: boolean): void {
  const own = new Map(summary.scores.map(([name, chosen, rejected]) => [name, [chosen, rejected] as const]));
  for (const [name, idx] of models) {
    if (attached.has(name)) continue;
    const score = own.get(name);
    const chosen = score ? score[0] : Number.NaN;
    const rejected = score ? score[1] : Number.NaN;
    chunks.set(idx, 'chosen', ord, swapped ? rejected : chosen);
    chunks.set(idx, 'rejected', ord, swapped ? chosen : rejected);
  }
}

type Columns = Map<number, { chosen: Float64Array; rejected: Float64Array }>;

function readColumn(db: Database.Database, model: number, side: 'chosen' | 'rejected', count: number): Float64Array {
  const column = new Float64Array(count).fill(Number.NaN);
  const chunks = db.prepare('SELECT start_ord, data FROM score_chunks WHERE model = ? AND side = ? ORDER BY start_ord').all(model, side) as Array<{ start_ord: number; data: Buffer }>;
  for (const chunk of chunks) {
    // Copied through a fresh Uint8Array: a blob's buffer need not be 8-byte aligned.
    const bytes = new Uint8Array(chunk.data);
    const values = new Float64Array(bytes.buffer, 0, bytes.byteLength / 8);
    column.set(values.subarray(0, Math.max(0, Math.min(values.length, count - chunk.start_ord))), chunk.start_ord);
  }
  return column;
}

function readColumns(db: Database.Database, models: Map<string, number>, count: number): Columns {
  const columns: Columns = new Map();
  for (const idx of models.values()) columns.set(idx, { chosen: readColumn(db, idx, 'chosen', count), rejected: readColumn(db, idx, 'rejected', count) });
  return columns;
}

/** Rebuilds every score column in the new numbering and writes it in the indexer's chunk size. */
async function writeColumns(
  db: Database.Database,
  columns: Columns,
  changes: IndexChange[],
  models: Map<string, number>,
  attached: Set<string>,
  oldCount: number,
  pause: () => Promise<void>,
): Promise<void> {
  const byOrd = new Map<number, IndexChange>();
  const insertsBefore = new Map<number, IndexChange[]>();
  for (const change of changes) {
    if (change.kind === 'insert') {
      const list = insertsBefore.get(change.ord) ?? [];
      list.push(change);
      insertsBefore.set(change.ord, list);
    } else byOrd.set(change.ord, change);
  }
  const names = new Map([...models].map(([name, idx]) => [idx, name]));
  const newCount = oldCount + changes.reduce((n, c) => n + (c.kind === 'insert' ? 1 : c.kind === 'remove' ? -1 : 0), 0);
  const remove = db.prepare('DELETE FROM score_chunks WHERE model = ?');
  const insert = db.prepare('INSERT INTO score_chunks (model, side, start_ord, data) VALUES (?, ?, ?, ?)');
  for (const [idx, old] of columns) {
    const name = names.get(idx) as string;
    const isAttached = attached.has(name);
    const chosen = new Float64Array(newCount).fill(Number.NaN);
    const rejected = new Float64Array(newCount).fill(Number.NaN);
    let target = 0;
    const place = (change: IndexChange | undefined, oldOrd: number | null) => {
      const record = change?.record;
      if (record && (!isAttached || oldOrd === null)) {
        const score = record.summary.scores.find(([model]) => model === name);
        if (score) {
          chosen[target] = score[1];
          rejected[target] = score[2];
        }
      } else if (oldOrd !== null) {
        const swap = isAttached && record?.swapsSides === true;
        chosen[target] = (swap ? old.rejected : old.chosen)[oldOrd] as number;
        rejected[target] = (swap ? old.chosen : old.rejected)[oldOrd] as number;
      }
      target++;
    };
    for (let ord = 0; ord <= oldCount; ord++) {
      for (const change of insertsBefore.get(ord) ?? []) place(change, null);
      if (ord === oldCount) break;
      const change = byOrd.get(ord);
      if (change?.kind === 'remove') continue;
      place(change, ord);
    }
    await pause();
    remove.run(idx);
    for (let start = 0; start < newCount; start += SCORE_CHUNK) {
      const end = Math.min(newCount, start + SCORE_CHUNK);
      insert.run(idx, 'chosen', start, Buffer.from(chosen.buffer, start * 8, (end - start) * 8));
      insert.run(idx, 'rejected', start, Buffer.from(rejected.buffer, start * 8, (end - start) * 8));
    }
  }
}

/** Attached critiques follow their pair: renumbered with it, removed with it, sides swapped with a flip. */
function moveAttachedCritiques(db: Database.Database, changes: IndexChange[], swapped: number[]): void {
  const removed = changes.filter((c) => c.kind === 'remove').map((c) => c.ord).sort((a, b) => a - b);
  const inserts = changes.filter((c) => c.kind === 'insert').map((c) => c.ord).sort((a, b) => a - b);
  if (removed.length > 0 || inserts.length > 0) {
    const countBelow = (list: number[], value: number, inclusive: boolean) => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inclusive ? (list[mid] as number) <= value : (list[mid] as number) < value) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const removeOrd = db.prepare('DELETE FROM attached_critiques WHERE ord = ?');
    for (const ord of removed) removeOrd.run(ord);
    const rows = db.prepare('SELECT rowid AS id, ord FROM attached_critiques').all() as { id: number; ord: number }[];
    const move = db.prepare('UPDATE attached_critiques SET ord = ? WHERE rowid = ?');
    for (const row of rows) {
      const newOrd = row.ord - countBelow(removed, row.ord, false) + countBelow(inserts, row.ord, true);
      if (newOrd !== row.ord) move.run(-1 - newOrd, row.id);
    }
    db.prepare('UPDATE attached_critiques SET ord = -1 - ord WHERE ord < 0').run();
  }
  const swap = db.prepare(`UPDATE attached_critiques SET chosen = rejected, rejected = chosen,
    verdict = CASE verdict WHEN 'chosen' THEN 'rejected' WHEN 'rejected' THEN 'chosen' ELSE verdict END WHERE ord = ?`);
  for (const ord of swapped) swap.run(ord);
}

function shiftBadRecords(db: Database.Database, map: OffsetMap): void {
  const rows = db.prepare('SELECT rowid AS id, line, offset FROM bad_records').all() as { id: number; line: number; offset: number }[];
  const update = db.prepare('UPDATE bad_records SET line = ?, offset = ? WHERE rowid = ?');
  for (const row of rows) {
    const offset = map.offset(row.offset);
    const line = map.line(row.offset, row.line);
    if (offset !== row.offset || line !== row.line) update.run(line, offset, row.id);
  }
}

function writeMeta(db: Database.Database, meta: IndexMeta, map: OffsetMap, changes: IndexChange[], file: PatchedFile): void {
  // Where an appended file resumes: after the last item, which may be one put back at the end.
  let resumeOffset: number;
  let resumeLine: number;
  const removal = map.removalAround(meta.resumeOffset);
  if (removal) {
    resumeOffset = map.offset(removal.start);
    resumeLine = map.line(removal.start, removal.lineAtStart);
  } else {
    resumeOffset = map.offset(meta.resumeOffset);
    resumeLine = map.line(meta.resumeOffset, meta.resumeLine);
  }
  let bytes = 0;
  let lines = 0;
  for (const change of changes) {
    if (change.kind === 'insert' && change.record) {
      const end = change.start + bytes + change.record.offsetInEdit + change.record.length;
      if (end > resumeOffset) {
        resumeOffset = end;
        resumeLine = change.record.line + lines;
      }
    }
    bytes += change.newLength - (change.end - change.start);
    lines += change.lineDelta;
  }
  const values: Partial<Record<keyof IndexMeta, string>> = {
    size: String(file.size), mtimeMs: String(file.mtimeMs), fingerprint: file.fingerprint, indexedBytes: String(file.size),
    resumeOffset: String(resumeOffset), resumeLine: String(resumeLine),
  };
  const set = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  for (const [key, value] of Object.entries(values)) set.run(key, value);
}
