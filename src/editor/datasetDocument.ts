import * as vscode from 'vscode';
import { subsetCounts } from '../core/indexing/subsetCounts.ts';
import { ensureIndex, type EnsureIndexResult } from '../core/indexing/ensureIndex.ts';
import { indexPathFor } from '../core/indexing/indexLocation.ts';
import { findMappingBeside } from '../core/formats/mappingLocation.ts';
import { resolve } from 'node:path';
import { onDidChangeAttachments } from '../core/attachments/attachmentEvents.ts';
import { invalidatePairQueries, setReviewStatusSource } from '../core/query/pairQueryEngine.ts';
import { buildReport } from '../core/reports/buildReport.ts';
import type { Report } from '../core/reports/reportTypes.ts';
import type { RelabelAction } from '../core/relabels/relabelDecision.ts';
import type { WriteBackMode, WriteBackResult } from '../core/relabels/writeBack.ts';
import type { PairRow, PairStore } from '../core/store/pairStore.ts';
import { DatasetRelabels } from './datasetRelabels.ts';
import type { DatasetSummary, IndexState } from '../protocol.ts';
import { log } from '../log.ts';
import type { BadRecordDiagnostics } from './badRecordDiagnostics.ts';
import { withDelayedProgress } from './delayedProgress.ts';

/**
 * One open dataset: its SQLite index and where indexing stands. Indexing starts when the document is
 * created and the editor shows its progress; every webview on the document shares one index.
 */
export class DatasetDocument implements vscode.CustomDocument {
  readonly uri: vscode.Uri;
  private store: PairStore | undefined;
  private relabelOwner: DatasetRelabels | undefined;
  private dashboard: Promise<Report> | undefined;
  private readonly indexFolder: vscode.Uri;
  private readonly relabelEmitter = new vscode.EventEmitter<{ pending: number }>();
  /** Fires when relabels change (recorded, undone, redone, saved, reverted), with the unsaved count. */
  readonly onDidChangeRelabels = this.relabelEmitter.event;
  private readonly editEmitter = new vscode.EventEmitter<{ edit: number; label: string }>();
  /** Fires for each recorded edit: the provider turns it into VS Code's undoable edit. */
  readonly onDidRecordEdit = this.editEmitter.event;
  private currentState: IndexState = { state: 'indexing', percent: 0, message: 'Starting…' };
  private readonly cancel = new AbortController();
  private readonly stateEmitter = new vscode.EventEmitter<IndexState>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  private readonly dataEmitter = new vscode.EventEmitter<DatasetSummary>();
  /** Fires when the ready index changes under the editor (attachments), with the new summary. */
  readonly onDidChangeData = this.dataEmitter.event;
  private readonly attachmentsSubscription = onDidChangeAttachments((change) => {
    if (resolve(change.datasetPath) === resolve(this.uri.fsPath)) this.refresh();
  });
  /** Fires once, when VS Code disposes the document (its last editor closed). */
  readonly onDidDispose = this.disposeEmitter.event;
  /** Fires whenever indexing progresses, finishes or fails. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Settles when the first indexing run has finished, successfully or not. */
  readonly indexed: Promise<void>;

  private readonly diagnostics: BadRecordDiagnostics;

  private constructor(uri: vscode.Uri, indexFolder: vscode.Uri, diagnostics: BadRecordDiagnostics) {
    this.uri = uri;
    this.diagnostics = diagnostics;
    this.indexFolder = indexFolder;
    this.indexed = this.index();
  }

  static create(uri: vscode.Uri, indexFolder: vscode.Uri, diagnostics: BadRecordDiagnostics): DatasetDocument {
    if (uri.scheme !== 'file') {
      throw new Error(`Reward Review opens files on disk; ${uri.toString()} is not one.`);
    }
    return new DatasetDocument(uri, indexFolder, diagnostics);
  }

  get state(): IndexState {
    return this.currentState;
  }

  /** The ready index; throws while indexing or after a failure (requests only come once ready). */
  get pairStore(): PairStore {
    if (!this.store) throw new Error('The dataset is not indexed yet.');
    return this.store;
  }

  /** The document's relabels; throws before the index is ready (requests only come once ready). */
  get relabels(): DatasetRelabels {
    if (!this.relabelOwner) throw new Error('The dataset is not indexed yet.');
    return this.relabelOwner;
  }

  /** Unsaved relabels (none before the index is ready). */
  get pendingRelabels(): number {
    return this.relabelOwner?.pendingCount() ?? 0;
  }

  /** Brings back the relabels of a hot-exit backup; the webviews hear the new count. */
  restoreRelabels(backup: string): number {
    const restored = this.relabels.restoreBackup(backup);
    this.relabelsChanged();
    return restored;
  }

  /** Records a decision for each row as one edit; returns how many pairs it covers. */
  async recordRelabel(rows: readonly PairRow[], action: RelabelAction, note?: string): Promise<number> {
    const edit = await this.relabels.record(this.pairStore, rows, action, note);
    if (edit === null) return 0;
    const what = rows.length === 1 ? `line ${rows[0]?.line}` : `${rows.length} pairs`;
    this.editEmitter.fire({ edit, label: `${ACTION_LABELS[action]} ${what}${note ? ' (note)' : ''}` });
    this.relabelsChanged();
    return rows.length;
  }

  undoEdit(edit: number): void {
    this.relabels.undo(edit);
    this.relabelsChanged();
  }

  redoEdit(edit: number): void {
    this.relabels.redo(edit);
    this.relabelsChanged();
  }

  /**
   * Writes the pending relabels in the mode the settings name (`rewardReview.writeBack`); the index
   * is patched rather than rebuilt, so the webviews only re-query. Throws WriteBackError, leaving
   * every relabel pending.
   */
  async save(): Promise<WriteBackResult> {
    const config = vscode.workspace.getConfiguration('rewardReview', this.uri);
    const result = await this.relabels.save(
      this.pairStore,
      config.get<WriteBackMode>('writeBack', 'inPlace'),
      config.get<boolean>('provenance', false),
      config.get<'field' | 'file'>('dropTo', 'field'),
    );
    log().info(`${this.uri.fsPath}: saved ${result.savedPairs} relabels (${result.mode}, ${result.changedRecords} records changed, ${result.elapsedMs} ms)${result.outputPath ? ` to ${result.outputPath}` : ''}`);
    for (const warning of result.warnings) log().warn(`${this.uri.fsPath}: ${warning}`);
    this.refresh();
    this.relabelsChanged();
    return result;
  }

  /**
   * Save As: the relabeled dataset written to `destination`; this file stays as it is. The relabels
   * count as saved (VS Code then shows the new file), so the review-status filter is asked again.
   */
  async saveAs(destination: vscode.Uri): Promise<void> {
    const result = await this.relabels.save(this.pairStore, 'copy', true, 'field');
    if (result.outputPath && result.outputPath !== destination.fsPath) {
      // Through VS Code's file system, which also moves across devices.
      await vscode.workspace.fs.rename(vscode.Uri.file(result.outputPath), destination, { overwrite: true });
    }
    log().info(`${this.uri.fsPath}: saved ${result.savedPairs} relabels as ${destination.fsPath}`);
    this.relabelsChanged();
  }

  /** Revert: every pair back to what the last save wrote. */
  revert(): void {
    this.relabels.revert();
    this.relabelsChanged();
  }

  /** Indexes the file again (it changed on disk); the relabels find their pairs again by key. */
  async reindex(): Promise<void> {
    invalidatePairQueries(this.pairStore);
    this.store?.close();
    this.store = undefined;
    this.dashboard = undefined;
    await this.index();
  }

  private relabelsChanged(): void {
    // The journal is another database: the engine cannot notice this change by itself.
    if (this.store) invalidatePairQueries(this.store, ['status']);
    if (this.relabelOwner) this.relabelEmitter.fire({ pending: this.relabelOwner.pendingCount() });
  }

  /**
   * The dashboard's report (accuracy, ensemble, agreement), computed once per index with the same
   * function and seed as the CLI's `report`, so the numbers can be reproduced from a terminal.
   */
  dashboardReport(): Promise<Report> {
    if (!this.dashboard) {
      const lambda = vscode.workspace.getConfiguration('rewardReview', this.uri).get<number>('ensemble.uncertaintyPenalty', 1);
      this.dashboard = buildReport(this.pairStore, { kinds: ['accuracy', 'ensemble', 'agreement'], lambda, signal: this.cancel.signal });
      this.dashboard.catch(() => (this.dashboard = undefined));
    }
    return this.dashboard;
  }

  dispose(): void {
    this.cancel.abort();
    this.store?.close();
    this.store = undefined;
    this.relabelOwner?.close();
    this.relabelOwner = undefined;
    this.relabelEmitter.dispose();
    this.editEmitter.dispose();
    this.diagnostics.clear(this.uri);
    this.attachmentsSubscription.dispose();
    this.dataEmitter.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.stateEmitter.dispose();
  }

  private async index(): Promise<void> {
    const datasetPath = this.uri.fsPath;
    const fileName = this.uri.path.split('/').pop() ?? datasetPath;
    const dbPath = indexPathFor(datasetPath, this.indexFolder.fsPath);
    this.setState({ state: 'indexing', percent: 0, message: 'Starting…' });
    try {
      await vscode.workspace.fs.createDirectory(this.indexFolder);
      const result = await withDelayedProgress(`Reward Review: indexing ${fileName}`, this.cancel, (report) =>
        ensureIndex({
          datasetPath,
          dbPath,
          // A mapping beside the dataset (<file>.rr-map.json) is how formats without one are opened.
          mappingPath: findMappingBeside(datasetPath),
          signal: this.cancel.signal,
          onProgress: (fraction, message) => {
            report(fraction, message);
            this.setState({ state: 'indexing', percent: Math.round(fraction * 100), message });
          },
        }),
      );
      this.store = result.store;
      // The journal lives beside the index and outlives its rebuilds; it finishes an interrupted save.
      const relabels = (this.relabelOwner ??= DatasetRelabels.open(datasetPath, dbPath));
      setReviewStatusSource(result.store, () => relabels.reviewedPairs());
      this.reportBadRecords(result);
      log().info(`${datasetPath}: ${result.outcome} index, ${result.pairs} pairs, ${result.badRecordCount} bad records, format ${result.format} (${result.elapsedMs} ms)`);
      this.setState({ state: 'ready', summary: this.summary(fileName) });
      // Relabels the journal kept from an earlier session are unsaved in this one too: the webviews show the count.
      this.relabelsChanged();
    } catch (error) {
      const message = this.cancel.signal.aborted ? 'Indexing was cancelled.' : describeError(error);
      log().error(`${datasetPath}: indexing failed`, error);
      this.setState({ state: 'failed', message });
    }
  }

  /** Cached answers describe the old index: drop them and tell the webviews. */
  private refresh(): void {
    if (!this.store || this.currentState.state !== 'ready') return;
    invalidatePairQueries(this.store);
    this.dashboard = undefined;
    const summary = this.summary(this.currentState.summary.fileName);
    this.currentState = { state: 'ready', summary };
    this.dataEmitter.fire(summary);
  }

  /** What the editor shows before its first row: only cheap reads (no scan of the pairs). */
  private summary(fileName: string): DatasetSummary {
    const store = this.pairStore;
    const meta = store.meta();
    return {
      fileName,
      pairs: store.pairCount(),
      badRecords: store.badRecordCount(),
      format: meta?.format ?? '',
      formatSummary: meta?.formatSummary ?? '',
      models: store.modelNames(),
      subsets: subsetCounts(store).map((s) => ({ name: s.subset, pairs: s.pairs })),
    };
  }

  private reportBadRecords(result: EnsureIndexResult): void {
    this.diagnostics.set(this.uri, result.badRecords, result.badRecordCount);
    for (const bad of result.badRecords) log().warn(`${this.uri.fsPath}:${bad.line}: ${bad.reason}`);
  }

  private setState(state: IndexState): void {
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}

const ACTION_LABELS: Record<RelabelAction, string> = { flip: 'Flip', tie: 'Tie', drop: 'Drop', restore: 'Restore' };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
