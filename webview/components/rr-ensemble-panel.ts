import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PairEnsemble } from '../../src/core/indexing/pairEnsemble.ts';
import { formatNumber } from '../render/formatNumber.ts';

/**
 * Every reward model's scores for the pair and its margin as a bar from zero (right and green:
 * agrees with the label; left and red: disagrees), then the ensemble's μ, σ, WCO and UWO.
 *
 * @tag rr-ensemble-panel
 * @cssprop --vscode-testing-iconPassed, --vscode-testing-iconFailed, --vscode-list-errorForeground,
 *   --vscode-descriptionForeground, --vscode-panel-border, --vscode-editor-font-family
 */
@customElement('rr-ensemble-panel')
export class RrEnsemblePanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-variant-numeric: tabular-nums;
    }
    th {
      text-align: left;
      font-weight: 600;
      color: var(--vscode-descriptionForeground);
      padding: 2px 8px 2px 0;
    }
    td {
      padding: 2px 8px 2px 0;
      white-space: nowrap;
    }
    td:first-child {
      max-width: 220px;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    td.num {
      text-align: right;
      font-family: var(--vscode-editor-font-family);
    }
    /* Text takes the theme's text colours (the icon colours are too light on a light background);
       the bars carry green and red. */
    .disagrees {
      color: var(--vscode-list-errorForeground);
    }
    svg .axis {
      stroke: var(--vscode-panel-border);
    }
    svg .bar.agrees {
      fill: var(--vscode-testing-iconPassed);
    }
    svg .bar.disagrees {
      fill: var(--vscode-testing-iconFailed);
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
      gap: 4px 12px;
      margin: 8px 0 0;
    }
    dt {
      color: var(--vscode-descriptionForeground);
      font-size: 0.9em;
    }
    dd {
      margin: 0;
      font-family: var(--vscode-editor-font-family);
    }
    .none {
      color: var(--vscode-descriptionForeground);
      font-style: italic;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
  `;

  @property({ attribute: false }) ensemble: PairEnsemble | null = null;

  override render() {
    const ensemble = this.ensemble;
    if (!ensemble || ensemble.models.length === 0) return html`<p class="none">No reward model scored this pair.</p>`;
    const scale = Math.max(...ensemble.models.map((m) => Math.abs(m.margin)), Number.EPSILON);
    return html`
      <table>
        <thead><tr><th scope="col">Model</th><th scope="col">Chosen</th><th scope="col">Rejected</th><th scope="col">Margin</th><th scope="col"><span class="visually-hidden">Bar</span></th></tr></thead>
        <tbody>
          ${ensemble.models.map((m) => {
            const side = m.margin > 0 ? 'agrees' : 'disagrees';
            return html`<tr data-model=${m.model}>
              <td>${m.model}</td>
              <td class="num">${formatNumber(m.chosen)}</td>
              <td class="num">${formatNumber(m.rejected)}</td>
              <td class="num ${side}" aria-label=${m.margin > 0 ? 'agrees with the label' : 'disagrees with the label'}>${m.margin > 0 ? '+' : ''}${formatNumber(m.margin)}</td>
              <td>${marginBar(m.margin, scale, side)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      <dl>
        <dt>μ mean margin</dt><dd data-testid="mu">${formatNumber(ensemble.meanMargin)}</dd>
        <dt>σ spread</dt><dd data-testid="sigma">${formatNumber(ensemble.marginSpread)}</dd>
        <dt>WCO margin</dt><dd>${formatNumber(ensemble.worstCaseMargin)}</dd>
        <dt>UWO margin (λ = ${ensemble.lambda})</dt><dd>${formatNumber(ensemble.uncertaintyWeightedMargin)}</dd>
      </dl>
      ${ensemble.disagreeing.length > 0
        ? html`<p class="disagrees" data-testid="disagreeing">Disagree with the label: ${ensemble.disagreeing.join(', ')}</p>`
        : nothing}
    `;
  }
}

const BAR_WIDTH = 120;

function marginBar(margin: number, scale: number, side: string) {
  const half = BAR_WIDTH / 2;
  const length = (Math.abs(margin) / scale) * (half - 2);
  const x = margin >= 0 ? half : half - length;
  return svg`<svg width=${BAR_WIDTH} height="12" role="img" aria-label=${`margin ${formatNumber(margin)}`}>
    <line class="axis" x1=${half} x2=${half} y1="0" y2="12"></line>
    <rect class="bar ${side}" x=${x} y="2" width=${Math.max(length, 1)} height="8"></rect>
  </svg>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-ensemble-panel': RrEnsemblePanel;
  }
}
