/**
 * Keeps attachments across re-indexing: the attachments an index had are read before it is
 * rebuilt, and applied again once the new index is open. An attachment whose file is gone or no
 * longer reads is kept with the reason, so the user sees it and can detach it.
 */
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openDatabase, type PairStore } from '../store/pairStore.ts';
import { attachmentFingerprint } from './attachmentFingerprint.ts';
import { readAttachmentSides, type AttachmentSides } from './attachmentSides.ts';
import { attachScores } from './attachScores.ts';
import { attachmentRows, insertAttachmentRow, markAttachmentStale, setAttachmentProblem } from './attachmentTable.ts';
import type { AttachmentRequest, AttachmentSummary } from './attachmentTypes.ts';

/** An attachment read from an index about to be rebuilt, with the responses its records spoke of. */
export interface RememberedAttachment extends AttachmentSummary {
  sides?: AttachmentSides;
}

function sidesOf(db: Database.Database, idx: number): AttachmentSides | undefined {
  try {
    return readAttachmentSides(db, idx);
  } catch {
    // An index from before sides were remembered: the format's own rule orients the file again.
    return undefined;
  }
}

/** The attachments of the index at `dbPath`, read before it is rebuilt ([] when there is none). */
export function rememberAttachments(dbPath: string): RememberedAttachment[] {
  if (!existsSync(dbPath)) return [];
  try {
    const db = openDatabase(dbPath, { readonly: true, fileMustExist: true });
    try {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get()) return [];
      return attachmentRows(db).map((row) => {
        const sides = sidesOf(db, row.idx);
        return sides ? { ...row, sides } : row;
      });
    } finally {
      db.close();
    }
  } catch {
    // An index of another layout or a damaged one: nothing can be carried over.
    return [];
  }
}

function requestOf(attachment: AttachmentSummary): AttachmentRequest {
  const request: AttachmentRequest = { path: attachment.path };
  if (attachment.mapping) request.mappingPath = attachment.mapping;
  if (attachment.options.model !== undefined) request.model = attachment.options.model;
  return request;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Brings the attachments of a freshly opened index up to date. `rebuilt`: applies the remembered
 * ones to the new index; `appended`: applies them again (new pairs may match lines that matched
 * nothing before); `reused`: re-applies only files that changed since they were attached. Never
 * throws: a failing attachment keeps its reason in its row.
 */
export async function reapplyAttachments(
  store: PairStore,
  datasetPath: string,
  remembered: readonly RememberedAttachment[],
  outcome: 'reused' | 'appended' | 'rebuilt',
): Promise<void> {
  const db = store.db;
  const rows = attachmentRows(db);
  // An index rebuilt on an earlier attempt (the file changed while it was indexed) has none yet.
  const fresh = outcome === 'rebuilt' || (rows.length === 0 && remembered.length > 0);
  for (const attachment of fresh ? remembered : rows) {
    try {
      let fingerprint: string | undefined;
      try {
        fingerprint = await attachmentFingerprint(attachment.path, attachment.mapping);
      } catch {
        fingerprint = undefined;
      }
      const unchanged = fingerprint !== undefined && fingerprint === attachment.fingerprint;
      if (!fresh && outcome === 'reused') {
        if (fingerprint === undefined) {
          // The dataset did not change, so what was attached is still right; say the file is gone.
          setAttachmentProblem(db, attachment.idx, `${attachment.path} (or its mapping) is gone; its scores stay as they were attached`);
          continue;
        }
        if (unchanged) {
          if (attachment.problem) setAttachmentProblem(db, attachment.idx, '');
          continue;
        }
      }
      // The same file as before speaks of the same responses, wherever a saved flip moved them.
      const sides = !unchanged ? undefined : fresh ? (attachment as RememberedAttachment).sides : sidesOf(db, attachment.idx);
      await attachScores(store, datasetPath, requestOf(attachment), { reason: 'reapplied', ...(sides ? { sideHints: sides } : {}) });
    } catch (error) {
      const problem = `not re-applied: ${describe(error)}`;
      try {
        const existing = attachmentRows(db).find((row) => row.path === attachment.path);
        if (existing) markAttachmentStale(db, existing.idx, problem);
        else {
          const { path, kind, mapping, attachedAt, options, records } = attachment;
          insertAttachmentRow(db, { path, kind, mapping, attachedAt, options, records, fingerprint: '', models: [], judges: [], matched: 0, unmatched: 0, problemCount: 0, problems: [], problem });
        }
      } catch {
        // The index itself failed; the caller's next query will say so.
      }
    }
  }
}
