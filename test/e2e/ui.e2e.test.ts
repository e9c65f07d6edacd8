/**
 * The extension as a user gets it: the packaged .vsix installed into code-server, the workbench in
 * Chromium, the dataset opened from the command palette, the webview checked and photographed.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { fixtureFile, sharedDataFile, skipUnlessSharedData } from '../unit/sharedData.ts';
import type { Page } from 'playwright-core';
import { findWebviewFrame, quickOpen, runCommand } from './browser.ts';
import { assertLegible, measureThemeColours } from './themeColours.ts';
import { projectRoot } from './vscodeServer.ts';
import { openWorkbench, type Workbench } from './workbench.ts';

const resultsDir = join(projectRoot, 'test', 'results');
const samplePath = join(projectRoot, 'samples', 'sample.jsonl');

let workbench: Workbench;
let page: Page;
let workspace: string;

const HH = 'hh-rlhf/harmless-base-test.jsonl';
const PANDALM = 'pandalm/testset-v1.json';
const LLMBAR = 'llmbar/Natural';
/** Two LLMBar judges (folders under evaluators/), each of which wrote a critique per game. */
const LLMBAR_JUDGES = ['GPT-4/CoT', 'PaLM2/CoT'];
const llmbarJudgeFile = (judge: string) => `${LLMBAR}/evaluators/${judge}/result.json`;
const skipLlmbar = skipUnlessSharedData(`${LLMBAR}/dataset.json`) || LLMBAR_JUDGES.map((judge) => skipUnlessSharedData(llmbarJudgeFile(judge))).find(Boolean) || false;

before(async () => {
  mkdirSync(resultsDir, { recursive: true });
  // Real third-party files, when present, beside the sample (their tests skip otherwise).
  const shared = [HH, PANDALM].filter((file) => !skipUnlessSharedData(file)).map(sharedDataFile);
  workbench = await openWorkbench([samplePath, ...shared]);
  page = workbench.page;
  workspace = workbench.workspace;
  // LLMBar keeps its folders (the judges are named after them), each judge's result with the
  // attachment mapping beside it, where "Attach Scores…" finds it: a copy, never the shared files.
  if (!skipLlmbar) {
    for (const file of [`${LLMBAR}/dataset.json`, ...LLMBAR_JUDGES.map(llmbarJudgeFile)]) {
      const copy = join(workspace, file);
      mkdirSync(dirname(copy), { recursive: true });
      copyFileSync(sharedDataFile(file), copy);
      if (file.endsWith('result.json')) copyFileSync(fixtureFile('attachments/llmbar-evaluator.json'), `${copy}.rr-map.json`);
    }
  }
});

// A failed test leaves a picture of the workbench behind, named after the test.
afterEach(async (context) => {
  if (page && (context as { passed?: boolean }).passed === false) {
    await page.screenshot({ path: join(resultsDir, `failed-${context.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }).catch(() => undefined);
  }
});

after(async () => {
  await workbench?.close();
});

/** Opens a workspace file in Reward Review: Quick Open, then the command, as a user would. */
async function openInRewardReview(fileName: string) {
  await quickOpen(page, fileName);
  await runCommand(page, 'Reward Review: Open Dataset…');
  return findWebviewFrameWith(`rr-app`, fileName);
}

/** The webview whose header names `fileName` (several Reward Review editors may be open). */
async function findWebviewFrameWith(selector: string, fileName: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const frame of page.frames()) {
      const title = await frame.locator(`${selector} h1`).first().innerText({ timeout: 200 }).catch(() => '');
      if (title === fileName) return frame;
    }
    if (Date.now() > deadline) {
      await page.screenshot({ path: join(resultsDir, `failed-${fileName}.png`) });
      throw new Error(`no Reward Review editor for ${fileName} (screenshot in test/results)`);
    }
    await page.waitForTimeout(250);
  }
}


/** The text a user sees in an element, through the shadow roots of the elements inside it. */
function deepText(element: Element): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    const shadow = (node as Element).shadowRoot;
    for (const child of shadow ? [...shadow.childNodes, ...node.childNodes] : node.childNodes) walk(child);
  };
  walk(element);
  return parts.join('');
}

test('"Reward Review: Open Dataset…" shows the sample\'s pair count and first pair', { timeout: 5 * 60_000 }, async (context) => {
  const firstRecord = JSON.parse(readFileSync(samplePath, 'utf8').split('\n')[0] ?? '{}') as {
    prompt: string | { content: string }[];
    chosen: string | { content: string }[];
    rejected: string | { content: string }[];
  };
  const startOf = (text: string | { content: string }[]) =>
    (typeof text === 'string' ? text : (text[0]?.content ?? '')).split('\n')[0]?.slice(0, 50).trim() ?? '';

  await quickOpen(page, 'sample.jsonl');
  await runCommand(page, 'Reward Review: Open Dataset…');
  const frame = await findWebviewFrame(page, 'rr-app');
  const count = frame.locator('[data-testid=pair-count]');
  await count.waitFor({ timeout: 60_000 });
  assert.match((await count.innerText()).replace(/\s+/g, ' '), /^400 pairs$/);

  const shownText = (side: string) => frame.locator(`rr-pair-view [data-testid=${side}]`).first().evaluate(deepText);
  await frame.locator('rr-pair-view [data-testid=prompt] rr-conversation').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(resultsDir, 'sample-pair-view.png') });
  assert.ok((await shownText('prompt')).includes(startOf(firstRecord.prompt)), 'the first prompt is shown');
  assert.ok((await shownText('chosen')).includes(startOf(firstRecord.chosen)), 'the first chosen response is shown');
  assert.ok((await shownText('rejected')).includes(startOf(firstRecord.rejected)), 'the first rejected response is shown');
  // VS Code's default theme is dark: the text of the list and the pair is legible in it (WCAG AA).
  assertLegible(await measureThemeColours(frame, 4.5, 4.5), 'the pair view in the dark theme', context);

  // j moves to the next pair and the position follows.
  await frame.locator('rr-app').focus();
  await page.keyboard.press('j');
  await frame.locator('[data-testid=position]', { hasText: '2 / 400' }).waitFor({ timeout: 10_000 });
});

test('search finds pairs by their text, with the count of the filter', { timeout: 3 * 60_000 }, async () => {
  const frame = await findWebviewFrame(page, 'rr-app');
  await frame.locator('rr-app').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('SIGKILL');
  await page.keyboard.press('Enter');
  const count = frame.locator('rr-filter-bar [data-testid=filter-count]');
  await count.filter({ hasText: /^\d+ of 400 pairs$/ }).filter({ hasNotText: /^400 of/ }).waitFor({ timeout: 60_000 });
  const matching = Number((await count.innerText()).split(' of ')[0]);
  // Search covers the prompt and both responses (not critiques); the word may start a longer one.
  const flatten = (text: unknown): string => (typeof text === 'string' ? text : (text as { content: string }[]).map((m) => m.content).join('\n'));
  const expected = readFileSync(samplePath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => /\bsigkill/i.test([record.prompt, record.chosen, record.rejected].map(flatten).join('\n'))).length;
  assert.ok(expected > 0);
  assert.equal(matching, expected, 'every pair mentioning SIGKILL, and only those');
  await page.screenshot({ path: join(resultsDir, 'sample-search.png') });
});

test('the dashboard shows every model\'s accuracy, and a click lists the pairs that model misranks', { timeout: 3 * 60_000 }, async (context) => {
  const frame = await findWebviewFrame(page, 'rr-app');
  await frame.locator('[data-testid=tab-dashboard]').click();
  const accuracyRows = frame.locator('rr-dashboard [data-testid=accuracy] tr[data-model]');
  await accuracyRows.first().waitFor({ timeout: 60_000 });
  assert.equal(await accuracyRows.count(), 5);
  await frame.locator('rr-dashboard [data-testid=mu-histogram] canvas').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(resultsDir, 'sample-dashboard.png') });
  assertLegible(await measureThemeColours(frame, 4.5, 4.5), 'the dashboard in the dark theme', context);
  // Five models and eight raters make wide tables: each stays inside its panel (scrolling), none draws over the next.
  const spilling = await frame.locator('rr-dashboard section').evaluateAll((sections) => sections.filter((section) => {
    const edge = section.getBoundingClientRect().right;
    return getComputedStyle(section).overflowX === 'visible' && [...section.querySelectorAll('table')].some((table) => table.getBoundingClientRect().right > edge + 1);
  }).map((section) => section.getAttribute('aria-label')));
  assert.deepEqual(spilling, [], 'tables drawn outside their panel');

  await accuracyRows.first().click();
  await frame.locator('rr-pair-list').waitFor({ state: 'visible' });
  const count = frame.locator('rr-filter-bar [data-testid=filter-count]');
  await count.filter({ hasNotText: /^400 of/ }).waitFor({ timeout: 30_000 });
  const matching = Number((await count.innerText()).split(' of ')[0]?.replace(/,/g, ''));
  assert.ok(matching > 0 && matching < 400, `a model misranks some but not all pairs (${matching})`);
});

test('? shows every key', async () => {
  const frame = await findWebviewFrame(page, 'rr-app');
  await frame.locator('rr-app').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await frame.locator('rr-key-help [data-testid=key-help]').waitFor({ timeout: 10_000 });
  assert.match(await frame.locator('rr-key-help [data-testid=key-help]').innerText(), /next pair[\s\S]*search/);
  await page.keyboard.press('Escape');
});

test('a hidden editor comes back with its filter, selection and response view', { timeout: 3 * 60_000 }, async () => {
  const frame = await findWebviewFrameWith('rr-app', 'sample.jsonl');
  await frame.locator('[data-testid=tab-pairs]').click();
  await frame.locator('rr-filter-bar [data-testid=filter-count]', { hasNotText: /^400 of/ }).waitFor({ timeout: 30_000 });
  const countBefore = await frame.locator('rr-filter-bar [data-testid=filter-count]').innerText();
  await frame.locator('rr-app').focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await frame.locator('[data-testid=position]', { hasText: /^3 \// }).waitFor({ timeout: 10_000 });
  await frame.locator('rr-pair-view vscode-radio[value=raw]').click();

  // Another editor in front, then back: the webview is rebuilt (no retainContextWhenHidden).
  await page.locator('.tab', { hasText: 'sample.jsonl' }).first().click();
  await page.waitForTimeout(1000);
  await page.locator('.tab', { hasText: 'sample.jsonl' }).nth(1).click();
  const restored = await findWebviewFrameWith('rr-app', 'sample.jsonl');
  await restored.locator('[data-testid=position]', { hasText: /^3 \// }).waitFor({ timeout: 30_000 });
  assert.equal(await restored.locator('rr-filter-bar [data-testid=filter-count]').innerText(), countBefore);
  assert.equal(await restored.locator('rr-pair-view vscode-radio[value=raw]').getAttribute('checked'), '');
  await restored.locator('rr-pair-view vscode-radio[value=markdown]').click();
});

test('f flips the selected pair, the editor turns dirty, and Ctrl+S writes the flip to the file', { timeout: 3 * 60_000 }, async () => {
  const frame = await findWebviewFrameWith('rr-app', 'sample.jsonl');
  await frame.locator('[data-testid=tab-pairs]').click();
  await frame.locator('rr-app').focus();
  await page.keyboard.press('Home');
  await frame.locator('[data-testid=position]', { hasText: /^1 \// }).waitFor({ timeout: 10_000 });
  const line = Number(await frame.locator('rr-pair-list .pair[aria-selected=true] span').first().innerText());
  const path = join(workspace, 'sample.jsonl');
  const before = readFileSync(path, 'utf8').split('\n');
  const countBefore = Number((await frame.locator('rr-filter-bar [data-testid=filter-count]').innerText()).split(' of ')[0]);

  // The list is filtered to the pairs rm-alpha-7b misranks (the dashboard test): flip the first.
  await page.keyboard.press('f');
  await frame.locator('[data-testid=pending-relabels]', { hasText: '1 unsaved' }).waitFor({ timeout: 15_000 });
  await frame.locator('rr-pair-list .pair[aria-selected=true] [data-testid=review-status]', { hasText: 'flipped •' }).waitFor({ timeout: 15_000 });
  await page.locator('.tab.dirty', { hasText: 'sample.jsonl' }).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(resultsDir, 'sample-relabel.png') });

  await page.keyboard.press('Control+s');
  await page.locator('.tab.dirty', { hasText: 'sample.jsonl' }).waitFor({ state: 'detached', timeout: 30_000 });
  await frame.locator('[data-testid=pending-relabels]').waitFor({ state: 'detached', timeout: 15_000 });
  const after = readFileSync(path, 'utf8').split('\n');
  const was = JSON.parse(before[line - 1] ?? '{}') as { chosen: unknown; rejected: unknown };
  const now = JSON.parse(after[line - 1] ?? '{}') as { chosen: unknown; rejected: unknown };
  assert.deepEqual(now.chosen, was.rejected, 'the responses swapped places on disk');
  assert.deepEqual(now.rejected, was.chosen);
  assert.equal(after.filter((text, i) => text !== before[i]).length, 1, 'only that line changed');
  // The index follows the save: the flipped pair is no longer misranked by the model of the filter.
  await frame.locator('rr-filter-bar [data-testid=filter-count]', { hasText: `${countBefore - 1} of 400` }).waitFor({ timeout: 15_000 });
});

test('HH-RLHF: 2,312 pairs, and the prompt transcript shown as turns', { timeout: 3 * 60_000, skip: skipUnlessSharedData(HH) }, async () => {
  const frame = await openInRewardReview('harmless-base-test.jsonl');
  await frame.locator('[data-testid=pair-count]', { hasText: '2,312' }).waitFor({ timeout: 60_000 });
  const turns = frame.locator('rr-pair-view [data-testid=prompt] rr-conversation .turn');
  await turns.first().waitFor({ timeout: 30_000 });
  assert.ok((await turns.count()) >= 1);
  const roles = await frame.locator('rr-pair-view [data-testid=prompt] rr-conversation .role').allInnerTexts();
  assert.equal(roles[0]?.toLowerCase(), 'user', 'the transcript opens with the human turn');
  const promptText = await frame.locator('rr-pair-view [data-testid=prompt]').first().evaluate(deepText);
  assert.doesNotMatch(promptText, /Human:|Assistant:/, 'the turn markers became roles');
});

test('PandaLM: three annotators\' votes per pair, with the majority as the label', { timeout: 3 * 60_000, skip: skipUnlessSharedData(PANDALM) }, async () => {
  const frame = await openInRewardReview('testset-v1.json');
  await frame.locator('[data-testid=pair-count]', { hasText: '999' }).waitFor({ timeout: 60_000 });
  const critiques = frame.locator('rr-pair-view [data-testid=critiques] rr-critiques-panel');
  await critiques.locator('h3', { hasText: 'Annotator votes' }).waitFor({ timeout: 30_000 });
  const votes = await critiques.locator('table tr').allInnerTexts();
  assert.equal(votes.length, 3);
  assert.ok(votes.every((vote) => /annotator\d/.test(vote) && /prefers chosen|prefers rejected|tie/.test(vote)), votes.join(' | '));
});

/** One LLMBar evaluator's result record: the judge's two games (the winner in the dataset's numbering). */
interface LlmbarJudgeRecord {
  results: Record<'swap = False' | 'swap = True', { completion?: string[]; winner: '1' | '2' | null }>[];
}

/** "Reward Review: Attach Scores…" as a user runs it: the file typed into VS Code's open dialog, read with the mapping beside it. */
async function attachThroughPalette(path: string): Promise<string> {
  await runCommand(page, 'Reward Review: Attach Scores…');
  // code-server's open dialog is VS Code's own: a path in the quick input.
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'score or judge files to attach to dataset.json' }).waitFor({ timeout: 30_000 });
  const input = widget.locator('input').first();
  // The dialog writes its starting folder into the box once it has listed it: type after that,
  // and accept once it lists the typed file's folder (the file and its mapping).
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'dataset.json' }).waitFor({ timeout: 30_000 });
  for (let attempt = 1; ; attempt++) {
    await input.fill(path);
    await page.waitForTimeout(300);
    if ((await input.inputValue()) === path) break;
    if (attempt === 5) throw new Error(`the open dialog kept replacing ${path} with ${await input.inputValue()}`);
  }
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'result.json.rr-map.json' }).waitFor({ timeout: 30_000 });
  await input.press('Enter');
  await widget.locator('.quick-input-title', { hasText: 'how to read the files' }).waitFor({ timeout: 30_000 });
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Without a mapping' }).click();
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /^Attached result\.json to dataset\.json/ }).last();
  await toast.waitFor({ timeout: 60_000 });
  const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
  await runCommand(page, 'Notifications: Clear All Notifications');
  return message;
}

/** Words only, so a critique's text and its rendered Markdown compare. */
const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

test('LLMBar: two judges\' result files attached from the palette; a pair shows each judge\'s critiques and verdicts, the dashboard their agreement', { timeout: 6 * 60_000, skip: skipLlmbar }, async (context) => {
  const dataset = JSON.parse(readFileSync(sharedDataFile(`${LLMBAR}/dataset.json`), 'utf8')) as { label: 1 | 2 }[];
  const judged = new Map(LLMBAR_JUDGES.map((judge) => [judge, JSON.parse(readFileSync(sharedDataFile(llmbarJudgeFile(judge)), 'utf8')) as LlmbarJudgeRecord[]]));
  const games = [['', 'swap = False'], [', swapped', 'swap = True']] as const;
  /** Each critique the pair at `k` should show: judge name, its verdict, the start of its text. */
  const critiquesOf = (k: number) => LLMBAR_JUDGES.flatMap((judge) => games.map(([suffix, game]) => {
    const played = judged.get(judge)?.[k]?.results[0]?.[game];
    return {
      name: `${judge}${suffix}`,
      winner: played?.winner ?? null,
      verdict: played?.winner ? (Number(played.winner) === dataset[k]?.label ? 'prefers chosen' : 'prefers rejected') : null,
      text: words(played?.completion?.[0] ?? '').split(' ').slice(0, 12).join(' '),
    };
  }));
  // A pair past the first on which the judges do not all agree, each game with a verdict and a text.
  const k = dataset.findIndex((_, i) => i > 0 && critiquesOf(i).every((c) => c.verdict && c.text) && new Set(critiquesOf(i).map((c) => c.verdict)).size > 1);
  assert.ok(k > 0, 'a pair the judges disagree on');

  const frame = await openInRewardReview('dataset.json');
  await frame.locator('[data-testid=pair-count]', { hasText: /^100 pairs$/ }).waitFor({ timeout: 60_000 });
  const critiques = frame.locator('rr-pair-view [data-testid=critiques] rr-critiques-panel');
  await frame.locator('rr-pair-view [data-testid=prompt]').first().waitFor({ timeout: 30_000 });
  assert.equal(await critiques.locator('section.judge').count(), 0, 'no critiques before the judges are attached');

  for (const judge of LLMBAR_JUDGES) {
    const message = await attachThroughPalette(join(workspace, llmbarJudgeFile(judge)));
    assert.equal(message, 'Attached result.json to dataset.json: 100 records matched a pair.', judge);
  }

  // The palette and the file dialog had the keyboard: a click on the first pair gives it back to the list.
  await frame.locator('rr-pair-list [role=option]').first().click();
  await frame.locator('[data-testid=position]', { hasText: '1 / 100' }).waitFor({ timeout: 15_000 });
  for (let step = 0; step < k; step++) await page.keyboard.press('j');
  await frame.locator('[data-testid=position]', { hasText: `${k + 1} / 100` }).waitFor({ timeout: 15_000 });
  const expected = critiquesOf(k);
  await critiques.locator(`section.judge[data-judge="${expected.at(-1)?.name}"]`).waitFor({ timeout: 30_000 });
  const readShown = () => critiques.locator('section.judge').evaluateAll((sections) => sections.map((section) => ({
    name: section.getAttribute('data-judge'),
    verdict: section.querySelector('.verdict')?.textContent?.trim() ?? null,
    text: section.querySelector('rr-markdown')?.shadowRoot?.textContent ?? '',
  })));
  // Each critique's Markdown renders a moment after its section appears.
  let shown = await readShown();
  for (const deadline = Date.now() + 15_000; Date.now() < deadline && expected.some((c) => !words(shown.find((s) => s.name === c.name)?.text ?? '').includes(c.text)); ) {
    await page.waitForTimeout(200);
    shown = await readShown();
  }
  assert.deepEqual(shown.map((s) => s.name).sort(), expected.map((c) => c.name).sort(), 'one critique per judge and game');
  for (const critique of expected) {
    const section = shown.find((s) => s.name === critique.name);
    assert.equal(section?.verdict, critique.verdict, `${critique.name}'s verdict (winner ${critique.winner}, gold ${dataset[k]?.label})`);
    assert.ok(words(section?.text ?? '').includes(critique.text), `${critique.name}'s critique starts "${critique.text}"`);
  }
  // The picture shows the judges: the pair's pane scrolled to its critiques.
  await critiques.locator('h3', { hasText: 'Judges' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(resultsDir, 'llmbar-judges-pair-view.png') });
  assertLegible(await measureThemeColours(frame, 4.5, 4.5), 'the judges\' critiques in the dark theme', context);

  // The dashboard's agreement table lists the judges, with the share of pairs two judges agree on.
  await frame.locator('[data-testid=tab-dashboard]').click();
  const agreement = frame.locator('rr-dashboard [data-testid=agreement]');
  await agreement.waitFor({ timeout: 60_000 });
  const raters = await agreement.locator('thead th[scope=col]').evaluateAll((cells) => cells.map((cell) => `${cell.textContent?.trim()} (${cell.getAttribute('title')})`));
  assert.deepEqual(raters, expected.map((c) => `${c.name} (judge)`));
  const winners = (judge: string) => judged.get(judge)!.map((record) => record.results[0]?.['swap = False'].winner ?? null);
  const [first, second] = LLMBAR_JUDGES.map(winners) as [(string | null)[], (string | null)[]];
  const both = first.flatMap((winner, i) => (winner && second[i] ? [winner === second[i]] : []));
  const share = `${((both.filter(Boolean).length / both.length) * 100).toFixed(1)}%`;
  const row = agreement.locator('tbody tr', { has: frame.locator('th', { hasText: new RegExp(`^${LLMBAR_JUDGES[0]}$`) }) });
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[raters.indexOf(`${LLMBAR_JUDGES[1]} (judge)`)], share, `${LLMBAR_JUDGES.join(' and ')} agree on ${share} of the pairs both judged`);
  // Verdicts without reward-model scores give no margins: the dashboard draws no empty μ or σ chart, and says why.
  assert.equal(await frame.locator('rr-dashboard [data-testid=mu-histogram]').count(), 0);
  assert.match(await frame.locator('rr-dashboard [data-testid=accuracy]').innerText(), /No reward-model scores/);
  assert.match(await agreement.innerText(), /Verdicts of 4 attached judges come from the index/);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(resultsDir, 'llmbar-judges-dashboard.png') });
  await frame.locator('[data-testid=tab-pairs]').click();
});
