import { expect, type Locator, type Page } from '@playwright/test';

/** A tablet held sideways and upright, and a phone upright and sideways. */
export const TABLET_SIZES = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
] as const;
export const PHONE_SIZES = [
  { width: 390, height: 844 },
  { width: 844, height: 390 },
] as const;

/** What could be cut off: controls, their labels, table cells and headings. */
const CLIPPABLE = 'button, label, summary, th, td, a, h1, h2, h3, input, select, .feedback-label';

interface Overflow {
  page: { scrollWidth: number; clientWidth: number };
  /** Elements wider inside than their box, or reaching past the screen's right or left edge. */
  clipped: string[];
}

/**
 * The page is no wider than the screen, and no control or label is wider inside than its own
 * box (its text cut off or spilling out) or reaches past either edge of the screen.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const found = await page.evaluate((selector): Overflow => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const clipped: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const box = element.getBoundingClientRect();
      // Hidden elements (visually-hidden text, closed details) take no room to overflow.
      if (box.width === 0 || element.closest('.visually-hidden')) continue;
      const name = `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
      // NOTE: 1 px of slack: scrollWidth rounds up a fractional width that clientWidth rounds down.
      if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1)
        clipped.push(`${name}: ${element.scrollWidth} px inside a ${element.clientWidth} px box`);
      else if (box.right > width + 1 || box.left < -1)
        clipped.push(`${name}: ${Math.round(box.left)}–${Math.round(box.right)} px on a ${width} px screen`);
    }
    return { page: { scrollWidth: root.scrollWidth, clientWidth: width }, clipped };
  }, CLIPPABLE);
  expect(found.clipped, 'clipped or overflowing elements').toEqual([]);
  expect(found.page.scrollWidth, 'the page’s width against the screen’s').toBeLessThanOrEqual(found.page.clientWidth);
}

/** Every one of `items` lies whole on the screen, below its top and above `above` (a fixed footer). */
export async function expectAllOnScreen(page: Page, items: Locator, above?: Locator): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the page has no viewport');
  const floor = above ? ((await above.boundingBox())?.y ?? viewport.height) : viewport.height;
  const boxes = await items.evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { top: Math.round(box.top), bottom: Math.round(box.bottom) };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  const below = boxes.filter((box) => box.top < 0 || box.bottom > floor);
  expect(below, `items outside 0–${Math.round(floor)} px (of ${boxes.length})`).toEqual([]);
}
