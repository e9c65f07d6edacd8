// One build script for every bundle: `node esbuild.mjs [--watch] [--production] [--target <vsce target>]`.
// Host bundles are CommonJS (VS Code 1.101 loads extensions with require); the webview is an ES module.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prebuildNameForTarget } from './scripts/platformTargets.ts';

const root = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const watch = args.includes('--watch');
const production = args.includes('--production');
const targetIndex = args.indexOf('--target');
const vsceTarget = targetIndex >= 0 ? args[targetIndex + 1] : undefined;

const dist = join(root, 'dist');
// A fresh folder every build: nothing left from an earlier build (a source map, another target's
// addon) can end up in a package.
if (!watch) rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'webview'), { recursive: true });
mkdirSync(join(dist, 'native'), { recursive: true });

// The package root says "type": "module" (tests and scripts run as ESM); the bundles are CommonJS.
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');

// better-sqlite3's own lookup is relative to its lib folder, which the bundle does not have:
// the prebuilt addon for the target platform goes beside the bundles (see src/core/sqliteBinding.ts).
copyFileSync(
  join(root, 'node_modules', 'better-sqlite3', 'prebuilds', prebuildNameForTarget(vsceTarget)),
  join(dist, 'native', 'better_sqlite3.node'),
);

// Codicons are loaded by <link id="vscode-codicon-stylesheet">, which @vscode-elements looks for.
for (const file of ['codicon.css', 'codicon.ttf']) {
  copyFileSync(join(root, 'node_modules', '@vscode', 'codicons', 'dist', file), join(dist, 'webview', file));
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
};

const hostOptions = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['vscode'],
  entryPoints: {
    extension: join(root, 'src', 'extension.ts'),
    cli: join(root, 'src', 'cli.ts'),
    // The indexer's worker thread, loaded by path from beside the bundle (src/core/indexing/workerPool.ts).
    summarizeWorker: join(root, 'src', 'core', 'indexing', 'summarizeWorker.ts'),
  },
  // import.meta is empty in CommonJS; the one use (workerPool.ts, locating the worker from source)
  // is never reached inside a bundle, so esbuild's warning about it is noise.
  logOverride: { 'empty-import-meta': 'silent' },
  outdir: dist,
  // The CLI is run as `reward-review …` through package.json "bin".
  banner: { js: '#!/usr/bin/env node' },
};

// highlight.js's grammars and Chart.js are loaded with import() when first needed, so the first paint
// does not parse them: each is a self-contained bundle in dist/webview/chunks, which main.js imports
// by a fixed path. Not esbuild's `splitting`: it puts its runtime helpers in a shared chunk that
// every entry imports statically (evanw/esbuild#1892), and in code-server each webview file is a
// round trip through the workbench: one more before the app could start cost 0.4-0.6 s while the
// window was busy. These chunks share no code with main.js (grammars import nothing; Chart.js is
// only in its chunk). They run under the page's nonce (a module script passes it on to what it
// imports) from dist/webview, the webview's localResourceRoot; .vscodeignore packages the folder and
// scripts/package.ts checks it.
const webviewChunks = {
  highlightGrammars: join(root, 'webview', 'render', 'highlightGrammars.ts'),
  chartKit: join(root, 'webview', 'render', 'chartKit.ts'),
};
const chunkFiles = new Map(Object.entries(webviewChunks).map(([name, file]) => [file, name]));
/** Leaves main.js's import() of a chunk to the browser; a static import of one would undo the split. */
const lazyChunks = {
  name: 'lazy-webview-chunks',
  setup(build) {
    build.onResolve({ filter: /\.ts$/ }, (args) => {
      const name = chunkFiles.get(join(args.resolveDir, args.path));
      if (name === undefined) return undefined;
      if (args.kind !== 'dynamic-import') return { errors: [{ text: `${args.path} is a chunk of its own: load it with import()` }] };
      return { path: `./chunks/${name}.js`, external: true };
    });
  },
};

const webviewOptions = {
  ...common,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  entryPoints: { main: join(root, 'webview', 'main.ts') },
  outdir: join(dist, 'webview'),
  plugins: [lazyChunks],
};

const webviewChunkOptions = {
  ...common,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  entryPoints: webviewChunks,
  outdir: join(dist, 'webview', 'chunks'),
};

if (watch) {
  const contexts = await Promise.all([hostOptions, webviewOptions, webviewChunkOptions].map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all([hostOptions, webviewOptions, webviewChunkOptions].map((options) => esbuild.build(options)));
}
