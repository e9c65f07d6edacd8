import type { BadLineRow } from '../../src/protocol.ts';
import type { HostConnection } from '../ipc.ts';
import { PagedRows } from './pagedRows.ts';

/** The dataset's bad lines (records that are not pairs), in line order, paged from the host. */
export class BadLinePages extends PagedRows<BadLineRow> {
  constructor(host: HostConnection, onLoad: () => void) {
    super((start, limit) => host.request('badLines/page', { start, limit }), onLoad);
  }
}
