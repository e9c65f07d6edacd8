import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import { Marked, type Tokens } from 'marked';

/**
 * Dataset text is untrusted: Markdown is rendered by marked, code highlighted by highlight.js (which
 * escapes what it highlights; its grammars load with the first code block, see highlightGrammars.ts),
 * and the result sanitized by DOMPurify before it reaches the DOM.
 * No script, event handler, style, iframe, form or image survives, and links keep only http(s) and
 * mailto targets — never `command:` or `javascript:`. Links are opened by the host, through VS Code.
 */

/** Set while a render shows a code block plain because the grammars are not here yet. */
let waitedForGrammars = false;
let grammarsLoaded = false;
let grammarsLoading: Promise<void> | null = null;

function loadGrammars(): Promise<void> {
  grammarsLoading ??= import('./highlightGrammars.ts').then(({ languages }) => {
    for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
    hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });
    hljs.registerAliases(['js', 'jsx'], { languageName: 'javascript' });
    hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
    hljs.registerAliases(['py'], { languageName: 'python' });
    hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
    hljs.registerAliases(['c', 'c++', 'h', 'hpp'], { languageName: 'cpp' });
    grammarsLoaded = true;
  });
  return grammarsLoading;
}

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    code(token: Tokens.Code): string {
      const language = token.lang?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      if (language !== '' && !grammarsLoaded) waitedForGrammars = true;
      const known = language !== '' && hljs.getLanguage(language) !== undefined;
      const body = known ? hljs.highlight(token.text, { language, ignoreIllegals: true }).value : escapeHtml(token.text);
      const label = known ? ` language-${language}` : '';
      return `<pre><code class="hljs${label}">${body}</code></pre>\n`;
    },
  },
});

/** Only these link targets are kept; everything else loses its href. */
const SAFE_LINK = /^(?:https?:|mailto:)/i;

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export interface RenderedMarkdown {
  /** Sanitized HTML. */
  html: string;
  /**
   * Set when a code block was shown plain because highlight.js's grammars are still loading: resolves
   * when they are here (render again to highlight), rejects if their chunk cannot be loaded.
   */
  highlighter: Promise<void> | null;
}

export function renderMarkdown(source: string): RenderedMarkdown {
  waitedForGrammars = false;
  const html = markdown.parse(source) as string;
  return { html: sanitize(html), highlighter: waitedForGrammars ? loadGrammars() : null };
}

function sanitize(html: string): string {
  return purifier.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed', 'img', 'video', 'audio', 'source', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
    ALLOWED_URI_REGEXP: SAFE_LINK,
  });
}

/** True for a link target the host may open (it checks again: the webview is not trusted). */
export function isSafeLink(href: string): boolean {
  return SAFE_LINK.test(href);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
