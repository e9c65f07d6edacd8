import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Chart } from 'chart.js';
import type { PairFilter } from '../../src/core/query/pairQuery.ts';
import type { Report } from '../../src/core/reports/reportTypes.ts';
import { formatNumber } from '../render/formatNumber.ts';

type ChartKit = typeof import('../render/chartKit.ts');
let chartKitLoad: Promise<ChartKit> | null = null;

/** Chart.js (150 KB) comes when the dashboard is first shown, not with the page. */
function loadChartKit(): Promise<ChartKit> {
  chartKitLoad ??= import('../render/chartKit.ts');
  return chartKitLoad;
}

/**
 * The dataset at a glance: per-model ranking accuracy with 95% intervals, accuracy per subset, the
 * histogram of the ensemble margin μ, σ against μ, and the agreement between raters. Clicking a
 * bar, a row or a cell asks for the pairs behind it (`rr-filter-request`).
 *
 * @tag rr-dashboard
 * @fires rr-filter-request - detail `{ filter, label }`
 * @cssprop --vscode-charts-blue, --vscode-charts-red, --vscode-charts-green, --vscode-charts-foreground,
 *   --vscode-charts-lines, --vscode-descriptionForeground, --vscode-panel-border,
 *   --vscode-list-hoverBackground, --vscode-editor-font-family
 */
@customElement('rr-dashboard')
export class RrDashboard extends LitElement {
  static override styles = css`
    :host {
      display: block;
      overflow: auto;
      height: 100%;
      padding: 8px 4px 16px;
      box-sizing: border-box;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(380px, 1fr));
      gap: 16px;
    }
    /* Tables with a column per model or rater take the whole width; wider still, they scroll inside their panel. */
    section.wide {
      grid-column: 1 / -1;
    }
    /* Their columns keep their own width: stretched, a number would stand far from its heading. */
    section.wide table {
      width: auto;
    }
    section.wide th + th,
    section.wide td + td {
      padding-left: 16px;
    }
    /* Headings over columns of numbers line up with them. */
    section.wide thead th:not(:first-child) {
      text-align: right;
    }
    /* A table wider than its panel (many models or raters) scrolls inside it instead of drawing over the next one. */
    section {
      border: 1px solid var(--vscode-panel-border);
      border-radius: 4px;
      padding: 8px 10px;
      min-width: 0;
      overflow-x: auto;
    }
    h2 {
      font-size: 1em;
      margin: 0 0 6px;
    }
    .canvas-box {
      position: relative;
      height: 220px;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-variant-numeric: tabular-nums;
    }
    th, td {
      text-align: left;
      padding: 2px 8px 2px 0;
      white-space: nowrap;
    }
    th {
      color: var(--vscode-descriptionForeground);
      font-weight: 600;
    }
    td.num {
      text-align: right;
      font-family: var(--vscode-editor-font-family);
    }
    tr.clickable, td.clickable {
      cursor: pointer;
    }
    tr.clickable:hover, td.clickable:hover {
      background: var(--vscode-list-hoverBackground);
    }
    .note {
      color: var(--vscode-descriptionForeground);
      font-size: 0.9em;
    }
  `;

  @property({ attribute: false }) report: Report | null = null;
  /** Model names in index order (the list filters name models by index). */
  @property({ attribute: false }) models: string[] = [];
  @state() private chartError = '';

  private charts: Chart[] = [];
  /** Counts draws: a draw that waited for Chart.js gives way to a later one. */
  private drawing = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // Chart.js loads while the host computes the report.
    loadChartKit().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    this.drawing++;
    this.destroyCharts();
    super.disconnectedCallback();
  }

  override render() {
    const report = this.report;
    if (!report) return html`<p class="note">Computing the dashboard…</p>`;
    const models = Object.entries(report.models);
    // Judges' verdicts alone give no margins: no empty μ and σ charts.
    const ensemble = models.length > 0 ? report.ensemble : null;
    return html`
      ${this.chartError ? html`<p class="note" role="alert">${this.chartError}</p>` : nothing}
      <p class="note" data-testid="dashboard-source">${report.pairs.toLocaleString('en-US')} pairs · ${report.badLines} bad lines · ${report.humanTies} labelled ties · bootstrap seed ${report.seed}</p>
      <div class="grid">
        <section aria-label="Ranking accuracy per model" data-testid="accuracy">
          <h2>Ranking accuracy (95% interval)</h2>
          ${models.length === 0
            ? html`<p class="note">No reward-model scores in this dataset.</p>`
            : html`<div class="canvas-box"><canvas id="accuracy-chart" role="img" aria-label="Accuracy per model; click a bar to list the pairs that model misranks"></canvas></div>
                <table>
                  <thead><tr><th scope="col">Model</th><th scope="col">Accuracy</th><th scope="col">95% CI</th><th scope="col">n</th><th scope="col">Ties</th></tr></thead>
                  <tbody>${models.map(([name, entry]) => html`<tr class="clickable" data-model=${name} title="List the pairs ${name} misranks" @click=${() => this.misranked([name])}>
                    <td>${name}</td><td class="num">${percent(entry.accuracy)}</td><td class="num">${percent(entry.ci95.lower)}–${percent(entry.ci95.upper)}</td><td class="num">${entry.n}</td><td class="num">${entry.ties}</td>
                  </tr>`)}</tbody>
                </table>`}
        </section>
        ${ensemble
          ? html`<section aria-label="Ensemble mean margin" data-testid="mu-histogram">
              <h2>Ensemble mean margin μ</h2>
              <div class="canvas-box"><canvas id="mu-chart" role="img" aria-label="Histogram of μ; click a bar to list its pairs"></canvas></div>
              <p class="note">${ensemble.flipCandidates.toLocaleString('en-US')} flip candidates (μ &lt; 0, ${percent(ensemble.flipShare)}),
                ${ensemble.unanimousDisagreement.toLocaleString('en-US')} with every model against the label.</p>
            </section>
            <section aria-label="Spread against mean margin">
              <h2>σ against μ</h2>
              <div class="canvas-box"><canvas id="scatter-chart" role="img" aria-label="σ against μ for a sample of pairs"></canvas></div>
            </section>`
          : nothing}
        ${this.renderSubsets(report)}
        ${this.renderAgreement(report)}
      </div>
      ${report.notes.length > 0 ? html`<ul class="note">${report.notes.map((note) => html`<li>${note}</li>`)}</ul>` : nothing}
    `;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('report')) void this.drawCharts();
  }

  private renderSubsets(report: Report) {
    const subsets = Object.entries(report.subsets ?? {});
    if (subsets.length <= 1) return nothing;
    const models = Object.keys(report.models);
    return html`<section class="wide" aria-label="Accuracy per subset" data-testid="subsets">
      <h2>Accuracy per subset</h2>
      <table>
        <thead><tr><th scope="col">Subset</th><th scope="col">Pairs</th>${models.map((m) => html`<th scope="col">${m}</th>`)}</tr></thead>
        <tbody>${subsets.map(([name, entry]) => html`<tr class="clickable" title="List the pairs of ${name}" @click=${() => this.request({ subsets: [name === '(none)' ? null : name] }, `subset ${name}`)}>
          <td>${name}</td><td class="num">${entry.pairs}</td>${models.map((m) => html`<td class="num">${percent(entry.models[m]?.accuracy ?? Number.NaN)}</td>`)}
        </tr>`)}</tbody>
      </table>
    </section>`;
  }

  private renderAgreement(report: Report) {
    const agreement = report.agreement;
    if (!agreement || agreement.raters.length < 2) return nothing;
    const raters = agreement.raters;
    return html`<section class="wide" aria-label="Agreement between raters" data-testid="agreement">
      <h2>Agreement (share of pairs with the same verdict)</h2>
      <table>
        <thead><tr><th></th>${raters.map((r) => html`<th scope="col" title=${r.kind}>${r.name}</th>`)}</tr></thead>
        <tbody>${raters.map((row, i) => html`<tr><th scope="row" title=${row.kind}>${row.name}</th>${raters.map((column, j) => {
          const value = agreement.agreement[i]?.[j] ?? Number.NaN;
          const bothModels = i !== j && row.kind === 'model' && column.kind === 'model';
          return html`<td class="num ${bothModels ? 'clickable' : ''}" title=${`κ ${formatNumber(agreement.kappa[i]?.[j])} over ${agreement.common[i]?.[j] ?? 0} pairs`}
            @click=${bothModels ? () => this.misranked([row.name, column.name]) : undefined}>${percent(value)}</td>`;
        })}</tr>`)}</tbody>
      </table>
      <p class="note">${agreement.annotations.note}</p>
    </section>`;
  }

  private async drawCharts(): Promise<void> {
    const draw = ++this.drawing;
    this.destroyCharts();
    const report = this.report;
    if (!report) return;
    let Chart: ChartKit['Chart'];
    try {
      ({ Chart } = await loadChartKit());
    } catch (error) {
      this.chartError = `The charts could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    if (draw !== this.drawing) return;
    const style = getComputedStyle(this);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const foreground = color('--vscode-charts-foreground', '#cccccc');
    const lines = color('--vscode-charts-lines', '#80808059');
    const blue = color('--vscode-charts-blue', '#3794ff');
    const red = color('--vscode-charts-red', '#f14c4c');
    const green = color('--vscode-charts-green', '#89d185');
    Chart.defaults.color = foreground;
    Chart.defaults.borderColor = lines;
    const axis = { grid: { color: lines }, ticks: { color: foreground } };

    const accuracyCanvas = this.renderRoot.querySelector<HTMLCanvasElement>('#accuracy-chart');
    const models = Object.entries(report.models);
    if (accuracyCanvas && models.length > 0) {
      this.charts.push(new Chart(accuracyCanvas, {
        type: 'bar',
        data: {
          labels: models.map(([name]) => name),
          datasets: [{ label: 'accuracy', data: models.map(([, e]) => e.accuracy), backgroundColor: blue }],
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { ...axis, min: 0, max: 1 }, x: axis },
          plugins: {
            tooltip: { callbacks: { label: (item) => {
              const entry = models[item.dataIndex]?.[1];
              return entry ? `${percent(entry.accuracy)} (95% CI ${percent(entry.ci95.lower)}–${percent(entry.ci95.upper)}, n ${entry.n})` : '';
            } } },
          },
          onClick: (_event, elements) => {
            const name = models[elements[0]?.index ?? -1]?.[0];
            if (name) this.misranked([name]);
          },
        },
      }));
    }

    const ensemble = report.ensemble;
    const muCanvas = this.renderRoot.querySelector<HTMLCanvasElement>('#mu-chart');
    if (ensemble && muCanvas) {
      const { edges, counts } = ensemble.muHistogram;
      this.charts.push(new Chart(muCanvas, {
        type: 'bar',
        data: {
          labels: counts.map((_, k) => formatNumber(((edges[k] ?? 0) + (edges[k + 1] ?? 0)) / 2)),
          datasets: [{ label: 'pairs', data: counts, backgroundColor: counts.map((_, k) => ((edges[k + 1] ?? 0) <= 0 ? red : green)) }],
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: { y: axis, x: axis },
          onClick: (_event, elements) => {
            const k = elements[0]?.index;
            if (k === undefined) return;
            // The outer bars also hold what lies beyond them: their outer end stays open.
            const min = k === 0 ? undefined : edges[k];
            const max = k === counts.length - 1 ? undefined : edges[k + 1];
            this.request({ mu: { min, max } }, `μ in [${formatNumber(min ?? -Infinity)}, ${formatNumber(max ?? Infinity)})`);
          },
        },
      }));
    }

    const scatterCanvas = this.renderRoot.querySelector<HTMLCanvasElement>('#scatter-chart');
    if (ensemble && scatterCanvas) {
      const points = ensemble.sigmaVsMu.mu.map((mu, i) => ({ x: mu, y: ensemble.sigmaVsMu.sigma[i] ?? 0 }));
      this.charts.push(new Chart(scatterCanvas, {
        type: 'scatter',
        data: { datasets: [{ label: 'pairs', data: points, backgroundColor: blue, pointRadius: 2 }] },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { ...axis, title: { display: true, text: 'μ', color: foreground } }, y: { ...axis, title: { display: true, text: 'σ', color: foreground } } },
        },
      }));
    }
  }

  private destroyCharts(): void {
    for (const chart of this.charts.splice(0)) chart.destroy();
  }

  private misranked(names: string[]): void {
    const indices = names.map((name) => this.models.indexOf(name)).filter((index) => index >= 0);
    if (indices.length === 0) return;
    this.request({ misrankedBy: { models: indices, match: 'any' } }, `misranked by ${names.join(' or ')}`);
  }

  private request(filter: PairFilter, label: string): void {
    this.dispatchEvent(new CustomEvent('rr-filter-request', { detail: { filter, label }, bubbles: true, composed: true }));
  }
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '–';
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-dashboard': RrDashboard;
  }
}
