import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { PairQuery } from '../../src/core/query/pairQuery.ts';
import type { DatasetSummary, IndexState, PairDetail } from '../../src/protocol.ts';
import { HostConnection } from '../ipc.ts';
import { BadLinePages } from '../state/badLinePages.ts';
import { PairPages } from '../state/pairPages.ts';
import type { RrFilterBar } from './rr-filter-bar.ts';
import type { RrPairList } from './rr-pair-list.ts';
import type { ResponseView } from './rr-pair-view.ts';
import type { RelabelAction } from '../../src/core/relabels/relabelDecision.ts';
import type { Report } from '../../src/core/reports/reportTypes.ts';
import './rr-dashboard.ts';
import './rr-filter-bar.ts';
import './rr-key-help.ts';
import './rr-pair-list.ts';
import './rr-pair-view.ts';

/** UI state only, restored when the tab comes back or VS Code restarts; never rows. */
interface SavedState {
  query: PairQuery;
  selectedIndex: number;
  view: ResponseView;
  tab: number;
  /** The list shows the bad lines (selectedIndex is then a position among them). */
  badLines?: boolean;
}

const PAIRS_TAB = 0;
const DASHBOARD_TAB = 1;

const DEFAULT_QUERY: PairQuery = { sort: { key: 'ord', direction: 'asc' }, filter: {} };

/** The keys that relabel the selected pair (listed with the others in rr-key-help.ts). */
const RELABEL_KEYS: Partial<Record<string, RelabelAction | 'note'>> = { f: 'flip', t: 'tie', x: 'drop', r: 'restore', n: 'note' };

/**
 * The Reward Review editor: the dataset's pairs (searched, filtered, sorted, virtualized) beside
 * the selected pair. Rows and pairs are fetched from the host on request.
 *
 * @tag rr-app
 * @cssprop --vscode-foreground, --vscode-descriptionForeground, --vscode-errorForeground,
 *   --vscode-font-family, --vscode-font-size, --vscode-panel-border
 */
@customElement('rr-app')
export class RrApp extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
      box-sizing: border-box;
      padding: 8px 12px 0;
      color: var(--vscode-foreground);
      font-family: var(--vscode-font-family);
      font-size: var(--vscode-font-size);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
      padding-bottom: 6px;
      border-bottom: 1px solid var(--vscode-panel-border);
    }
    h1 {
      font-size: 1.15em;
      font-weight: 600;
      margin: 0;
    }
    .muted {
      color: var(--vscode-descriptionForeground);
    }
    .error {
      color: var(--vscode-errorForeground);
    }
    .indexing {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    vscode-tabs {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    vscode-tab-panel {
      height: calc(100vh - 110px);
      overflow: hidden;
    }
    vscode-split-layout {
      height: 100%;
      border: none;
    }
    .list-pane {
      display: flex;
      flex-direction: column;
      height: 100%;
      padding-right: 6px;
      box-sizing: border-box;
      overflow: hidden;
    }
    rr-pair-list {
      flex: 1;
      min-height: 0;
    }
    .detail-pane {
      height: 100%;
      overflow: auto;
      padding: 8px 4px 12px 12px;
      box-sizing: border-box;
    }
    .help-button {
      margin-left: auto;
    }
  `;

  @state() private indexState: IndexState = { state: 'indexing', percent: 0, message: 'Starting…' };
  @state() private pages: PairPages | null = null;
  /** Set while the list shows the dataset's bad lines instead of pairs. */
  @state() private badLines: BadLinePages | null = null;
  @state() private pagesVersion = 0;
  @state() private query: PairQuery = DEFAULT_QUERY;
  @state() private selectedIndex = -1;
  @state() private detail: PairDetail | null = null;
  @state() private detailError = '';
  @state() private view: ResponseView = 'markdown';
  @state() private showKeys = false;
  @state() private searchStatus = '';
  @state() private tab = PAIRS_TAB;
  @state() private pendingRelabels = 0;
  @state() private report: Report | null = null;
  @state() private reportError = '';

  @query('rr-pair-list') private list?: RrPairList;
  @query('rr-filter-bar') private filterBar?: RrFilterBar;

  private readonly host = new HostConnection();
  /** The latest selection wins when keys are held down: older detail replies are dropped. */
  private detailRequest = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = this.host.getState<SavedState>();
    if (saved) {
      this.query = saved.query ?? DEFAULT_QUERY;
      this.view = saved.view ?? 'markdown';
      this.tab = saved.tab ?? PAIRS_TAB;
    }
    this.host.on('search/didProgress', (progress) => {
      this.searchStatus = `building the search index… ${Math.round(progress.fraction * 100)}%`;
    });
    this.host.on('relabels/didChange', (change) => {
      this.pendingRelabels = change.pending;
      if (this.badLines) return;
      // A status filter or sort is a different list now (its count too); otherwise only marks changed.
      if (this.query.filter.status !== undefined || this.query.sort.key === 'status') {
        void this.runQuery(this.query, Math.max(0, this.selectedIndex));
        return;
      }
      this.pages?.refresh();
      if (this.pages && this.selectedIndex >= 0) void this.select(this.selectedIndex);
    });
    this.host.on('dataset/didChange', (summary) => {
      if (this.indexState.state !== 'ready') return;
      this.indexState = { state: 'ready', summary };
      this.report = null;
      if (this.tab === DASHBOARD_TAB) void this.loadReport();
      if (this.badLines) void this.showBadLines(Math.max(0, this.selectedIndex));
      else void this.runQuery(this.query, Math.max(0, this.selectedIndex));
    });
    this.host.on('index/didChangeState', (next) => {
      const becameReady = next.state === 'ready' && this.indexState.state !== 'ready';
      this.indexState = next;
      if (becameReady) {
        performance.mark('rr:index-ready');
        if (saved?.badLines && next.summary.badRecords > 0) void this.showBadLines(saved.selectedIndex ?? 0);
        else void this.runQuery(this.query, saved?.selectedIndex ?? 0);
        if (this.tab === DASHBOARD_TAB) void this.loadReport();
      }
    });
    window.addEventListener('keydown', this.onKeyDown);
    this.addEventListener('rr-open-link', (event) => {
      void this.host.request('link/open', { href: (event as CustomEvent<{ href: string }>).detail.href });
    });
    this.addEventListener('rr-view-change', (event) => {
      this.view = (event as CustomEvent<{ view: ResponseView }>).detail.view;
      this.saveState();
    });
    this.addEventListener('rr-relabel', (event) => {
      const { action, scope } = (event as CustomEvent<{ action: RelabelAction | 'note'; scope: 'pair' | 'filter' }>).detail;
      void this.relabel(action, scope);
    });
    this.addEventListener('rr-filter-request', (event) => {
      const { filter } = (event as CustomEvent<{ filter: PairQuery['filter'] }>).detail;
      this.switchTab(PAIRS_TAB);
      void this.runQuery({ ...this.query, filter }, 0);
    });
    // The rr:* marks time the steps of opening (bench/uiBench.ts reads them; DevTools shows them).
    performance.mark('rr:ready');
    this.host.ready();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    super.disconnectedCallback();
  }

  override render() {
    const s = this.indexState;
    if (s.state === 'indexing') {
      return html`<div class="indexing" role="status">
        <vscode-progress-ring></vscode-progress-ring>
        <span>Indexing… ${s.percent}% <span class="muted">${s.message}</span></span>
      </div>`;
    }
    if (s.state === 'failed') return html`<p class="error" role="alert" data-testid="index-error">${s.message}</p>`;
    return html`
      ${this.renderHeader(s.summary)}
      <vscode-tabs .selectedIndex=${this.tab} @vsc-tabs-select=${(event: CustomEvent<{ selectedIndex: number }>) => this.switchTab(event.detail.selectedIndex)}>
        <vscode-tab-header slot="header" data-testid="tab-pairs">Pairs</vscode-tab-header>
        <vscode-tab-header slot="header" data-testid="tab-dashboard">Dashboard</vscode-tab-header>
        <vscode-tab-panel>
      <vscode-split-layout split="vertical" initial-handle-position="50%" min-start="300px" min-end="320px">
        <div slot="start" class="list-pane">
          <rr-filter-bar
            .filter=${this.query.filter}
            .choices=${{ subsets: s.summary.subsets, models: s.summary.models }}
            .matching=${this.pages?.total ?? 0}
            .total=${s.summary.pairs}
            .searchStatus=${this.searchStatus}
            .canRelabel=${(this.pages?.total ?? 0) > 0}
            .badLineCount=${s.summary.badRecords}
            .showingBadLines=${this.badLines !== null}
            @rr-filter-change=${(event: CustomEvent<{ filter: PairQuery['filter'] }>) => void this.runQuery({ ...this.query, filter: event.detail.filter }, 0)}
            @rr-bad-lines=${() => void this.showBadLines(0)}
          ></rr-filter-bar>
          <rr-pair-list
            .pages=${this.pages}
            .badLines=${this.badLines}
            .version=${this.pagesVersion}
            .sort=${this.query.sort}
            .selectedIndex=${this.selectedIndex}
            @rr-select=${(event: CustomEvent<{ index: number }>) => void this.onRowClick(event.detail.index)}
            @rr-sort-change=${(event: CustomEvent<{ sort: PairQuery['sort'] }>) => void this.runQuery({ ...this.query, sort: event.detail.sort }, 0)}
          ></rr-pair-list>
        </div>
        <div slot="end" class="detail-pane" tabindex="-1">
          ${this.detailError ? html`<p class="error" role="alert">${this.detailError}</p>` : nothing}
          ${this.badLines
            ? this.renderBadLineDetail(this.badLines)
            : this.detail
              ? html`<rr-pair-view .detail=${this.detail} .view=${this.view}></rr-pair-view>`
              : html`<p class="muted">${this.pages?.total === 0 ? 'No pair matches the filter.' : ''}</p>`}
        </div>
      </vscode-split-layout>
        </vscode-tab-panel>
        <vscode-tab-panel>
          ${this.reportError ? html`<p class="error" role="alert">${this.reportError}</p>` : nothing}
          ${this.tab === DASHBOARD_TAB ? html`<rr-dashboard .report=${this.report} .models=${s.summary.models}></rr-dashboard>` : nothing}
        </vscode-tab-panel>
      </vscode-tabs>
      ${this.showKeys ? html`<rr-key-help @close=${() => (this.showKeys = false)}></rr-key-help>` : nothing}
    `;
  }

  private renderHeader(summary: DatasetSummary) {
    return html`<header>
      <h1>${summary.fileName}</h1>
      <span data-testid="pair-count"><vscode-badge>${summary.pairs.toLocaleString('en-US')}</vscode-badge> pairs</span>
      ${summary.badRecords > 0
        ? html`<span class="error" data-testid="bad-count">${summary.badRecords.toLocaleString('en-US')} bad records (see Problems)</span>`
        : nothing}
      <span class="muted" title=${summary.formatSummary}>${summary.format}</span>
      ${summary.models.length > 0 ? html`<span class="muted">${summary.models.length} reward models</span>` : nothing}
      ${this.pendingRelabels > 0 ? html`<span data-testid="pending-relabels" title="Save (Ctrl+S) writes them to the dataset; Revert discards them">${this.pendingRelabels.toLocaleString('en-US')} unsaved relabels</span>` : nothing}
      <span class="muted" data-testid="position">${this.selectedIndex >= 0 && this.listed ? `${(this.selectedIndex + 1).toLocaleString('en-US')} / ${this.listed.total.toLocaleString('en-US')}` : ''}</span>
      <vscode-button class="help-button" secondary icon="keyboard" title="Keyboard shortcuts (?)" @click=${() => (this.showKeys = true)}>Keys</vscode-button>
    </header>`;
  }

  /** The selected bad line's reason in full (the row may cut it), and how to open it. */
  private renderBadLineDetail(lines: BadLinePages) {
    const row = this.selectedIndex >= 0 ? lines.rowAt(this.selectedIndex) : null;
    if (!row) return html`<p class="muted">${lines.total === 0 ? 'This dataset has no bad lines.' : ''}</p>`;
    return html`<h2 data-testid="bad-line-title">Line ${row.line.toLocaleString('en-US')}</h2>
      <p data-testid="bad-line-reason">${row.reason}</p>
      <p class="muted">Enter opens the line in the text editor.</p>`;
  }

  /** What the list shows: the pairs of the query, or the bad lines. */
  private get listed(): { total: number } | null {
    return this.badLines ?? this.pages;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const path = event.composedPath();
    if (path.some((target) => target instanceof HTMLElement && /^(INPUT|TEXTAREA|VSCODE-TEXTFIELD|VSCODE-SINGLE-SELECT)$/.test(target.tagName))) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const relabelAction = RELABEL_KEYS[event.key];
    if (relabelAction) {
      event.preventDefault();
      void this.relabel(relabelAction, 'pair');
      return;
    }
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        void this.select(this.selectedIndex + 1);
        break;
      case 'k':
      case 'ArrowUp':
        void this.select(this.selectedIndex - 1);
        break;
      case 'Home':
        void this.select(0);
        break;
      case 'End':
        void this.select((this.listed?.total ?? 1) - 1);
        break;
      case 'Enter':
        if (this.badLines) void this.openBadLine(this.selectedIndex);
        else (this.renderRoot.querySelector('.detail-pane') as HTMLElement | null)?.focus();
        break;
      case '/':
        this.filterBar?.focusSearch();
        break;
      case 'g':
        this.switchTab(this.tab === PAIRS_TAB ? DASHBOARD_TAB : PAIRS_TAB);
        break;
      case '?':
        this.showKeys = !this.showKeys;
        break;
      case 'Escape':
        this.showKeys = false;
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  private async runQuery(next: PairQuery, selectIndex: number): Promise<void> {
    this.query = next;
    this.badLines = null;
    // Full-text search needs the search index, built once on the first search (with progress).
    if (next.filter.text && !(await this.ensureSearchIndex())) return;
    const pages = new PairPages(this.host, next, () => this.pagesVersion++);
    try {
      await pages.start();
    } catch (error) {
      this.detailError = error instanceof Error ? error.message : String(error);
      return;
    }
    performance.mark('rr:first-page');
    this.pages = pages;
    this.selectedIndex = -1;
    this.detail = null;
    this.saveState();
    if (pages.total > 0) await this.select(Math.min(Math.max(0, selectIndex), pages.total - 1));
  }

  /** Switches the list to the dataset's bad lines; choosing a filter switches back to pairs. */
  private async showBadLines(selectIndex: number): Promise<void> {
    const lines = new BadLinePages(this.host, () => this.pagesVersion++);
    try {
      await lines.start();
    } catch (error) {
      this.detailError = error instanceof Error ? error.message : String(error);
      return;
    }
    this.badLines = lines;
    this.detail = null;
    this.detailError = '';
    this.selectedIndex = -1;
    if (lines.total > 0) await this.select(Math.min(Math.max(0, selectIndex), lines.total - 1));
    this.saveState();
  }

  private async onRowClick(index: number): Promise<void> {
    if (this.badLines) await this.openBadLine(index);
    else await this.select(index);
  }

  /** Shows the bad line at a position in VS Code's text editor, cursor on it. */
  private async openBadLine(index: number): Promise<void> {
    const lines = this.badLines;
    if (!lines || index < 0) return;
    await this.select(index);
    const row = await lines.fetchRow(index);
    if (!row) return;
    try {
      await this.host.request('badLines/open', { line: row.line });
    } catch (error) {
      this.detailError = error instanceof Error ? error.message : String(error);
    }
  }

  /** A decision on the selected pair, or on every pair of the filter (the host confirms the count). */
  private async relabel(action: RelabelAction | 'note', scope: 'pair' | 'filter'): Promise<void> {
    if (this.badLines) return;
    // The selected row, not the pair shown: its detail may still be on its way.
    const ord = this.selectedIndex >= 0 ? (await this.pages?.fetchRow(this.selectedIndex))?.ord : undefined;
    try {
      if (action === 'note') {
        if (ord !== undefined) await this.host.request('relabel/note', { ord });
      } else if (scope === 'filter') {
        await this.host.request('relabel/record', { target: { query: this.query }, action });
      } else if (ord !== undefined) {
        await this.host.request('relabel/record', { target: { ords: [ord] }, action });
      }
    } catch (error) {
      this.detailError = error instanceof Error ? error.message : String(error);
    }
  }

  private switchTab(tab: number): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.saveState();
    if (tab === DASHBOARD_TAB && !this.report) void this.loadReport();
  }

  private async loadReport(): Promise<void> {
    try {
      this.report = await this.host.request('dashboard/report', {});
      this.reportError = '';
    } catch (error) {
      this.reportError = error instanceof Error ? error.message : String(error);
    }
  }

  private async ensureSearchIndex(): Promise<boolean> {
    try {
      let status = await this.host.request('search/status', {});
      if (status.state !== 'ready') {
        this.searchStatus = 'building the search index…';
        status = await this.host.request('search/build', {});
      }
      this.searchStatus = status.state === 'ready' ? '' : 'search index not ready';
      return status.state === 'ready';
    } catch (error) {
      this.searchStatus = `search unavailable: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
  }

  private async select(index: number): Promise<void> {
    if (this.badLines) {
      if (index < 0 || index >= this.badLines.total) return;
      this.selectedIndex = index;
      this.list?.reveal(index);
      await this.badLines.fetchRow(index);
      this.pagesVersion++;
      this.saveState();
      return;
    }
    const pages = this.pages;
    if (!pages || index < 0 || index >= pages.total) return;
    this.selectedIndex = index;
    this.list?.reveal(index);
    const request = ++this.detailRequest;
    try {
      const row = await pages.fetchRow(index);
      if (!row || request !== this.detailRequest) return;
      const detail = await this.host.request('pair/detail', { ord: row.ord });
      if (request !== this.detailRequest) return;
      performance.mark('rr:detail');
      this.detail = detail;
      this.detailError = '';
      this.saveState();
    } catch (error) {
      this.detailError = error instanceof Error ? error.message : String(error);
    }
  }

  private saveState(): void {
    this.host.setState<SavedState>({
      query: this.query,
      selectedIndex: this.selectedIndex,
      view: this.view,
      tab: this.tab,
      badLines: this.badLines !== null,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-app': RrApp;
  }
}
