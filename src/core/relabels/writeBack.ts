/**
 * Saves the pending relabels (setting `rewardReview.writeBack`):
 *   inPlace  only the relabeled lines of the dataset change; every other byte stays as it was
 *   sidecar  the dataset is untouched; the decisions are appended to `<name>.relabels.jsonl`
 *   copy     `<name>.relabeled.jsonl` (or `.json`) is written with every relabel applied
 *
 * Every write goes to a temporary file in the target's folder, is fsynced, and is renamed over the
 * target (then the folder is fsynced): the target is always wholly old or wholly new. The journal
 * records the save's intent and the temporary file's inode before the rename (a temporary file
 * without an intent is an orphan, removed on the next open), so a crash at any point is resolved
 * on the next open (`journalRecovery.ts`). The dataset must still match its index (size, mtime,
 * content fingerprint), one writer at a time holds the dataset's lock, and after an in-place save
 * the index is patched rather than rebuilt.
 */
import { readFileSync } from 'node:fs';
import { access, constants, link, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { contentFingerprint } from '../indexing/fingerprint.ts';
import { adapterForIndex } from '../indexing/pairReader.ts';
import type { IndexMeta, PairStore } from '../store/pairStore.ts';
import { acquireDatasetLock } from './datasetLock.ts';
import { appendDroppedLines, droppedFileSize, removeDroppedLines, truncateDroppedLines } from './droppedLines.ts';
import { SourceChangedError, syncFolder, writeEditedCopy } from './editedCopy.ts';
import { IndexPatch } from './indexPatch.ts';
import { recoverInterruptedWrites } from './journalRecovery.ts';
import { idOfPairKey } from './pairKey.ts';
import { actionOfState } from './relabelDecision.ts';
import type { PairStateRow, PairStateUpdate, RelabelJournal, WritePayload } from './relabelJournal.ts';
import { copyPathFor, droppedPathFor, previousVersionPathFor, sidecarPathFor, tempPathFor } from './relabelPaths.ts';
import { datasetChanged, readOnlyDataset, WriteBackError, writeFailure } from './writeBackError.ts';
import { planDatasetChanges, PlanProblemsError } from './writeBackPlan.ts';
import type { DatasetPlan } from './writeBackPlan.ts';

export type WriteBackMode = 'inPlace' | 'sidecar' | 'copy';
export const WRITE_BACK_MODES: readonly WriteBackMode[] = ['inPlace', 'sidecar', 'copy'];

/** Moments of a save, reported as they are reached (progress; and the crash tests kill at them). */
export type WriteBackPhase = 'locked' | 'planned' | 'writing' | 'written' | 'renamed' | 'indexed' | 'done';

export interface WriteBackOptions {
  datasetPath: string;
  /** The dataset's index, describing the file as it is now. */
  store: PairStore;
  journal: RelabelJournal;
  mode?: WriteBackMode;
  /** Write `rr_provenance` into each relabeled line (inPlace and copy). */
  provenance?: boolean;
  /** 'file': a drop moves the line to `<name>.dropped.jsonl` (JSONL only); 'field' (default): `"rr_dropped": true`. */
  dropTo?: 'field' | 'file';
  onPhase?: (phase: WriteBackPhase) => void;
}

export interface WriteBackResult {
  mode: WriteBackMode;
  /** The file written (the dataset, the sidecar or the copy); null when nothing needed writing. */
  outputPath: string | null;
  /** Records whose bytes changed (or lines moved out or back in). */
  changedRecords: number;
  /** Pairs whose saved state this save set. */
  savedPairs: number;
  movedToDropped: number;
  restoredFromDropped: number;
  /** inPlace: the index was patched; false when that failed (it is then rebuilt on the next open). */
  indexUpdated: boolean;
  /** Something after the rename that did not work out; the save itself stands. */
  warnings: string[];
  elapsedMs: number;
}

/** Refuses to write over a dataset that no longer matches its index. */
async function checkUnchanged(datasetPath: string, meta: IndexMeta): Promise<void> {
  let current;
  try {
    current = await stat(datasetPath);
  } catch (error) {
    throw writeFailure(error, datasetPath, false);
  }
  if (current.size !== meta.size) throw datasetChanged(datasetPath, `size ${current.size} bytes, indexed ${meta.size}`);
  if (current.mtimeMs !== meta.mtimeMs) throw datasetChanged(datasetPath, `modified ${new Date(current.mtimeMs).toISOString()}, indexed ${new Date(meta.mtimeMs).toISOString()}`);
  if ((await contentFingerprint(datasetPath, current.size)) !== meta.fingerprint) throw datasetChanged(datasetPath, 'content differs');
}

/** A read-only dataset is refused even where the rename would succeed (root, or a writable folder). */
async function checkWritable(datasetPath: string): Promise<number> {
  const current = await stat(datasetPath);
  if ((current.mode & 0o200) === 0) throw readOnlyDataset(datasetPath);
  try {
    await access(datasetPath, constants.W_OK);
  } catch (error) {
    throw writeFailure(error, datasetPath, false);
  }
  return current.mode;
}

function isPending(state: PairStateRow): boolean {
  return state.desired !== state.saved || (state.desiredNote ?? '') !== (state.savedNote ?? '');
}

/** What the journal records once the save is in place. */
function payloadOf(states: readonly PairStateRow[], plan: DatasetPlan | null, mode: WriteBackMode, savedThroughEdit: number): WritePayload {
  const transitions = new Map(plan?.transitions.map((t) => [t.state.pairKey, t]) ?? []);
  const hints = new Map(mode === 'inPlace' ? plan?.hints.map((h) => [h.pairKey, h]) ?? [] : []);
  const updates: PairStateUpdate[] = [];
  for (const state of states) {
    const transition = mode === 'inPlace' ? transitions.get(state.pairKey) : undefined;
    if (!isPending(state) && !transition) continue;
    const hint = hints.get(state.pairKey);
    hints.delete(state.pairKey);
    const update: PairStateUpdate = {
      pairKey: state.pairKey, line: hint?.line ?? transition?.line ?? state.line, ord: hint?.ord ?? transition?.ord ?? state.ord,
      saved: state.desired, savedNote: state.desiredNote, savedUuid: state.desiredUuid,
    };
    if (transition) update.disk = transition.disk;
    updates.push(update);
  }
  return { updates, hints: [...hints.values()], savedThroughEdit, removeFromDropped: mode === 'inPlace' ? (plan?.restoredLines ?? []) : [] };
}

export async function applyPending(options: WriteBackOptions): Promise<WriteBackResult> {
  const started = performance.now();
  const datasetPath = resolve(options.datasetPath);
  const mode = options.mode ?? 'inPlace';
  const { journal, store } = options;
  const phase = options.onPhase ?? (() => undefined);
  const lock = acquireDatasetLock(datasetPath);
  try {
    recoverInterruptedWrites(journal, datasetPath);
    phase('locked');
    const result = mode === 'sidecar' ? await saveSidecar(datasetPath, journal, phase) : await saveDataset(datasetPath, store, journal, mode, options, phase);
    phase('done');
    return { ...result, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    lock.release();
  }
}

type Saved = Omit<WriteBackResult, 'elapsedMs'>;

function emptyResult(mode: WriteBackMode, savedPairs: number): Saved {
  return { mode, outputPath: null, changedRecords: 0, savedPairs, movedToDropped: 0, restoredFromDropped: 0, indexUpdated: mode === 'inPlace', warnings: [] };
}

async function saveDataset(
  datasetPath: string,
  store: PairStore,
  journal: RelabelJournal,
  mode: 'inPlace' | 'copy',
  options: WriteBackOptions,
  phase: (phase: WriteBackPhase) => void,
): Promise<Saved> {
  const meta = store.meta();
  if (!meta) throw new WriteBackError('dataset-changed', datasetPath, `The index of ${datasetPath} has no metadata; re-index it.`);
  await checkUnchanged(datasetPath, meta);
  const fileMode = mode === 'inPlace' ? await checkWritable(datasetPath) : (await stat(datasetPath)).mode;
  const states = journal.activePairStates();
  const savedThroughEdit = journal.lastEdit();
  let plan: DatasetPlan;
  try {
    plan = await planDatasetChanges(states, {
      datasetPath, store, meta, adapter: await adapterForIndex(store), provenance: options.provenance ?? false,
      dropToFile: options.dropTo === 'file',
      decisionInfo: (uuid) => {
        const decision = uuid === null ? null : journal.decision(uuid);
        return decision ? { at: decision.at, author: decision.author } : null;
      },
    }, () => journal.positions());
  } catch (error) {
    if (error instanceof PlanProblemsError) throw new WriteBackError('not-applicable', datasetPath, error.message, { problems: error.problems });
    throw error;
  }
  phase('planned');
  const payload = payloadOf(states, plan, mode, savedThroughEdit);
  const movesLines = mode === 'inPlace' && (plan.droppedLines.length > 0 || plan.restoredLines.length > 0);
  if (mode === 'inPlace' && plan.edits.length === 0) {
    journal.recordSave(payload);
    return emptyResult(mode, payload.updates.length);
  }

  const target = mode === 'copy' ? copyPathFor(datasetPath) : datasetPath;
  const temp = tempPathFor(target);
  const droppedPath = movesLines ? droppedPathFor(datasetPath) : null;
  const appends = mode === 'inPlace' && plan.droppedLines.length > 0;
  const droppedSize = droppedPath && appends ? droppedFileSize(droppedPath) : null;
  const warnings: string[] = [];

  // The index update runs while the file is copied (the copy waits on the disk, the update on the
  // CPU) and is committed only once the new file is in place.
  let patch: IndexPatch | null = null;
  if (mode === 'inPlace') {
    try {
      patch = IndexPatch.begin(store, plan.changes);
    } catch (error) {
      warnings.push(indexWarning(error));
    }
  }
  phase('writing');
  // The intent is recorded once the copy's bytes are written, while its last fsync waits on the
  // disk: staging thousands of rows is CPU work that would hold the copy up at its start. A crash
  // before it commits leaves at most an orphaned temporary file, which recovery removes.
  const intent: { id: number | null; error: unknown } = { id: null, error: null };
  const copying = writeEditedCopy(datasetPath, temp, meta.size, plan.edits, fileMode, () => {
    try {
      intent.id = journal.beginWrite({ mode, target, temp, droppedPath, droppedSize, payload });
    } catch (error) {
      intent.error = error;
      throw error;
    }
  });
  const patching = patch
    ? patch.apply().then(
        () => true,
        (error: unknown) => {
          warnings.push(indexWarning(error));
          patch?.rollback();
          return false;
        },
      )
    : Promise.resolve(false);
  let inPlace = false;
  let previous: string | null = null;
  try {
    const written = await copying;
    // The copy was read from the file as it is now: it must still be the file the plan was made for.
    const after = await stat(datasetPath);
    if (after.size !== meta.size || after.mtimeMs !== meta.mtimeMs) throw new SourceChangedError(datasetPath);
    const id = intent.id as number;
    journal.markWriteReady(id, String(written.ino));
    if (droppedPath && appends) appendDroppedLines(droppedPath, plan.droppedLines);
    phase('written');
    previous = await keepPreviousVersion(target);
    await rename(temp, target);
    inPlace = true;
  } catch (error) {
    if (!inPlace) {
      if (previous) await rm(previous, { force: true }).catch(() => undefined);
      await copying.catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      if (droppedPath && droppedSize !== null) {
        try {
          truncateDroppedLines(droppedPath, droppedSize);
        } catch {
          // The lines stay in both files: nothing is lost, and the next save writes the drop again.
        }
      }
      if (intent.id !== null) journal.abandonWrite(intent.id);
      await patching;
      patch?.rollback();
      // The journal could not record the save: its own error, not one of the file's.
      if (error === intent.error) throw error;
    }
    if (error instanceof SourceChangedError) throw datasetChanged(datasetPath, 'it was written to while the relabels were being saved');
    throw writeFailure(error, target, true);
  }
  try {
    await syncFolder(dirname(target));
  } catch (error) {
    warnings.push(`the folder of ${target} could not be synced: ${(error as Error).message}`);
  }
  phase('renamed');
  let indexUpdated = false;
  if (patch && (await patching)) {
    try {
      const file = await stat(datasetPath);
      patch.commit({ size: file.size, mtimeMs: file.mtimeMs, fingerprint: await contentFingerprint(datasetPath, file.size) });
      indexUpdated = true;
    } catch (error) {
      patch.rollback();
      warnings.push(indexWarning(error));
    }
  }
  phase('indexed');
  if (droppedPath && plan.restoredLines.length > 0) {
    try {
      removeDroppedLines(droppedPath, plan.restoredLines);
    } catch (error) {
      warnings.push(`restored lines are still also in ${droppedPath}: ${(error as Error).message}`);
    }
  }
  journal.finishWrite(intent.id as number);
  if (previous) removeInBackground(previous);
  return {
    mode, outputPath: target, changedRecords: plan.edits.length, savedPairs: payload.updates.length,
    movedToDropped: mode === 'inPlace' ? plan.droppedLines.length : 0, restoredFromDropped: mode === 'inPlace' ? plan.restoredLines.length : 0,
    indexUpdated, warnings,
  };
}

/**
 * Keeps the file about to be replaced alive under another name (a hard link), so the rename does
 * not have to free its blocks; null where the file system has no hard links (the rename then frees
 * them itself).
 */
async function keepPreviousVersion(target: string): Promise<string | null> {
  const previous = previousVersionPathFor(target);
  try {
    await link(target, previous);
    return previous;
  } catch {
    return null;
  }
}

/** Files whose removal a save started and did not wait for (tests and the CLI can wait for them). */
const removals = new Set<Promise<void>>();

function removeInBackground(path: string): void {
  const removal: Promise<void> = rm(path, { force: true })
    .catch(() => undefined)
    .finally(() => removals.delete(removal));
  removals.add(removal);
}

/** Resolves once the replaced versions of files saved so far are gone. */
export async function replacedVersionsRemoved(): Promise<void> {
  await Promise.all([...removals]);
}

function indexWarning(error: unknown): string {
  return `the index could not be updated (${error instanceof Error ? error.message : String(error)}); it is rebuilt when the dataset is opened next`;
}

/** One JSON line per pending pair: what the sidecar file says about a decision. */
function sidecarLine(state: PairStateRow, journal: RelabelJournal): string {
  const decision = state.desiredUuid ? journal.decision(state.desiredUuid) : null;
  const line: Record<string, unknown> = { id: idOfPairKey(state.pairKey), key: state.pairKey, line: state.line, action: actionOfState(state.desired) };
  if (state.desiredNote) line.note = state.desiredNote;
  line.at = decision?.at ?? state.updatedAt;
  if (decision?.author) line.author = decision.author;
  return JSON.stringify(line);
}

async function saveSidecar(datasetPath: string, journal: RelabelJournal, phase: (phase: WriteBackPhase) => void): Promise<Saved> {
  const states = journal.activePairStates();
  const savedThroughEdit = journal.lastEdit();
  const pending = states.filter(isPending);
  const payload = payloadOf(states, null, 'sidecar', savedThroughEdit);
  phase('planned');
  if (pending.length === 0) {
    journal.recordSave(payload);
    return emptyResult('sidecar', 0);
  }
  const target = sidecarPathFor(datasetPath);
  const temp = tempPathFor(target);
  let existing = '';
  try {
    existing = readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailure(error, target, false);
  }
  const lead = existing.length > 0 && !existing.endsWith('\n') ? '\n' : '';
  const text = `${existing}${lead}${pending.map((state) => sidecarLine(state, journal)).join('\n')}\n`;
  const id = journal.beginWrite({ mode: 'sidecar', target, temp, droppedPath: null, droppedSize: null, payload });
  let inPlace = false;
  try {
    phase('writing');
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
      journal.markWriteReady(id, String((await handle.stat({ bigint: true })).ino));
    } finally {
      await handle.close();
    }
    phase('written');
    await rename(temp, target);
    inPlace = true;
    await syncFolder(dirname(target));
  } catch (error) {
    if (!inPlace) {
      await rm(temp, { force: true }).catch(() => undefined);
      journal.abandonWrite(id);
      throw writeFailure(error, target, true);
    }
  }
  phase('renamed');
  journal.finishWrite(id);
  return { ...emptyResult('sidecar', payload.updates.length), outputPath: target, changedRecords: pending.length, indexUpdated: false };
}
