/**
 * Which response each record of an attachment spoke of, remembered as a hash of that response's
 * text. An attachment is oriented against the dataset as it is when first attached; a flip saved
 * later may swap the two responses in the file itself (chosen/rejected fields, or a verdict
 * field). Re-applied after the dataset grew or was rebuilt, each record's scores and critiques go
 * back to the text they were given to, not to whichever response now sits on that side.
 */
import type Database from 'better-sqlite3';
import { fnv1a } from '../hash/fnv1a.ts';

/** FNV-1a over the response's JSON: two texts only need telling apart, not protecting. Never 0. */
export function responseHash(response: unknown): number {
  return fnv1a(JSON.stringify(response) ?? '') >>> 0 || 1;
}

/**
 * Per record of the attachment file, in file order: the hash of the response its side A (its
 * "chosen", "first" or "response 1") named; 0 where the record matched no pair.
 */
export type AttachmentSides = Uint32Array;

export function writeAttachmentSides(db: Database.Database, idx: number, sides: readonly number[]): void {
  const packed = Uint32Array.from(sides);
  db.prepare('UPDATE attachments SET sides = ? WHERE idx = ?').run(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength), idx);
}

export function readAttachmentSides(db: Database.Database, idx: number): AttachmentSides | undefined {
  const row = db.prepare('SELECT sides FROM attachments WHERE idx = ?').get(idx) as { sides: Buffer | null } | undefined;
  if (!row?.sides || row.sides.byteLength % 4 !== 0) return undefined;
  // A copy: the database's buffer is not aligned for a Uint32Array view.
  const copy = new Uint8Array(row.sides);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}

/**
 * Whether side A of a record is the file's chosen response now: by the text it named when first
 * attached, or by `fallback` (the format's own rule) where the record has no hint or neither
 * response has that text any more (edited).
 */
export function aIsFileChosen(hint: number | undefined, chosenHash: number, rejectedHash: number, fallback: boolean): boolean {
  if (!hint || chosenHash === rejectedHash) return fallback;
  if (hint === chosenHash) return true;
  if (hint === rejectedHash) return false;
  return fallback;
}
