import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Every key of the editor, in one place. */
export const KEYS: [string, string][] = [
  ['j  ↓', 'next pair'],
  ['k  ↑', 'previous pair'],
  ['Home  End', 'first, last pair'],
  ['Enter', 'move focus to the pair (in Bad lines: open the line as text)'],
  ['/', 'search prompts and responses'],
  ['g', 'switch between pairs and dashboard'],
  ['f', 'flip: the rejected response was better'],
  ['t', 'mark as a tie'],
  ['x', 'drop from training'],
  ['r', 'restore the original label'],
  ['n', 'write a note on the pair'],
  ['Ctrl+Z  Ctrl+S', 'undo; save the relabels to the dataset'],
  ['?', 'show or hide this list'],
  ['Esc', 'close this list, leave the search field'],
];

/**
 * The keyboard shortcuts, as a dialog.
 *
 * @tag rr-key-help
 * @fires close - when dismissed
 * @cssprop --vscode-editorWidget-background, --vscode-editorWidget-border, --vscode-widget-shadow,
 *   --vscode-keybindingLabel-background, --vscode-keybindingLabel-foreground, --vscode-keybindingLabel-border
 */
@customElement('rr-key-help')
export class RrKeyHelp extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      z-index: 10;
    }
    [role='dialog'] {
      background: var(--vscode-editorWidget-background);
      border: 1px solid var(--vscode-editorWidget-border);
      box-shadow: 0 0 8px var(--vscode-widget-shadow);
      padding: 12px 16px;
      border-radius: 4px;
      min-width: 320px;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 1.05em;
    }
    td {
      padding: 2px 12px 2px 0;
    }
    kbd {
      background: var(--vscode-keybindingLabel-background);
      color: var(--vscode-keybindingLabel-foreground);
      border: 1px solid var(--vscode-keybindingLabel-border);
      border-radius: 3px;
      padding: 0 4px;
      font-family: inherit;
    }
  `;

  override firstUpdated(): void {
    (this.renderRoot.querySelector('vscode-button') as HTMLElement | null)?.focus();
  }

  override render() {
    return html`<div role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="key-help">
      <h2 id="keys-title">Keyboard shortcuts</h2>
      <table>
        <tbody>${KEYS.map(([keys, what]) => html`<tr><td>${keys.split('  ').map((key) => html`<kbd>${key}</kbd> `)}</td><td>${what}</td></tr>`)}</tbody>
      </table>
      <vscode-button @click=${() => this.dispatchEvent(new Event('close'))}>Close</vscode-button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-key-help': RrKeyHelp;
  }
}
