import { isRelabelAction } from '../core/relabels/relabelDecision.ts';
import { MAX_PAGE_SIZE, type RequestMap, type RequestMethod, type WebviewToHostMessage } from '../protocol.ts';
import { pairFilterProblem, pairQueryProblem } from './validatePairQuery.ts';

/**
 * The webview renders untrusted dataset text, so the host treats what it sends as untrusted too:
 * every message is checked against the protocol before anything acts on it.
 */
export function validateWebviewMessage(raw: unknown): WebviewToHostMessage | { invalid: string } {
  if (!isObject(raw)) return { invalid: 'message is not an object' };
  if (raw.kind === 'ready') return { kind: 'ready' };
  if (raw.kind !== 'request') return { invalid: `unknown message kind ${JSON.stringify(raw.kind)}` };
  if (!isNonNegativeInteger(raw.id)) return { invalid: 'request id must be a non-negative integer' };
  const method = raw.method;
  if (typeof method !== 'string' || !Object.hasOwn(paramValidators, method)) {
    return { invalid: `unknown request method ${JSON.stringify(method)}` };
  }
  const validate = paramValidators[method as RequestMethod];
  const problem = validate(raw.params);
  if (problem) return { invalid: `${method}: ${problem}` };
  return { kind: 'request', id: raw.id, method: method as RequestMethod, params: raw.params as RequestMap[RequestMethod]['params'] };
}

type ParamValidator = (params: unknown) => string | null;

const paramValidators: Record<RequestMethod, ParamValidator> = {
  'dataset/summary': (params) => (isObject(params) ? null : 'params must be an object'),
  'pair/detail': (params) => {
    if (!isObject(params)) return 'params must be an object';
    return isNonNegativeInteger(params.ord) ? null : 'ord must be a non-negative integer';
  },
  'pairs/query': (params) => {
    if (!isObject(params)) return 'params must be an object';
    return unknownParam(params, ['query', 'start', 'limit']) ?? pairQueryProblem(params.query) ?? pageProblem(params);
  },
  'pairs/count': (params) => {
    if (!isObject(params)) return 'params must be an object';
    return unknownParam(params, ['filter']) ?? pairFilterProblem(params.filter);
  },
  'pairs/position': (params) => {
    if (!isObject(params)) return 'params must be an object';
    const problem = unknownParam(params, ['query', 'ord']) ?? pairQueryProblem(params.query);
    return problem ?? (isNonNegativeInteger(params.ord) ? null : 'ord must be a non-negative integer');
  },
  'badLines/page': (params) => {
    if (!isObject(params)) return 'params must be an object';
    return unknownParam(params, ['start', 'limit']) ?? pageProblem(params);
  },
  'badLines/open': (params) => {
    if (!isObject(params)) return 'params must be an object';
    const problem = unknownParam(params, ['line']);
    return problem ?? (isNonNegativeInteger(params.line) && params.line >= 1 ? null : 'line must be a positive integer');
  },
  'search/status': noParams,
  'search/build': noParams,
  'search/cancel': noParams,
  'dashboard/report': (params) => (isObject(params) ? null : 'params must be an object'),
  'relabel/record': (params) => {
    if (!isObject(params)) return 'params must be an object';
    const unknown = unknownParam(params, ['target', 'action', 'note']);
    if (unknown) return unknown;
    if (!isRelabelAction(params.action)) return 'action must be flip, tie, drop or restore';
    if (params.note !== undefined && (typeof params.note !== 'string' || params.note.length > MAX_NOTE_LENGTH)) {
      return `note must be a string of at most ${MAX_NOTE_LENGTH} characters`;
    }
    const target = params.target;
    if (!isObject(target)) return 'target must be an object';
    if ('ords' in target) {
      const ords = target.ords;
      if (!Array.isArray(ords) || ords.length === 0 || ords.length > MAX_TARGET_ORDS || !ords.every(isNonNegativeInteger)) {
        return `target.ords must be 1 to ${MAX_TARGET_ORDS} non-negative integers`;
      }
      return unknownParam(target, ['ords']);
    }
    return unknownParam(target, ['query']) ?? pairQueryProblem(target.query);
  },
  'relabel/note': (params) => {
    if (!isObject(params)) return 'params must be an object';
    return unknownParam(params, ['ord']) ?? (isNonNegativeInteger(params.ord) ? null : 'ord must be a non-negative integer');
  },
  'link/open': (params) => {
    if (!isObject(params)) return 'params must be an object';
    return typeof params.href === 'string' && params.href.length <= 4096 ? null : 'href must be a string of at most 4096 characters';
  },
};

/** `start` and `limit` of an offset page. */
function pageProblem(params: Record<string, unknown>): string | null {
  if (!isNonNegativeInteger(params.start)) return 'start must be a non-negative integer';
  if (!isNonNegativeInteger(params.limit) || params.limit > MAX_PAGE_SIZE) return `limit must be an integer from 0 to ${MAX_PAGE_SIZE}`;
  return null;
}

function unknownParam(params: Record<string, unknown>, known: readonly string[]): string | null {
  const extra = Object.keys(params).find((key) => !known.includes(key));
  return extra === undefined ? null : `unknown parameter ${JSON.stringify(extra)}`;
}

function noParams(params: unknown): string | null {
  return isObject(params) && Object.keys(params).length === 0 ? null : 'params must be an empty object';
}

/** A selection sent by ords; a whole filter goes as its query. */
const MAX_TARGET_ORDS = 10_000;
const MAX_NOTE_LENGTH = 10_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
