import { mergeAttachedData } from '../attachments/attachedPairData.ts';
import { adapterByName } from '../formats/adapterRegistry.ts';
import type { FormatAdapter } from '../formats/formatAdapter.ts';
import { adapterFromMapping } from '../formats/mapping.ts';
import { loadMappingFile } from '../formats/readMappingFile.ts';
import type { Pair } from '../pair.ts';
import { parseRecord } from '../reader/parseRecord.ts';
import { isBadRecord } from '../reader/rawRecord.ts';
import { readRecordText } from '../reader/readRecordText.ts';
import { applyRelabelMarks } from '../relabels/relabelMarks.ts';
import type { PairRow, PairStore } from '../store/pairStore.ts';

/**
 * Reads one pair back from the dataset file at the location the index recorded, normalized with the
 * format the index was built with. The index keeps no text: this is how the UI and CLI get it.
 */
export async function readPairAt(datasetPath: string, store: PairStore, row: PairRow): Promise<Pair> {
  const text = await readRecordText(datasetPath, row.offset, row.length);
  const parsed = parseRecord({ line: row.line, offset: row.offset, length: row.length, text });
  if (isBadRecord(parsed)) {
    throw new Error(`${datasetPath}:${row.line}: ${parsed.reason} (the file changed since it was indexed?)`);
  }
  // The pair as the reviewer left it (relabel marks applied, as the index has it); scores and
  // critiques from attached files belong to it as much as its own.
  const marked = applyRelabelMarks(parsed.value, (await adapterForIndex(store)).normalize(parsed.value));
  return mergeAttachedData(store, row.ord, marked.pair);
}

/** The format adapter an index was built with. */
export async function adapterForIndex(store: PairStore): Promise<FormatAdapter> {
  const meta = store.meta();
  if (!meta) throw new Error('The index has no metadata.');
  if (meta.mappingPath) {
    return adapterFromMapping(await loadMappingFile(meta.mappingPath));
  }
  return adapterByName(meta.format);
}
