/**
 * Works out what a save changes in the dataset: for every pair whose wanted state differs from
 * what the file holds, the record's original text (the line on disk with the journal's inverse
 * edits applied), the relabeled text, and the byte edit that puts it in the file — a replaced
 * record, a line moved out to `<name>.dropped.jsonl`, or one put back where it was. Everything is
 * checked before a byte is written: a relabel that cannot be applied stops the whole save.
 */
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { FormatAdapter, FormatPair } from '../formats/formatAdapter.ts';
import { summarizeMarkedPair } from '../indexing/pairSummary.ts';
import { readRecordTextFrom } from '../reader/readRecordText.ts';
import type { IndexMeta, PairStore } from '../store/pairStore.ts';
import type { ByteEdit } from './editedCopy.ts';
import type { ChangedRecord, IndexChange } from './indexPatch.ts';
import { applyEdits } from './jsonEdits.ts';
import type { EditOp } from './jsonEdits.ts';
import { bomLength, countLineFeeds, lastLineEnding, lineExtent } from './lineExtent.ts';
import { contentKeyOf, idOfPairKey } from './pairKey.ts';
import type { PairStateRow } from './relabelJournal.ts';
import { RR_PROVENANCE } from './relabelMarks.ts';
import { readMarkedPair, relabelRecord } from './relabelRecord.ts';
import type { Provenance } from './relabelRecord.ts';
import type { RelabelState } from './relabelDecision.ts';
import type { RelabelProblem } from './writeBackError.ts';

export interface PlanOptions {
  datasetPath: string;
  store: PairStore;
  meta: IndexMeta;
  adapter: FormatAdapter;
  /** Write `rr_provenance` into each relabeled line. */
  provenance: boolean;
  /** Move dropped lines to `<name>.dropped.jsonl` (JSONL datasets only; a JSON array marks them). */
  dropToFile: boolean;
  /** When and by whom a decision was made, for provenance. */
  decisionInfo: (uuid: string | null) => { at: string; author: string | null } | null;
}

/** What the file will hold for one pair after the save. */
export interface DiskState {
  onDisk: RelabelState;
  diskUuid: string | null;
  inverse: EditOp[] | null;
  movedText: string | null;
  baseOrd: number | null;
}

export interface PairTransition {
  state: PairStateRow;
  disk: DiskState;
  /** Where the pair is after the save (for a moved-out record: where it was). */
  line: number;
  ord: number;
}

export interface DatasetPlan {
  edits: ByteEdit[];
  changes: IndexChange[];
  transitions: PairTransition[];
  /** Lines to append to `<name>.dropped.jsonl`. */
  droppedLines: string[];
  /** Lines put back into the dataset, to take out of `<name>.dropped.jsonl`. */
  restoredLines: string[];
  /** New line and ord of every other pair the journal knows, where they moved. */
  hints: Array<{ pairKey: string; line: number; ord: number }>;
}

/** Whether the file's line for this pair must change. */
export function needsRewrite(state: PairStateRow, provenance: boolean): boolean {
  if (state.desired !== state.onDisk) return true;
  // With provenance on, a newer decision for the same state (a new note) is written too.
  return provenance && state.desired !== 'original' && state.movedText === null && state.desiredUuid !== state.diskUuid;
}

/** Where a record is, as the index says. */
interface RecordRow {
  ord: number;
  line: number;
  offset: number;
  length: number;
}

interface Located {
  state: PairStateRow;
  row: RecordRow;
  text: string;
}

const PAIR_ROW_SQL = `SELECT ord, line, offset, length, id FROM located_pairs`;

/** Index rows by id, looked up a few hundred ids per query. */
function rowsWithIds(store: PlanOptions['store'], ids: readonly string[]): Map<string, RecordRow[]> {
  const rows = new Map<string, RecordRow[]>();
  const batch = 500;
  const full = store.db.prepare(`SELECT ord, line, offset, length, id FROM located_pairs WHERE id IN (${new Array<string>(batch).fill('?').join(', ')})`);
  for (let at = 0; at < ids.length; at += batch) {
    const group = ids.slice(at, at + batch);
    const statement = group.length === batch ? full : store.db.prepare(`SELECT ord, line, offset, length, id FROM located_pairs WHERE id IN (${group.map(() => '?').join(', ')})`);
    for (const row of statement.all(...group) as Array<RecordRow & { id: string }>) {
      const list = rows.get(row.id) ?? [];
      list.push(row);
      rows.set(row.id, list);
    }
  }
  for (const list of rows.values()) list.sort((a, b) => a.ord - b.ord);
  return rows;
}

/** The index row of each pair in the file, found by id or by content hash. */
async function locate(targets: PairStateRow[], options: PlanOptions, handle: FileHandle, problems: RelabelProblem[]): Promise<Located[]> {
  const { store, adapter } = options;
  const byOrd = store.db.prepare(`${PAIR_ROW_SQL} WHERE ord = ?`);
  const rowsById = rowsWithIds(store, targets.map((state) => idOfPairKey(state.pairKey)).filter((id): id is string => id !== null));
  const found: Array<{ state: PairStateRow; row: RecordRow }> = [];
  const unresolved: PairStateRow[] = [];
  for (const state of targets) {
    const id = idOfPairKey(state.pairKey);
    if (id !== null) {
      const rows = rowsById.get(id) ?? [];
      // Several records may share an id: the one the decision was made on is preferred.
      const row = rows.find((r) => r.ord === state.ord) ?? rows.find((r) => r.line === state.line) ?? rows[0];
      if (row) found.push({ state, row });
      else problems.push({ pairKey: state.pairKey, line: state.line, reason: `no pair with id ${id} is in the file any more` });
    } else {
      const row = byOrd.get(state.ord) as RecordRow | undefined;
      if (row) found.push({ state, row });
      else unresolved.push(state);
    }
  }
  found.sort((a, b) => a.row.offset - b.row.offset);
  const located: Located[] = [];
  // Synchronous reads in file order: records just indexed are in the page cache, and a promise per
  // record costs more than the read.
  let buffer = Buffer.allocUnsafe(64 * 1024);
  for (const { state, row } of found) {
    if (row.length > buffer.length) buffer = Buffer.allocUnsafe(row.length);
    let filled = 0;
    while (filled < row.length) {
      const bytesRead = readSync(handle.fd, buffer, filled, row.length - filled, row.offset + filled);
      if (bytesRead === 0) throw new Error(`${options.datasetPath} is shorter than its index says (record at offset ${row.offset})`);
      filled += bytesRead;
    }
    const text = buffer.toString('utf8', 0, row.length);
    if (idOfPairKey(state.pairKey) === null && contentKeyOf(adapter.normalize(JSON.parse(text) as Record<string, unknown>)) !== state.pairKey) {
      unresolved.push(state);
    } else {
      located.push({ state, row, text });
    }
  }
  if (unresolved.length > 0) located.push(...(await findByContent(unresolved, options, handle, problems)));
  return located;
}

/** The slow path: pairs keyed by content whose recorded position no longer holds them (the file was edited). */
async function findByContent(states: PairStateRow[], options: PlanOptions, handle: FileHandle, problems: RelabelProblem[]): Promise<Located[]> {
  const wanted = new Map(states.map((state) => [state.pairKey, state]));
  const located: Located[] = [];
  const rows = options.store.db.prepare(`${PAIR_ROW_SQL} ORDER BY ord`).iterate() as IterableIterator<RecordRow>;
  for (const row of rows) {
    if (wanted.size === 0) break;
    const text = await readRecordTextFrom(handle, row.offset, row.length);
    const key = contentKeyOf(options.adapter.normalize(JSON.parse(text) as Record<string, unknown>));
    const state = wanted.get(key);
    if (!state) continue;
    wanted.delete(key);
    located.push({ state, row, text });
  }
  for (const state of wanted.values()) {
    problems.push({ pairKey: state.pairKey, line: state.line, reason: 'the pair is not in the file any more (no record has its prompt and responses)' });
  }
  return located;
}

/** The record as the dataset had it, before any relabel of ours. */
function originalText(state: PairStateRow, onDiskText: string): string | { problem: string } {
  if (state.onDisk === 'original' && state.movedText === null) return onDiskText;
  if (!state.inverse) {
    if (state.movedText !== null) return state.movedText;
    return { problem: 'the journal has no record of how this line looked before it was relabeled' };
  }
  try {
    return applyEdits(onDiskText, state.inverse).text;
  } catch {
    return { problem: 'the line was edited outside Reward Review since it was relabeled; it cannot be taken back to its original' };
  }
}

/** The `base_ord` of a pair moved out now: its ord as if no line were moved out (`moved`: bases sorted). */
function baseOrdOf(ord: number, moved: readonly number[]): number {
  let base = ord;
  for (const m of moved) if (m <= base) base++;
  return base;
}

/** Where a moved-out record goes back: before the pair now at this ord. */
function positionOf(base: number, moved: readonly number[]): number {
  return base - moved.filter((m) => m < base).length;
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The scores the index keeps of a pair: those with a finite value on both sides. */
function indexedScores(pair: FormatPair): Map<string, { chosen: number; rejected: number }> {
  return new Map(Object.entries(pair.scores).filter(([, score]) => Number.isFinite(score.chosen) && Number.isFinite(score.rejected)));
}

/** The new record's own scores are those the index holds for the old one, traded if the sides swap. */
function keepsScores(pair: FormatPair, before: FormatPair, swapsSides: boolean): boolean {
  const now = indexedScores(pair);
  const then = indexedScores(before);
  if (now.size !== then.size) return false;
  for (const [model, score] of now) {
    const old = then.get(model);
    if (!old) return false;
    const [chosen, rejected] = swapsSides ? [old.rejected, old.chosen] : [old.chosen, old.rejected];
    if (!Object.is(score.chosen, chosen) || !Object.is(score.rejected, rejected)) return false;
  }
  return true;
}

function summaryOf(pair: FormatPair, dropped: boolean, before: FormatPair | null): Pick<ChangedRecord, 'summary' | 'dropped' | 'swapsSides' | 'keepsScores'> {
  const swapsSides = before !== null && !isDeepStrictEqual(pair.chosen, before.chosen) && isDeepStrictEqual(pair.chosen, before.rejected);
  return { summary: summarizeMarkedPair({ pair, dropped }), dropped, swapsSides, keepsScores: before !== null && keepsScores(pair, before, swapsSides) };
}

/**
 * `states`: the journal's active rows (see `RelabelJournal.activePairStates`); `positions`: where
 * every pair the journal knows was last seen, asked for only when lines move.
 */
export async function planDatasetChanges(
  states: readonly PairStateRow[],
  options: PlanOptions,
  positions: () => ReadonlyArray<{ pairKey: string; line: number; ord: number }> = () => states,
): Promise<DatasetPlan> {
  const { datasetPath, store, meta, adapter } = options;
  const moveDrops = options.dropToFile && meta.fileKind === 'jsonl';
  const targets = states.filter((state) => needsRewrite(state, options.provenance));
  const movedBases = states.filter((s) => s.movedText !== null && s.baseOrd !== null).map((s) => s.baseOrd as number).sort((a, b) => a - b);
  const problems: RelabelProblem[] = [];
  const plan: DatasetPlan = { edits: [], changes: [], transitions: [], droppedLines: [], restoredLines: [], hints: [] };
  const handle = await open(datasetPath, 'r');
  try {
    const bom = await bomLength(handle);
    const located = await locate(targets.filter((s) => s.movedText === null), options, handle, problems);
    const movedBack = targets.filter((s) => s.movedText !== null);
    const pairCount = store.pairCount();
    let sequence = 0;

    const relabel = (state: PairStateRow, original: string) => {
      const target = state.desired;
      if (target === 'original') {
        const read = readMarkedPair(original, adapter);
        return { text: original, inverse: null, pair: read.pair, dropped: read.dropped, before: read.pair };
      }
      const info = options.provenance ? options.decisionInfo(state.desiredUuid) : null;
      const provenance: Provenance | undefined = options.provenance
        ? { action: target, at: info?.at ?? new Date().toISOString(), note: state.desiredNote, author: info?.author ?? null, previous: state.onDisk }
        : undefined;
      const outcome = relabelRecord(original, adapter, target, provenance);
      if ('notApplicable' in outcome) {
        problems.push({ pairKey: state.pairKey, line: state.line, reason: outcome.notApplicable });
        return null;
      }
      return { text: outcome.text, inverse: outcome.inverse.length > 0 ? outcome.inverse : null, pair: outcome.pair, dropped: outcome.dropped, before: outcome.before };
    };

    /** A line moved out keeps its text (and provenance); the inverse takes the provenance off. */
    const movedLine = (state: PairStateRow, original: string) => {
      if (!options.provenance) return { text: original, inverse: null };
      const info = options.decisionInfo(state.desiredUuid);
      const value: Record<string, unknown> = { action: 'drop', at: info?.at ?? new Date().toISOString() };
      if (state.desiredNote) value.note = state.desiredNote;
      if (info?.author) value.author = info.author;
      value.previous = state.onDisk;
      const edited = applyEdits(original, [{ op: 'set', path: [RR_PROVENANCE], raw: JSON.stringify(value) }]);
      return { text: edited.text, inverse: edited.inverse };
    };

    for (const { state, row, text } of located) {
      const original = originalText(state, text);
      if (typeof original !== 'string') {
        problems.push({ pairKey: state.pairKey, line: row.line, reason: original.problem });
        continue;
      }
      if (state.desired === 'drop' && moveDrops) {
        const extent = await lineExtent(handle, row.offset, row.length, meta.size, bom);
        const moved = movedLine(state, original);
        const start = extent.eol === null && extent.start > bom ? extent.start - (extent.previousEol?.length ?? 1) : extent.start;
        const end = extent.eol === null ? meta.size : extent.end;
        plan.edits.push({ start, end, bytes: Buffer.alloc(0) });
        plan.changes.push({
          kind: 'remove', ord: row.ord, start, end, newLength: 0, lineDelta: start < extent.start || extent.eol !== null ? -1 : 0,
          sequence: sequence++, lineAtStart: start < extent.start ? row.line - 1 : row.line,
        });
        plan.droppedLines.push(moved.text);
        plan.transitions.push({
          state, line: row.line, ord: row.ord,
          disk: { onDisk: 'drop', diskUuid: state.desiredUuid, inverse: moved.inverse, movedText: moved.text, baseOrd: baseOrdOf(row.ord, movedBases) },
        });
        continue;
      }
      const result = relabel(state, original);
      if (!result) continue;
      const disk: DiskState = { onDisk: state.desired, diskUuid: state.desired === 'original' ? null : state.desiredUuid, inverse: result.inverse, movedText: null, baseOrd: null };
      plan.transitions.push({ state, line: row.line, ord: row.ord, disk });
      if (result.text === text) continue;
      const bytes = Buffer.from(result.text, 'utf8');
      // What the index shows now: the original when the line is the original.
      const before = original === text ? result.before : readMarkedPair(text, adapter).pair;
      plan.edits.push({ start: row.offset, end: row.offset + row.length, bytes });
      plan.changes.push({
        kind: 'replace', ord: row.ord, start: row.offset, end: row.offset + row.length, newLength: bytes.length,
        lineDelta: newlines(result.text) - newlines(text), sequence: sequence++, lineAtStart: row.line,
        record: { offsetInEdit: 0, length: bytes.length, line: row.line, ...summaryOf(result.pair, result.dropped, before) },
      });
    }

    for (const state of movedBack) {
      const original = originalText(state, state.movedText as string);
      if (typeof original !== 'string') {
        problems.push({ pairKey: state.pairKey, line: state.line, reason: original.problem });
        continue;
      }
      if (state.desired === 'drop') continue;
      const result = relabel(state, original);
      if (!result) continue;
      const position = positionOf(state.baseOrd ?? pairCount, movedBases);
      let start: number;
      let line: number;
      let text: string;
      let offsetInEdit = 0;
      if (position < pairCount) {
        const row = store.pairByOrd(position) as RecordRow;
        const extent = await lineExtent(handle, row.offset, row.length, meta.size, bom);
        start = extent.start;
        line = row.line;
        text = `${result.text}${extent.eol ?? '\n'}`;
      } else {
        start = meta.size;
        const eol = await lastLineEnding(handle, meta.size, bom);
        const tail = Buffer.alloc(1);
        const endsWithNewline = meta.size > bom && (await handle.read(tail, 0, 1, meta.size - 1)).bytesRead === 1 && tail[0] === 0x0a;
        const linesBefore = meta.resumeLine + (await countLineFeeds(handle, meta.resumeOffset, meta.size));
        if (endsWithNewline || meta.size <= bom) {
          text = `${result.text}${eol}`;
          line = meta.size <= bom ? 1 : linesBefore;
        } else {
          text = `${eol}${result.text}`;
          offsetInEdit = Buffer.byteLength(eol);
          line = linesBefore + 1;
        }
      }
      const bytes = Buffer.from(text, 'utf8');
      plan.edits.push({ start, end: start, bytes });
      plan.changes.push({
        kind: 'insert', ord: position, start, end: start, newLength: bytes.length, lineDelta: 1, sequence: state.baseOrd ?? sequence++,
        lineAtStart: line, insertedKey: state.pairKey,
        record: { offsetInEdit, length: Buffer.byteLength(result.text), line, ...summaryOf(result.pair, result.dropped, null) },
      });
      plan.restoredLines.push(state.movedText as string);
      const disk: DiskState = { onDisk: state.desired, diskUuid: state.desired === 'original' ? null : state.desiredUuid, inverse: result.inverse, movedText: null, baseOrd: null };
      plan.transitions.push({ state, line, ord: position, disk });
    }
  } finally {
    await handle.close();
  }
  if (problems.length > 0) throw problemsError(datasetPath, problems);
  plan.edits.sort((a, b) => a.start - b.start || a.end - b.end);
  plan.hints = movedHints(plan, positions);
  return plan;
}

/** Old (line, ord) → new, for pairs the save moved: every pair after a line that was moved out or put back. */
function movedHints(plan: DatasetPlan, positions: () => ReadonlyArray<{ pairKey: string; line: number; ord: number }>): DatasetPlan['hints'] {
  const changes = plan.changes;
  if (!changes.some((c) => c.lineDelta !== 0 || c.kind !== 'replace')) return [];
  const states = positions();
  const transitions = new Map(plan.transitions.map((t) => [t.state.pairKey, t]));
  const hints: DatasetPlan['hints'] = [];
  for (const state of states) {
    const transition = transitions.get(state.pairKey);
    if (transition?.disk.movedText) continue;
    const ord0 = transition ? transition.ord : state.ord;
    const line0 = transition ? transition.line : state.line;
    // An inserted pair comes after the insertions at its place that sort before it.
    const own = transition ? changes.find((c) => c.kind === 'insert' && c.ord === ord0 && c.record?.line === line0 && c.insertedKey === state.pairKey) : undefined;
    let ord = ord0;
    let line = line0;
    for (const change of changes) {
      if (change === own) continue;
      const before = change.kind === 'insert'
        ? change.ord < ord0 || (change.ord === ord0 && (!own || change.sequence < own.sequence))
        : change.ord < ord0;
      if (!before) continue;
      if (change.kind === 'insert') ord++;
      if (change.kind === 'remove') ord--;
      line += change.lineDelta;
    }
    if (ord !== state.ord || line !== state.line) hints.push({ pairKey: state.pairKey, line, ord });
  }
  return hints;
}

function problemsError(datasetPath: string, problems: RelabelProblem[]): Error {
  const shown = problems.slice(0, 20).map((p) => `${datasetPath}:${p.line}: ${p.reason}`).join('\n');
  const more = problems.length > 20 ? `\n… and ${problems.length - 20} more` : '';
  return new PlanProblemsError(`${problems.length} relabel(s) cannot be applied; nothing was written.\n${shown}${more}`, problems);
}

/** Relabels that cannot be applied; `writeBack` turns this into a `WriteBackError('not-applicable')`. */
export class PlanProblemsError extends Error {
  readonly problems: RelabelProblem[];

  constructor(message: string, problems: RelabelProblem[]) {
    super(message);
    this.name = 'PlanProblemsError';
    this.problems = problems;
  }
}
