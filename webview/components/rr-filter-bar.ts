import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { PairFilter, PairFlagFilter, ReviewStatusFilter } from '../../src/core/query/pairQuery.ts';

/** The subsets and models the filters offer, from the dataset summary. */
export interface FilterChoices {
  subsets: { name: string | null; pairs: number }[];
  models: string[];
}

const FLAG_CHOICES: { value: PairFlagFilter | ''; label: string }[] = [
  { value: '', label: 'All pairs' },
  { value: 'flipCandidate', label: 'Flip candidates (μ < 0)' },
  { value: 'unanimousDisagreement', label: 'Every model disagrees' },
  { value: 'humanTie', label: 'Labelled ties' },
  { value: 'hasCritique', label: 'Has a critique' },
];

const STATUS_CHOICES: { value: ReviewStatusFilter | ''; label: string }[] = [
  { value: '', label: 'Any review status' },
  { value: 'relabeled', label: 'Relabeled' },
  { value: 'pending', label: 'Relabeled, not saved' },
];

/** The flags select's last choice: not a filter of pairs but the list of lines that are not pairs. */
const BAD_LINES = 'badLines';

/**
 * Search and filters above the pair list, and the count of the current filter. Emits the whole new
 * filter on every change; the list's owner fetches the matching pairs from the host. The flags
 * select's last choice switches the list to the dataset's bad lines (the other filters do not apply
 * to them and are disabled meanwhile).
 *
 * @tag rr-filter-bar
 * @fires rr-filter-change - detail `{ filter }`
 * @fires rr-bad-lines - when "Bad lines" is chosen
 * @cssprop --vscode-descriptionForeground
 */
@customElement('rr-filter-bar')
export class RrFilterBar extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      padding: 6px 0;
    }
    vscode-textfield {
      flex: 1 1 220px;
    }
    vscode-single-select {
      width: auto;
      min-width: 120px;
    }
    .count {
      color: var(--vscode-descriptionForeground);
      white-space: nowrap;
    }
  `;

  @property({ attribute: false }) filter: PairFilter = {};
  @property({ attribute: false }) choices: FilterChoices = { subsets: [], models: [] };
  @property({ type: Number }) matching = 0;
  @property({ type: Number }) total = 0;
  @property() searchStatus = '';
  @property({ type: Boolean }) canRelabel = false;
  /** Lines of the dataset that are not pairs. */
  @property({ type: Number }) badLineCount = 0;
  /** The list shows the bad lines rather than pairs. */
  @property({ type: Boolean }) showingBadLines = false;

  @query('vscode-textfield') private searchField!: HTMLElement & { value: string; focus(): void };

  /** `/` puts the cursor here. */
  focusSearch(): void {
    this.searchField?.focus();
  }

  override render() {
    const subset = this.filter.subsets?.length === 1 ? String(this.filter.subsets[0] ?? '\u0000') : '';
    const flag = this.showingBadLines ? BAD_LINES : (this.filter.flags?.[0] ?? '');
    const status = this.filter.status ?? '';
    const pairsOnly = this.showingBadLines;
    const badLines = this.badLineCount.toLocaleString('en-US');
    const misranked = this.filter.misrankedBy?.models.length === 1 ? String(this.filter.misrankedBy.models[0]) : '';
    return html`
      <vscode-textfield
        type="search"
        placeholder="Search prompts and responses  ( / )"
        aria-label="Search prompts and responses"
        ?disabled=${pairsOnly}
        .value=${this.filter.text ?? ''}
        @keydown=${this.onSearchKey}
      ><vscode-icon slot="content-before" name="search"></vscode-icon></vscode-textfield>
      <vscode-single-select aria-label="Subset" ?disabled=${pairsOnly} @change=${this.onSubset}>
        <vscode-option value="" ?selected=${subset === ''}>All subsets</vscode-option>
        ${this.choices.subsets.map((s) => {
          const value = s.name ?? '\u0000';
          return html`<vscode-option value=${value} ?selected=${subset === value}>${s.name ?? '(no subset)'} (${s.pairs.toLocaleString('en-US')})</vscode-option>`;
        })}
      </vscode-single-select>
      <vscode-single-select aria-label="Flags" data-testid="flag-filter" @change=${this.onFlag}>
        ${FLAG_CHOICES.map((choice) => html`<vscode-option value=${choice.value} ?selected=${flag === choice.value}>${choice.label}</vscode-option>`)}
        <vscode-option value=${BAD_LINES} ?selected=${flag === BAD_LINES} ?disabled=${this.badLineCount === 0}
          >${this.badLineCount === 0 ? '0 bad lines' : `Bad lines (${badLines})`}</vscode-option>
      </vscode-single-select>
      <vscode-single-select aria-label="Review status" data-testid="status-filter" ?disabled=${pairsOnly} @change=${this.onStatus}>
        ${STATUS_CHOICES.map((choice) => html`<vscode-option value=${choice.value} ?selected=${status === choice.value}>${choice.label}</vscode-option>`)}
      </vscode-single-select>
      ${this.choices.models.length > 0
        ? html`<vscode-single-select aria-label="Misranked by" ?disabled=${pairsOnly} @change=${this.onMisranked}>
            <vscode-option value="" ?selected=${misranked === ''}>Any model</vscode-option>
            ${this.choices.models.map((model, index) => html`<vscode-option value=${String(index)} ?selected=${misranked === String(index)}>Misranked by ${model}</vscode-option>`)}
          </vscode-single-select>`
        : ''}
      <vscode-single-select aria-label="Relabel every pair of the filter" data-testid="bulk-relabel" ?disabled=${!this.canRelabel || pairsOnly} @change=${this.onBulk}>
        <vscode-option value="" selected>Relabel all…</vscode-option>
        <vscode-option value="flip">Flip all</vscode-option>
        <vscode-option value="tie">Mark all as ties</vscode-option>
        <vscode-option value="drop">Drop all</vscode-option>
        <vscode-option value="restore">Restore all</vscode-option>
      </vscode-single-select>
      <span class="count" role="status" data-testid="filter-count"
        >${this.showingBadLines
          ? `${badLines} bad ${this.badLineCount === 1 ? 'line' : 'lines'}`
          : `${this.matching.toLocaleString('en-US')} of ${this.total.toLocaleString('en-US')} pairs${this.searchStatus ? ` · ${this.searchStatus}` : ''}`}</span
      >
    `;
  }

  private onSearchKey(event: KeyboardEvent): void {
    event.stopPropagation();
    if (event.key === 'Enter') {
      const text = (event.target as HTMLElement & { value: string }).value.trim();
      this.emit({ ...this.filter, text: text || undefined });
    } else if (event.key === 'Escape') {
      (event.target as HTMLElement).blur();
    }
  }

  private onSubset(event: Event): void {
    const value = (event.target as HTMLElement & { value: string }).value;
    this.emit({ ...this.filter, subsets: value === '' ? undefined : [value === '\u0000' ? null : value] });
  }

  private onFlag(event: Event): void {
    const value = (event.target as HTMLElement & { value: string }).value;
    if (value === BAD_LINES) {
      this.dispatchEvent(new CustomEvent('rr-bad-lines', { bubbles: true, composed: true }));
      return;
    }
    const flag = value as PairFlagFilter | '';
    this.emit({ ...this.filter, flags: flag === '' ? undefined : [flag] });
  }

  private onStatus(event: Event): void {
    const value = (event.target as HTMLElement & { value: string }).value as ReviewStatusFilter | '';
    this.emit({ ...this.filter, status: value === '' ? undefined : value });
  }

  private onMisranked(event: Event): void {
    const value = (event.target as HTMLElement & { value: string }).value;
    this.emit({ ...this.filter, misrankedBy: value === '' ? undefined : { models: [Number(value)], match: 'any' } });
  }

  private onBulk(event: Event): void {
    const select = event.target as HTMLElement & { value: string };
    const action = select.value;
    select.value = '';
    if (action === '') return;
    this.dispatchEvent(new CustomEvent('rr-relabel', { detail: { action, scope: 'filter' }, bubbles: true, composed: true }));
  }

  private emit(filter: PairFilter): void {
    this.dispatchEvent(new CustomEvent('rr-filter-change', { detail: { filter }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-filter-bar': RrFilterBar;
  }
}
