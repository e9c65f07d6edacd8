import type { RelabelAction, RelabelState } from '../core/relabels/relabelDecision.ts';
import { openRelabelJournal } from '../core/relabels/journalRecovery.ts';
import { pairKeysForRows } from '../core/relabels/pairKeysForRows.ts';
import type { RelabelJournal } from '../core/relabels/relabelJournal.ts';
import { journalPathFor } from '../core/relabels/relabelPaths.ts';
import { applyPending, type WriteBackMode, type WriteBackResult } from '../core/relabels/writeBack.ts';
import type { ReviewedPair } from '../core/query/reviewStatus.ts';
import type { PairRow, PairStore } from '../core/store/pairStore.ts';

/** What the list and the pair view show of a pair's relabel. */
export interface RelabelMark {
  state: RelabelState;
  note: string | null;
  /** Not yet written to disk. */
  pending: boolean;
}

/**
 * One document's relabels: the journal beside its index (every decision committed the moment it is
 * made), and the operations the editor lifecycle needs — record, undo/redo of one edit, save,
 * revert, backup and restore. No vscode import: the provider turns these into VS Code's events.
 */
export class DatasetRelabels {
  readonly journal: RelabelJournal;
  private readonly datasetPath: string;

  /**
   * The marks as last read, and the journal's data_version then: every page of the list asks for
   * them, and reading every pair's state per page would grow with the relabels. Dropped by each
   * change made here; a change through another connection (the CLI) moves data_version.
   */
  private marks: { map: Map<number, RelabelMark>; dataVersion: number } | null = null;
  private readonly dataVersion: () => number;

  private constructor(journal: RelabelJournal, datasetPath: string) {
    this.journal = journal;
    this.datasetPath = datasetPath;
    const statement = journal.db.prepare('PRAGMA data_version').pluck();
    this.dataVersion = () => statement.get() as number;
  }

  /** Opens (or creates) the journal of the index at `indexDbPath`, finishing any interrupted save. */
  static open(datasetPath: string, indexDbPath: string): DatasetRelabels {
    return new DatasetRelabels(openRelabelJournal(journalPathFor(indexDbPath), datasetPath), datasetPath);
  }

  close(): void {
    this.journal.close();
  }

  /** Records one decision for every row (one edit: undone and redone as a whole). */
  async record(store: PairStore, rows: readonly PairRow[], action: RelabelAction, note?: string): Promise<number | null> {
    if (rows.length === 0) return null;
    const keyed = await pairKeysForRows(this.datasetPath, store, rows);
    this.marks = null;
    const { edit } = this.journal.record(keyed.map((row) => ({ ...row, action, ...(note === undefined ? {} : { note }) })));
    return edit;
  }

  undo(edit: number): boolean {
    this.marks = null;
    return this.journal.undoEdit(edit);
  }

  redo(edit: number): boolean {
    this.marks = null;
    return this.journal.redoEdit(edit);
  }

  pendingCount(): number {
    return this.journal.pendingCount();
  }

  /** Marks by ord (the journal's position hints, kept current by saves). Shared: do not modify. */
  marksByOrd(): ReadonlyMap<number, RelabelMark> {
    const dataVersion = this.dataVersion();
    if (this.marks && this.marks.dataVersion === dataVersion) return this.marks.map;
    const marks = new Map<number, RelabelMark>();
    for (const status of this.journal.states()) {
      if (status.state === 'original' && !status.pending) continue;
      marks.set(status.ord, { state: status.state, note: status.note, pending: status.pending });
    }
    this.marks = { map: marks, dataVersion };
    return marks;
  }

  /** The pairs the list marks, for the query engine's `status` filter and sort: the same set by definition. */
  reviewedPairs(): ReviewedPair[] {
    return [...this.marksByOrd()].map(([ord, mark]) => ({ ord, pending: mark.pending }));
  }

  async save(store: PairStore, mode: WriteBackMode, provenance: boolean, dropTo: 'field' | 'file'): Promise<WriteBackResult> {
    this.marks = null;
    try {
      return await applyPending({ datasetPath: this.datasetPath, store, journal: this.journal, mode, provenance, dropTo });
    } finally {
      // A save moves pairs' positions and pending flags, whether it finished or failed half-way.
      this.marks = null;
    }
  }

  revert(): number {
    this.marks = null;
    return this.journal.discardPending();
  }

  backup(): string {
    return this.journal.serialize();
  }

  restoreBackup(backup: string): number {
    this.marks = null;
    return this.journal.restore(backup);
  }
}
