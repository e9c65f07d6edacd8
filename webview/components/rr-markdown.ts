import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../render/renderMarkdown.ts';

/**
 * Untrusted Markdown, rendered and sanitized (see renderMarkdown.ts). A click on a link does not
 * navigate the webview: it fires `rr-open-link` and the host opens it through VS Code.
 *
 * @tag rr-markdown
 * @fires rr-open-link - detail `{ href }` for a clicked http(s)/mailto link
 * @cssprop --vscode-textCodeBlock-background, --vscode-editor-font-family, --vscode-textLink-foreground,
 *   --vscode-textBlockQuote-border, --vscode-symbolIcon-keywordForeground, --vscode-symbolIcon-stringForeground,
 *   --vscode-symbolIcon-numberForeground, --vscode-symbolIcon-functionForeground, --vscode-descriptionForeground
 */
@customElement('rr-markdown')
export class RrMarkdown extends LitElement {
  static override styles = css`
    :host {
      display: block;
      line-height: 1.5;
      overflow-wrap: anywhere;
    }
    :first-child {
      margin-top: 0;
    }
    :last-child {
      margin-bottom: 0;
    }
    h1, h2, h3, h4 {
      font-size: 1.05em;
      margin: 0.8em 0 0.4em;
    }
    pre {
      background: var(--vscode-textCodeBlock-background);
      padding: 6px 8px;
      border-radius: 3px;
      overflow-x: auto;
    }
    code {
      font-family: var(--vscode-editor-font-family);
      font-size: 0.95em;
    }
    :not(pre) > code {
      background: var(--vscode-textCodeBlock-background);
      padding: 0 3px;
      border-radius: 3px;
    }
    a {
      color: var(--vscode-textLink-foreground);
    }
    blockquote {
      margin: 0 0 0 4px;
      padding-left: 8px;
      border-left: 3px solid var(--vscode-textBlockQuote-border);
    }
    table {
      border-collapse: collapse;
    }
    th, td {
      border: 1px solid var(--vscode-panel-border);
      padding: 2px 6px;
    }
    .hljs-keyword, .hljs-built_in, .hljs-literal {
      color: var(--vscode-symbolIcon-keywordForeground);
    }
    .hljs-string, .hljs-attr {
      color: var(--vscode-symbolIcon-stringForeground);
    }
    .hljs-number {
      color: var(--vscode-symbolIcon-numberForeground);
    }
    .hljs-title, .hljs-function {
      color: var(--vscode-symbolIcon-functionForeground);
    }
    .hljs-comment {
      color: var(--vscode-descriptionForeground);
      font-style: italic;
    }
  `;

  @property() source = '';

  override render() {
    const rendered = renderMarkdown(this.source);
    // Code shown plain until highlight.js is here, then highlighted; plain it stays if it never comes.
    rendered.highlighter?.then(
      () => this.requestUpdate(),
      (error: unknown) => console.error('highlight.js could not be loaded', error),
    );
    return html`<div @click=${this.onClick}>${unsafeHTML(rendered.html)}</div>`;
  }

  private onClick(event: MouseEvent): void {
    const link = (event.target as Element | null)?.closest('a');
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href) this.dispatchEvent(new CustomEvent('rr-open-link', { detail: { href }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rr-markdown': RrMarkdown;
  }
}
