import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, type BrowserContextOptions, test as base, expect, type Page } from '@playwright/test';
import { TestServer } from './server.ts';

/**
 * One real server per worker (started on first use, stopped when the worker ends): with
 * `workers: 1` every spec file shares it, restarts and kills included, and a failed test's new
 * worker starts a new one. Each test gets fresh browser contexts (fresh devices), each with the
 * config's options plus its own (`newDevice(PHONE)`), closed after the test so none outlives it.
 */
export const test = base.extend<
  { newDevice: (options?: BrowserContextOptions) => Promise<BrowserContext> },
  { server: TestServer }
>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const server = await TestServer.start();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
  newDevice: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/** The service worker controls the page: from now on the app shell opens offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
}

/**
 * No violations that axe can find on the page as it is now: of WCAG 2 A/AA by default, or of
 * every rule axe has (best practices included) with `'all'`.
 */
export async function expectAccessible(page: Page, rules: 'wcag' | 'all' = 'wcag'): Promise<void> {
  const axe = new AxeBuilder({ page });
  const results = await (rules === 'all' ? axe : axe.withTags(['wcag2a', 'wcag2aa'])).analyze();
  expect(
    results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}
