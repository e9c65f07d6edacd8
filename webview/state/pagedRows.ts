/** Rows per request: one screenful and then some. */
export const PAGE_SIZE = 100;
/** Pages kept; older ones are dropped so scrolling a million rows holds a bounded number. */
const MAX_PAGES = 60;

/** What the virtual list reads: a length, the rows it has, and a way to ask for more. */
export interface RowSource<Row> {
  readonly total: number;
  rowAt(index: number): Row | null;
  ensure(first: number, last: number): void;
}

/** One offset page from the host, with the length of the whole list. */
export type FetchPage<Row> = (start: number, limit: number) => Promise<{ rows: Row[]; total: number }>;

/**
 * The rows of one list (a query's pairs, the bad lines), fetched from the host a page at a time as
 * the list asks for positions. The webview never holds the dataset: at most MAX_PAGES × PAGE_SIZE
 * rows are kept.
 */
export class PagedRows<Row> implements RowSource<Row> {
  total = 0;
  private readonly fetch: FetchPage<Row>;
  private readonly pages = new Map<number, Row[]>();
  private readonly loading = new Map<number, Promise<Row[]>>();
  private readonly onLoad: () => void;

  constructor(fetch: FetchPage<Row>, onLoad: () => void) {
    this.fetch = fetch;
    this.onLoad = onLoad;
  }

  /** Loads the first page and the total; call once before using the rows. */
  async start(): Promise<void> {
    await this.loadPage(0);
  }

  /**
   * Fetches the pages already shown again (their rows changed on the host: relabels). The old rows
   * stay on screen until the new ones arrive, so nothing flickers.
   */
  refresh(): void {
    for (const page of [...this.pages.keys()]) {
      void this.fetchPage(page).then(this.onLoad, () => undefined);
    }
  }

  /** The row at a position, if its page is here (else null; `ensure` fetches it). */
  rowAt(index: number): Row | null {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
  }

  /** Fetches (once) the pages covering positions first…last. */
  ensure(first: number, last: number): void {
    for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(Math.max(0, last) / PAGE_SIZE); page++) {
      if (!this.pages.has(page) && !this.loading.has(page)) void this.loadPage(page).then(this.onLoad, () => undefined);
    }
  }

  /** The row at a position, fetching its page when needed (null past the end). */
  async fetchRow(index: number): Promise<Row | null> {
    if (index < 0 || (this.total > 0 && index >= this.total)) return null;
    const page = await this.loadPage(Math.floor(index / PAGE_SIZE));
    return page[index % PAGE_SIZE] ?? null;
  }

  private loadPage(page: number): Promise<Row[]> {
    const cached = this.pages.get(page);
    if (cached) return Promise.resolve(cached);
    let pending = this.loading.get(page);
    if (!pending) {
      pending = this.fetchPage(page);
      pending.then(() => this.loading.delete(page), () => this.loading.delete(page));
      this.loading.set(page, pending);
    }
    return pending;
  }

  private async fetchPage(page: number): Promise<Row[]> {
    const result = await this.fetch(page * PAGE_SIZE, PAGE_SIZE);
    this.total = result.total;
    this.pages.set(page, result.rows);
    this.evict(page);
    return result.rows;
  }

  /** Drops the pages farthest from the one just loaded. */
  private evict(around: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const farthest = [...this.pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
    for (const page of farthest.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(page);
  }
}
