import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fixtureFile } from '../unit/sharedData.ts';
import { openComponentPage, type ComponentPage } from './componentPage.ts';

let harness: ComponentPage;
before(async () => {
  harness = await openComponentPage();
});
after(async () => {
  await harness?.close();
});

const payloads = JSON.parse(readFileSync(fixtureFile('webview/xss-payloads.json'), 'utf8')) as string[];

test('XSS payloads in Markdown render inert: no script, handler, frame, form or command link survives', async () => {
  const { page } = harness;
  const report = await page.evaluate(async (sources) => {
    const root = document.getElementById('root') as HTMLElement;
    const results = [];
    for (const source of sources) {
      const element = document.createElement('rr-markdown') as HTMLElement & { source: string; updateComplete: Promise<unknown> };
      element.source = source;
      root.replaceChildren(element);
      await element.updateComplete;
      const shadow = element.shadowRoot as ShadowRoot;
      const all = [...shadow.querySelectorAll('*')];
      results.push({
        source,
        dangerous: shadow.querySelectorAll('script, iframe, form, input, button, object, embed, img, meta, style:not([data-lit])').length,
        handlers: all.flatMap((node) => [...node.attributes].map((a) => a.name)).filter((name) => name.startsWith('on') || name === 'style'),
        hrefs: [...shadow.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((href) => href !== null),
      });
    }
    await new Promise((done) => setTimeout(done, 200));
    return { results, pwned: (window as unknown as { __pwned?: string }).__pwned ?? null };
  }, payloads);
  assert.equal(report.pwned, null, 'no payload ran');
  for (const result of report.results) {
    assert.equal(result.dangerous, 0, `no dangerous element from ${result.source}`);
    assert.deepEqual(result.handlers, [], `no handler or style attribute from ${result.source}`);
    for (const href of result.hrefs) assert.match(href as string, /^(https?:|mailto:)/, `only web links from ${result.source}`);
  }
});

test('raw mode shows the payload as the characters it is', async () => {
  const { page } = harness;
  const text = await page.evaluate(async (source) => {
    const element = document.createElement('rr-conversation') as HTMLElement & { text: string; mode: string; updateComplete: Promise<unknown> };
    element.text = source;
    element.mode = 'raw';
    document.getElementById('root')?.replaceChildren(element);
    await element.updateComplete;
    return element.shadowRoot?.querySelector('.text')?.textContent ?? '';
  }, payloads[0] as string);
  assert.equal(text, payloads[0]);
});

test('a web link is not followed in the webview; it is handed to the host', async () => {
  const { page } = harness;
  const clicked = await page.evaluate(async () => {
    const element = document.createElement('rr-markdown') as HTMLElement & { source: string; updateComplete: Promise<unknown> };
    element.source = 'See [the docs](https://example.com/docs).';
    document.getElementById('root')?.replaceChildren(element);
    await element.updateComplete;
    const seen: string[] = [];
    element.addEventListener('rr-open-link', (event) => seen.push((event as CustomEvent<{ href: string }>).detail.href));
    (element.shadowRoot?.querySelector('a') as HTMLAnchorElement).click();
    return { seen, location: window.location.href };
  });
  assert.deepEqual(clicked.seen, ['https://example.com/docs']);
  assert.match(clicked.location, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('code blocks are highlighted once highlight.js\'s grammars have loaded (a chunk of their own, under the nonce), and their text is escaped', async () => {
  const { page } = harness;
  const code = await page.evaluate(async () => {
    const element = document.createElement('rr-markdown') as HTMLElement & { source: string; updateComplete: Promise<unknown> };
    element.source = '```python\ndef f(x):\n    return "<b>" + x\n```';
    document.getElementById('root')?.replaceChildren(element);
    await element.updateComplete;
    // Shown plain at once, highlighted when the chunk is here.
    const plainText = element.shadowRoot?.querySelector('pre code')?.textContent ?? '';
    const deadline = performance.now() + 5000;
    while (!element.shadowRoot?.querySelector('pre code .hljs-keyword') && performance.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
    }
    const block = element.shadowRoot?.querySelector('pre code');
    const chunks = performance.getEntriesByType('resource').filter((entry) => /\/chunks\/highlightGrammars[-.]/.test(entry.name)).length;
    return { plainText, chunks, text: block?.textContent ?? '', keywords: block?.querySelectorAll('.hljs-keyword').length ?? 0, bold: block?.querySelectorAll('b').length ?? 0 };
  });
  assert.equal(code.chunks, 1, 'highlight.js\'s grammars came as a chunk of their own, fetched once');
  assert.equal(code.plainText, 'def f(x):\n    return "<b>" + x');
  assert.equal(code.text, 'def f(x):\n    return "<b>" + x');
  assert.ok(code.keywords >= 2, 'def and return are keywords');
  assert.equal(code.bold, 0);
});

test('the word diff marks exactly the changed words', async () => {
  const { page } = harness;
  const marks = await page.evaluate(async () => {
    const element = document.createElement('rr-word-diff') as HTMLElement & { rejectedText: string; chosenText: string; updateComplete: Promise<unknown> };
    element.rejectedText = 'The quick brown fox jumps over the dog.';
    element.chosenText = 'The quick red fox jumps over the lazy dog.';
    document.getElementById('root')?.replaceChildren(element);
    await element.updateComplete;
    const shadow = element.shadowRoot as ShadowRoot;
    return {
      inserted: [...shadow.querySelectorAll('ins')].map((n) => n.textContent?.trim()),
      removed: [...shadow.querySelectorAll('del')].map((n) => n.textContent?.trim()),
      text: shadow.textContent?.replace(/\s+/g, ' ').trim(),
    };
  });
  assert.deepEqual(marks.removed, ['brown']);
  assert.deepEqual(marks.inserted.filter(Boolean), ['red', 'lazy']);
});

test('the ensemble panel shows each margin with its sign and names the disagreeing models', async () => {
  const { page } = harness;
  const panel = await page.evaluate(async () => {
    const element = document.createElement('rr-ensemble-panel') as HTMLElement & { ensemble: unknown; updateComplete: Promise<unknown> };
    element.ensemble = {
      models: [
        { model: 'rm-a', chosen: 2, rejected: 0.5, margin: 1.5 },
        { model: 'rm-b', chosen: 0.1, rejected: 0.9, margin: -0.8 },
      ],
      meanMargin: 0.35, marginSpread: 1.15, worstCaseMargin: -0.4, uncertaintyWeightedMargin: 0.2, lambda: 1,
      disagreeing: ['rm-b'],
    };
    document.getElementById('root')?.replaceChildren(element);
    await element.updateComplete;
    const shadow = element.shadowRoot as ShadowRoot;
    const row = (model: string) => shadow.querySelector(`tr[data-model="${model}"]`);
    return {
      aMargin: row('rm-a')?.querySelector('.agrees')?.textContent?.trim(),
      bMargin: row('rm-b')?.querySelector('.disagrees')?.textContent?.trim(),
      bars: shadow.querySelectorAll('svg[role=img]').length,
      headers: [...shadow.querySelectorAll('th[scope=col]')].length,
      mu: shadow.querySelector('[data-testid=mu]')?.textContent,
      disagreeing: shadow.querySelector('[data-testid=disagreeing]')?.textContent,
    };
  });
  assert.equal(panel.aMargin, '+1.500');
  assert.equal(panel.bMargin, '−0.800');
  assert.equal(panel.bars, 2);
  assert.equal(panel.headers, 5, 'every column has a header for screen readers');
  assert.equal(panel.mu, '0.350');
  assert.match(panel.disagreeing ?? '', /rm-b/);
});

test('the pair view puts the responses side by side, stacks them when narrow, and tables the rubric and votes', async () => {
  const { page } = harness;
  const seen = await page.evaluate(async () => {
    const view = document.createElement('rr-pair-view') as HTMLElement & { detail: unknown; updateComplete: Promise<unknown> };
    view.detail = {
      ord: 0,
      line: 1,
      relabel: null,
      ensemble: { models: [], meanMargin: null, marginSpread: null, worstCaseMargin: null, uncertaintyWeightedMargin: null, lambda: 1, disagreeing: [] },
      pair: {
        id: 'p1', prompt: 'Which is better?', chosen: 'The first answer.', rejected: 'The second answer.', subset: null, label: 'chosen',
        scores: {}, critiques: {},
        rubric: { helpfulness: { chosen: 4, rejected: 2 }, honesty: { chosen: 5, rejected: 3 } },
        votes: { 'ann-1': 'chosen', 'ann-2': 'rejected' },
      },
    };
    const root = document.getElementById('root') as HTMLElement;
    root.replaceChildren(view);
    const layout = async (width: number) => {
      root.style.width = `${width}px`;
      await view.updateComplete;
      await new Promise((done) => requestAnimationFrame(done));
      const box = (id: string) => (view.shadowRoot?.querySelector(`[data-testid=${id}]`) as HTMLElement).getBoundingClientRect();
      const [chosen, rejected] = [box('chosen'), box('rejected')];
      return { sideBySide: rejected.left >= chosen.right && Math.abs(rejected.top - chosen.top) < 1, stacked: rejected.top >= chosen.bottom };
    };
    const wide = await layout(1000);
    const narrow = await layout(400);
    root.style.width = '';
    const panel = view.shadowRoot?.querySelector('rr-critiques-panel') as HTMLElement & { updateComplete: Promise<unknown> };
    await panel.updateComplete;
    const rows = [...(panel.shadowRoot?.querySelectorAll('tr') ?? [])].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()));
    return { wide, narrow, rows };
  });
  assert.deepEqual(seen.wide, { sideBySide: true, stacked: false }, 'side by side in a wide editor');
  assert.deepEqual(seen.narrow, { sideBySide: false, stacked: true }, 'stacked in a narrow one');
  assert.deepEqual(seen.rows, [
    ['Criterion', 'Chosen', 'Rejected'],
    ['helpfulness', '4.000', '2.000'],
    ['honesty', '5.000', '3.000'],
    ['ann-1', 'prefers chosen'],
    ['ann-2', 'prefers rejected'],
  ]);
});

test('a million-row list scrolls to its last row, and reveal() reaches any row', async () => {
  const { page } = harness;
  const seen = await page.evaluate(async () => {
    const total = 1_000_000;
    // Rows made on demand, as the host would send them: the list asks only for what it shows.
    const asked: number[] = [];
    const pages = {
      total,
      rowAt: (index: number) => ({
        ord: index, line: index + 1, id: null, subset: null, preview: `pair ${index}`, label: 'chosen', lengthDiff: 0,
        mu: 1, sigma: 0, votesPositive: 1, votesZero: 0, votesNegative: 0, scoredModels: 1, misrankedMask: 0, flags: 0, relabel: null,
      }),
      ensure: (first: number, last: number) => void asked.push(first, last),
    };
    const list = document.createElement('rr-pair-list') as HTMLElement & { pages: unknown; updateComplete: Promise<unknown>; reveal(index: number): void };
    list.style.height = '400px';
    list.style.display = 'flex';
    list.pages = pages;
    document.getElementById('root')?.replaceChildren(list);
    await list.updateComplete;
    const viewport = list.shadowRoot?.querySelector('.viewport') as HTMLElement;
    const lines = () => [...(list.shadowRoot?.querySelectorAll('.pair span:first-child') ?? [])].map((n) => Number(n.textContent));
    const settle = async () => {
      viewport.dispatchEvent(new Event('scroll'));
      await new Promise((done) => requestAnimationFrame(() => done(null)));
      await list.updateComplete;
    };
    // The viewport's first layout (its height comes from a ResizeObserver) before scrolling it.
    await new Promise((done) => setTimeout(done, 50));
    viewport.scrollTop = viewport.scrollHeight;
    await settle();
    const atBottom = lines();
    list.reveal(500_000);
    await settle();
    const middle = lines();
    return { atBottom, middle, scrollHeight: viewport.scrollHeight, rendered: atBottom.length, asked: asked.length > 0};
  });
  assert.ok(seen.scrollHeight < 8_000_000, `the scroll area stays within what a browser allows (${seen.scrollHeight} px)`);
  assert.ok(seen.atBottom.includes(1_000_000), `the last line is shown at the bottom (${seen.atBottom.slice(-3).join(', ')})`);
  assert.ok(seen.middle.includes(500_001), 'reveal() brings row 500,000 into view');
  assert.ok(seen.rendered < 60, `only the visible rows are in the DOM (${seen.rendered})`);
  assert.ok(seen.asked, 'the list asked for the rows it shows');
});

test('the list in bad-lines mode shows each line and its reason, escaped, and a click selects it', async () => {
  const { page } = harness;
  const seen = await page.evaluate(async () => {
    const reasons = ['Unexpected end of JSON input', '<img src=x onerror="window.__pwned=1"> is not a pair', 'chosen must be a string'];
    const lines = {
      total: 3,
      rowAt: (index: number) => (index < 3 ? { line: [4, 17, 1_000_001][index]!, reason: reasons[index]! } : null),
      ensure: () => undefined,
    };
    const list = document.createElement('rr-pair-list') as HTMLElement & { badLines: unknown; pages: unknown; updateComplete: Promise<unknown> };
    list.style.height = '300px';
    list.style.display = 'flex';
    list.pages = { total: 5, rowAt: () => null, ensure: () => undefined };
    list.badLines = lines;
    const clicked: number[] = [];
    list.addEventListener('rr-select', (event) => clicked.push((event as CustomEvent<{ index: number }>).detail.index));
    document.getElementById('root')?.replaceChildren(list);
    await list.updateComplete;
    await new Promise((done) => setTimeout(done, 50));
    await list.updateComplete;
    const rows = [...(list.shadowRoot?.querySelectorAll('[role="option"]') ?? [])] as HTMLElement[];
    rows[1]?.click();
    const header = [...(list.shadowRoot?.querySelectorAll('[role="columnheader"]') ?? [])].map((cell) => cell.textContent).join(' | ');
    const texts = rows.map((row) => [...row.querySelectorAll('span')].map((span) => span.textContent));
    const injected = list.shadowRoot?.querySelector('img') !== null;
    const empty = { total: 0, rowAt: () => null, ensure: () => undefined };
    list.badLines = empty;
    await list.updateComplete;
    const emptyText = list.shadowRoot?.querySelector('.empty')?.textContent;
    return { header, texts, clicked, injected, emptyText, listbox: list.shadowRoot?.querySelector('[role="listbox"]')?.getAttribute('aria-label') ?? null };
  });
  assert.equal(seen.header, 'Line | Why it is not a pair');
  assert.deepEqual(seen.texts, [
    ['4', 'Unexpected end of JSON input'],
    ['17', '<img src=x onerror="window.__pwned=1"> is not a pair'],
    ['1000001', 'chosen must be a string'],
  ]);
  assert.equal(seen.injected, false, 'a reason is text, never markup');
  assert.deepEqual(seen.clicked, [1]);
  assert.equal(seen.emptyText, 'No bad lines.');
});

test('the dashboard draws its accuracy chart once Chart.js has loaded (a chunk of its own, under the nonce)', async () => {
  const { page } = harness;
  const drawn = await page.evaluate(async () => {
    const element = document.createElement('rr-dashboard') as HTMLElement & { report: unknown; models: string[]; updateComplete: Promise<unknown> };
    const entry = (accuracy: number) => ({ accuracy, n: 100, correct: accuracy * 100, ties: 0, humanTies: 0, missing: 0, ci95: { lower: accuracy - 0.1, upper: accuracy + 0.1 }, wilson95: { lower: 0, upper: 1 } });
    element.models = ['rm-a', 'rm-b'];
    element.report = { pairs: 100, badLines: 0, humanTies: 0, seed: 1, models: { 'rm-a': entry(0.8), 'rm-b': entry(0.6) }, ensemble: null, subsets: {}, agreement: null, notes: [] };
    document.getElementById('root')?.replaceChildren(element);
    await element.updateComplete;
    const canvas = element.shadowRoot?.querySelector('#accuracy-chart') as HTMLCanvasElement | null;
    // Chart.js sizes the canvas it draws on: that is how a drawn chart shows in the DOM.
    const deadline = performance.now() + 5000;
    while (canvas && canvas.style.boxSizing !== 'border-box' && performance.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    const chunks = performance.getEntriesByType('resource').filter((entry) => /\/chunks\/chartKit[-.]/.test(entry.name)).length;
    return { canvas: canvas !== null, sized: canvas?.style.boxSizing === 'border-box', width: canvas?.width ?? 0, chunks, alert: element.shadowRoot?.querySelector('[role=alert]')?.textContent ?? '' };
  });
  assert.ok(drawn.canvas, 'the accuracy chart has its canvas');
  assert.equal(drawn.alert, '', 'no chart error is shown');
  assert.ok(drawn.sized && drawn.width > 0, 'Chart.js drew on the canvas');
  assert.equal(drawn.chunks, 1, 'Chart.js came as a chunk of its own, fetched once');
});

test('no page errors, and no CSP violation but the sanitizer\'s inert parsing of handler attributes', () => {
  assert.deepEqual(harness.errors, []);
  // Chromium reports a CSP check when markup with an on* attribute is parsed, even into an inert
  // document (DOMPurify's DOMParser, a <template>); the handler never runs (window.__pwned above).
  // The same goes for the payloads' own style attributes, recognised by their hash.
  const payloadStyleHashes = payloads
    .flatMap((payload) => [...payload.matchAll(/style="([^"]*)"/g)].map((match) => match[1] ?? ''))
    .map((style) => createHash('sha256').update(style).digest('base64'));
  const others = harness.consoleErrors.filter(
    (message) =>
      !/Executing inline event handler violates/.test(message) &&
      !payloadStyleHashes.some((hash) => message.includes(`'sha256-${hash}'`)),
  );
  assert.deepEqual(others, []);
});
