import { type Browser, expect, type Page, test } from '@playwright/test';
import { OrganizerPage } from '../pages/OrganizerPage.ts';
import { createEventWithToken, createInvite, serverProgram } from '../support/api.ts';
import { TestServer } from '../support/server.ts';

/**
 * Screenshots of every screen at tablet and phone size, for a person to look at (written under
 * e2e/test-results/). Not a test of anything: run it with the benchmarks.
 */
const SIZES = [
  { name: 'tablet', viewport: { width: 1024, height: 768 }, heat: 2 },
  { name: 'phone', viewport: { width: 390, height: 844 }, heat: 3 },
];

async function device(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'allow' });
  return context.newPage();
}

test('screens at tablet and phone size', async ({ browser }, testInfo) => {
  const server = await TestServer.start();
  try {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Spring Showcase');
    const program = await serverProgram(server, event.id, organizerToken);
    const judge = [...program.people.values()].find((person) => person.type === 'Judge');
    if (!judge) throw new Error('the demo event has no judge');
    const judgeInvite = await createInvite(server, event.id, organizerToken, 'judge', judge.id);
    const djInvite = await createInvite(server, event.id, organizerToken, 'dj');
    const staffInvite = await createInvite(server, event.id, organizerToken, 'staff');

    for (const { name, viewport, heat } of SIZES) {
      const shot = (page: Page, screen: string) =>
        page.screenshot({ path: testInfo.outputPath(`${name}-${screen}.png`), fullPage: false });

      const organizer = new OrganizerPage(await device(browser, viewport));
      await organizer.join(organizerInvite.link);
      await organizer.expectAllSaved();
      await shot(organizer.page, 'organizer-event');
      await organizer.openTab('People');
      await shot(organizer.page, 'organizer-people');
      await organizer.openTab('Invites');
      await organizer.page.getByRole('region', { name: 'DJ' }).getByRole('button', { name: 'Show QR code' }).click();
      await shot(organizer.page, 'organizer-invites');
      await organizer.openTab('This device');
      await expect(organizer.page.getByTestId('event-usage')).toContainText('kB');
      await shot(organizer.page, 'device');
      await organizer.page.context().setOffline(true);
      await organizer.renameEvent('Spring Showcase 2026');
      await shot(organizer.page, 'organizer-offline-pending');
      await organizer.page.goto(`${server.url}/`);
      await shot(organizer.page, 'home');
      await organizer.page.context().setOffline(false);

      const judgePage = await device(browser, viewport);
      await judgePage.goto(judgeInvite.link);
      await expect(judgePage.getByTestId('sync-indicator')).toContainText('All saved');
      await shot(judgePage, 'judge-home');

      const djPage = await device(browser, viewport);
      await djPage.goto(djInvite.link);
      await shot(djPage, 'dj-floor');
      // Heats are started on the emcee's heat page (DJs may use it too).
      await djPage.goto(`${server.url}/e/${event.id}/emcee/${heat}`);
      await djPage.getByRole('button', { name: `Start heat ${heat}`, exact: true }).click();

      const staffPage = await device(browser, viewport);
      await staffPage.goto(staffInvite.link);
      await expect(staffPage.getByTestId('current-heat')).toContainText(`Heat ${heat} `);
      await shot(staffPage, 'staff-heats');

      const lost = await device(browser, viewport);
      await lost.goto(`${server.url}/join/not-a-real-invite-code`);
      await expect(lost.getByRole('alert')).toBeVisible();
      await shot(lost, 'join-error');

      for (const page of [organizer.page, judgePage, djPage, staffPage, lost]) await page.context().close();
    }
  } finally {
    await server.dispose();
  }
});
