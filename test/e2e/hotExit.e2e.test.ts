/**
 * Hot exit: a Reward Review editor with an unsaved flip survives a window reload. VS Code backs the
 * custom document up (backupCustomDocument), reopens it from that backup after the reload, the tab
 * is still dirty, the flip still shown, and Ctrl+S writes it to the file.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, quickOpen, runCommand, waitForWorkbench } from './browser.ts';
import { vsixPath } from './vsix.ts';
import { createStateDir, installExtension, projectRoot, startCodeServer, type RunningServer } from './vscodeServer.ts';

const resultsDir = join(projectRoot, 'test', 'results');
const samplePath = join(projectRoot, 'samples', 'sample.jsonl');
const FILE = 'sample.jsonl';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace: string;
let stateDir: string;
/** Messages of dialogs the page raised (a "leave the page?" prompt means the reload was not a hot exit). */
const dialogs: string[] = [];

before(async () => {
  mkdirSync(resultsDir, { recursive: true });
  workspace = mkdtempSync(join(tmpdir(), 'rr-hot-exit-'));
  copyFileSync(samplePath, join(workspace, FILE));
  // Hot exit at its default: the point is that a user's VS Code backs the relabels up.
  stateDir = createStateDir();
  await installExtension(stateDir, vsixPath());
  server = await startCodeServer(stateDir, workspace);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.accept().catch(() => undefined);
  });
  await page.goto(server.url);
  await waitForWorkbench(page);
});

afterEach(async (context) => {
  if (page && (context as { passed?: boolean }).passed === false) {
    await page.screenshot({ path: join(resultsDir, `failed-hot-exit-${context.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}.png`) }).catch(() => undefined);
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

/** Files under the state folder whose path has a `Backups` folder in it (where VS Code keeps hot-exit backups). */
function backupFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string, inBackups: boolean) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const backups = inBackups || entry.name === 'Backups';
      if (entry.isDirectory()) walk(path, backups);
      else if (backups) found.push(relative(stateDir, path));
    }
  };
  walk(stateDir, false);
  return found.sort();
}

/** The Reward Review webview of the sample, once its header is shown. */
async function rewardReviewFrame(): Promise<Frame> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    for (const frame of page.frames()) {
      const title = await frame.locator('rr-app h1').first().innerText({ timeout: 200 }).catch(() => '');
      if (title === FILE) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no Reward Review editor for ${FILE}`);
    await page.waitForTimeout(250);
  }
}

async function openInRewardReview(): Promise<Frame> {
  await quickOpen(page, FILE);
  await runCommand(page, 'Reward Review: Open Dataset…');
  return rewardReviewFrame();
}

/** The list row of the pair on `line`, and its review status. */
function listRow(frame: Frame, line: number) {
  return frame.locator('rr-pair-list .pair').filter({ has: frame.locator('span', { hasText: new RegExp(`^${line}$`) }) }).first();
}

test('an unsaved flip survives a window reload through VS Code\'s backup, and Ctrl+S then writes it', { timeout: 8 * 60_000 }, async () => {
  const path = join(workspace, FILE);
  const before = readFileSync(path);
  let frame = await openInRewardReview();
  await frame.locator('[data-testid=pair-count]').waitFor({ timeout: 60_000 });
  await frame.locator('rr-pair-list .pair[aria-selected=true]').waitFor({ timeout: 30_000 });
  await frame.locator('rr-app').focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await frame.locator('[data-testid=position]', { hasText: /^3 \// }).waitFor({ timeout: 10_000 });
  const line = Number(await frame.locator('rr-pair-list .pair[aria-selected=true] span').first().innerText());
  assert.ok(line > 1, `a pair past the first is selected (line ${line})`);
  assert.equal(backupFiles().length, 0, 'no backup before any change');

  await page.keyboard.press('f');
  await frame.locator('[data-testid=pending-relabels]', { hasText: '1 unsaved' }).waitFor({ timeout: 15_000 });
  await page.locator('.tab.dirty', { hasText: FILE }).waitFor({ timeout: 15_000 });
  // A view choice too: the webview's own state (getState/setState) must come back with the window.
  await frame.locator('rr-pair-view vscode-radio[value=raw]').click();

  // VS Code backs a dirty editor up a moment after the change (not at shutdown): wait for the file.
  const deadline = Date.now() + 30_000;
  let backups = backupFiles();
  while (backups.length === 0 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    backups = backupFiles();
  }
  assert.equal(backups.length, 1, `one backup, of the custom editor: ${backups.join(', ')}`);
  assert.match(backups[0] as string, /vscode-custom-editor/);
  // VS Code's backup of a custom editor is one line: the editor's resource, then meta naming the
  // backup the extension wrote (backupCustomDocument's destination, in the workspace storage).
  const meta = JSON.parse(readFileSync(join(stateDir, backups[0] as string), 'utf8').replace(/^\S+ /, '')) as { viewType: string; backupId: string };
  assert.equal(meta.viewType, 'rewardReview.dataset');
  const extensionBackup = fileURLToPath(meta.backupId);
  assert.ok(extensionBackup.startsWith(stateDir), extensionBackup);
  const relabels = JSON.parse(readFileSync(extensionBackup, 'utf8')) as { kind: string; pending: Array<{ line: number; action: string }> };
  assert.equal(relabels.kind, 'reward-review/relabels');
  assert.deepEqual(relabels.pending.map((p) => [p.line, p.action]), [[line, 'flip']]);

  await runCommand(page, 'Developer: Reload Window');
  await page.waitForLoadState('domcontentloaded');
  await waitForWorkbench(page);
  frame = await rewardReviewFrame();
  assert.deepEqual(dialogs, [], 'the reload asked nothing: hot exit');
  await page.locator('.tab.dirty', { hasText: FILE }).waitFor({ timeout: 30_000 });
  await frame.locator('[data-testid=pending-relabels]', { hasText: '1 unsaved' }).waitFor({ timeout: 30_000 });
  await listRow(frame, line).locator('[data-testid=review-status]', { hasText: 'flipped •' }).waitFor({ timeout: 30_000 });
  // The selection and the response view are as they were before the reload.
  await frame.locator('[data-testid=position]', { hasText: /^3 \// }).waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('rr-pair-view vscode-radio[value=raw]').getAttribute('checked'), '', 'the raw view is still chosen');
  // Restored from the backup VS Code handed over, not from the journal alone (that says "from an earlier session").
  const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  assert.ok(!toasts.some((text) => /earlier session/.test(text)), `no "earlier session" notice: ${toasts.join(' | ')}`);
  await page.screenshot({ path: join(resultsDir, 'hot-exit-restored.png') });
  assert.ok(readFileSync(path).equals(before), 'nothing was written to the dataset before Save');

  await frame.locator('rr-app').focus();
  await page.keyboard.press('Control+s');
  await page.locator('.tab.dirty', { hasText: FILE }).waitFor({ state: 'detached', timeout: 30_000 });
  await frame.locator('[data-testid=pending-relabels]').waitFor({ state: 'detached', timeout: 15_000 });
  const was = before.toString('utf8').split('\n');
  const now = readFileSync(path, 'utf8').split('\n');
  assert.equal(now.length, was.length);
  assert.deepEqual(now.flatMap((text, i) => (text === was[i] ? [] : [i + 1])), [line], 'only the flipped line changed');
  const original = JSON.parse(was[line - 1] as string) as { chosen: unknown; rejected: unknown };
  const flipped = JSON.parse(now[line - 1] as string) as { chosen: unknown; rejected: unknown };
  assert.deepEqual(flipped.chosen, original.rejected);
  assert.deepEqual(flipped.rejected, original.chosen);
  // The relabels the first window backed up are gone with the save: VS Code deletes only backups
  // of the running window, so the extension deletes the file it restored from. (VS Code's own
  // backup file of the first window can stay behind: the restored editor's working copy names its
  // resource with an extra `fsPath` in it, so it backs up under a new key and discards only that one.)
  const discardedBy = Date.now() + 15_000;
  while (existsSync(extensionBackup) && Date.now() < discardedBy) await page.waitForTimeout(200);
  assert.ok(!existsSync(extensionBackup), 'the extension\'s backup of the relabels is deleted after the save');

  // Reloaded once more, the saved editor comes back clean: nothing stale is restored.
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForLoadState('domcontentloaded');
  await waitForWorkbench(page);
  frame = await rewardReviewFrame();
  await listRow(frame, line).locator('[data-testid=review-status]', { hasText: /^flipped$/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  assert.equal(await page.locator('.tab.dirty').count(), 0, 'no tab is dirty after the second reload');
  assert.equal(await frame.locator('[data-testid=pending-relabels]').count(), 0, 'no unsaved relabels');
  assert.deepEqual(dialogs, []);
});
