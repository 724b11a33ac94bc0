import type { Browser, Page } from '@playwright/test';

/** A phone's viewport (a current mid-size phone in portrait). */
export const PHONE = { width: 390, height: 844 };

/** A fresh phone: its own browser context (storage, service worker), touch, phone-sized. */
export async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'allow', hasTouch: true });
  return context.newPage();
}
