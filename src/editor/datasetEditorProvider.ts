import * as vscode from 'vscode';
import { WriteBackError } from '../core/relabels/writeBackError.ts';
import { log } from '../log.ts';
import type { DatasetSummary } from '../protocol.ts';
import type { BadRecordDiagnostics } from './badRecordDiagnostics.ts';
import { DatasetDocument } from './datasetDocument.ts';
import { DatasetWebviewController } from './datasetWebviewController.ts';
import { RestoredBackups } from './restoredBackups.ts';

/**
 * "Open With… → Reward Review" on .jsonl and .json files (offered, never the default editor). A real
 * editor: relabels make it dirty, Ctrl+Z/Ctrl+Y go through VS Code's undo stack, Save writes them
 * to disk, Revert discards them, and hot exit backs them up.
 */
export class DatasetEditorProvider implements vscode.CustomEditorProvider<DatasetDocument> {
  static readonly viewType = 'rewardReview.dataset';

  private readonly context: vscode.ExtensionContext;
  private readonly diagnostics: BadRecordDiagnostics;
  /** Open documents by URI, for the extension's API. */
  private readonly documents = new Map<string, DatasetDocument>();
  private readonly restoredBackups = new RestoredBackups<DatasetDocument>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<DatasetDocument> | vscode.CustomDocumentContentChangeEvent<DatasetDocument>>();
  readonly onDidChangeCustomDocument = this.changeEmitter.event;

  constructor(context: vscode.ExtensionContext, diagnostics: BadRecordDiagnostics) {
    this.context = context;
    this.diagnostics = diagnostics;
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      this.changeEmitter,
      vscode.window.registerCustomEditorProvider(DatasetEditorProvider.viewType, this, {
        // Several editors on one dataset share one document, hence one index and one journal.
        supportsMultipleEditorsPerDocument: true,
      }),
    );
  }

  openCustomDocument(uri: vscode.Uri, openContext: vscode.CustomDocumentOpenContext): DatasetDocument {
    // Indexes live in the extension's own storage, never beside the user's data.
    const indexFolder = vscode.Uri.joinPath(this.context.globalStorageUri, 'indexes');
    const document = DatasetDocument.create(uri, indexFolder, this.diagnostics);
    const key = uri.toString();
    this.documents.set(key, document);
    const recorded = document.onDidRecordEdit(({ edit, label }) =>
      this.changeEmitter.fire({ document, label, undo: () => document.undoEdit(edit), redo: () => document.redoEdit(edit) }),
    );
    document.onDidDispose(() => {
      recorded.dispose();
      this.restoredBackups.forget(document);
      if (this.documents.get(key) === document) this.documents.delete(key);
    });
    void document.indexed.then(() => this.offerPendingRelabels(document, openContext.backupId));
    return document;
  }

  resolveCustomEditor(document: DatasetDocument, panel: vscode.WebviewPanel): void {
    const controller = new DatasetWebviewController(this.context.extensionUri, document, panel.webview);
    panel.onDidDispose(() => controller.dispose());
  }

  async saveCustomDocument(document: DatasetDocument): Promise<void> {
    await this.saveRelabels(document);
    await this.restoredBackups.discard(document);
  }

  private async saveRelabels(document: DatasetDocument): Promise<void> {
    try {
      await document.save();
    } catch (error) {
      if (error instanceof WriteBackError && error.failure === 'dataset-changed') {
        const again = 'Re-index and Save';
        const answer = await vscode.window.showWarningMessage(`${error.message}`, { modal: true }, again);
        if (answer === again) {
          // Decisions are keyed by pair id or content, so they find their pairs in the new index.
          await document.reindex();
          await document.save();
          return;
        }
      }
      log().error(`Saving relabels of ${document.uri.fsPath} failed`, error);
      throw error;
    }
  }

  async saveCustomDocumentAs(document: DatasetDocument, destination: vscode.Uri): Promise<void> {
    await document.saveAs(destination);
    await this.restoredBackups.discardAll(document);
  }

  async revertCustomDocument(document: DatasetDocument): Promise<void> {
    document.revert();
    await this.restoredBackups.discard(document);
  }

  async backupCustomDocument(document: DatasetDocument, context: vscode.CustomDocumentBackupContext): Promise<vscode.CustomDocumentBackup> {
    await vscode.workspace.fs.writeFile(context.destination, new TextEncoder().encode(document.relabels.backup()));
    this.restoredBackups.madeBackup(document, context.destination.toString());
    return {
      id: context.destination.toString(),
      delete: () => void vscode.workspace.fs.delete(context.destination).then(undefined, () => undefined),
    };
  }

  async datasetSummary(uri: vscode.Uri): Promise<DatasetSummary> {
    const document = this.documents.get(uri.toString());
    if (!document) throw new Error(`${uri.fsPath} is not open in Reward Review.`);
    await document.indexed;
    const state = document.state;
    if (state.state !== 'ready') throw new Error(state.state === 'failed' ? state.message : 'still indexing');
    return state.summary;
  }

  /** The open document of a dataset (for the extension's API and tests). */
  documentOf(uri: vscode.Uri): DatasetDocument | undefined {
    return this.documents.get(uri.toString());
  }

  /**
   * Relabels a backup holds (hot exit) or the journal still has unsaved (a crash) make the editor
   * dirty again, so they are saved or discarded like any edit — never silently lost.
   */
  private async offerPendingRelabels(document: DatasetDocument, backupId: string | undefined): Promise<void> {
    if (document.state.state !== 'ready') return;
    if (backupId) {
      try {
        const backup = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(backupId)));
        document.restoreRelabels(backup);
        this.restoredBackups.remember(document, backupId);
      } catch (error) {
        log().error(`Could not restore the relabel backup of ${document.uri.fsPath}`, error);
      }
    }
    const pending = document.pendingRelabels;
    if (pending === 0) return;
    this.changeEmitter.fire({ document });
    if (!backupId) {
      void vscode.window.showInformationMessage(
        `Reward Review: ${pending} relabels of ${document.uri.path.split('/').pop()} from an earlier session are not saved yet. Save to write them, or Revert to discard them.`,
      );
    }
  }
}
