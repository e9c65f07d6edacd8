import * as vscode from 'vscode';

/**
 * The hot-exit backup files an editor was restored from. VS Code deletes only the backups made in
 * the running window (through CustomDocumentBackup.delete); the file an earlier window wrote, which
 * the document was reopened from, is ours to delete once a save or revert has made it obsolete.
 * Otherwise it would stay in the workspace storage for good, and a reload that comes before VS Code
 * has backed the restored editor up again would leave it behind.
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

  forget(document: Document): void {
    this.restored.delete(document);
    this.current.delete(document);
  }
}
