import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Text } from '../../src/core/pair.ts';
import type { PairDetail } from '../../src/protocol.ts';
import type { TextMode } from './rr-conversation.ts';
import './rr-conversation.ts';
import './rr-critiques-panel.ts';
import './rr-ensemble-panel.ts';
import './rr-word-diff.ts';

/** How the two responses are shown: each rendered, each raw, or one word diff between them. */
export type ResponseView = TextMode | 'diff';

/**
 * One pair: the prompt as a conversation, chosen and rejected side by side (stacked when the editor
 * is narrow) as Markdown, raw text or a word diff, then the ensemble and the critiques.
 *
 * @tag rr-pair-view
 * @fires rr-view-change - detail `{ view }` when the user picks another response view
 * @cssprop --vscode-panel-border, --vscode-descriptionForeground, --vscode-testing-iconPassed,
 *   --vscode-testing-iconFailed, --vscode-diffEditor-insertedTextBorder, --vscode-diffEditor-removedTextBorder
 */
@customElement('rr-pair-view')
export class RrPairView extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h2 {
      font-size: 1em;
      font-weight: 600;
      margin: 0 0 6px;
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .meta {
      color: var(--vscode-descriptionForeground);
      font-weight: normal;
    }
    section {
      margin-bottom: 12px;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-bottom: 8px;
    }
    .status {
      font-weight: 600;
      color: var(--vscode-editorWarning-foreground);
    }
    .sides {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 12px;
    }
    .panels {
      display: grid;
      grid-template-columns: 1fr;
      gap: 12px;
      margin-top: 12px;
    }
    .side, .panel {
      border: 1px solid var(--vscode-panel-border);
      border-radius: 4px;
      padding: 8px 10px;
      min-width: 0;
    }
    .chosen h2 vscode-icon {
      color: var(--vscode-testing-iconPassed);
    }
    .rejected h2 vscode-icon {
      color: var(--vscode-testing-iconFailed);
    }
    .legend ins, .legend del {
      text-decoration: none;
      padding: 0 4px;
    }
    .legend ins {
      background: var(--vscode-diffEditor-insertedTextBackground);
      border: 1px dashed var(--vscode-diffEditor-insertedTextBorder);
    }
    .legend del {
      background: var(--vscode-diffEditor-removedTextBackground);
      border: 1px dashed var(--vscode-diffEditor-removedTextBorder);
    }
  `;

  @property({ attribute: false }) detail: PairDetail | null = null;
  @property() view: ResponseView = 'markdown';

  override render() {
    const detail = this.detail;
    if (!detail) return nothing;
    const { pair } = detail;
    const textMode: TextMode = this.view === 'raw' ? 'raw' : 'markdown';
    return html`
      <section aria-label="Prompt" data-testid="prompt">
        <h2>Prompt <span class="meta">line ${detail.line}${pair.id ? html` · id ${pair.id}` : nothing}${pair.subset ? html` · ${pair.subset}` : nothing}${pair.label === 'tie' ? html` · labelled tie` : nothing}</span></h2>
        <rr-conversation .text=${pair.prompt} .mode=${textMode}></rr-conversation>
      </section>
      <div class="toolbar review" aria-label="Review this pair">
        ${detail.relabel
          ? html`<span class="status" data-testid="relabel-status">${STATE_TEXT[detail.relabel.state]}${detail.relabel.pending ? ' (not saved)' : ''}${detail.relabel.note ? html` · note: ${detail.relabel.note}` : nothing}</span>`
          : nothing}
        <vscode-button secondary title="The rejected response was better (f)" @click=${() => this.act('flip')}>Flip</vscode-button>
        <vscode-button secondary title="Neither is better (t)" @click=${() => this.act('tie')}>Tie</vscode-button>
        <vscode-button secondary title="Exclude from training (x)" @click=${() => this.act('drop')}>Drop</vscode-button>
        <vscode-button secondary title="Back to the dataset's label (r)" @click=${() => this.act('restore')}>Restore</vscode-button>
        <vscode-button secondary title="Write a note (n)" @click=${() => this.act('note')}>Note…</vscode-button>
      </div>
      <div class="toolbar">
        <vscode-radio-group aria-label="Show responses as" @change=${this.onViewChange}>
          <vscode-radio name="view" value="markdown" ?checked=${this.view === 'markdown'}>Markdown</vscode-radio>
          <vscode-radio name="view" value="raw" ?checked=${this.view === 'raw'}>Raw text</vscode-radio>
          <vscode-radio name="view" value="diff" ?checked=${this.view === 'diff'}>Word diff</vscode-radio>
        </vscode-radio-group>
      </div>
      ${this.view === 'diff'
        ? html`<section class="side" aria-label="Word diff from rejected to chosen" data-testid="diff">
            <h2>Rejected → chosen <span class="meta legend"><ins>only in chosen</ins> <del>only in rejected</del></span></h2>
            <rr-word-diff .rejectedText=${plainText(pair.rejected)} .chosenText=${plainText(pair.chosen)}></rr-word-diff>
          </section>`
        : html`<div class="sides">
            <section class="side chosen" aria-label="Chosen response" data-testid="chosen">
              <h2><vscode-icon name="pass" aria-hidden="true"></vscode-icon>Chosen <span class="meta">${plainText(pair.chosen).length} chars</span></h2>
              <rr-conversation .text=${pair.chosen} .mode=${textMode}></rr-conversation>
            </section>
            <section class="side rejected" aria-label="Rejected response" data-testid="rejected">
              <h2><vscode-icon name="error" aria-hidden="true"></vscode-icon>Rejected <span class="meta">${plainText(pair.rejected).length} chars</span></h2>
              <rr-conversation .text=${pair.rejected} .mode=${textMode}></rr-conversation>
            </section>
          </div>`}
      <div class="panels">
        <section class="panel" aria-label="Reward model ensemble" data-testid="ensemble">
          <h2>Ensemble</h2>
          <rr-ensemble-panel .ensemble=${detail.ensemble}></rr-ensemble-panel>
        </section>
        <section class="panel" aria-label="Critiques, rubric and votes" data-testid="critiques">
          <h2>Critiques, rubric and votes</h2>
          <rr-critiques-panel .pair=${pair}></rr-critiques-panel>
        </section>
      </div>
    `;
  }

  private act(action: 'flip' | 'tie' | 'drop' | 'restore' | 'note'): void {
    this.dispatchEvent(new CustomEvent('rr-relabel', { detail: { action, scope: 'pair' }, bubbles: true, composed: true }));
  }

  private onViewChange(event: Event): void {
    const value = (event.target as HTMLElement & { value?: string }).value;
    if (value !== 'markdown' && value !== 'raw' && value !== 'diff') return;
    this.view = value;
    this.dispatchEvent(new CustomEvent('rr-view-change', { detail: { view: value }, bubbles: true, composed: true }));
  }
}

const STATE_TEXT: Record<string, string> = { original: 'Restored to the dataset’s label', flip: 'Flipped', tie: 'Marked as a tie', drop: 'Dropped' };

/** The characters of a response: its text, or its messages' contents one after another. */
function plainText(text: Text): string {
  return typeof text === 'string' ? text : text.map((message) => message.content).join('\n\n');
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-pair-view': RrPairView;
  }
}
