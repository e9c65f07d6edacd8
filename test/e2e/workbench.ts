/**
 * A user's VS Code for the UI tests: the packaged extension installed into a fresh code-server,
 * a workspace holding the given files, the workbench open in Chromium with the side bar closed
 * (the screenshots are of Reward Review, not of the explorer).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, runCommand, waitForWorkbench } from './browser.ts';
import { vsixPath } from './vsix.ts';
import { createStateDir, installExtension, startCodeServer, type RunningServer } from './vscodeServer.ts';

export interface Workbench {
  page: Page;
  /** The workspace folder (a temporary copy of the files). */
  workspace: string;
  /** code-server's user data, extensions and storage. */
  stateDir: string;
  close: () => Promise<void>;
}

export async function openWorkbench(files: readonly string[], settings: Record<string, unknown> = {}): Promise<Workbench> {
  const workspace = mkdtempSync(join(tmpdir(), 'rr-ui-workspace-'));
  for (const file of files) copyFileSync(file, join(workspace, basename(file)));
  const stateDir = createStateDir(settings);
  await installExtension(stateDir, vsixPath());
  const server: RunningServer = await startCodeServer(stateDir, workspace);
  const browser: Browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await waitForWorkbench(page);
  await runCommand(page, 'View: Close Primary Side Bar');
  return {
    page,
    workspace,
    stateDir,
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
