/**
 * The relabel journal: every decision is committed to its own SQLite database the moment it is
 * made, so a crash of the process (or of the machine) loses none, and reopening a dataset offers
 * the relabels that were not saved yet.
 *
 * It is a sidecar database next to the index (`<index>.relabels.db`, see `journalPathFor`) rather
 * than tables in the index: the index is rebuilt into a temporary file and renamed over the old one
 * whenever the dataset changes, which would take the journal with it. Decisions are keyed by pair
 * id or content hash (`pairKey.ts`), so they find their pairs again in any rebuilt index.
 *
 * WAL with synchronous=FULL: each commit is fsynced, so a decision survives a power cut too, not
 * only a crash of the process (NORMAL would be enough for that). A decision is a human action — a
 * few per second at most, a bulk action is one transaction — so an fsync per commit costs nothing
 * anyone notices. WAL also lets a CLI and an editor window use the same journal at once. Two
 * commits of a save are the exception (`beginWrite`, `finishWrite`): recovery never needs them
 * synced on their own, and the save's `markWriteReady`, or the next decision, syncs the log.
 *
 * Per pair the journal keeps three states: `desired` (what the latest decision in effect says),
 * `saved` (what the last save wrote, in any mode: what a document compares against to be dirty)
 * and `on_disk` (what the dataset file itself holds, changed only by in-place saves), with the
 * edits that turn the line on disk back into the original record.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase } from '../store/pairStore.ts';
import { preparedOnce } from '../store/preparedOnce.ts';
import type { EditOp } from './jsonEdits.ts';
import { isPairKey } from './pairKey.ts';
import { actionOfState, isRelabelAction, isRelabelState, stateOfAction } from './relabelDecision.ts';
import type { Decision, DecisionInput, PendingRelabel, RelabelAction, RelabelState } from './relabelDecision.ts';

const JOURNAL_VERSION = 1;
/** Pages of write-ahead log after which a commit outside a save checkpoints it. */
const AUTOCHECKPOINT_PAGES = 16384;
/** Longer notes are refused rather than cut: a note is the reviewer's words. */
const MAX_NOTE_CHARS = 10_000;

const CREATE_JOURNAL = `
CREATE TABLE IF NOT EXISTS journal_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS edits (
  edit   INTEGER PRIMARY KEY,     -- one record() call: the unit of undo and redo
  status TEXT NOT NULL CHECK (status IN ('done', 'undone', 'discarded')),
  saved  INTEGER NOT NULL DEFAULT 0,
  at     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS decisions (
  seq        INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  edit       INTEGER NOT NULL,
  pair_key   TEXT NOT NULL,
  line       INTEGER NOT NULL,
  ord        INTEGER NOT NULL,
  action     TEXT NOT NULL,
  note       TEXT,
  at         TEXT NOT NULL,
  author     TEXT,
  prev_state TEXT NOT NULL,       -- the pair's desired state before, for undo
  prev_note  TEXT,
  prev_uuid  TEXT
);
CREATE INDEX IF NOT EXISTS decisions_edit ON decisions(edit);
CREATE INDEX IF NOT EXISTS decisions_pair ON decisions(pair_key);

CREATE TABLE IF NOT EXISTS pair_states (
  pair_key     TEXT PRIMARY KEY,
  line         INTEGER NOT NULL,  -- where the pair was last seen (hints: the key identifies it)
  ord          INTEGER NOT NULL,
  desired      TEXT NOT NULL,
  desired_note TEXT,
  desired_uuid TEXT,
  saved        TEXT NOT NULL,
  saved_note   TEXT,
  saved_uuid   TEXT,
  on_disk      TEXT NOT NULL,
  disk_uuid    TEXT,
  inverse      TEXT,              -- JSON edits turning the line on disk back into the original
  moved_text   TEXT,              -- a drop moved to <name>.dropped.jsonl: the line written there
  base_ord     INTEGER,           -- and the ord it would have if no line were moved out
  updated_at   TEXT NOT NULL
) WITHOUT ROWID;

-- A write in progress: what it will change once its file is renamed into place (see writeBack.ts).
-- Its per-pair changes wait in staged_states, so finishing it is one UPDATE however many pairs it saved.
CREATE TABLE IF NOT EXISTS staged_states (
  write_id    INTEGER NOT NULL,
  pair_key    TEXT NOT NULL,
  line        INTEGER NOT NULL,
  ord         INTEGER NOT NULL,
  saved       TEXT NOT NULL,
  saved_note  TEXT,
  saved_uuid  TEXT,
  has_disk    INTEGER NOT NULL,
  on_disk     TEXT,
  disk_uuid   TEXT,
  inverse     TEXT,
  moved_text  TEXT,
  base_ord    INTEGER,
  PRIMARY KEY (write_id, pair_key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS writes (
  id           INTEGER PRIMARY KEY,
  mode         TEXT NOT NULL,
  target       TEXT NOT NULL,
  temp         TEXT NOT NULL,
  temp_ino     TEXT,              -- set once the temporary file is complete and synced
  dropped_path TEXT,
  dropped_size INTEGER,
  payload      TEXT NOT NULL,     -- JSON: position hints, the last saved edit, lines to take out of the dropped file
  at           TEXT NOT NULL
);
`;

/** A pair's row: everything the journal knows about it. */
export interface PairStateRow {
  pairKey: string;
  line: number;
  ord: number;
  desired: RelabelState;
  desiredNote: string | null;
  desiredUuid: string | null;
  saved: RelabelState;
  savedNote: string | null;
  savedUuid: string | null;
  onDisk: RelabelState;
  diskUuid: string | null;
  /** Edits that turn the line on disk back into the original record (null when it is the original). */
  inverse: EditOp[] | null;
  movedText: string | null;
  baseOrd: number | null;
  updatedAt: string;
}

/** What a save changes in a pair's row once its file is in place. */
export interface PairStateUpdate {
  pairKey: string;
  line: number;
  ord: number;
  saved: RelabelState;
  savedNote: string | null;
  savedUuid: string | null;
  /** Present when the save changed the dataset file. */
  disk?: { onDisk: RelabelState; diskUuid: string | null; inverse: EditOp[] | null; movedText: string | null; baseOrd: number | null };
}

export interface WritePayload {
  updates: PairStateUpdate[];
  /** Where pairs the save did not touch are now (their ords and lines moved). */
  hints: Array<{ pairKey: string; line: number; ord: number }>;
  /** Edits up to this one were saved. */
  savedThroughEdit: number;
  /** Lines a restore took back out of `<name>.dropped.jsonl`, removed there once the dataset is in place. */
  removeFromDropped: string[];
}

export interface WriteIntent {
  id: number;
  mode: string;
  target: string;
  temp: string;
  tempIno: string | null;
  droppedPath: string | null;
  droppedSize: number | null;
  /** What the write changes besides the per-pair updates (those are staged in the journal). */
  payload: Omit<WritePayload, 'updates'>;
}

export interface PairRelabelStatus {
  pairKey: string;
  line: number;
  ord: number;
  state: RelabelState;
  note: string | null;
  saved: RelabelState;
  onDisk: RelabelState;
  pending: boolean;
}

interface PairStateSql {
  pair_key: string; line: number; ord: number; desired: string; desired_note: string | null; desired_uuid: string | null;
  saved: string; saved_note: string | null; saved_uuid: string | null; on_disk: string; disk_uuid: string | null;
  inverse: string | null; moved_text: string | null; base_ord: number | null; updated_at: string;
}

interface DecisionSql {
  seq: number; uuid: string; edit: number; pair_key: string; line: number; ord: number; action: string;
  note: string | null; at: string; author: string | null; prev_state: string; prev_note: string | null; prev_uuid: string | null;
}

function toState(value: string): RelabelState {
  if (!isRelabelState(value)) throw new Error(`The relabel journal holds an unknown state '${value}'.`);
  return value;
}

function toPairState(row: PairStateSql): PairStateRow {
  return {
    pairKey: row.pair_key, line: row.line, ord: row.ord, desired: toState(row.desired), desiredNote: row.desired_note,
    desiredUuid: row.desired_uuid, saved: toState(row.saved), savedNote: row.saved_note, savedUuid: row.saved_uuid,
    onDisk: toState(row.on_disk), diskUuid: row.disk_uuid, inverse: row.inverse === null ? null : (JSON.parse(row.inverse) as EditOp[]),
    movedText: row.moved_text, baseOrd: row.base_ord, updatedAt: row.updated_at,
  };
}

function toDecision(row: DecisionSql): Decision {
  return {
    uuid: row.uuid, seq: row.seq, edit: row.edit, pairKey: row.pair_key, line: row.line, ord: row.ord,
    action: row.action as RelabelAction, note: row.note, at: row.at, author: row.author,
  };
}

const PENDING_WHERE = `desired <> saved OR coalesce(desired_note, '') <> coalesce(saved_note, '')`;

function checkInput(input: DecisionInput, index: number): void {
  const where = `decision ${index + 1}`;
  if (!isPairKey(input.pairKey)) throw new TypeError(`${where}: pairKey must be 'id:<id>' or 'hash:<32 hex digits>', got ${JSON.stringify(input.pairKey)}`);
  if (!isRelabelAction(input.action)) throw new TypeError(`${where}: action must be flip, tie, drop or restore, got ${JSON.stringify(input.action)}`);
  if (!Number.isSafeInteger(input.line) || input.line < 1) throw new TypeError(`${where}: line must be a positive integer`);
  if (!Number.isSafeInteger(input.ord) || input.ord < 0) throw new TypeError(`${where}: ord must be a non-negative integer`);
  if (input.note !== undefined && (typeof input.note !== 'string' || input.note.length > MAX_NOTE_CHARS)) {
    throw new TypeError(`${where}: note must be a string of at most ${MAX_NOTE_CHARS} characters`);
  }
  if (input.at !== undefined && Number.isNaN(Date.parse(input.at))) throw new TypeError(`${where}: at must be an ISO time`);
  if (input.author !== undefined && typeof input.author !== 'string') throw new TypeError(`${where}: author must be a string`);
}

export class RelabelJournal {
  readonly db: Database.Database;
  readonly path: string;
  /** Statements are prepared once per journal (see preparedOnce.ts). */
  private readonly sql: (text: string) => Database.Statement;

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.sql = preparedOnce(db);
  }

  /**
   * Opens (creating on first use) the journal at `path`. Callers normally go through
   * `openRelabelJournal`, which also finishes or rolls back a write a crash interrupted.
   */
  static open(path: string, datasetPath: string): RelabelJournal {
    const db = openDatabase(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 10000');
      // A save stages thousands of rows: checkpoints wait for a quiet moment (see checkpointSoon)
      // rather than landing inside the save.
      db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      db.exec(CREATE_JOURNAL);
      const version = db.prepare(`SELECT value FROM journal_meta WHERE key = 'version'`).get() as { value: string } | undefined;
      if (version && Number(version.value) !== JOURNAL_VERSION) {
        throw new Error(`${path} is a relabel journal of version ${version.value}; this version of Reward Review reads version ${JOURNAL_VERSION}.`);
      }
      const setMeta = db.prepare('INSERT OR IGNORE INTO journal_meta (key, value) VALUES (?, ?)');
      setMeta.run('version', String(JOURNAL_VERSION));
      setMeta.run('datasetPath', datasetPath);
    } catch (error) {
      db.close();
      throw error;
    }
    return new RelabelJournal(db, path);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Records one user action (a single decision, or a bulk action's many) as one edit, committed
   * before this returns. A new edit ends the redo history, as in any editor.
   */
  record(inputs: DecisionInput | readonly DecisionInput[]): { edit: number; decisions: Decision[] } {
    const list = Array.isArray(inputs) ? (inputs as readonly DecisionInput[]) : [inputs as DecisionInput];
    list.forEach(checkInput);
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      this.sql(`UPDATE edits SET status = 'discarded' WHERE status = 'undone'`).run();
      const edit = Number(this.sql(`INSERT INTO edits (status, at) VALUES ('done', ?)`).run(now).lastInsertRowid);
      const decisions = list.map((input) => this.insertDecision(edit, input, randomUUID(), now));
      return { edit, decisions };
    })();
  }

  private insertDecision(edit: number, input: DecisionInput, uuid: string, now: string): Decision {
    const current = this.pairState(input.pairKey);
    const at = input.at ?? now;
    const note = input.note ?? null;
    const author = input.author ?? null;
    const seq = Number(
      this.sql(`INSERT INTO decisions (uuid, edit, pair_key, line, ord, action, note, at, author, prev_state, prev_note, prev_uuid)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(uuid, edit, input.pairKey, input.line, input.ord, input.action, note, at, author,
          current?.desired ?? 'original', current?.desiredNote ?? null, current?.desiredUuid ?? null).lastInsertRowid,
    );
    this.setDesired(input.pairKey, input.line, input.ord, stateOfAction(input.action), note, uuid, now);
    return { uuid, seq, edit, pairKey: input.pairKey, line: input.line, ord: input.ord, action: input.action, note, at, author };
  }

  private setDesired(pairKey: string, line: number, ord: number, state: RelabelState, note: string | null, uuid: string | null, now: string): void {
    this.sql(`INSERT INTO pair_states (pair_key, line, ord, desired, desired_note, desired_uuid, saved, on_disk, updated_at)
        VALUES (@pairKey, @line, @ord, @state, @note, @uuid, 'original', 'original', @now)
        ON CONFLICT (pair_key) DO UPDATE SET line = @line, ord = @ord, desired = @state, desired_note = @note,
          desired_uuid = @uuid, updated_at = @now`)
      .run({ pairKey, line, ord, state, note, uuid, now });
  }

  /** Takes back one edit (VS Code calls the undo of a specific edit); false when it is not in effect. */
  undoEdit(edit: number): boolean {
    return this.db.transaction(() => {
      const row = this.sql('SELECT status FROM edits WHERE edit = ?').get(edit) as { status: string } | undefined;
      if (row?.status !== 'done') return false;
      const now = new Date().toISOString();
      const decisions = this.sql('SELECT * FROM decisions WHERE edit = ? ORDER BY seq DESC').all(edit) as DecisionSql[];
      for (const d of decisions) this.setDesired(d.pair_key, d.line, d.ord, toState(d.prev_state), d.prev_note, d.prev_uuid, now);
      this.sql(`UPDATE edits SET status = 'undone' WHERE edit = ?`).run(edit);
      return true;
    })();
  }

  /** Puts an undone edit back in effect; false when it is not undone (or was discarded). */
  redoEdit(edit: number): boolean {
    return this.db.transaction(() => {
      const row = this.sql('SELECT status FROM edits WHERE edit = ?').get(edit) as { status: string } | undefined;
      if (row?.status !== 'undone') return false;
      const now = new Date().toISOString();
      const decisions = this.sql('SELECT * FROM decisions WHERE edit = ? ORDER BY seq').all(edit) as DecisionSql[];
      for (const d of decisions) this.setDesired(d.pair_key, d.line, d.ord, stateOfAction(d.action as RelabelAction), d.note, d.uuid, now);
      this.sql(`UPDATE edits SET status = 'done' WHERE edit = ?`).run(edit);
      return true;
    })();
  }

  /** Undoes the latest edit in effect; returns its number, or null when there is nothing to undo. */
  undo(): number | null {
    const row = this.sql(`SELECT max(edit) AS edit FROM edits WHERE status = 'done'`).get() as { edit: number | null };
    return row.edit !== null && this.undoEdit(row.edit) ? row.edit : null;
  }

  /** Redoes the edit undone last; returns its number, or null when there is nothing to redo. */
  redo(): number | null {
    const row = this.sql(`SELECT min(edit) AS edit FROM edits WHERE status = 'undone'`).get() as { edit: number | null };
    return row.edit !== null && this.redoEdit(row.edit) ? row.edit : null;
  }

  /** Pairs whose wanted state differs from what the last save wrote, in file order. */
  pending(): PendingRelabel[] {
    const rows = this.sql(`SELECT s.*, d.at AS decided_at, d.author AS author FROM pair_states s
        LEFT JOIN decisions d ON d.uuid = s.desired_uuid
        WHERE s.desired <> s.saved OR coalesce(s.desired_note, '') <> coalesce(s.saved_note, '')
        ORDER BY s.ord, s.pair_key`)
      .all() as Array<PairStateSql & { decided_at: string | null; author: string | null }>;
    return rows.map((row) => ({
      pairKey: row.pair_key, line: row.line, ord: row.ord, action: actionOfState(toState(row.desired)), note: row.desired_note,
      at: row.decided_at ?? row.updated_at, author: row.author, uuid: row.desired_uuid, saved: toState(row.saved),
    }));
  }

  pendingCount(): number {
    return (this.sql(`SELECT count(*) AS n FROM pair_states WHERE ${PENDING_WHERE}`).get() as { n: number }).n;
  }

  /** Revert: every pair goes back to what the last save wrote. Returns how many pairs changed. */
  discardPending(): number {
    return this.db.transaction(() => {
      const changed = this.sql(`UPDATE pair_states SET desired = saved, desired_note = saved_note, desired_uuid = saved_uuid, updated_at = ?
          WHERE ${PENDING_WHERE}`)
        .run(new Date().toISOString()).changes;
      this.sql(`UPDATE edits SET status = 'discarded' WHERE saved = 0 AND status IN ('done', 'undone')`).run();
      this.sql(`UPDATE edits SET status = 'done' WHERE saved = 1 AND status = 'undone'`).run();
      return changed;
    })();
  }

  /** Every pair the journal has a decision about. */
  states(): PairRelabelStatus[] {
    const rows = this.sql('SELECT * FROM pair_states ORDER BY ord, pair_key').all() as PairStateSql[];
    return rows.map((row) => this.toStatus(toPairState(row)));
  }

  stateOf(pairKey: string): PairRelabelStatus | null {
    const row = this.pairState(pairKey);
    return row ? this.toStatus(row) : null;
  }

  private toStatus(row: PairStateRow): PairRelabelStatus {
    return {
      pairKey: row.pairKey, line: row.line, ord: row.ord, state: row.desired, note: row.desiredNote, saved: row.saved, onDisk: row.onDisk,
      pending: row.desired !== row.saved || (row.desiredNote ?? '') !== (row.savedNote ?? ''),
    };
  }

  /** Every decision, oldest first (of one pair when a key is given), including undone ones. */
  decisions(pairKey?: string): Decision[] {
    const rows = (pairKey === undefined
      ? this.sql('SELECT * FROM decisions ORDER BY seq').all()
      : this.sql('SELECT * FROM decisions WHERE pair_key = ? ORDER BY seq').all(pairKey)) as DecisionSql[];
    return rows.map(toDecision);
  }

  /** One decision by its uuid. */
  decision(uuid: string): Decision | null {
    const row = this.sql('SELECT * FROM decisions WHERE uuid = ?').get(uuid) as DecisionSql | undefined;
    return row ? toDecision(row) : null;
  }

  /** The full row of one pair, for the write-back. */
  pairState(pairKey: string): PairStateRow | null {
    const row = this.sql('SELECT * FROM pair_states WHERE pair_key = ?').get(pairKey) as PairStateSql | undefined;
    return row ? toPairState(row) : null;
  }

  /** Every pair row, for the write-back. */
  pairStates(): PairStateRow[] {
    return (this.sql('SELECT * FROM pair_states ORDER BY ord, pair_key').all() as PairStateSql[]).map(toPairState);
  }

  /**
   * The rows a save may have to act on: pending ones, ones whose line differs from what they want
   * (or carries an older decision's provenance), and lines moved out of the file. Pairs that are
   * back to their original everywhere are left out: a long-used journal has many.
   */
  activePairStates(): PairStateRow[] {
    return (this.sql(`SELECT * FROM pair_states WHERE desired <> on_disk OR ${PENDING_WHERE} OR moved_text IS NOT NULL
      OR (desired <> 'original' AND coalesce(desired_uuid, '') <> coalesce(disk_uuid, '')) ORDER BY ord, pair_key`).all() as PairStateSql[]).map(toPairState);
  }

  /** Where every pair the journal knows was last seen. */
  positions(): Array<{ pairKey: string; line: number; ord: number }> {
    return this.sql('SELECT pair_key AS pairKey, line, ord FROM pair_states').all() as Array<{ pairKey: string; line: number; ord: number }>;
  }

  /** The newest edit number (0 when none). */
  lastEdit(): number {
    return (this.sql('SELECT coalesce(max(edit), 0) AS edit FROM edits').get() as { edit: number }).edit;
  }

  /** Removes pairs from the journal altogether (e.g. pairs no longer in the file); their history stays. */
  forget(pairKeys: readonly string[]): number {
    const remove = this.sql('DELETE FROM pair_states WHERE pair_key = ?');
    return this.db.transaction(() => pairKeys.reduce((n, key) => n + remove.run(key).changes, 0))();
  }

  /**
   * The pending relabels as JSON, for an editor's backup (hot exit). Only pending pairs: what is
   * saved is in the dataset already.
   */
  serialize(): string {
    const pending = this.pending().map((p) => ({ uuid: p.uuid, pairKey: p.pairKey, line: p.line, ord: p.ord, action: p.action, note: p.note, at: p.at, author: p.author }));
    return JSON.stringify({ kind: 'reward-review/relabels', version: JOURNAL_VERSION, pending });
  }

  /**
   * Brings back the pending relabels of a backup as one edit. Pairs already in the backed-up state
   * are left alone, so restoring a backup the journal already holds changes nothing. Returns how
   * many pairs changed.
   */
  restore(backup: string): number {
    const parsed: unknown = JSON.parse(backup);
    const entries = (parsed as { kind?: unknown; pending?: unknown }).pending;
    if ((parsed as { kind?: unknown }).kind !== 'reward-review/relabels' || !Array.isArray(entries)) {
      throw new TypeError('Not a Reward Review relabel backup.');
    }
    const inputs: Array<DecisionInput & { uuid?: string }> = entries.map((entry: Record<string, unknown>, index) => {
      const input: DecisionInput & { uuid?: string } = {
        pairKey: entry.pairKey as string, line: entry.line as number, ord: entry.ord as number, action: entry.action as RelabelAction,
      };
      if (typeof entry.note === 'string') input.note = entry.note;
      if (typeof entry.at === 'string') input.at = entry.at;
      if (typeof entry.author === 'string') input.author = entry.author;
      if (typeof entry.uuid === 'string') input.uuid = entry.uuid;
      checkInput(input, index);
      return input;
    });
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      const changes = inputs.filter((input) => {
        const current = this.pairState(input.pairKey);
        return (current?.desired ?? 'original') !== stateOfAction(input.action) || (current?.desiredNote ?? null) !== (input.note ?? null);
      });
      if (changes.length === 0) return 0;
      this.sql(`UPDATE edits SET status = 'discarded' WHERE status = 'undone'`).run();
      const edit = Number(this.sql(`INSERT INTO edits (status, at) VALUES ('done', ?)`).run(now).lastInsertRowid);
      const known = this.sql('SELECT 1 FROM decisions WHERE uuid = ?');
      for (const input of changes) {
        const uuid = input.uuid && !known.get(input.uuid) ? input.uuid : randomUUID();
        this.insertDecision(edit, input, uuid, now);
      }
      return changes.length;
    })();
  }

  // ---- The write-back's side of the journal (see writeBack.ts). ----

  /**
   * Records that a write is about to take effect, with everything it will change, before the
   * rename that makes it real. Returns the write's id.
   */
  beginWrite(intent: Omit<WriteIntent, 'id' | 'tempIno' | 'payload'> & { payload: WritePayload }): number {
    // Not synced on its own: the intent (megabytes of inverse edits at 10,000 flips) must be on disk
    // before the rename, and `markWriteReady`'s commit, which precedes the rename, syncs the whole
    // log with it. A crash before that leaves an orphaned temporary file, which recovery removes.
    return this.saveCommit(false, () => this.begin(intent));
  }

  /**
   * Runs one of a save's commits without an automatic checkpoint, and unless `synced` without an
   * fsync of its own. At 10,000 flips the log passed wal_autocheckpoint within the save, and the
   * checkpoint (the pages copied into the database, both synced) took 0.5 s of it: `checkpointSoon`
   * runs it once the save is done.
   */
  private saveCommit<T>(synced: boolean, work: () => T): T {
    this.db.pragma('wal_autocheckpoint = 0');
    if (!synced) this.db.pragma('synchronous = NORMAL');
    try {
      return work();
    } finally {
      if (!synced) this.db.pragma('synchronous = FULL');
      this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    }
  }

  private begin(intent: Omit<WriteIntent, 'id' | 'tempIno' | 'payload'> & { payload: WritePayload }): number {
    return this.db.transaction(() => {
      const { updates, ...rest } = intent.payload;
      const id = Number(
        this.sql(`INSERT INTO writes (mode, target, temp, temp_ino, dropped_path, dropped_size, payload, at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`)
          .run(intent.mode, intent.target, intent.temp, intent.droppedPath, intent.droppedSize, JSON.stringify(rest), new Date().toISOString())
          .lastInsertRowid,
      );
      this.stage(id, updates);
      return id;
    })();
  }

  private stage(id: number, updates: readonly PairStateUpdate[]): void {
    const insert = this.sql(`INSERT INTO staged_states (write_id, pair_key, line, ord, saved, saved_note, saved_uuid, has_disk, on_disk,
      disk_uuid, inverse, moved_text, base_ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const u of updates) {
      const disk = u.disk;
      insert.run(id, u.pairKey, u.line, u.ord, u.saved, u.savedNote, u.savedUuid, disk ? 1 : 0, disk?.onDisk ?? null, disk?.diskUuid ?? null,
        disk?.inverse ? JSON.stringify(disk.inverse) : null, disk?.movedText ?? null, disk?.baseOrd ?? null);
    }
  }

  /**
   * The temporary file is complete and synced: from now on the rename may have happened. This
   * commit (synchronous=FULL) also makes `beginWrite`'s intent durable.
   */
  markWriteReady(id: number, tempIno: string): void {
    this.saveCommit(true, () => this.sql('UPDATE writes SET temp_ino = ? WHERE id = ?').run(tempIno, id));
  }

  /** The file is in place: the pairs take their new states and the write is forgotten. */
  finishWrite(id: number): void {
    // Not synced on its own either: once the file is in place, a crash that loses this commit
    // leaves the intent (synced by `markWriteReady`) with the target's inode, and recovery finishes
    // the write from it. The next commit with synchronous=FULL, or the checkpoint, syncs it.
    this.saveCommit(false, () =>
      this.db.transaction(() => {
        const intent = this.write(id);
        if (intent) this.applyStaged(id, intent.payload);
      })(),
    );
    this.checkpointSoon();
  }

  /** Copies the write-ahead log into the database once the current work is done. */
  private checkpointSoon(): void {
    setTimeout(() => {
      if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    }, 0).unref();
  }

  /** Records a save that needed no file written (the lines already say what the pairs want). */
  recordSave(payload: WritePayload): void {
    this.db.transaction(() => {
      const { updates, ...rest } = payload;
      // Staged under an id no write has (theirs are positive) and applied in the same transaction.
      const id = -1;
      this.stage(id, updates);
      this.applyStaged(id, rest);
    })();
  }

  private applyStaged(id: number, payload: Omit<WritePayload, 'updates'>): void {
    const now = new Date().toISOString();
    this.sql(`UPDATE pair_states SET line = s.line, ord = s.ord, saved = s.saved, saved_note = s.saved_note, saved_uuid = s.saved_uuid,
        on_disk = CASE WHEN s.has_disk THEN s.on_disk ELSE pair_states.on_disk END,
        disk_uuid = CASE WHEN s.has_disk THEN s.disk_uuid ELSE pair_states.disk_uuid END,
        inverse = CASE WHEN s.has_disk THEN s.inverse ELSE pair_states.inverse END,
        moved_text = CASE WHEN s.has_disk THEN s.moved_text ELSE pair_states.moved_text END,
        base_ord = CASE WHEN s.has_disk THEN s.base_ord ELSE pair_states.base_ord END,
        updated_at = ?
      FROM staged_states AS s WHERE s.write_id = ? AND s.pair_key = pair_states.pair_key`).run(now, id);
    const hint = this.sql('UPDATE pair_states SET line = ?, ord = ? WHERE pair_key = ?');
    for (const h of payload.hints) hint.run(h.line, h.ord, h.pairKey);
    this.sql(`UPDATE edits SET saved = 1 WHERE edit <= ? AND status = 'done'`).run(payload.savedThroughEdit);
    this.sql('DELETE FROM staged_states WHERE write_id = ?').run(id);
    this.sql('DELETE FROM writes WHERE id = ?').run(id);
  }

  /** The write did not happen (it failed, or a crash stopped it before the rename). */
  abandonWrite(id: number): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM staged_states WHERE write_id = ?').run(id);
      this.sql('DELETE FROM writes WHERE id = ?').run(id);
    })();
  }

  write(id: number): WriteIntent | null {
    const row = this.sql('SELECT * FROM writes WHERE id = ?').get(id) as WriteSql | undefined;
    return row ? toIntent(row) : null;
  }

  /** Writes that a crash interrupted (or that another process is doing right now). */
  unfinishedWrites(): WriteIntent[] {
    return (this.sql('SELECT * FROM writes ORDER BY id').all() as WriteSql[]).map(toIntent);
  }
}

interface WriteSql {
  id: number; mode: string; target: string; temp: string; temp_ino: string | null; dropped_path: string | null;
  dropped_size: number | null; payload: string;
}

function toIntent(row: WriteSql): WriteIntent {
  return {
    id: row.id, mode: row.mode, target: row.target, temp: row.temp, tempIno: row.temp_ino, droppedPath: row.dropped_path,
    droppedSize: row.dropped_size, payload: JSON.parse(row.payload) as Omit<WritePayload, 'updates'>,
  };
}
