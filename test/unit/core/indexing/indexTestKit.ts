/** Helpers shared by the indexing tests: building an index without ensureIndex, and reading it all back. */
import { stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { indexRecords, type IndexRunOptions, type IndexRunResult } from '../../../../src/core/indexing/indexRecords.ts';
import { IndexWriter } from '../../../../src/core/indexing/indexWriter.ts';
import { SCHEMA_VERSION } from '../../../../src/core/store/schema.ts';

/** Indexes `datasetPath` into a fresh database at `dbPath` the way ensureIndex does, with the options given. */
export async function buildIndex(
  datasetPath: string,
  dbPath: string,
  options: Partial<Omit<IndexRunOptions, 'datasetPath' | 'writer' | 'fileSize'>> = {},
): Promise<IndexRunResult> {
  const writer = IndexWriter.createFresh(dbPath);
  let run: IndexRunResult;
  try {
    run = await indexRecords({ datasetPath, writer, fileSize: (await stat(datasetPath)).size, ...options });
  } catch (error) {
    writer.abort();
    throw error;
  }
  writer.finish({
    schemaVersion: SCHEMA_VERSION,
    datasetPath,
    fileKind: run.fileKind,
    size: 0,
    mtimeMs: 0,
    fingerprint: '',
    indexedBytes: 0,
    resumeOffset: run.resumeOffset,
    resumeLine: run.resumeLine,
    format: run.format,
    formatSummary: run.formatSummary,
    mappingPath: '',
    indexedAt: '',
  });
  return run;
}

/** Every row of the tables indexing writes, in a fixed order: equal dumps mean equal indexes. */
export function dumpIndex(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      pairs: db.prepare('SELECT * FROM located_pairs ORDER BY ord').all(),
      bad_records: db.prepare('SELECT * FROM bad_records ORDER BY line, offset').all(),
      models: db.prepare('SELECT * FROM models ORDER BY idx').all(),
      score_chunks: db.prepare('SELECT * FROM score_chunks ORDER BY model, side, start_ord').all(),
    };
  } finally {
    db.close();
  }
}
