/**
 * `node bench/uiBench.ts [--pairs 1000000] [--data bench/data/pairs-1m.jsonl] [--reloads 3]
 * [--reopens 3]`: the review UI on a generated 1M-pair file, in code-server and Chromium as a user
 * runs it (the packaged .vsix). Reported, not asserted:
 * - opening the already-indexed file to its first rendered list row: the file is indexed once
 *   through the UI (the index lives in the extension's globalStorage inside this code-server's
 *   state), then the page is reloaded and `rewardReview.openOnStartup` opens it again; timed from
 *   the reload and from the workbench showing. Then the tab is closed and the file reopened with
 *   "Reward Review: Open Dataset…" in the same window, timed from accepting the file dialog. Each
 *   opening is broken down into its steps (frames, fetches, the app's rr:* marks).
 * - scrolling the list end to end: wheel scrolling, a scrollbar drag from top to bottom in a few
 *   hundred steps (each waiting for its rows), screenful steps and a few big jumps, with a
 *   requestAnimationFrame loop in the webview recording every frame's time. (Long Animation Frames
 *   are recorded too but this Chromium reported none inside the webview, so they are not printed.)
 * The dataset is written by the generator when missing and reached through a symlink in a
 * throw-away workspace: a 1.8 GB file is never opened in the text editor.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, runCommand, waitForWorkbench } from '../test/e2e/browser.ts';
import { createStateDir, installExtension, projectRoot, startCodeServer, type RunningServer } from '../test/e2e/vscodeServer.ts';

// Not strict: `npm run bench` passes every bench the options of all of them.
const { values } = parseArgs({
  strict: false,
  options: {
    pairs: { type: 'string', default: '1000000' },
    data: { type: 'string' },
    reloads: { type: 'string', default: '3' },
    reopens: { type: 'string', default: '3' },
  },
});
const pairs = Number(values.pairs);
const datasetPath = resolve(
  typeof values.data === 'string' ? values.data : join(projectRoot, 'bench', 'data', `pairs-${pairs % 1e6 === 0 ? `${pairs / 1e6}m` : pairs}.jsonl`),
);
const reloads = Number(values.reloads);
const reopens = Number(values.reopens);
const vsix = join(projectRoot, 'out', 'reward-review.vsix');
const ROW = 'rr-pair-list .pair[data-ord]';
const INDEXING_LIMIT_MS = 15 * 60_000;
const FRAME_BUDGET_MS = 50;

// The little of the DOM the code run inside the webview uses: this project's tsconfig has no DOM
// lib (the host code must not see `window`), so these name the browser's globals for this file only.
interface DomElement {
  readonly shadowRoot: DomRoot | null;
  readonly children: Iterable<DomElement>;
  readonly classList: { contains: (name: string) => boolean };
  readonly textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  hasAttribute: (name: string) => boolean;
  getBoundingClientRect: () => { top: number; bottom: number; height: number };
  querySelector: (selector: string) => DomElement | null;
  querySelectorAll: (selector: string) => Iterable<DomElement>;
}
interface DomRoot {
  querySelector: (selector: string) => DomElement | null;
  querySelectorAll: (selector: string) => Iterable<DomElement>;
}
/** What the recorder leaves on the webview's window between evaluations. */
interface Recorder {
  scroller: DomElement;
  frames: number[][];
  longFrames: number[][];
  stop: () => void;
}
declare const document: DomRoot;
declare const window: { rrBench?: Recorder };
declare function requestAnimationFrame(callback: (now: number) => void): number;
declare const PerformanceObserver: new (callback: (list: { getEntries: () => { startTime: number; duration: number }[] }) => void) => {
  observe: (options: { type: string; buffered?: boolean }) => void;
};

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function prepareInputs(): void {
  if (!existsSync(datasetPath)) {
    mkdirSync(join(projectRoot, 'bench', 'data'), { recursive: true });
    console.log(`generating ${datasetPath} (${pairs} pairs)…`);
    execFileSync(process.execPath, [join(projectRoot, 'scripts', 'generate-sample.ts'), '--pairs', String(pairs), '--out', datasetPath], { stdio: 'inherit' });
  }
  if (!existsSync(vsix)) {
    console.log('out/reward-review.vsix is missing: npm run package');
    execFileSync('npm', ['run', 'package'], { cwd: projectRoot, stdio: 'inherit' });
  }
  const built = Math.max(...['dist/extension.js', 'dist/webview/main.js'].map((file) => (existsSync(join(projectRoot, file)) ? statSync(join(projectRoot, file)).mtimeMs : 0)));
  if (built > statSync(vsix).mtimeMs) console.log('note: out/reward-review.vsix is older than dist/: this measures the packaged build (npm run package refreshes it)');
}

/** The extension's last "reused index … (N ms)" or "rebuilt index" log line: what ensureIndex took in the host. */
function lastEnsureIndex(stateDir: string): string {
  const logs = join(stateDir, 'user-data', 'logs');
  let text = '';
  for (const session of existsSync(logs) ? readdirSync(logs) : []) {
    for (const host of readdirSync(join(logs, session)).filter((name) => name.startsWith('exthost'))) {
      const log = join(logs, session, host, 'reward-review.reward-review', 'Reward Review.log');
      if (existsSync(log)) text += readFileSync(log, 'utf8');
    }
  }
  const found = [...text.matchAll(/(reused|rebuilt|appended to) index.*\((\d+) ms\)/g)].at(-1);
  return found ? `${found[1]} ${found[2]} ms` : '?';
}

/** What the poll saw while waiting for the first row. */
interface FirstRow {
  frame: Frame;
  at: number;
}

/**
 * Polls every frame for the first list row with a line number, as fast as Playwright answers
 * (a few tens of ms a round: the resolution of the opening times).
 */
async function waitForFirstRow(page: Page, limitMs: number, onIndexing?: (status: string) => void): Promise<FirstRow> {
  const deadline = Date.now() + limitMs;
  let lastReport = 0;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(ROW).first().isVisible().catch(() => false)) return { frame, at: Date.now() };
      const failed = frame.locator('rr-app [data-testid=index-error]');
      if (await failed.isVisible().catch(() => false)) throw new Error(`indexing failed in the editor: ${await failed.innerText()}`);
      const indexing = frame.locator('rr-app .indexing');
      if (await indexing.isVisible().catch(() => false)) {
        if (onIndexing && Date.now() - lastReport > 15_000) {
          lastReport = Date.now();
          onIndexing((await indexing.innerText().catch(() => '')).replace(/\s+/g, ' '));
        }
      }
    }
    if (Date.now() > deadline) throw new Error(`no list row within ${limitMs} ms`);
    await sleep(10);
  }
}

/**
 * Types a path into VS Code's simple file dialog. The dialog fills in its folder a moment after it
 * shows, over anything typed before (Enter then accepts the folder: "Please select a file"), so the
 * path is typed once the folder is there and checked before returning.
 */
async function fillFileDialog(page: Page, path: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  const deadline = Date.now() + 10_000;
  while (!(await input.inputValue()).endsWith('/') && Date.now() < deadline) await sleep(50);
  for (;;) {
    await input.fill(path);
    await sleep(300);
    if ((await input.inputValue()) === path) return;
    if (Date.now() > deadline) throw new Error(`the file dialog would not keep ${path}`);
  }
}

/** A resource timing entry, as much of it as the breakdown reads. */
interface ResourceEntry {
  name: string;
  startTime: number;
  responseEnd: number;
}

/**
 * Where an opening's time went, in ms from `startedAt` (an epoch time taken in this process; the
 * frames' timeOrigin is on the same clock): the webview's outer frame (VS Code's webview host) and
 * content frame starting, each script and stylesheet fetched (start–end), the app's rr:* marks
 * (webview/components/rr-app.ts) and the row seen by the poll.
 */
async function openingSteps(row: FirstRow, startedAt: number): Promise<string> {
  const from = (epoch: number) => fixed(epoch - startedAt);
  const outerOrigin = await row.frame.parentFrame()?.evaluate(() => performance.timeOrigin).catch(() => NaN);
  const seen = await row.frame.evaluate(() => ({
    origin: performance.timeOrigin,
    resources: performance.getEntriesByType('resource').map((entry) => {
      const resource = entry as unknown as ResourceEntry;
      return [resource.name.split('?')[0]?.split('/').pop() ?? '', resource.startTime, resource.responseEnd] as const;
    }),
    marks: performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('rr:')).map((mark) => [mark.name, mark.startTime] as const),
  }));
  const steps = [`host frame ${outerOrigin === undefined ? '?' : from(outerOrigin)}`, `content frame ${from(seen.origin)}`];
  for (const [name, start, end] of seen.resources) steps.push(`${name} ${from(seen.origin + start)}–${from(seen.origin + end)}`);
  for (const [name, at] of seen.marks) steps.push(`${name.slice(3)} ${from(seen.origin + at)}`);
  steps.push(`row seen ${from(row.at)}`);
  return steps.join(', ');
}

/** Installs the frame recorder in the webview and finds the virtualized list (the scroller). */
async function installRecorder(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const deepFind = (root: DomRoot, selector: string): DomElement | null => {
      const found = root.querySelector(selector);
      if (found) return found;
      for (const element of root.querySelectorAll('*')) {
        const inner = element.shadowRoot ? deepFind(element.shadowRoot, selector) : null;
        if (inner) return inner;
      }
      return null;
    };
    const list = deepFind(document, 'rr-pair-list');
    const scroller = list?.shadowRoot?.querySelector('.viewport');
    if (!scroller) throw new Error('no rr-pair-list scroller (.viewport) in the webview');
    const frames: number[][] = [];
    const longFrames: number[][] = [];
    let last = performance.now();
    let running = true;
    const tick = (now: number) => {
      frames.push([now, now - last]);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) longFrames.push([entry.startTime, entry.duration]);
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // Chromium without Long Animation Frames: the rAF deltas still tell.
    }
    window.rrBench = { scroller, frames, longFrames, stop: () => (running = false) };
  });
}

/** The scroll phases, run inside the webview; returns each phase's time span and what it saw. */
async function scrollInWebview(frame: Frame, phase: 'drag' | 'screens' | 'jumps', steps: number) {
  return frame.evaluate(async ({ phase, steps }) => {
    const scroller = window.rrBench!.scroller;
    const nextFrame = () => new Promise<number>((done) => requestAnimationFrame(done));
    const visibleRows = () => {
      const box = scroller.getBoundingClientRect();
      return [...scroller.querySelectorAll('.pair')].filter((child) => {
        if (!child.classList.contains('pair')) return false;
        const rect = child.getBoundingClientRect();
        return rect.bottom > box.top && rect.top < box.bottom && rect.height > 0;
      });
    };
    /** Frames until the visible rows show pairs, not placeholders (ms, capped at 2 s). */
    const untilFilled = async (from: number) => {
      for (;;) {
        const now = await nextFrame();
        const rows = visibleRows();
        const filled = rows.length > 0 && rows.every((row) => row.hasAttribute('data-ord'));
        if (filled || now - from > 2000) return { ms: now - from, filled };
      }
    };
    const started = performance.now();
    const fills: number[] = [];
    let unfilled = 0;
    const max = () => scroller.scrollHeight - scroller.clientHeight;
    if (phase === 'drag') {
      // A scrollbar dragged from top to bottom: each step waits for its rows before the next.
      for (let step = 1; step <= steps; step++) {
        const from = performance.now();
        scroller.scrollTop = (max() * step) / steps;
        const fill = await untilFilled(from);
        fills.push(fill.ms);
        if (!fill.filled) unfilled++;
      }
    } else if (phase === 'screens') {
      // Page Up held at the bottom: one screenful a frame, rows or not.
      for (let step = 0; step < steps; step++) {
        scroller.scrollTop = Math.max(0, scroller.scrollTop - scroller.clientHeight);
        await nextFrame();
      }
      const fill = await untilFilled(performance.now());
      fills.push(fill.ms);
      if (!fill.filled) unfilled++;
    } else {
      for (const fraction of [0, 1, 0.5, 0.25, 0.75, 0.999, 0, 1]) {
        const from = performance.now();
        scroller.scrollTop = max() * fraction;
        const fill = await untilFilled(from);
        fills.push(fill.ms);
        if (!fill.filled) unfilled++;
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    const rows = visibleRows();
    const lastLine = rows.at(-1)?.querySelector('span')?.textContent ?? '';
    return { started, ended: performance.now(), fills, unfilled, lastLine, scrollHeight: scroller.scrollHeight };
  }, { phase, steps });
}

/** Wheel scrolling over the list from Playwright's mouse: real input events through the compositor. */
async function wheelOverList(page: Page, frame: Frame, ticks: number, deltaY: number) {
  const box = await frame.locator('rr-pair-list .viewport').boundingBox();
  if (!box) throw new Error('the list has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const started = await frame.evaluate(() => performance.now());
  for (let tick = 0; tick < ticks; tick++) {
    await page.mouse.wheel(0, deltaY);
    await sleep(16);
  }
  await sleep(300);
  const ended = await frame.evaluate(() => performance.now());
  return { started, ended };
}

interface FrameFigures {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over: number;
  longFrames: number;
  longestFrame: number;
}

async function frameFigures(frame: Frame, span: { started: number; ended: number }): Promise<FrameFigures> {
  const { frames, longFrames } = await frame.evaluate(() => {
    const bench = window.rrBench!;
    return { frames: bench.frames, longFrames: bench.longFrames };
  });
  // A frame belongs to the span it ends in; the first frame after the span started measures from inside it.
  const deltas = frames.filter(([at = 0]) => at > span.started && at <= span.ended + 1).map(([, delta = 0]) => delta).sort((a, b) => a - b);
  const long = longFrames.filter(([at = 0]) => at >= span.started && at <= span.ended);
  return {
    frames: deltas.length,
    p50: percentile(deltas, 0.5),
    p95: percentile(deltas, 0.95),
    max: deltas.at(-1) ?? NaN,
    over: deltas.filter((delta) => delta > FRAME_BUDGET_MS).length,
    longFrames: long.length,
    longestFrame: Math.max(0, ...long.map(([, duration = 0]) => duration)),
  };
}

async function main(): Promise<void> {
  prepareInputs();
  console.log(`dataset ${datasetPath} (${fixed(statSync(datasetPath).size / 2 ** 30, 2)} GiB); load ${loadavg()} on ${execFileSync('nproc').toString().trim()} cores`);
  const workspace = mkdtempSync(join(tmpdir(), 'rr-ui-bench-'));
  const fileName = basename(datasetPath);
  symlinkSync(datasetPath, join(workspace, fileName));
  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'rewardReview.openOnStartup': [fileName] }, null, 2));

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    const stateDir = createStateDir();
    await installExtension(stateDir, vsix);
    server = await startCodeServer(stateDir, workspace);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    // 1. The first open indexes the file into this code-server's globalStorage.
    const firstStarted = Date.now();
    await page.goto(server.url);
    await waitForWorkbench(page);
    const indexed = await waitForFirstRow(page, INDEXING_LIMIT_MS, (status) => console.log(`  ${fixed((Date.now() - firstStarted) / 1000)} s: ${status}`));
    console.log(`first open (indexing in the extension host): first row after ${fixed((indexed.at - firstStarted) / 1000, 1)} s`);
    await sleep(2000);

    // 2. Reopening the indexed file: reload the window, openOnStartup opens it again.
    const reopenRows: string[][] = [];
    const breakdowns: string[] = [];
    const fromReload: number[] = [];
    const fromWorkbench: number[] = [];
    for (let round = 1; round <= reloads; round++) {
      const started = Date.now();
      await page.reload({ waitUntil: 'commit' });
      await waitForWorkbench(page);
      const workbenchAt = Date.now();
      const row = await waitForFirstRow(page, 120_000);
      fromReload.push(row.at - started);
      fromWorkbench.push(row.at - workbenchAt);
      reopenRows.push([`reload ${round}`, fixed(row.at - started), fixed(row.at - workbenchAt), lastEnsureIndex(server.stateDir), loadavg()]);
      breakdowns.push(`reload ${round} (ms from the reload): ${await openingSteps(row, started)}`);
      await sleep(2000);
    }

    // 3. Close the tab, then "Reward Review: Open Dataset…" in the same (warm) window, a few times.
    const fromCommand: number[] = [];
    for (let round = 1; round <= reopens; round++) {
      try {
        await runCommand(page, 'View: Close All Editors');
        await page.waitForTimeout(1000);
        await runCommand(page, 'Reward Review: Open Dataset…');
        await fillFileDialog(page, join(workspace, fileName));
        const started = Date.now();
        await page.keyboard.press('Enter');
        const row = await waitForFirstRow(page, 60_000);
        fromCommand.push(row.at - started);
        reopenRows.push([`Open Dataset… ${round} (warm)`, fixed(row.at - started), '–', lastEnsureIndex(server.stateDir), loadavg()]);
        breakdowns.push(`Open Dataset… ${round} (ms from Enter): ${await openingSteps(row, started)}`);
      } catch (error) {
        const screenshot = join(tmpdir(), `rr-ui-bench-open-${round}.png`);
        await page.screenshot({ path: screenshot }).catch(() => undefined);
        console.log(`Open Dataset… ${round} not measured: ${(error as Error).message.split('\n')[0]} (screenshot ${screenshot})`);
        // Back to a known state for the scrolling: the editor opened as at startup.
        await page.reload();
        await waitForWorkbench(page);
        await waitForFirstRow(page, 120_000);
        break;
      }
      await sleep(1500);
    }

    console.log(`\nopening the indexed ${fileName} to the first rendered row (ms; target ≤ 1000; polled every few tens of ms)`);
    console.log(`${pad('how', 30)} ${pad('from start', 11, true)} ${pad('from workbench', 15, true)} ${pad('index in the host', 20, true)}  load`);
    for (const [how = '', start = '', workbench = '', host = '', load = ''] of reopenRows) {
      console.log(`${pad(how, 30)} ${pad(start, 11, true)} ${pad(workbench, 15, true)} ${pad(host, 20, true)}  ${load}`);
    }
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
    console.log(`${pad('reload, median', 30)} ${pad(fixed(median(fromReload)), 11, true)} ${pad(fixed(median(fromWorkbench)), 15, true)}`);
    if (fromCommand.length > 0) console.log(`${pad('Open Dataset…, median', 30)} ${pad(fixed(median(fromCommand)), 11, true)}`);
    console.log('\nwhere the time went:');
    for (const breakdown of breakdowns) console.log(`  ${breakdown}`);

    // 4. Scrolling end to end.
    const { frame } = await waitForFirstRow(page, 60_000);
    await installRecorder(frame);
    await sleep(500);
    const spans: [string, { started: number; ended: number }, string][] = [];
    const wheel = await wheelOverList(page, frame, 150, 400);
    spans.push(['wheel 150 × 400 px', wheel, '']);
    const drag = await scrollInWebview(frame, 'drag', 300);
    spans.push(['drag top→bottom, 300 steps', drag, `rows after p50 ${fixed(percentile([...drag.fills].sort((a, b) => a - b), 0.5))} / p95 ${fixed(percentile([...drag.fills].sort((a, b) => a - b), 0.95))} / max ${fixed(Math.max(...drag.fills))} ms${drag.unfilled ? `, ${drag.unfilled} never filled` : ''}; bottom row line ${drag.lastLine}`]);
    const screens = await scrollInWebview(frame, 'screens', 200);
    spans.push(['200 screens up, one a frame', screens, `rows after ${fixed(screens.fills[0] ?? NaN)} ms`]);
    const jumps = await scrollInWebview(frame, 'jumps', 0);
    spans.push(['8 jumps (0,1,½,¼,¾,…)', jumps, `rows after ${jumps.fills.map((ms) => fixed(ms)).join(', ')} ms${jumps.unfilled ? `, ${jumps.unfilled} never filled` : ''}`]);
    const all = { started: wheel.started, ended: jumps.ended };

    console.log(`\nscrolling the 1M-row list (frame times from requestAnimationFrame in the webview, ms; target < ${FRAME_BUDGET_MS})`);
    console.log(`list height ${fixed(drag.scrollHeight / 1e6, 1)} M px`);
    console.log(`${pad('phase', 30)} ${pad('frames', 7, true)} ${pad('p50', 6, true)} ${pad('p95', 6, true)} ${pad('max', 6, true)} ${pad(`>${FRAME_BUDGET_MS}ms`, 7, true)}  rows`);
    for (const [name, span, note] of [...spans, ['all', all, ''] as [string, { started: number; ended: number }, string]]) {
      const f = await frameFigures(frame, span);
      console.log(
        `${pad(name, 30)} ${pad(String(f.frames), 7, true)} ${pad(fixed(f.p50, 1), 6, true)} ${pad(fixed(f.p95, 1), 6, true)} ${pad(fixed(f.max), 6, true)} ` +
          `${pad(String(f.over), 7, true)}  ${note}`,
      );
    }
    await frame.evaluate(() => window.rrBench?.stop());
    console.log(`\nload at the end: ${loadavg()}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
