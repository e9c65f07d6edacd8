/**
 * `npm run package [-- --target <vsce target>]`: a production build for the target platform (its
 * better-sqlite3 prebuild beside the bundles), then a .vsix with no node_modules at all, since
 * everything else is bundled. Prints what it made and its size.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostTarget } from './platformTargets.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const targetIndex = args.indexOf('--target');
const explicitTarget = targetIndex >= 0 ? args[targetIndex + 1] : undefined;
const target = explicitTarget ?? hostTarget();
// The default package is the one the tests and the local demo install.
const out = join(root, 'out', explicitTarget ? `reward-review-${target}.vsix` : 'reward-review.vsix');
mkdirSync(dirname(out), { recursive: true });

const bin = join(root, 'node_modules', '.bin');
execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--target', target], { cwd: root, stdio: 'inherit' });
execFileSync(
  join(bin, 'vsce'),
  ['package', '--no-dependencies', '--target', target, '--out', out, '--allow-missing-repository', '--no-rewrite-relative-links'],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
const listing = execFileSync(join(bin, 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
// A package missing one of these installs and activates, and fails later (large files, the CLI,
// the webview): refuse to make it.
// The webview's lazily loaded chunks (see esbuild.mjs): whatever this build wrote.
const chunks = readdirSync(join(root, 'dist', 'webview', 'chunks')).filter((file) => file.endsWith('.js')).map((file) => `dist/webview/chunks/${file}`);
const required = ['dist/extension.js', 'dist/cli.js', 'dist/summarizeWorker.js', 'dist/native/better_sqlite3.node', 'dist/webview/main.js', ...chunks, 'dist/webview/codicon.css', 'README.md', 'LICENSE'];
const packaged = new Set(listing.trim().split('\n').map((line) => line.trim()));
const missing = required.filter((file) => !packaged.has(file));
if (missing.length > 0) {
  console.error(`The package lacks ${missing.join(', ')}: check .vscodeignore and esbuild.mjs.`);
  process.exit(1);
}
console.log(`\n${relative(root, out)} for ${target}: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB, ${listing.trim().split('\n').length} files`);
