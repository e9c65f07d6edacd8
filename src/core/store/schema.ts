/**
 * The index database: one per dataset file. It never stores response texts — only where each record
 * is (offset, length) and the columns the list, filters and metrics need. Scores are kept
 * column-wise (blobs per model and side) because every report reads whole columns.
 */

/** Bump when the layout changes; an index with another version is rebuilt, never migrated. */
export const SCHEMA_VERSION = 5;

export const CREATE_TABLES = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE models (
  idx  INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE pairs (
  ord          INTEGER PRIMARY KEY,  -- 0-based position among the file's good records
  line         INTEGER NOT NULL,     -- 1-based line of the record's first byte
  base_offset  INTEGER NOT NULL,     -- the record's offset less its offset_shifts entry: read located_pairs.offset
  length       INTEGER NOT NULL,
  id           TEXT,
  subset       TEXT,
  preview      TEXT NOT NULL,        -- start of the prompt's last user turn, for the list
  label        INTEGER NOT NULL,     -- 1: chosen preferred, 0: human-labelled tie
  chosen_len   INTEGER NOT NULL,     -- characters
  rejected_len INTEGER NOT NULL,
  len_diff     INTEGER NOT NULL,     -- chosen_len - rejected_len
  n_scored     INTEGER NOT NULL,     -- models with a score for both sides
  mu           REAL,                 -- mean margin over models (NULL when unscored)
  sigma        REAL,                 -- population std of margins
  votes_pos    INTEGER NOT NULL,     -- models with margin > 0
  votes_zero   INTEGER NOT NULL,
  votes_neg    INTEGER NOT NULL,
  misranked    INTEGER NOT NULL,     -- bit m set: model m has margin <= 0
  flags        INTEGER NOT NULL      -- PairFlag bits
);

-- A save that changes records' lengths but no lines or ords moves every later record: rather than
-- rewriting a million rows' offsets (hundreds of MB of pages), it records by how much. A row's offset
-- is its base_offset plus the bytes of the last entry at or before its ord (none: 0). Folded into
-- base_offset when the table grows large or a save renumbers lines or ords (src/core/store/offsetShifts.ts).
CREATE TABLE offset_shifts (
  from_ord INTEGER PRIMARY KEY,
  bytes    INTEGER NOT NULL
);

-- The pairs as readers see them: every reader of offsets reads them here.
CREATE VIEW located_pairs AS SELECT ord, line,
  base_offset + coalesce((SELECT bytes FROM offset_shifts WHERE from_ord <= pairs.ord ORDER BY from_ord DESC LIMIT 1), 0) AS offset,
  length, id, subset, preview, label, chosen_len, rejected_len, len_diff, n_scored, mu, sigma, votes_pos, votes_zero,
  votes_neg, misranked, flags
FROM pairs;

-- Scores column-wise in chunks: reports read whole columns, and chunks keep the indexer's memory flat
-- and let an appended file add chunks instead of rewriting columns.
CREATE TABLE score_chunks (
  model     INTEGER NOT NULL,
  side      TEXT NOT NULL CHECK (side IN ('chosen', 'rejected')),
  start_ord INTEGER NOT NULL,
  data      BLOB NOT NULL,           -- Float64Array for ords start_ord…, NaN where unscored
  PRIMARY KEY (model, side, start_ord)
) WITHOUT ROWID;

-- Pairs whose chosen and rejected scores score_chunks holds the other way round, for every model: a
-- flip toggles its pair here rather than rewriting every chunk. Every reader of score_chunks applies
-- it; folded into the chunks when it grows large, before ords move and before an attachment writes
-- chunks (src/core/store/swappedScores.ts).
CREATE TABLE swapped_scores (
  ord INTEGER PRIMARY KEY
);

CREATE TABLE bad_records (
  line   INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  length INTEGER NOT NULL,
  reason TEXT NOT NULL
);

-- Score and judge files joined to the dataset (src/core/attachments). Remembered here so a rebuilt
-- index re-applies them; their scores live in score_chunks like inline ones, under models they own.
CREATE TABLE attachments (
  idx         INTEGER PRIMARY KEY,
  path        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,         -- generic | rewardbench | mapping
  mapping     TEXT NOT NULL,         -- the attachment mapping file ('' when none)
  fingerprint TEXT NOT NULL,         -- of the file and its mapping when last applied
  attachedAt  TEXT NOT NULL,
  options     TEXT NOT NULL,         -- JSON: what the user chose (a model name for unnamed scores)
  models      TEXT NOT NULL,         -- JSON list of the model names it owns
  judges      TEXT NOT NULL,         -- JSON list of the judge names it owns
  records     INTEGER NOT NULL,
  matched     INTEGER NOT NULL,
  unmatched   INTEGER NOT NULL,
  problemCount INTEGER NOT NULL,
  problems    TEXT NOT NULL,         -- JSON list of the first {line, reason} it reported
  problem     TEXT NOT NULL,         -- '' or why its data is not (or no longer) in the index
  sides       BLOB                   -- per record, the response it spoke of (attachments/attachmentSides.ts)
);

-- Judge critiques and verdicts from attachments, already oriented to chosen/rejected.
CREATE TABLE attached_critiques (
  ord        INTEGER NOT NULL,
  judge      TEXT NOT NULL,
  chosen     TEXT,
  rejected   TEXT,
  pair       TEXT,
  verdict    TEXT CHECK (verdict IN ('chosen', 'rejected', 'tie')),
  attachment INTEGER NOT NULL,
  UNIQUE (ord, judge)
);
`;

/**
 * Built after the bulk load: building them once is much faster than maintaining them per insert.
 * None for the pair list's sorts and filters: src/core/query sorts and filters in memory, and each
 * such index would cost 1–2 s of indexing and 14–74 MiB at a million pairs (bench/queryBench.ts).
 */
export const CREATE_INDEXES = `
-- Not unique: a minified JSON array holds many records on one line.
CREATE INDEX pairs_line ON pairs(line);
CREATE INDEX pairs_id ON pairs(id) WHERE id IS NOT NULL;
CREATE INDEX bad_records_line ON bad_records(line);
`;

/** Bits of `pairs.flags`. */
export const PairFlag = {
  hasCritique: 1,
  hasRubric: 2,
  hasVotes: 4,
  bestOfN: 8,
  chatPrompt: 16,
  /** hasCritique was set by an attachment alone (cleared with it when the attachment goes). */
  attachedCritique: 32,
  /** The record carries `"rr_dropped": true`: a reviewer excluded it (src/core/relabels/relabelMarks.ts). */
  relabelDropped: 64,
} as const;
