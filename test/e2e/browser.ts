/** Debian's Chromium driven by playwright-core (Playwright's own browsers cannot be downloaded here). */
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Waits until VS Code's workbench has rendered its status bar. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
}

/** Runs a command from the palette (retrying: contributions register a moment after the workbench shows). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    // The palette can close under us (a quick input of the previous command going away): try again.
    const clicked = await (async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      // The row whose label is exactly the title: others may contain it ("… in Marketplace").
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
      if (!(await row.isVisible({ timeout: 2_000 }).catch(() => false))) return false;
      await row.click({ timeout: 5_000 });
      return true;
    })().catch((error: unknown) => {
      if (Date.now() > deadline) throw error;
      return false;
    });
    if (clicked) return;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`Command "${title}" never appeared in the command palette`);
    await page.waitForTimeout(500);
  }
}

/** Opens a workspace file in the text editor through Quick Open, as a user would (retrying: the file search may still be warming up). */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(fileName);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
    if (await row.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
      await row.click();
      await page.locator('.tab', { hasText: fileName }).first().waitFor({ timeout: 30_000 });
      return;
    }
    if (attempt === 3) throw new Error(`Quick Open never listed ${fileName}`);
  }
}

/** The webview frame whose document contains `selector` (webviews are iframes inside iframes). */
export async function findWebviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No webview frame with ${selector} within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
