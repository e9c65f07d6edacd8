/**
 * The editor in VS Code's light and high-contrast themes, each in a workbench of its own (switching
 * themes leaves the workbench's pickers in a state other tests trip on): legible, marked the way
 * VS Code's own lists are, and photographed for the README.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { findWebviewFrame, runCommand } from './browser.ts';
import { assertLegible, measureThemeColours } from './themeColours.ts';
import { projectRoot } from './vscodeServer.ts';
import { openWorkbench, type Workbench } from './workbench.ts';

const resultsDir = join(projectRoot, 'test', 'results');

/** Opens sample.jsonl in Reward Review in a fresh workbench with `theme`, once its class is on the workbench. */
function themedWorkbench(theme: string, workbenchClass: string): { page: () => Page; frame: () => Frame } {
  let workbench: Workbench | undefined;
  let frame: Frame | undefined;
  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    workbench = await openWorkbench([join(projectRoot, 'samples', 'sample.jsonl')], { 'workbench.colorTheme': theme });
    const page = workbench.page;
    await page.waitForFunction((name) => document.querySelector('.monaco-workbench')?.classList.contains(name), workbenchClass, { timeout: 30_000 });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('sample.jsonl');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.jsonl' }).first().click();
    await page.locator('.tab', { hasText: 'sample.jsonl' }).first().waitFor();
    await runCommand(page, 'Reward Review: Open Dataset…');
    frame = await findWebviewFrame(page, 'rr-app');
    await frame.locator('rr-pair-list .pair[aria-selected=true]').first().waitFor({ timeout: 60_000 });
    await frame.locator('rr-pair-view rr-critiques-panel .verdict').first().waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await workbench?.close();
  });
  return {
    page: () => workbench!.page,
    frame: () => frame!,
  };
}

/** The selected row's outline, and the theme's colour it should have. */
async function selectedRowOutline(frame: Frame) {
  return frame.locator('rr-pair-list .pair[aria-selected=true]').evaluate((row) => {
    const style = getComputedStyle(row);
    return { style: style.outlineStyle, colour: style.outlineColor, background: style.backgroundColor };
  });
}

/** Moves keyboard focus to the list (Tab from the last column header, as a keyboard user would) and reads the list's outline. */
async function focusedListOutline(page: Page, frame: Frame) {
  await frame.locator('rr-pair-list .header button').last().focus();
  await page.keyboard.press('Tab');
  return frame.locator('rr-pair-list .viewport').evaluate((viewport) => {
    const style = getComputedStyle(viewport);
    return { focused: viewport.matches(':focus-visible'), style: style.outlineStyle, colour: style.outlineColor };
  });
}

describe('light theme', () => {
  const workbench = themedWorkbench('Default Light Modern', 'vs');

  test('light theme: the list, the pair view and the dashboard take the theme\'s colours', { timeout: 5 * 60_000 }, async (context) => {
    const page = workbench.page();
    const frame = workbench.frame();
    const background = await frame.locator('rr-app').evaluate((element) => getComputedStyle(element).getPropertyValue('--vscode-editor-background').trim());
    assert.match(background, /^#f|^#e|^#d|^rgb\(2[0-9][0-9]/i, `a light editor background (${background})`);
    // The selected row takes the theme's selection colours, not a fixed dark one.
    const selected = await selectedRowOutline(frame);
    assert.notEqual(selected.background, 'rgba(0, 0, 0, 0)');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(resultsDir, 'sample-pair-view-light.png') });
    assertLegible(await measureThemeColours(frame, 4.5, 4.5), 'the pair view in the light theme', context);
    await frame.locator('[data-testid=tab-dashboard]').click();
    await frame.locator('rr-dashboard [data-testid=accuracy] tr[data-model]').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(resultsDir, 'sample-dashboard-light.png') });
    assertLegible(await measureThemeColours(frame, 4.5, 4.5), 'the dashboard in the light theme', context);
  });
});

for (const { theme, workbenchClass, slug } of [
  { theme: 'Default High Contrast', workbenchClass: 'hc-black', slug: 'hc-dark' },
  { theme: 'Default High Contrast Light', workbenchClass: 'hc-light', slug: 'hc-light' },
]) {
  describe(theme, () => {
    const workbench = themedWorkbench(theme, workbenchClass);

    test(`${theme}: the selected row and the focused list are outlined in the theme's contrast colours, and text reaches 7:1`, { timeout: 5 * 60_000 }, async (context) => {
      const page = workbench.page();
      const frame = workbench.frame();
      const before = await measureThemeColours(frame, 7, 4.5);
      const contrastActiveBorder = before.variables['--vscode-contrastActiveBorder'];
      const focusBorder = before.variables['--vscode-focusBorder'];
      assert.ok(contrastActiveBorder && focusBorder && before.variables['--vscode-contrastBorder'], 'a high-contrast theme defines its contrast borders');
      // As in VS Code's own lists, where a high-contrast theme gives the selection no background.
      const selected = await selectedRowOutline(frame);
      assert.equal(selected.style, 'dotted', 'the selected row is outlined');
      assert.equal(selected.colour, contrastActiveBorder, 'in the theme\'s active contrast border colour');
      const focused = await focusedListOutline(page, frame);
      assert.ok(focused.focused, 'Tab from the column headers reaches the list');
      assert.equal(focused.style, 'solid', 'the focused list is outlined');
      assert.equal(focused.colour, focusBorder, 'in the theme\'s focus border colour');
      const border = await frame.locator('rr-pair-view .side').first().evaluate((side) => getComputedStyle(side).borderTopColor);
      assert.equal(border, before.variables['--vscode-contrastBorder'], 'the panels are framed in the theme\'s contrast border colour');
      await frame.locator('rr-app').focus();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(resultsDir, `sample-pair-view-${slug}.png`) });
      assertLegible(before, `the pair view in ${theme}`, context);

      await frame.locator('[data-testid=tab-dashboard]').click();
      await frame.locator('rr-dashboard [data-testid=accuracy] tr[data-model]').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(resultsDir, `sample-dashboard-${slug}.png`) });
      assertLegible(await measureThemeColours(frame, 7, 4.5), `the dashboard in ${theme}`, context);
    });
  });
}
