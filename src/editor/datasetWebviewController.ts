import * as vscode from 'vscode';
import type { HostToWebviewMessage, IndexState, RequestMessage } from '../protocol.ts';
import { log } from '../log.ts';
import type { DatasetDocument } from './datasetDocument.ts';
import { createNonce } from './nonce.ts';
import { handleRequest } from './requestHandlers.ts';
import { validateWebviewMessage } from './validateWebviewMessage.ts';
import { buildWebviewHtml } from './webviewHtml.ts';

/** Connects one webview to its dataset document: the page, the handshake, requests, notifications. */
export class DatasetWebviewController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly webview: vscode.Webview;
  private readonly document: DatasetDocument;
  private ready = false;

  constructor(extensionUri: vscode.Uri, document: DatasetDocument, webview: vscode.Webview) {
    this.webview = webview;
    this.document = document;
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot] };
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'main.js')).toString(),
      codiconCssUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'codicon.css')).toString(),
      title: document.uri.path.split('/').pop() ?? 'Reward Review',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      document.onDidChangeState((state) => this.notifyState(state)),
      document.onDidChangeRelabels((change) => {
        if (this.ready) this.post({ kind: 'notification', method: 'relabels/didChange', params: change });
      }),
      document.onDidChangeData((summary) => {
        if (this.ready) this.post({ kind: 'notification', method: 'dataset/didChange', params: summary });
      }),
    );
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private onMessage(raw: unknown): void {
    const message = validateWebviewMessage(raw);
    if ('invalid' in message) {
      log().warn(`Ignored a webview message for ${this.document.uri.fsPath}: ${message.invalid}`);
      // A request with a usable id still gets its one reply, so the webview never waits forever.
      const id = (raw as { id?: unknown } | null)?.id;
      if (Number.isSafeInteger(id)) this.post({ kind: 'response', id: id as number, ok: false, error: message.invalid });
      return;
    }
    if (message.kind === 'ready') {
      this.ready = true;
      this.notifyState(this.document.state);
      // A webview made after the relabels (a reload, a tab dragged out) starts without their count.
      const pending = this.document.state.state === 'ready' ? this.document.pendingRelabels : 0;
      if (pending > 0) this.post({ kind: 'notification', method: 'relabels/didChange', params: { pending } });
      return;
    }
    void this.answer(message);
  }

  private async answer(request: RequestMessage): Promise<void> {
    try {
      const result = await handleRequest(this.document, request, (notification) => this.post(notification));
      this.post({ kind: 'response', id: request.id, ok: true, result });
    } catch (error) {
      log().error(`${request.method} failed for ${this.document.uri.fsPath}`, error);
      this.post({ kind: 'response', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private notifyState(state: IndexState): void {
    if (this.ready) this.post({ kind: 'notification', method: 'index/didChangeState', params: state });
  }

  private post(message: HostToWebviewMessage): void {
    void this.webview.postMessage(message);
  }
}
