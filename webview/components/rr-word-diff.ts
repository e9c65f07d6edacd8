import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { wordDiff } from '../render/wordDiff.ts';

/**
 * Word-level diff from the rejected response to the chosen one: words only in the chosen response
 * are marked inserted, words only in the rejected one removed. Plain text, never markup.
 *
 * @tag rr-word-diff
 * @cssprop --vscode-diffEditor-insertedTextBackground, --vscode-diffEditor-removedTextBackground,
 *   --vscode-diffEditor-insertedTextBorder, --vscode-diffEditor-removedTextBorder, --vscode-descriptionForeground
 */
@customElement('rr-word-diff')
export class RrWordDiff extends LitElement {
  static override styles = css`
    :host {
      display: block;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      line-height: 1.5;
    }
    /* A high-contrast theme gives no diff backgrounds, only these borders (as VS Code's diff editor). */
    ins {
      background: var(--vscode-diffEditor-insertedTextBackground);
      border: 1px dashed var(--vscode-diffEditor-insertedTextBorder);
      text-decoration: none;
    }
    del {
      background: var(--vscode-diffEditor-removedTextBackground);
      border: 1px dashed var(--vscode-diffEditor-removedTextBorder);
    }
    .note {
      color: var(--vscode-descriptionForeground);
      font-style: italic;
    }
  `;

  @property({ attribute: false }) rejectedText = '';
  @property({ attribute: false }) chosenText = '';

  override render() {
    const parts = wordDiff(this.rejectedText, this.chosenText);
    if (!parts) return html`<p class="note">The responses differ too much for a word diff.</p>`;
    return parts.map((part) =>
      part.kind === 'added'
        ? html`<ins aria-label="only in chosen">${part.text}</ins>`
        : part.kind === 'removed'
          ? html`<del aria-label="only in rejected">${part.text}</del>`
          : part.text,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-word-diff': RrWordDiff;
  }
}
