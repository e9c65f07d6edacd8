import * as vscode from 'vscode';
import { actionOfState, type RelabelAction } from '../core/relabels/relabelDecision.ts';
import { pairEnsemble } from '../core/indexing/pairEnsemble.ts';
import { readPairAt } from '../core/indexing/pairReader.ts';
import { badRecordPage } from '../core/query/badRecordList.ts';
import { pairQueryEngine } from '../core/query/pairQueryEngine.ts';
import type { PairRow } from '../core/store/pairStore.ts';
import type { NotificationMessage, PairListRow, RelabelMark, RequestMap, RequestMessage, RequestMethod } from '../protocol.ts';
import type { DatasetDocument } from './datasetDocument.ts';

/** Sends a notification to the webview that made the request (search progress). */
export type Notify = (message: NotificationMessage) => void;

type Handler<M extends RequestMethod> = (
  document: DatasetDocument,
  params: RequestMap[M]['params'],
  notify: Notify,
) => Promise<RequestMap[M]['result']> | RequestMap[M]['result'];

const handlers: { [M in RequestMethod]: Handler<M> } = {
  'dataset/summary': (document) => {
    const state = document.state;
    if (state.state !== 'ready') throw new Error('The dataset is not indexed yet.');
    return state.summary;
  },
  'pair/detail': async (document, params) => {
    const store = document.pairStore;
    const row = store.pairByOrd(params.ord);
    if (!row) throw new Error(`No pair #${params.ord} in this dataset.`);
    const pair = await readPairAt(document.uri.fsPath, store, row);
    const lambda = vscode.workspace.getConfiguration('rewardReview', document.uri).get<number>('ensemble.uncertaintyPenalty', 1);
    return { ord: row.ord, line: row.line, pair, ensemble: pairEnsemble(pair, lambda), relabel: document.relabels.marksByOrd().get(row.ord) ?? null };
  },
  'pairs/query': async (document, params) => {
    const page = await pairQueryEngine(document.pairStore).pageAt(params.query, params.start, params.limit);
    const marks = document.relabels.marksByOrd();
    return { rows: page.rows.map((row) => toListRow(row, marks.get(row.ord) ?? null)), start: page.start, total: page.total };
  },
  'pairs/count': async (document, params) => ({ count: await pairQueryEngine(document.pairStore).count(params.filter) }),
  'pairs/position': (document, params) => pairQueryEngine(document.pairStore).positionOf(params.query, params.ord),
  'badLines/page': (document, params) => {
    const page = badRecordPage(document.pairStore, params.start, params.limit);
    return { rows: page.rows.map((bad) => ({ line: bad.line, reason: bad.reason })), start: page.start, total: page.total };
  },
  'badLines/open': (document, params) => openAtLine(document.uri, params.line),
  'search/status': (document) => pairQueryEngine(document.pairStore).search.status(),
  'search/build': (document, _params, notify) =>
    pairQueryEngine(document.pairStore).buildSearchIndex((progress) => notify({ kind: 'notification', method: 'search/didProgress', params: progress })),
  'search/cancel': (document) => ({ cancelled: pairQueryEngine(document.pairStore).search.cancel() }),
  'dashboard/report': (document) => document.dashboardReport(),
  'relabel/record': async (document, params) => {
    const store = document.pairStore;
    const ords = 'ords' in params.target ? params.target.ords : Array.from(await pairQueryEngine(store).list(params.target.query));
    // More than one pair is a bulk action: the user confirms the count first.
    if (ords.length > 1 && !(await confirmBulk(params.action, ords.length))) return { recorded: 0 };
    const rows = ords.map((ord) => store.pairByOrd(ord)).filter((row): row is PairRow => row !== null);
    return { recorded: await document.recordRelabel(rows, params.action, params.note) };
  },
  'relabel/note': async (document, params) => {
    const row = document.pairStore.pairByOrd(params.ord);
    if (!row) throw new Error(`No pair #${params.ord} in this dataset.`);
    const current = document.relabels.marksByOrd().get(row.ord);
    const note = await vscode.window.showInputBox({
      title: `Reward Review: note on line ${row.line}`,
      prompt: 'Why this pair is labelled as it is (kept with the relabel, written on save)',
      value: current?.note ?? '',
    });
    if (note === undefined) return { recorded: 0 };
    // A note keeps the pair's current decision (none: the original label).
    return { recorded: await document.recordRelabel([row], actionOfState(current?.state ?? 'original'), note) };
  },
  'link/open': async (_document, params) => {
    // Only web and mail links, whatever the webview says; VS Code asks the user before opening.
    if (!/^(?:https?|mailto):/i.test(params.href)) return { opened: false };
    return { opened: await vscode.env.openExternal(vscode.Uri.parse(params.href, true)) };
  },
};

const BULK_VERBS: Record<RelabelAction, string> = { flip: 'Flip', tie: 'Mark as tie', drop: 'Drop', restore: 'Restore' };

async function confirmBulk(action: RelabelAction, count: number): Promise<boolean> {
  const verb = `${BULK_VERBS[action]} ${count.toLocaleString('en-US')} pairs`;
  const answer = await vscode.window.showWarningMessage(`${verb}? Each can be undone (Ctrl+Z) until saved.`, { modal: true }, verb);
  return answer === verb;
}

/**
 * The dataset as text, cursor at the start of the line. A file too large for extensions to open as
 * a document (VS Code does not sync files over 50 MB to the extension host) goes through
 * `vscode.openWith`, which opens it in the workbench without passing its text here.
 */
async function openAtLine(uri: vscode.Uri, line: number): Promise<{ opened: boolean }> {
  const position = new vscode.Position(line - 1, 0);
  const options: vscode.TextDocumentShowOptions = { selection: new vscode.Range(position, position), preview: true };
  try {
    await vscode.window.showTextDocument(uri, options);
  } catch {
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default', options);
  }
  return { opened: true };
}

/** Answers one validated request from the webview; `notify` carries progress while it runs. */
export function handleRequest(
  document: DatasetDocument,
  request: RequestMessage,
  notify: Notify = () => undefined,
): Promise<RequestMap[RequestMethod]['result']> {
  const handler = handlers[request.method] as Handler<RequestMethod>;
  return Promise.resolve(handler(document, request.params, notify));
}

function toListRow(row: PairRow, relabel: RelabelMark | null): PairListRow {
  return {
    relabel,
    ord: row.ord,
    line: row.line,
    id: row.id,
    subset: row.subset,
    preview: row.preview,
    label: row.label === 0 ? 'tie' : 'chosen',
    lengthDiff: row.lengthDiff,
    mu: row.mu,
    sigma: row.sigma,
    votesPositive: row.votesPositive,
    votesZero: row.votesZero,
    votesNegative: row.votesNegative,
    scoredModels: row.scoredModels,
    misrankedMask: row.misrankedMask,
    flags: row.flags,
  };
}
