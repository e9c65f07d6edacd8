import * as vscode from 'vscode';

/**
 * Hot-exit backup files that VS Code leaves behind. It deletes only the backups made in the running
 * window (through CustomDocumentBackup.delete), and only after Save, Revert or an undo back to clean.
 * The file an earlier window wrote, which the document was reopened from, is ours to delete once a
 * save or revert has made it obsolete; after Save As, so is the running window's. Otherwise they
 * would stay in the workspace storage for good.
 */
export class RestoredBackups<Document> {
  private readonly restored = new Map<Document, vscode.Uri>();
  /** The backup VS Code holds for each document in this window (it deletes that one itself). */
  private readonly current = new Map<Document, string>();

  remember(document: Document, backupId: string): void {
    this.restored.set(document, vscode.Uri.parse(backupId));
  }

  /** A new backup of this window: VS Code's to delete, even where it reuses the restored file's name. */
  madeBackup(document: Document, backupId: string): void {
    this.current.set(document, backupId);
  }

  /** After a save or revert: the restored relabels are on disk or discarded, so their file goes. */
  async discard(document: Document): Promise<void> {
    const file = this.restored.get(document);
    this.restored.delete(document);
    if (!file || file.toString() === this.current.get(document)) return;
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  }

  /**
   * After Save As: the relabels are in the new file and the document is clean, but VS Code deletes
   * no backup after a Save As (only after Save, Revert or an undo back to clean), so both go here.
   */
  async discardAll(document: Document): Promise<void> {
    const current = this.current.get(document);
    this.current.delete(document);
    await this.discard(document);
    if (current) await vscode.workspace.fs.delete(vscode.Uri.parse(current)).then(undefined, () => undefined);
  }

  forget(document: Document): void {
    this.restored.delete(document);
    this.current.delete(document);
  }
}
