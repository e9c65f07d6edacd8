/**
 * Writes what an attachment adds into the index (its own models' score chunks, its critiques, the
 * has-critique flag, the re-derived ensemble columns) and takes it out again, each in one
 * transaction so a reader never sees half an attachment.
 */
import type Database from 'better-sqlite3';
import { PairFlag } from '../store/schema.ts';
import { foldSwappedScores } from '../store/swappedScores.ts';
import { uniqueName } from './attachmentNames.ts';
import { writeAttachmentSides } from './attachmentSides.ts';
import { attachmentByPath, deleteAttachmentRow, insertAttachmentRow } from './attachmentTable.ts';
import type { AttachmentReport, AttachmentRequest, AttachmentSummary } from './attachmentTypes.ts';
import type { CollectedAttachment } from './collectAttachment.ts';
import { recomputePairColumns } from './recomputePairColumns.ts';

/** Ords per score chunk, as the indexer writes them. */
const CHUNK = 65536;

/** Which pairs need their ensemble columns recomputed after a change. */
type Recompute = Set<number> | 'all';

function merge(into: Recompute, more: Recompute): Recompute {
  if (into === 'all' || more === 'all') return 'all';
  for (const ord of more) into.add(ord);
  return into;
}

/** Removes an attachment's models (renumbering the rest), critiques and flags; keeps its row. */
function removeData(db: Database.Database, attachment: AttachmentSummary): Recompute {
  let recompute: Recompute = new Set();
  const critiqued = (db.prepare('SELECT DISTINCT ord FROM attached_critiques WHERE attachment = ?').all(attachment.idx) as { ord: number }[]).map((row) => row.ord);
  db.prepare('DELETE FROM attached_critiques WHERE attachment = ?').run(attachment.idx);
  const clearFlag = db.prepare(`UPDATE pairs SET flags = flags & ~(${PairFlag.hasCritique | PairFlag.attachedCritique})
    WHERE ord = ? AND flags & ${PairFlag.attachedCritique} AND NOT EXISTS (SELECT 1 FROM attached_critiques WHERE ord = pairs.ord)`);
  for (const ord of critiqued) clearFlag.run(ord);

  const owned = db.prepare('SELECT idx FROM models WHERE name = ?');
  const removed = attachment.models
    .map((name) => (owned.get(name) as { idx: number } | undefined)?.idx)
    .filter((idx): idx is number => idx !== undefined);
  if (removed.length > 0) {
    for (const idx of removed) {
      db.prepare('DELETE FROM score_chunks WHERE model = ?').run(idx);
      db.prepare('DELETE FROM models WHERE idx = ?').run(idx);
    }
    // Model numbers stay 0…M-1: the UI lists models by position and `misranked` uses them as bits.
    const remaining = (db.prepare('SELECT idx FROM models ORDER BY idx').all() as { idx: number }[]).map((row) => row.idx);
    remaining.forEach((idx, k) => {
      if (idx === k) return;
      db.prepare('UPDATE models SET idx = ? WHERE idx = ?').run(k, idx);
      db.prepare('UPDATE score_chunks SET model = ? WHERE model = ?').run(k, idx);
    });
    recompute = 'all';
  }
  return recompute;
}

/** Takes an attachment out of the index: its scores, critiques and row. Call inside a transaction. */
export function removeAttachment(db: Database.Database, attachment: AttachmentSummary): void {
  const recompute = removeData(db, attachment);
  deleteAttachmentRow(db, attachment.idx);
  if (recompute === 'all' || recompute.size > 0) recomputePairColumns(db, recompute);
}

/**
 * Writes a collected attachment (replacing an earlier attachment of the same file) and returns what
 * the index now remembers of it.
 */
export function storeAttachment(
  db: Database.Database,
  request: AttachmentRequest,
  collected: CollectedAttachment,
  fingerprint: string,
): AttachmentReport {
  return db.transaction(() => {
    // The attachment's chunks are written as its pairs read: no pair may read them the other way round.
    foldSwappedScores(db);
    let recompute: Recompute = new Set();
    const previous = attachmentByPath(db, request.path);
    if (previous) {
      recompute = merge(recompute, removeData(db, previous));
      deleteAttachmentRow(db, previous.idx);
    }
    const pairCount = (db.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;
    const renamed: AttachmentReport['renamed'] = [];

    const takenModels = new Set((db.prepare('SELECT name FROM models').all() as { name: string }[]).map((row) => row.name));
    const models: string[] = [];
    const insertModel = db.prepare('INSERT INTO models (idx, name) VALUES (?, ?)');
    const insertChunk = db.prepare('INSERT OR REPLACE INTO score_chunks (model, side, start_ord, data) VALUES (?, ?, ?, ?)');
    for (const [name, scores] of collected.scores) {
      const finalName = uniqueName(name, takenModels, request.path);
      if (finalName !== name) renamed.push({ from: name, to: finalName });
      takenModels.add(finalName);
      models.push(finalName);
      const idx = (db.prepare('SELECT coalesce(max(idx) + 1, 0) AS n FROM models').get() as { n: number }).n;
      insertModel.run(idx, finalName);
      for (const [side, values] of [['chosen', scores.chosen], ['rejected', scores.rejected]] as const) {
        const blocks = new Map<number, Float64Array>();
        scores.ords.forEach((ord, k) => {
          const start = ord - (ord % CHUNK);
          let block = blocks.get(start);
          if (!block) blocks.set(start, (block = new Float64Array(Math.min(CHUNK, pairCount - start)).fill(Number.NaN)));
          block[ord - start] = values[k] as number;
        });
        for (const [start, block] of blocks) insertChunk.run(idx, side, start, Buffer.from(block.buffer, block.byteOffset, block.byteLength));
      }
      if (recompute !== 'all') for (const ord of scores.ords) recompute.add(ord);
    }

    const takenJudges = new Set((db.prepare('SELECT DISTINCT judge FROM attached_critiques').all() as { judge: string }[]).map((row) => row.judge));
    const judges: string[] = [];
    const row = insertAttachmentRow(db, {
      path: request.path,
      kind: collected.kind,
      mapping: collected.mappingPath,
      fingerprint,
      attachedAt: new Date().toISOString(),
      options: request.model === undefined ? {} : { model: request.model },
      models,
      judges,
      records: collected.records,
      matched: collected.matched,
      unmatched: collected.unmatched,
      problemCount: collected.problemCount,
      problems: collected.problems,
      problem: '',
    });
    const insertCritique = db.prepare(`INSERT OR REPLACE INTO attached_critiques (ord, judge, chosen, rejected, pair, verdict, attachment)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const setFlag = db.prepare(`UPDATE pairs SET flags = flags | ${PairFlag.hasCritique}
      | CASE WHEN flags & ${PairFlag.hasCritique} THEN 0 ELSE ${PairFlag.attachedCritique} END WHERE ord = ?`);
    for (const [name, byOrd] of collected.critiques) {
      const finalName = uniqueName(name, takenJudges, request.path);
      if (finalName !== name) renamed.push({ from: name, to: finalName });
      takenJudges.add(finalName);
      judges.push(finalName);
      for (const [ord, critique] of byOrd) {
        insertCritique.run(ord, finalName, critique.chosen ?? null, critique.rejected ?? null, critique.pair ?? null, critique.verdict ?? null, row.idx);
        setFlag.run(ord);
      }
    }
    db.prepare('UPDATE attachments SET judges = ? WHERE idx = ?').run(JSON.stringify(judges), row.idx);
    writeAttachmentSides(db, row.idx, collected.sides);
    if (recompute === 'all' || recompute.size > 0) recomputePairColumns(db, recompute);
    return { ...row, judges, renamed };
  })();
}
