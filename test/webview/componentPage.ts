/**
 * Component tests of the webview's Lit elements in Debian's Chromium: the elements are bundled with
 * esbuild, served from a loopback server that stops with the test, and loaded in a page whose CSP is
 * as strict as the editor's (scripts by nonce only).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser.ts';
import { projectRoot } from '../e2e/vscodeServer.ts';

const outDir = join(projectRoot, 'out', 'webview-test');

export interface ComponentPage {
  page: Page;
  /** Exceptions thrown in the page. */
  errors: string[];
  /** Console errors (CSP violations are reported here). */
  consoleErrors: string[];
  close: () => Promise<void>;
}

export async function openComponentPage(): Promise<ComponentPage> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: { components: join(projectRoot, 'test', 'webview', 'componentsEntry.ts') },
    // Split, as the editor's bundle is (esbuild.mjs makes its chunks another way, to the same end):
    // what the elements import() comes as chunks, which must load under the page's nonce.
    bundle: true, format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]', platform: 'browser', target: 'es2022',
    outdir: outDir, logLevel: 'warning',
    tsconfig: join(projectRoot, 'webview', 'tsconfig.json'),
  });
  const nonce = randomBytes(16).toString('base64');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:">
</head>
<body><main id="root"></main>
<script type="module" nonce="${nonce}" src="/components.js"></script></body></html>`;
  const server: Server = createServer((request, response) => {
    if (request.url === '/components.js' || /^\/chunks\/[\w-]+\.js$/.test(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(join(outDir, request.url as string)));
    } else if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(html);
    } else if (request.url === '/favicon.ico') {
      response.writeHead(204);
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser: Browser = await launchBrowser();
  const page = await browser.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => customElements.get('rr-pair-view') !== undefined);
  return {
    page,
    errors,
    consoleErrors,
    close: async () => {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}
