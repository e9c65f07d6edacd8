import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PairSort, PairSortKey } from '../../src/core/query/pairQuery.ts';
import type { BadLineRow, PairListRow } from '../../src/protocol.ts';
import { formatNumber } from '../render/formatNumber.ts';
import type { RowSource } from '../state/pagedRows.ts';

interface Column {
  key: PairSortKey | null;
  title: string;
  help: string;
}

const COLUMNS: Column[] = [
  { key: 'ord', title: 'Line', help: 'line in the file (file order)' },
  { key: 'subset', title: 'Subset', help: 'subset' },
  { key: 'preview', title: 'Prompt', help: 'start of the last user turn' },
  { key: 'mu', title: 'μ', help: 'ensemble mean margin: below 0 the models prefer the rejected response' },
  { key: 'sigma', title: 'σ', help: 'spread of the models’ margins: large when they disagree' },
  { key: 'votesNegative', title: 'Votes', help: 'models agreeing / disagreeing with the label' },
  { key: 'lengthDiff', title: 'Δlen', help: 'chosen length − rejected length (characters)' },
  { key: 'label', title: 'Tie', help: 'the dataset’s label (tie or not)' },
  { key: 'status', title: 'Review', help: 'your decision (• not saved yet)' },
];

/** Row height in px: fixed, so a position maps to a scroll offset without measuring. */
const ROW_HEIGHT = 22;
/**
 * The tallest scroll area used. Browsers cap an element's height (Chromium near 8.4 M px, so 22 px
 * rows stop at ~380,000); past this the scrollbar maps to positions proportionally instead.
 */
const MAX_SCROLL_HEIGHT = 4_000_000;
/** Rows rendered beyond the visible ones, so a small scroll shows rows already there. */
const OVERSCAN = 10;

/**
 * The pairs of the current query, virtualized with our own scroller (as VS Code's hex editor does,
 * for the same reason: a million rows are taller than a browser lets an element be): only the
 * visible rows are in the DOM and only their pages are fetched. Clicking a column header sorts by
 * it; clicking a row selects the pair. With `badLines` set, the same scroller lists the dataset's
 * bad lines (line and reason) instead.
 *
 * @tag rr-pair-list
 * @fires rr-select - detail `{ index }` when a row (a pair or a bad line) is clicked
 * @fires rr-sort-change - detail `{ sort }` when a column header is clicked
 * @cssprop --vscode-list-activeSelectionBackground, --vscode-list-activeSelectionForeground,
 *   --vscode-list-hoverBackground, --vscode-descriptionForeground, --vscode-panel-border,
 *   --vscode-list-errorForeground, --vscode-editor-font-family,
 *   --vscode-focusBorder, --vscode-contrastActiveBorder
 */
@customElement('rr-pair-list')
export class RrPairList extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      height: 100%;
      overflow: hidden;
    }
    .row {
      display: grid;
      grid-template-columns: 44px 76px minmax(60px, 1fr) 52px 46px 40px 46px 28px 64px;
      gap: 6px;
      align-items: center;
      height: 22px;
      padding: 0 6px;
      white-space: nowrap;
      cursor: default;
      width: 100%;
      box-sizing: border-box;
    }
    .row > span {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .header {
      border-bottom: 1px solid var(--vscode-panel-border);
      color: var(--vscode-descriptionForeground);
      font-weight: 600;
    }
    .header button {
      all: unset;
      cursor: pointer;
    }
    .header button:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
    }
    .viewport {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      overflow-x: hidden;
      position: relative;
      outline: none;
    }
    .viewport:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
      outline-offset: -1px;
    }
    .spacer {
      width: 1px;
    }
    .rows {
      position: absolute;
      top: 0;
      left: 0;
      right: 0;
    }
    /* As VS Code's lists: a high-contrast theme has no hover or selection background, only these
       outlines; other themes define no contrastActiveBorder, which leaves the outline unset. */
    .pair:hover {
      background: var(--vscode-list-hoverBackground);
      outline: 1px dashed var(--vscode-contrastActiveBorder);
      outline-offset: -1px;
    }
    .pair[aria-selected='true'] {
      background: var(--vscode-list-activeSelectionBackground);
      color: var(--vscode-list-activeSelectionForeground);
      outline: 1px dotted var(--vscode-contrastActiveBorder);
      outline-offset: -1px;
    }
    .num {
      text-align: right;
      font-family: var(--vscode-editor-font-family);
      font-variant-numeric: tabular-nums;
    }
    .negative {
      color: var(--vscode-list-errorForeground);
    }
    .placeholder {
      color: var(--vscode-descriptionForeground);
    }
    .empty {
      padding: 12px;
      color: var(--vscode-descriptionForeground);
    }
    .row.bad-line {
      grid-template-columns: 64px minmax(60px, 1fr);
    }
  `;

  @property({ attribute: false }) pages: RowSource<PairListRow> | null = null;
  /** When set, the list shows these bad lines rather than the pairs. */
  @property({ attribute: false }) badLines: RowSource<BadLineRow> | null = null;
  @property({ attribute: false }) sort: PairSort = { key: 'ord', direction: 'asc' };
  @property({ type: Number }) selectedIndex = -1;
  /** Bumped by the owner when pages arrive, so the visible rows re-render. */
  @property({ type: Number }) version = 0;

  @state() private scrolled = 0;
  @state() private viewportHeight = 0;
  @query('.viewport') private viewport?: HTMLElement;
  private resizeObserver?: ResizeObserver;

  /** Scrolls so the row at `index` is visible (the least movement that does it). */
  reveal(index: number): void {
    const { first, fullRows } = this.layout();
    if (index >= first && index < first + fullRows) return;
    const target = index < first ? index : index - fullRows + 1;
    if (this.viewport) this.viewport.scrollTop = this.offsetOf(Math.max(0, target));
  }

  override firstUpdated(): void {
    this.resizeObserver = new ResizeObserver(() => {
      this.viewportHeight = this.viewport?.clientHeight ?? 0;
    });
    if (this.viewport) this.resizeObserver.observe(this.viewport);
  }

  override disconnectedCallback(): void {
    this.resizeObserver?.disconnect();
    super.disconnectedCallback();
  }

  override updated(changed: PropertyValues<this>): void {
    if ((changed.has('pages') || changed.has('badLines')) && this.viewport) {
      // A new query starts at the top.
      this.viewport.scrollTop = 0;
      this.scrolled = 0;
    }
    const { first, count, top, height } = this.layout();
    // Through CSSOM, not a style attribute: the webview's CSP allows no inline style attributes.
    const spacer = this.renderRoot.querySelector<HTMLElement>('.spacer');
    const rows = this.renderRoot.querySelector<HTMLElement>('.rows');
    if (spacer) spacer.style.height = `${height}px`;
    if (rows) rows.style.transform = `translateY(${top}px)`;
    this.source?.ensure(first, first + count);
  }

  /** What the scroller lists: the bad lines when shown, else the pairs. */
  private get source(): RowSource<PairListRow> | RowSource<BadLineRow> | null {
    return this.badLines ?? this.pages;
  }

  /**
   * Which rows the scroll position shows. Up to MAX_SCROLL_HEIGHT one row is ROW_HEIGHT px of
   * scrolling; beyond it the scroll range maps linearly onto the positions, and the rows are drawn
   * at the top of the viewport.
   */
  private layout(): { first: number; count: number; fullRows: number; top: number; height: number } {
    const total = this.source?.total ?? 0;
    const viewport = Math.max(this.viewportHeight, ROW_HEIGHT);
    const fullRows = Math.max(1, Math.floor(viewport / ROW_HEIGHT));
    const natural = total * ROW_HEIGHT;
    const height = Math.min(natural, MAX_SCROLL_HEIGHT);
    let first: number;
    let top: number;
    if (natural <= MAX_SCROLL_HEIGHT) {
      first = Math.floor(this.scrolled / ROW_HEIGHT);
      top = first * ROW_HEIGHT;
    } else {
      const maxScroll = Math.max(1, height - viewport);
      const maxFirst = Math.max(0, total - fullRows);
      first = Math.round((Math.min(this.scrolled, maxScroll) / maxScroll) * maxFirst);
      top = this.scrolled;
    }
    first = Math.max(0, Math.min(first, Math.max(0, total - 1)));
    return { first, count: Math.min(total - first, fullRows + OVERSCAN), fullRows, top, height };
  }

  /** The scroll offset that puts row `first` at the top (the inverse of layout()). */
  private offsetOf(first: number): number {
    const total = this.source?.total ?? 0;
    const natural = total * ROW_HEIGHT;
    if (natural <= MAX_SCROLL_HEIGHT) return first * ROW_HEIGHT;
    const viewport = Math.max(this.viewportHeight, ROW_HEIGHT);
    const maxScroll = MAX_SCROLL_HEIGHT - viewport;
    const maxFirst = Math.max(1, total - Math.floor(viewport / ROW_HEIGHT));
    return Math.round((first / maxFirst) * maxScroll);
  }

  override render() {
    if (this.badLines) return this.renderBadLines(this.badLines);
    const pages = this.pages;
    return html`
      <div class="row header" role="row">
        ${COLUMNS.map((column) => html`<span role="columnheader" aria-sort=${this.sortState(column.key)} class=${['μ', 'σ', 'Δlen'].includes(column.title) ? 'num' : ''}>
          ${column.key
            ? html`<button title=${`Sort by ${column.help}`} @click=${() => this.sortBy(column.key)}>${column.title}${this.sortMark(column.key)}</button>`
            : html`<span title=${column.help}>${column.title}</span>`}
        </span>`)}
      </div>
      ${pages && pages.total === 0
        ? html`<p class="empty" role="status">No pairs match.</p>`
        : this.renderRows()}
    `;
  }

  private renderRows() {
    return html`<div class="viewport" role="listbox" aria-label="Pairs" @scroll=${this.onScroll}>
      <div class="spacer"></div>
      <div class="rows">${this.visibleIndices().map(this.renderRow())}</div>
    </div>`;
  }

  private visibleIndices(): number[] {
    const { first, count } = this.layout();
    return Array.from({ length: Math.max(0, count) }, (_, k) => first + k);
  }

  private renderBadLines(lines: RowSource<BadLineRow>) {
    return html`
      <div class="row bad-line header" role="row">
        <span role="columnheader">Line</span><span role="columnheader">Why it is not a pair</span>
      </div>
      ${lines.total === 0
        ? html`<p class="empty" role="status">No bad lines.</p>`
        : html`<div class="viewport" role="listbox" aria-label="Bad lines" @scroll=${this.onScroll}>
            <div class="spacer"></div>
            <div class="rows">${this.visibleIndices().map((index) => {
              const row = lines.rowAt(index);
              const selected = index === this.selectedIndex ? 'true' : 'false';
              if (!row) return html`<div class="row bad-line pair placeholder" role="option" aria-selected=${selected}><span>…</span></div>`;
              return html`<div
                class="row bad-line pair"
                role="option"
                id=${`bad-line-${row.line}`}
                data-line=${row.line}
                aria-selected=${selected}
                title="Enter or click: open the line in the text editor"
                @click=${() => this.dispatchEvent(new CustomEvent('rr-select', { detail: { index }, bubbles: true, composed: true }))}
              ><span class="num">${row.line}</span><span class="reason" title=${row.reason}>${row.reason}</span></div>`;
            })}</div>
          </div>`}
    `;
  }

  private onScroll(): void {
    this.scrolled = this.viewport?.scrollTop ?? 0;
  }

  private renderRow() {
    return (index: number) => {
      const row = this.pages?.rowAt(index) ?? null;
      const selected = index === this.selectedIndex;
      if (!row) {
        return html`<div class="row pair placeholder" role="option" aria-selected=${selected ? 'true' : 'false'}><span>…</span></div>`;
      }
      return html`<div
        class="row pair"
        role="option"
        id=${`pair-${row.ord}`}
        data-ord=${row.ord}
        aria-selected=${selected ? 'true' : 'false'}
        @click=${() => this.dispatchEvent(new CustomEvent('rr-select', { detail: { index }, bubbles: true, composed: true }))}
      >${rowCells(row)}</div>`;
    };
  }

  private sortBy(key: PairSortKey | null): void {
    if (!key) return;
    const direction = this.sort.key === key && this.sort.direction === 'asc' ? 'desc' : 'asc';
    this.dispatchEvent(new CustomEvent('rr-sort-change', { detail: { sort: { key, direction } }, bubbles: true, composed: true }));
  }

  private sortMark(key: PairSortKey | null) {
    if (key !== this.sort.key) return nothing;
    return this.sort.direction === 'asc' ? ' ▲' : ' ▼';
  }

  private sortState(key: PairSortKey | null): string {
    if (key !== this.sort.key) return 'none';
    return this.sort.direction === 'asc' ? 'ascending' : 'descending';
  }
}

const REVIEW_TEXT: Record<string, string> = { original: 'restored', flip: 'flipped', tie: 'tie', drop: 'dropped' };

function rowCells(row: PairListRow) {
  return html`
    <span title=${row.id ?? ''}>${row.line}</span>
    <span title=${row.subset ?? ''}>${row.subset ?? '–'}</span>
    <span title=${row.preview}>${row.preview}</span>
    <span class="num ${row.mu !== null && row.mu < 0 ? 'negative' : ''}">${formatNumber(row.mu)}</span>
    <span class="num">${formatNumber(row.sigma)}</span>
    <span class="num" title=${`${row.votesPositive} agree, ${row.votesZero} tie, ${row.votesNegative} disagree`}>${row.votesPositive}/${row.votesNegative}</span>
    <span class="num">${row.lengthDiff}</span>
    <span>${row.label === 'tie' ? 'tie' : ''}</span>
    <span class="review" data-testid="review-status" title=${row.relabel?.note ?? ''}>${row.relabel ? `${REVIEW_TEXT[row.relabel.state]}${row.relabel.pending ? ' •' : ''}` : ''}</span>
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-pair-list': RrPairList;
  }
}
