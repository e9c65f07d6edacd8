import type { PairQuery } from '../../src/core/query/pairQuery.ts';
import type { PairListRow } from '../../src/protocol.ts';
import type { HostConnection } from '../ipc.ts';
import { PagedRows } from './pagedRows.ts';

/** The pairs of one query (sort and filter), paged from the host. */
export class PairPages extends PagedRows<PairListRow> {
  readonly query: PairQuery;

  constructor(host: HostConnection, query: PairQuery, onLoad: () => void) {
    super((start, limit) => host.request('pairs/query', { query, start, limit }), onLoad);
    this.query = query;
  }
}
