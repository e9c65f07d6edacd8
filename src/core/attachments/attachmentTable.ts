/** The `attachments` table: what the index remembers of each attached file. */
import type Database from 'better-sqlite3';
import type { AttachmentKind, AttachmentProblem, AttachmentSummary } from './attachmentTypes.ts';

interface AttachmentSql {
  idx: number;
  path: string;
  kind: string;
  mapping: string;
  fingerprint: string;
  attachedAt: string;
  options: string;
  models: string;
  judges: string;
  records: number;
  matched: number;
  unmatched: number;
  problemCount: number;
  problems: string;
  problem: string;
}

function toSummary(row: AttachmentSql): AttachmentSummary {
  return {
    idx: row.idx,
    path: row.path,
    kind: row.kind as AttachmentKind,
    mapping: row.mapping,
    fingerprint: row.fingerprint,
    attachedAt: row.attachedAt,
    options: JSON.parse(row.options) as AttachmentSummary['options'],
    models: JSON.parse(row.models) as string[],
    judges: JSON.parse(row.judges) as string[],
    records: row.records,
    matched: row.matched,
    unmatched: row.unmatched,
    problemCount: row.problemCount,
    problems: JSON.parse(row.problems) as AttachmentProblem[],
    problem: row.problem,
  };
}

/** Every column but `sides`, which only re-applying reads (it can be megabytes). */
const SUMMARY_COLUMNS = `idx, path, kind, mapping, fingerprint, attachedAt, options, models, judges, records, matched,
  unmatched, problemCount, problems, problem`;

/** Every attachment, in the order they were attached (the order they are re-applied in). */
export function attachmentRows(db: Database.Database): AttachmentSummary[] {
  return (db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM attachments ORDER BY idx`).all() as AttachmentSql[]).map(toSummary);
}

export function attachmentByPath(db: Database.Database, path: string): AttachmentSummary | undefined {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM attachments WHERE path = ?`).get(path) as AttachmentSql | undefined;
  return row ? toSummary(row) : undefined;
}

/** Adds a row; `idx` is assigned (one more than the last). */
export function insertAttachmentRow(db: Database.Database, row: Omit<AttachmentSummary, 'idx'>): AttachmentSummary {
  const idx = (db.prepare('SELECT coalesce(max(idx) + 1, 0) AS n FROM attachments').get() as { n: number }).n;
  db.prepare(`INSERT INTO attachments (idx, path, kind, mapping, fingerprint, attachedAt, options, models, judges,
    records, matched, unmatched, problemCount, problems, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    idx, row.path, row.kind, row.mapping, row.fingerprint, row.attachedAt, JSON.stringify(row.options),
    JSON.stringify(row.models), JSON.stringify(row.judges), row.records, row.matched, row.unmatched,
    row.problemCount, JSON.stringify(row.problems), row.problem,
  );
  return { idx, ...row };
}

export function setAttachmentProblem(db: Database.Database, idx: number, problem: string): void {
  db.prepare('UPDATE attachments SET problem = ? WHERE idx = ?').run(problem, idx);
}

/** Records why an attachment could not be applied; an empty fingerprint makes the next open retry it. */
export function markAttachmentStale(db: Database.Database, idx: number, problem: string): void {
  db.prepare("UPDATE attachments SET problem = ?, fingerprint = '' WHERE idx = ?").run(problem, idx);
}

export function deleteAttachmentRow(db: Database.Database, idx: number): void {
  db.prepare('DELETE FROM attachments WHERE idx = ?').run(idx);
}
