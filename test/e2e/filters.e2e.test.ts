/**
 * The pair list's two filters that are not columns of the index, as a user meets them in
 * code-server: "Relabeled" (the reviewer's decisions, from the relabel journal) and "Bad lines"
 * (the lines of the dataset that are not pairs, each opened as text on Enter); then Save As of
 * the relabels made there.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { findWebviewFrame, quickOpen, runCommand } from './browser.ts';
import { projectRoot } from './vscodeServer.ts';
import { openWorkbench, type Workbench } from './workbench.ts';

const resultsDir = join(projectRoot, 'test', 'results');
const FILE = 'sample-with-bad-line.jsonl';
const EXTENSION_ID = 'reward-review.reward-review';
/** JSON cut off in a string: the indexer reports JSON.parse's message for it. */
const BROKEN = '{"id": "cut", "prompt": "the record ends in the middle of a str';

let workbench: Workbench;
let page: Page;
let scratch: string;
let badLine: number;
let pairs: number;

before(async () => {
  mkdirSync(resultsDir, { recursive: true });
  scratch = mkdtempSync(join(tmpdir(), 'rr-filters-'));
  const sample = readFileSync(join(projectRoot, 'samples', 'sample.jsonl'), 'utf8').replace(/\n$/, '');
  pairs = sample.split('\n').length;
  badLine = pairs + 1;
  writeFileSync(join(scratch, FILE), `${sample}\n${BROKEN}\n`);
  workbench = await openWorkbench([join(scratch, FILE)]);
  page = workbench.page;
});

afterEach(async (context) => {
  if (page && (context as { passed?: boolean }).passed === false) {
    await page.screenshot({ path: join(resultsDir, `failed-${context.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }).catch(() => undefined);
  }
});

after(async () => {
  await workbench?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Backups the extension wrote for hot exit: files in its workspace storage (it keeps nothing else there). */
function extensionBackups(): string[] {
  const storage = join(workbench.stateDir, 'user-data', 'User', 'workspaceStorage');
  if (!existsSync(storage)) return [];
  return readdirSync(storage).flatMap((workspaceId) => {
    const folder = join(storage, workspaceId, EXTENSION_ID);
    return existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : [];
  });
}

async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await page.waitForTimeout(100);
  }
}

/** Opens the file through Quick Open, then in Reward Review from the command palette. */
async function openInRewardReview(): Promise<Frame> {
  await quickOpen(page, FILE);
  await runCommand(page, 'Reward Review: Open Dataset…');
  return findWebviewFrame(page, 'rr-app');
}

/** Picks an option of one of the filter bar's selects with the mouse, as a user would. */
async function choose(frame: Frame, testId: string, option: RegExp): Promise<void> {
  const select = frame.locator(`rr-filter-bar [data-testid=${testId}]`);
  await select.click();
  await select.locator('li.option', { hasText: option }).first().click();
}

test('the Relabeled filter lists exactly the flipped pair; Bad lines lists the broken line and Enter opens it as text', { timeout: 5 * 60_000 }, async () => {
  const frame = await openInRewardReview();
  const count = frame.locator('rr-filter-bar [data-testid=filter-count]');
  await count.filter({ hasText: `${pairs} of ${pairs} pairs` }).waitFor({ timeout: 60_000 });

  // Flip the third pair.
  await frame.locator('rr-app').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await frame.locator('[data-testid=position]', { hasText: /^3 \// }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('f');
  await frame.locator('[data-testid=pending-relabels]', { hasText: '1 unsaved' }).waitFor({ timeout: 15_000 });
  const flippedLine = await frame.locator('rr-pair-list .pair[aria-selected=true] span').first().innerText();

  await choose(frame, 'status-filter', /^\s*Relabeled\s*$/);
  await count.filter({ hasText: `1 of ${pairs} pairs` }).waitFor({ timeout: 15_000 });
  const rows = frame.locator('rr-pair-list .pair');
  assert.equal(await rows.count(), 1, 'one row in the list');
  assert.equal(await rows.first().locator('span').first().innerText(), flippedLine, 'the flipped pair');
  assert.match(await rows.first().locator('[data-testid=review-status]').innerText(), /flipped/);
  await page.screenshot({ path: join(resultsDir, 'filters-relabeled.png') });

  // The dataset's one bad line, with the reason the indexer gave.
  await choose(frame, 'flag-filter', /Bad lines \(1\)/);
  await count.filter({ hasText: /^\s*1 bad line\s*$/ }).waitFor({ timeout: 15_000 });
  const badRow = frame.locator('rr-pair-list .bad-line.pair');
  await badRow.first().waitFor({ timeout: 15_000 });
  assert.equal(await badRow.count(), 1);
  assert.equal(await badRow.first().locator('span').first().innerText(), String(badLine));
  const reason = await badRow.first().locator('.reason').innerText();
  let parseError = '';
  try {
    JSON.parse(BROKEN);
  } catch (error) {
    parseError = (error as Error).message;
  }
  assert.ok(reason.length > 0 && reason.includes(parseError.split(' at ')[0]!), `the reason is the parse error (${reason})`);
  assert.equal(await frame.locator('[data-testid=bad-line-reason]').innerText(), reason, 'the detail pane shows it in full');
  await page.screenshot({ path: join(resultsDir, 'filters-bad-lines.png') });

  // Enter opens the dataset as text with the cursor on that line.
  await frame.locator('.detail-pane').focus();
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${badLine}, Col 1` }).first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-line', { hasText: 'the record ends in the middle' }).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(resultsDir, 'filters-bad-line-opened.png') });
});

test('Save As writes the relabeled dataset under the new name, byte for byte but the flipped line; the original stays as it was and no backup is left behind', { timeout: 5 * 60_000 }, async () => {
  // The first test left pair 3 flipped and unsaved; back to its Reward Review editor.
  const path = join(workbench.workspace, FILE);
  const before = readFileSync(path);
  await runCommand(page, 'Reward Review: Open Dataset…');
  const frame = await findWebviewFrame(page, 'rr-app [data-testid=pending-relabels]');
  await frame.locator('[data-testid=pending-relabels]', { hasText: '1 unsaved' }).waitFor({ timeout: 15_000 });
  await frame.locator('rr-app').focus();

  // VS Code has the unsaved flip backed up by the extension (for hot exit); Save As makes it obsolete.
  const deadline = Date.now() + 30_000;
  while (extensionBackups().length === 0 && Date.now() < deadline) await page.waitForTimeout(250);
  assert.equal(extensionBackups().length, 1, 'the extension backed the unsaved flip up');

  // code-server's own Save As dialog: a path in a quick input.
  const target = join(workbench.workspace, 'sample-reviewed.jsonl');
  await page.keyboard.press('Control+Shift+s');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // The dialog fills in the current path a moment after it shows: typing before that is overwritten.
  await pollUntil('the Save As dialog offers the dataset\'s path', async () => (await input.inputValue()) === path);
  await input.fill(target);
  await pollUntil('the Save As dialog holds the new path', async () => (await input.inputValue()) === target);
  await page.keyboard.press('Enter');

  // VS Code shows the saved file in its default editor, as for any editor that is not the default.
  await page.locator('.tab', { hasText: 'sample-reviewed.jsonl' }).first().waitFor({ timeout: 30_000 });
  await page.locator('.tab.dirty').first().waitFor({ state: 'detached', timeout: 15_000 });
  assert.ok(readFileSync(path).equals(before), 'the original dataset is unchanged');

  // The copy is the dataset byte for byte (its bad line too) but for the flipped pair: its
  // responses and scores swapped, with a provenance record.
  const was = before.toString('utf8').split('\n');
  const now = readFileSync(target, 'utf8').split('\n');
  assert.equal(now.length, was.length);
  assert.deepEqual(now.flatMap((text, i) => (text === was[i] ? [] : [i + 1])), [3], 'only the flipped line differs');
  const original = JSON.parse(was[2] as string) as { chosen: unknown; rejected: unknown };
  const flipped = JSON.parse(now[2] as string) as { chosen: unknown; rejected: unknown; rr_provenance?: { action?: string } };
  assert.deepEqual([flipped.chosen, flipped.rejected], [original.rejected, original.chosen]);
  assert.equal(flipped.rr_provenance?.action, 'flip');
  const discardedBy = Date.now() + 15_000;
  while (extensionBackups().length > 0 && Date.now() < discardedBy) await page.waitForTimeout(200);
  assert.deepEqual(extensionBackups(), [], 'no backup of the saved relabels is left behind');
  await page.screenshot({ path: join(resultsDir, 'save-as.png') });
});
