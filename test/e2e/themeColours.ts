/**
 * What a user of a theme sees in the webview, measured in the page: the contrast of every piece of
 * text against what is really behind it, and any colour that is not one of the theme's
 * `--vscode-*` colours (a hard-coded colour is wrong in some theme). Only Reward Review's own
 * elements are judged: the vscode-elements components style themselves.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';

export interface ColourFinding {
  /** The element, as `tag.class "start of its text"`. */
  element: string;
  property: string;
  colour: string;
  /** For text: its contrast against the background behind it. */
  ratio?: number;
  /** For text: the background it was measured against. */
  background?: string;
}

export interface ThemeColours {
  /** Text elements measured. */
  texts: number;
  /** The lowest contrast found, and where. */
  lowest: ColourFinding | null;
  /** Text in the theme's foreground colour below `primaryMinimum`, other text below `secondaryMinimum`. */
  lowContrast: ColourFinding[];
  /** Colours that no `--vscode-*` variable of the theme has. */
  hardCoded: ColourFinding[];
  /** The theme's values, normalised as the browser computes them (`rgb(…)`). */
  variables: Record<string, string>;
}

/**
 * Measures the webview of `frame`. The theme's foreground colour must reach `primaryMinimum`
 * (7:1 in a high-contrast theme: WCAG AAA); secondary text (descriptions, statuses, coloured
 * numbers) `secondaryMinimum`, because VS Code's own high-contrast palette gives some of those
 * less than 7:1 (descriptionForeground in High Contrast Light).
 */
export async function measureThemeColours(frame: Frame, primaryMinimum: number, secondaryMinimum: number): Promise<ThemeColours> {
  return frame.evaluate(inPage, { primaryMinimum, secondaryMinimum });
}

/** Fails with every finding listed: the element, the colour and (for text) the contrast. */
export function assertLegible(measured: ThemeColours, what: string, context: { diagnostic: (message: string) => void }): void {
  const lowest = measured.lowest;
  context.diagnostic(`${what}: ${measured.texts} texts, the lowest contrast ${lowest?.ratio}:1 (${lowest?.element}, ${lowest?.colour} on ${lowest?.background})`);
  const list = (findings: ThemeColours['lowContrast']) => findings.map((f) => `${f.element} ${f.property} ${f.colour}${f.ratio ? ` ${f.ratio}:1 on ${f.background}` : ''}`).join('\n  ');
  assert.ok(measured.texts > 20, `${what}: text was measured (${measured.texts} elements)`);
  assert.deepEqual(measured.hardCoded, [], `${what}: colours that are not the theme's:\n  ${list(measured.hardCoded)}`);
  assert.deepEqual(measured.lowContrast, [], `${what}: text below the contrast required:\n  ${list(measured.lowContrast)}`);
}

// Runs in the webview: self-contained (Playwright sends its source).
function inPage({ primaryMinimum, secondaryMinimum }: { primaryMinimum: number; secondaryMinimum: number }): ThemeColours {
  const probe = document.createElement('span');
  document.body.append(probe);
  const normalise = (colour: string): string => {
    probe.style.color = '';
    probe.style.color = colour;
    return getComputedStyle(probe).color;
  };
  const variables: Record<string, string> = {};
  const rootStyle = document.documentElement.style;
  for (let k = 0; k < rootStyle.length; k++) {
    const name = rootStyle.item(k);
    if (!name.startsWith('--vscode-')) continue;
    const value = rootStyle.getPropertyValue(name).trim();
    if (/^(#|rgb|hsl)/i.test(value)) variables[name] = normalise(value);
  }
  probe.remove();
  const allowed = new Set(Object.values(variables));

  const parse = (colour: string): [number, number, number, number] => {
    const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a)];
  };
  const luminance = ([r, g, b]: [number, number, number]): number => {
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a: [number, number, number], b: [number, number, number]): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const parentOf = (element: Element): Element | null => element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
  const editorBackground = parse(variables['--vscode-editor-background'] ?? 'rgb(0, 0, 0)');
  /** The colour behind an element: its own and its ancestors' backgrounds, composed down to the first opaque one. */
  const backgroundOf = (element: Element): [number, number, number] => {
    const layers: [number, number, number, number][] = [];
    for (let at: Element | null = element; at; at = parentOf(at)) {
      const layer = parse(getComputedStyle(at).backgroundColor);
      if (layer[3] === 0) continue;
      layers.push(layer);
      if (layer[3] === 1) break;
    }
    let result: [number, number, number] = [editorBackground[0], editorBackground[1], editorBackground[2]];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const describe = (element: Element): string => {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
    return `${element.tagName.toLowerCase()}${element.classList.length > 0 ? `.${[...element.classList].join('.')}` : ''} "${text}"`;
  };
  const foreground = variables['--vscode-foreground'];
  const editorForeground = variables['--vscode-editor-foreground'];

  const result: ThemeColours = { texts: 0, lowest: null, lowContrast: [], hardCoded: [], variables };
  const check = (element: Element): void => {
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    const colours: [string, string][] = [['background-color', style.backgroundColor]];
    for (const side of ['top', 'right', 'bottom', 'left']) {
      if (style.getPropertyValue(`border-${side}-style`) !== 'none' && parseFloat(style.getPropertyValue(`border-${side}-width`)) > 0) {
        colours.push([`border-${side}-color`, style.getPropertyValue(`border-${side}-color`)]);
      }
    }
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) colours.push(['outline-color', style.outlineColor]);
    if (element instanceof SVGElement) colours.push(['fill', style.fill], ['stroke', style.stroke]);
    const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
    if (hasText) colours.push(['color', style.color]);
    for (const [property, colour] of colours) {
      if (colour === 'none' || colour.startsWith('url(') || parse(colour)[3] === 0 || allowed.has(colour)) continue;
      result.hardCoded.push({ element: describe(element), property, colour });
    }
    if (!hasText || element.getClientRects().length === 0) return;
    const background = backgroundOf(element);
    const ratio = contrast(over(parse(style.color), background), background);
    const finding: ColourFinding = { element: describe(element), property: 'color', colour: style.color, ratio: Math.round(ratio * 100) / 100, background: `rgb(${background.map(Math.round).join(', ')})` };
    result.texts++;
    if (!result.lowest || ratio < (result.lowest.ratio ?? Infinity)) result.lowest = finding;
    const primary = style.color === foreground || style.color === editorForeground;
    if (ratio < (primary ? primaryMinimum : secondaryMinimum)) result.lowContrast.push(finding);
  };
  // Reward Review's elements: everything under rr-app, into the shadow roots of rr-* elements only.
  const walk = (element: Element): void => {
    const tag = element.tagName.toLowerCase();
    if (!tag.startsWith('vscode-') && tag !== 'canvas') check(element);
    if (tag.startsWith('rr-') && element.shadowRoot) for (const child of element.shadowRoot.children) walk(child);
    for (const child of element.children) walk(child);
  };
  const app = document.querySelector('rr-app');
  if (app) walk(app);
  return result;
}
