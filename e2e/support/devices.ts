import type { Browser, BrowserContextOptions, Page } from '@playwright/test';

/**
 * A phone: a current mid-size phone in portrait, with a touch screen. Specs open one with
 * `newDevice(PHONE)`; the config's other options (service workers allowed) still apply.
 */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true } satisfies BrowserContextOptions;

/** A fresh phone for the benches, which run without the fixtures: its own browser context. */
export async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PHONE);
  return context.newPage();
}
