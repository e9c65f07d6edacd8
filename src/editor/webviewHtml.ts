/**
 * The one HTML page every Reward Review webview starts from. No vscode import: the caller passes the
 * webview's CSP source and the URIs as strings, so this is unit-tested as plain text.
 *
 * The CSP allows nothing by default; scripts only with this page's nonce (the chunks main.js imports,
 * statically or with import(), are covered by it too: a module script passes its nonce on to the
 * modules it fetches, so no script source needs allowing); styles from the extension's
 * own files (and constructable stylesheets, which Lit uses and CSP does not govern); images from the
 * extension and data: URIs (charts), fonts from the extension (codicons).
 */
export interface WebviewHtmlInput {
  /** `webview.cspSource`: the origin the webview loads the extension's files from. */
  cspSource: string;
  /** A fresh random value per page load (see nonce.ts). */
  nonce: string;
  scriptUri: string;
  codiconCssUri: string;
  title: string;
}

export function buildWebviewHtml(input: WebviewHtmlInput): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${input.nonce}'`,
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link id="vscode-codicon-stylesheet" rel="stylesheet" href="${escapeAttribute(input.codiconCssUri)}">
<title>${escapeText(input.title)}</title>
</head>
<body>
<rr-app></rr-app>
<script type="module" nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For values inside double-quoted attributes (single quotes, as in the CSP, are fine there). */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
