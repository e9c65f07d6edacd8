import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Pair, Verdict } from '../../src/core/pair.ts';
import { formatNumber } from '../render/formatNumber.ts';
import './rr-markdown.ts';

/**
 * What judges and people said about the pair: each judge's critique per response and its verdict,
 * rubric ratings per criterion (chosen vs rejected) and annotator votes.
 *
 * @tag rr-critiques-panel
 * @cssprop --vscode-testing-iconPassed, --vscode-testing-iconFailed, --vscode-descriptionForeground,
 *   --vscode-panel-border, --vscode-badge-background, --vscode-badge-foreground, --vscode-contrastBorder
 */
@customElement('rr-critiques-panel')
export class RrCritiquesPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h3 {
      font-size: 1em;
      margin: 10px 0 4px;
    }
    .judge {
      border-top: 1px solid var(--vscode-panel-border);
      padding: 6px 0;
    }
    .judge-name {
      font-weight: 600;
    }
    .side-label {
      color: var(--vscode-descriptionForeground);
      font-size: 0.9em;
      margin-top: 4px;
    }
    .verdict {
      display: inline-block;
      padding: 0 6px;
      border-radius: 8px;
      font-size: 0.85em;
      margin-left: 6px;
      background: var(--vscode-badge-background);
      color: var(--vscode-badge-foreground);
      border: 1px solid var(--vscode-contrastBorder, transparent);
    }
    /* The side in the frame, not behind the text: the badge's own colours are the theme's legible pair. */
    .verdict.chosen {
      border-color: var(--vscode-testing-iconPassed);
    }
    .verdict.rejected {
      border-color: var(--vscode-testing-iconFailed);
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th, td {
      text-align: left;
      padding: 2px 12px 2px 0;
    }
    th {
      color: var(--vscode-descriptionForeground);
      font-weight: 600;
    }
    .none {
      color: var(--vscode-descriptionForeground);
      font-style: italic;
    }
  `;

  @property({ attribute: false }) pair: Pair | null = null;

  override render() {
    const pair = this.pair;
    if (!pair) return nothing;
    const judges = Object.entries(pair.critiques);
    const rubric = Object.entries(pair.rubric);
    const votes = Object.entries(pair.votes);
    if (judges.length + rubric.length + votes.length === 0) {
      return html`<p class="none">No critiques, rubric ratings or votes for this pair.</p>`;
    }
    return html`
      ${judges.length > 0 ? html`<h3>Judges</h3>` : nothing}
      ${judges.map(
        ([judge, critique]) => html`<section class="judge" aria-label=${`Critique by ${judge}`} data-judge=${judge}>
          <span class="judge-name">${judge}</span>${verdictBadge(critique.verdict)}
          ${critique.pair ? html`<rr-markdown .source=${critique.pair}></rr-markdown>` : nothing}
          ${critique.chosen ? html`<div class="side-label">On the chosen response</div><rr-markdown .source=${critique.chosen}></rr-markdown>` : nothing}
          ${critique.rejected ? html`<div class="side-label">On the rejected response</div><rr-markdown .source=${critique.rejected}></rr-markdown>` : nothing}
        </section>`,
      )}
      ${rubric.length > 0
        ? html`<h3>Rubric</h3>
            <table>
              <thead><tr><th scope="col">Criterion</th><th scope="col">Chosen</th><th scope="col">Rejected</th></tr></thead>
              <tbody>
                ${rubric.map(([criterion, rating]) => html`<tr><td>${criterion}</td><td>${formatNumber(rating.chosen)}</td><td>${formatNumber(rating.rejected)}</td></tr>`)}
              </tbody>
            </table>`
        : nothing}
      ${votes.length > 0
        ? html`<h3>Annotator votes</h3>
            <table>
              <tbody>${votes.map(([annotator, vote]) => html`<tr><td>${annotator}</td><td>${verdictBadge(vote)}</td></tr>`)}</tbody>
            </table>`
        : nothing}
    `;
  }
}

const VERDICT_TEXT: Record<Verdict, string> = { chosen: 'prefers chosen', rejected: 'prefers rejected', tie: 'tie' };

function verdictBadge(verdict: Verdict | undefined) {
  return verdict ? html`<span class="verdict ${verdict}">${VERDICT_TEXT[verdict]}</span>` : nothing;
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-critiques-panel': RrCritiquesPanel;
  }
}
