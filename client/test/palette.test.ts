import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The palette (the custom properties of `:root` in app/styles.css) is where colours are
 * defined; the judge's stylesheets only name them. Text keeps WCAG AA contrast (4.5:1) on what
 * it is shown on, and what tells a state or a group apart keeps 3:1 (WCAG 1.4.11).
 */
const src = resolve(import.meta.dirname, '../src');

function palette(): Map<string, string> {
  const css = readFileSync(join(src, 'app/styles.css'), 'utf8');
  const root = /:root\s*{([^}]*)}/.exec(css)?.[1] ?? '';
  return new Map([...root.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] as string, (m[2] as string).trim()]));
}

function stylesheets(dir: string): Array<{ file: string; css: string }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      // Comments name colours in words ("black between ballrooms"); only rules count.
      const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      return { file: file.slice(src.length + 1), css };
    });
}

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(colours: Map<string, string>, a: string, b: string): number {
  const [x, y] = [a, b].map((name) => {
    const value = colours.get(name);
    if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${name} is not a #rrggbb colour of the palette`);
    return luminance(value);
  }) as [number, number];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7];

/** [text, background]: every pair the judge's screens show. */
const TEXT: Array<[string, string]> = [
  ['--ink', '--card'],
  ['--ink', '--paper'],
  ['--ink', '--field'],
  ['--ink', '--brand-tint'],
  ['--ink', '--warn-bg'],
  ['--ink', '--bad-bg'],
  ['--muted', '--card'],
  ['--muted', '--paper'],
  ['--muted', '--off-bg'],
  ['--brand', '--card'],
  ['--accent', '--card'],
  ['--brand-ink', '--brand'],
  ['--on-dark', '--ink'],
  ['--on-dark', '--good'],
  ['--on-dark', '--bad'],
  ['--ok-ink', '--ok-bg'],
  ['--warn-ink', '--warn-bg'],
  ['--bad-ink', '--bad-bg'],
  ['--bad-ink', '--card'],
  ...LEVELS.map((level): [string, string] => ['--ink', `--level-${level}-bg`]),
];

/** [mark, background]: a pressed button's fill, a rule between groups, a card's level edge. */
const MARKS: Array<[string, string]> = [
  ['--brand', '--card'],
  ['--good', '--card'],
  ['--bad', '--card'],
  ['--rule', '--card'],
  ['--warn-line', '--warn-bg'],
  ...LEVELS.map((level): [string, string] => [`--level-${level}-edge`, `--level-${level}-bg`]),
];

describe('the palette', () => {
  const colours = palette();

  it.each(TEXT)('%s text on %s reads at AA (4.5:1)', (text, background) => {
    expect(contrast(colours, text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(MARKS)('%s stands out from %s (3:1)', (mark, background) => {
    expect(contrast(colours, mark, background)).toBeGreaterThanOrEqual(3);
  });

  it('is the only place the judge’s stylesheets take colours from', () => {
    const sheets = stylesheets(join(src, 'features/judge'));
    expect(sheets.length).toBeGreaterThan(1);
    const raw = sheets.flatMap(({ file, css }) =>
      [...css.matchAll(/#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|:\s*(?:white|black)\b/gi)].map((m) => `${file}: ${m[0]}`),
    );
    expect(raw).toEqual([]);
    const unknown = sheets.flatMap(({ file, css }) =>
      [...css.matchAll(/var\((--[\w-]+)\)/g)]
        .map((m) => m[1] as string)
        .filter((name) => !colours.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });
});
