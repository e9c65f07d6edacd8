/**
 * Every message between the extension host and the Reward Review webview. The webview imports only
 * this file (and the pair types it names) from the host side.
 *
 * Requests come from the webview, carry an id and get exactly one response (result or error).
 * Notifications come from the host and are named `…/did…`.
 */
import type { PairEnsemble } from './core/indexing/pairEnsemble.ts';
import type { Pair } from './core/pair.ts';
import type { Report } from './core/reports/reportTypes.ts';
import type { RelabelAction, RelabelState } from './core/relabels/relabelDecision.ts';
import type { PairFilter, PairQuery } from './core/query/pairQuery.ts';

/** The summary shown at the top of the editor once the index is ready. */
export interface DatasetSummary {
  fileName: string;
  pairs: number;
  badRecords: number;
  format: string;
  formatSummary: string;
  models: string[];
  /** Subsets with their pair counts, largest first (name null: pairs without a subset). */
  subsets: { name: string | null; pairs: number }[];
}

/** One row of the pair list, as the webview shows it. */
export interface PairListRow {
  ord: number;
  line: number;
  id: string | null;
  subset: string | null;
  preview: string;
  label: 'chosen' | 'tie';
  lengthDiff: number;
  mu: number | null;
  sigma: number | null;
  votesPositive: number;
  votesZero: number;
  votesNegative: number;
  /** Models that scored both sides. */
  scoredModels: number;
  /** Bit m set: model m (index into DatasetSummary.models) has margin ≤ 0. Up to 53 bits: test with division, not `&`. */
  misrankedMask: number;
  /** PairFlag bits (src/core/store/schema.ts): critique, rubric, votes, best-of-N, chat prompt. */
  flags: number;
  /** The reviewer's decision about the pair, when there is one. */
  relabel: RelabelMark | null;
}

/** A pair's relabel as the list and the pair view show it. */
export interface RelabelMark {
  state: RelabelState;
  note: string | null;
  /** Made but not yet saved to disk. */
  pending: boolean;
}

/** Which pairs an action is for: some pairs, or every pair of a query (after a confirmation). */
export type RelabelTarget = { ords: number[] } | { query: PairQuery };

export interface RelabelParams {
  target: RelabelTarget;
  action: RelabelAction;
  note?: string;
}

export interface RelabelNoteParams {
  ord: number;
}

/** Rows `start`… of the pair list for a query (sort and filter): what the virtual list asks for. */
export interface PairQueryParams {
  query: PairQuery;
  start: number;
  limit: number;
}

export interface PairQueryPage {
  rows: PairListRow[];
  start: number;
  /** Pairs the filter keeps: the list's length. */
  total: number;
}

export interface PairCountParams {
  filter: PairFilter;
}

/** Where a pair is in a query's list, to restore a selection or a scroll position. */
export interface PairPositionParams {
  query: PairQuery;
  ord: number;
}

/** `index` is the pair's position; when the filter excludes it (`found` false), where it would be. */
export interface PairPosition {
  index: number;
  found: boolean;
}

/** The "bad lines" view: records that are not pairs, in line order. */
export interface BadLinePageParams {
  start: number;
  limit: number;
}

export interface BadLineRow {
  line: number;
  reason: string;
}

export interface BadLinePage {
  rows: BadLineRow[];
  start: number;
  total: number;
}

/** A bad line to show in VS Code's text editor (1-based, as listed). */
export interface BadLineOpenParams {
  line: number;
}

/**
 * The full-text search index (built on request; a query with `filter.text` fails until it is
 * ready). absent: never built; partial: cancelled or the dataset grew; building; ready.
 */
export interface SearchStatus {
  state: 'absent' | 'partial' | 'building' | 'ready';
  indexedPairs: number;
  pairs: number;
}

/** Progress of a search index build, as `search/didProgress`. */
export interface SearchProgress {
  /** 0…1 */
  fraction: number;
  indexedPairs: number;
  pairs: number;
}

export interface PairDetailParams {
  ord: number;
}

/** A whole pair, read back from the dataset file on request. */
export interface PairDetail {
  ord: number;
  line: number;
  pair: Pair;
  ensemble: PairEnsemble;
  relabel: RelabelMark | null;
}

/** A link in rendered dataset text; the host opens only http(s) and mailto, through VS Code. */
export interface OpenLinkParams {
  href: string;
}

/** Request method → its params and result. */
export interface RequestMap {
  'dataset/summary': { params: Record<string, never>; result: DatasetSummary };
  'pairs/query': { params: PairQueryParams; result: PairQueryPage };
  'pairs/count': { params: PairCountParams; result: { count: number } };
  'pairs/position': { params: PairPositionParams; result: PairPosition };
  'badLines/page': { params: BadLinePageParams; result: BadLinePage };
  /** Opens the dataset as text with the cursor on the line. */
  'badLines/open': { params: BadLineOpenParams; result: { opened: boolean } };
  'search/status': { params: Record<string, never>; result: SearchStatus };
  /** Builds (or completes, or joins the build of) the search index; answers when it ends. */
  'search/build': { params: Record<string, never>; result: SearchStatus };
  'search/cancel': { params: Record<string, never>; result: { cancelled: boolean } };
  'pair/detail': { params: PairDetailParams; result: PairDetail };
  'link/open': { params: OpenLinkParams; result: { opened: boolean } };
  /** Flip, tie, drop or restore: recorded at once (a crash loses nothing), written to disk on Save. */
  'relabel/record': { params: RelabelParams; result: { recorded: number } };
  /** Asks the user for a note on the pair (VS Code's input box) and records it. */
  'relabel/note': { params: RelabelNoteParams; result: { recorded: number } };
  /** The dashboard's numbers: the same report the CLI prints (accuracy, ensemble, agreement). */
  'dashboard/report': { params: Record<string, never>; result: Report };
}

export type RequestMethod = keyof RequestMap;

export interface RequestMessage<M extends RequestMethod = RequestMethod> {
  kind: 'request';
  id: number;
  method: M;
  params: RequestMap[M]['params'];
}

export type ResponseMessage<M extends RequestMethod = RequestMethod> =
  | { kind: 'response'; id: number; ok: true; result: RequestMap[M]['result'] }
  | { kind: 'response'; id: number; ok: false; error: string };

/** The webview says it is ready to receive notifications (the handshake). */
export interface ReadyMessage {
  kind: 'ready';
}

/** Where the host is with the dataset's index. */
export type IndexState =
  | { state: 'indexing'; percent: number; message: string }
  | { state: 'ready'; summary: DatasetSummary }
  | { state: 'failed'; message: string };

export interface NotificationMap {
  'index/didChangeState': IndexState;
  /** The ready index changed under the editor (scores attached or detached): re-query, keep the UI state. */
  'dataset/didChange': DatasetSummary;
  /** Relabels changed (recorded, undone, saved, reverted): refresh marks; `pending` = unsaved pairs. */
  'relabels/didChange': { pending: number };
  'search/didProgress': SearchProgress;
}

export type NotificationMethod = keyof NotificationMap;

export interface NotificationMessage<M extends NotificationMethod = NotificationMethod> {
  kind: 'notification';
  method: M;
  params: NotificationMap[M];
}

export type WebviewToHostMessage = RequestMessage | ReadyMessage;
export type HostToWebviewMessage = ResponseMessage | NotificationMessage;

/** Limits the host enforces on requests (a page larger than this is refused, not truncated). */
export const MAX_PAGE_SIZE = 500;
