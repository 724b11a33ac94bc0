import { MAIN_FLOOR, startHeat } from '@ondeck/shared';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { createEvent, createEventWithToken, createInvite, joinToken, writeOverWire } from '../support/api.ts';
import { PHONE } from '../support/devices.ts';
import { TestServer } from '../support/server.ts';

/**
 * Screenshots of the heat screens for a person to look at (written under e2e/test-results/):
 * phones at 390×844, the emcee at laptop size, the counter at 1920×1080 in every layout. Not a
 * test of anything: run it with the benchmarks.
 */
const LAPTOP = { width: 1280, height: 800 };
const PROJECTOR = { width: 1920, height: 1080 };

async function device(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'allow' });
  return context.newPage();
}

test('heat screens at phone, laptop and projector size', async ({ browser }, testInfo) => {
  const server = await TestServer.start();
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  try {
    for (const template of ['demo', 'large'] as const) {
      const { event, organizerToken } = await createEventWithToken(server, template, `${template} Showcase`);
      const [staffInvite, emceeInvite, djInvite] = await Promise.all([
        createInvite(server, event.id, organizerToken, 'staff'),
        createInvite(server, event.id, organizerToken, 'emcee'),
        createInvite(server, event.id, organizerToken, 'dj'),
      ]);
      const djToken = await joinToken(server, djInvite);
      const heat = template === 'demo' ? 7 : 3;
      await writeOverWire(server, event.id, djToken, 'live', (doc) =>
        startHeat(doc, MAIN_FLOOR, { number: heat, startedAt: Date.now() }),
      );

      const staff = await device(browser, PHONE.viewport);
      await staff.goto(staffInvite.link);
      await expect(staff.getByTestId('current-heat-number')).toHaveText(String(heat), { timeout: 30_000 });
      await expect(staff.locator(`[data-heat="${heat}"]`)).toBeInViewport();
      await shot(staff, `${template}-phone-heats`);
      await staff.getByRole('button', { name: 'My heats' }).click();
      const options = staff.getByLabel('Whose heats').locator('optgroup[label="Dancers"] option');
      await staff.getByLabel('Whose heats').selectOption((await options.nth(5).getAttribute('value')) ?? '');
      await shot(staff, `${template}-phone-my-heats`);
      await staff.getByRole('link', { name: 'Print heat sheet' }).click();
      await expect(staff.getByRole('article', { name: 'Heat sheet' })).toBeVisible();
      await shot(staff, `${template}-phone-sheet`);
      await staff.emulateMedia({ media: 'print' });
      await shot(staff, `${template}-phone-sheet-print`);
      await staff.emulateMedia({ media: 'screen' });
      await staff.getByRole('link', { name: '← Heats' }).click();
      await staff.getByRole('button', { name: 'All heats' }).click();
      await staff.getByLabel('Search heats').fill('smith');
      await shot(staff, `${template}-phone-search`);
      await staff.getByLabel('Search heats').fill('');
      await staff.context().setOffline(true);
      await expect(staff.getByTestId('current-heat-freshness')).toContainText('offline');
      await shot(staff, `${template}-phone-offline`);
      await staff.context().setOffline(false);
      if (template === 'large') {
        await writeOverWire(server, event.id, djToken, 'live', (doc) =>
          startHeat(doc, 'B', { number: heat + 1, startedAt: Date.now() }),
        );
        await expect(staff.getByTestId('current-heat').locator('[data-floors~="B"] .now-number')).toHaveText(
          String(heat + 1),
        );
        await shot(staff, `${template}-phone-ballrooms`);
        await writeOverWire(server, event.id, djToken, 'live', (doc) =>
          startHeat(doc, MAIN_FLOOR, { number: heat, startedAt: Date.now() }),
        );
      }

      for (const [name, viewport] of [
        ['phone', PHONE.viewport],
        ['laptop', LAPTOP],
      ] as const) {
        const emcee = await device(browser, viewport);
        await emcee.goto(emceeInvite.link);
        await emcee.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Emcee' }).click();
        await expect(emcee.getByTestId('emcee-now')).toContainText(`Heat ${heat}`);
        await emcee.keyboard.press('ArrowRight');
        await shot(emcee, `${template}-${name}-emcee`);
        await emcee.context().close();
      }

      const counter = await device(browser, PROJECTOR);
      await counter.goto(staffInvite.link);
      await expect(counter.getByTestId('sync-indicator')).toContainText('All saved');
      for (const layout of ['number', 'stacked', 'split', 'columns']) {
        await counter.goto(`${server.url}/e/${event.id}/counter?layout=${layout}`);
        await expect(counter.getByTestId('counter-number')).toHaveText(String(heat));
        await shot(counter, `${template}-counter-${layout}`);
      }
      if (template === 'large') {
        await counter.goto(`${server.url}/e/${event.id}/counter?layout=stacked&floor=B`);
        await expect(counter.getByTestId('counter-number')).toHaveText(String(heat));
        await shot(counter, `${template}-counter-floor-b`);
      }
      await counter.context().setOffline(true);
      await expect(counter.getByText(/Last heard/)).toBeVisible();
      await shot(counter, `${template}-counter-offline`);
      await staff.context().close();
      await counter.context().close();
    }
    const organizer = await device(browser, PHONE.viewport);
    const { organizerInvite } = await createEvent(server, 'demo', 'Publish Showcase');
    await organizer.goto(organizerInvite.link);
    await organizer.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Publish' }).click();
    await organizer.getByRole('button', { name: 'Publish the heat list' }).click();
    await expect(organizer.getByRole('img', { name: 'QR code of the public heat list' })).toBeVisible();
    await shot(organizer, 'phone-publish');
  } finally {
    await server.dispose();
  }
});
