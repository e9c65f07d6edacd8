import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateWebviewMessage } from '../../../src/editor/validateWebviewMessage.ts';
import { MAX_PAGE_SIZE } from '../../../src/protocol.ts';

test('well-formed messages pass unchanged', () => {
  assert.deepEqual(validateWebviewMessage({ kind: 'ready' }), { kind: 'ready' });
  const page = { kind: 'request', id: 3, method: 'badLines/page', params: { start: 0, limit: 100 } };
  assert.deepEqual(validateWebviewMessage(page), page);
  const detail = { kind: 'request', id: 4, method: 'pair/detail', params: { ord: 0 } };
  assert.deepEqual(validateWebviewMessage(detail), detail);
});

test('anything else is refused with a reason', () => {
  const cases: [unknown, RegExp][] = [
    [null, /not an object/],
    ['ready', /not an object/],
    [{ kind: 'execute', command: 'workbench.action.quit' }, /unknown message kind/],
    [{ kind: 'request', id: -1, method: 'pair/detail', params: { ord: 0 } }, /id/],
    [{ kind: 'request', id: 1.5, method: 'pair/detail', params: { ord: 0 } }, /id/],
    [{ kind: 'request', id: 1, method: 'fs/delete', params: {} }, /unknown request method/],
    [{ kind: 'request', id: 1, method: 'toString', params: {} }, /unknown request method/],
    [{ kind: 'request', id: 1, method: 'pair/detail', params: { ord: '0' } }, /ord/],
    [{ kind: 'request', id: 1, method: 'pair/detail', params: { ord: -2 } }, /ord/],
    [{ kind: 'request', id: 1, method: 'badLines/page', params: { start: 0, limit: MAX_PAGE_SIZE + 1 } }, /limit/],
    [{ kind: 'request', id: 1, method: 'badLines/page', params: [1, 2] }, /params/],
    // The old keyset page of file order is gone: the list pages through pairs/query.
    [{ kind: 'request', id: 1, method: 'pairs/page', params: { afterOrd: -1, limit: 10 } }, /unknown request method/],
  ];
  for (const [message, reason] of cases) {
    const result = validateWebviewMessage(message);
    assert.ok('invalid' in result, `refused: ${JSON.stringify(message)}`);
    assert.match(result.invalid, reason);
  }
});

test('list requests are checked in every member, query included', () => {
  const query = { sort: { key: 'mu', direction: 'asc' }, filter: { flags: ['flipCandidate'], text: 'kill' } };
  const accepted = [
    { method: 'pairs/query', params: { query, start: 500000, limit: 100 } },
    { method: 'pairs/count', params: { filter: query.filter } },
    { method: 'pairs/position', params: { query, ord: 12 } },
    { method: 'badLines/page', params: { start: 0, limit: MAX_PAGE_SIZE } },
    { method: 'badLines/open', params: { line: 1 } },
    { method: 'badLines/open', params: { line: 1_000_000 } },
    { method: 'pairs/count', params: { filter: { status: 'pending' } } },
    { method: 'pairs/query', params: { query: { sort: { key: 'status', direction: 'desc' }, filter: { status: 'relabeled' } }, start: 0, limit: 10 } },
    { method: 'search/status', params: {} },
    { method: 'search/build', params: {} },
    { method: 'search/cancel', params: {} },
  ];
  for (const request of accepted) {
    const message = { kind: 'request', id: 9, ...request };
    assert.deepEqual(validateWebviewMessage(message), message);
  }
  const refused: [unknown, RegExp][] = [
    [{ method: 'pairs/query', params: { query, start: -1, limit: 10 } }, /start/],
    [{ method: 'pairs/query', params: { query, start: 0, limit: MAX_PAGE_SIZE + 1 } }, /limit/],
    [{ method: 'pairs/query', params: { query, start: 0, limit: 10, sql: 'DROP TABLE pairs' } }, /unknown parameter "sql"/],
    [{ method: 'pairs/query', params: { query: { ...query, sort: { key: 'rowid', direction: 'asc' } }, start: 0, limit: 10 } }, /sort\.key/],
    [{ method: 'pairs/query', params: { start: 0, limit: 10 } }, /query must be an object/],
    [{ method: 'pairs/count', params: { filter: { flags: ['nope'] } } }, /flags/],
    [{ method: 'pairs/count', params: {} }, /filter must be an object/],
    [{ method: 'pairs/position', params: { query, ord: 1.5 } }, /ord/],
    [{ method: 'badLines/page', params: { start: 0 } }, /limit/],
    [{ method: 'badLines/open', params: { line: 0 } }, /line must be a positive integer/],
    [{ method: 'badLines/open', params: { line: '12' } }, /line must be a positive integer/],
    [{ method: 'badLines/open', params: { line: 2.5 } }, /line/],
    [{ method: 'badLines/open', params: {} }, /line/],
    [{ method: 'badLines/open', params: { line: 3, path: '/etc/passwd' } }, /unknown parameter "path"/],
    [{ method: 'pairs/count', params: { filter: { status: 'reviewed' } } }, /filter\.status/],
    [{ method: 'search/build', params: { force: true } }, /empty object/],
  ];
  for (const [request, reason] of refused) {
    const result = validateWebviewMessage({ kind: 'request', id: 9, ...(request as object) });
    assert.ok('invalid' in result, `refused: ${JSON.stringify(request)}`);
    assert.match(result.invalid, reason);
  }
});
