import { heatNumbers, updateSettings } from '@ondeck/shared';
import { JudgePage } from './pages/JudgePage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, createInvite, serverProgram, writeOverWire } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The small things a newcomer tripped over (issue 12, point 7): one clock in the device's
 * locale, the Event tab's counts named as every other screen counts them, the "Nobody
 * assigned" legend only with assignments, and a song removed only when asked twice.
 */
test.describe('small things', () => {
  for (const { locale, clock } of [
    { locale: 'en-US', clock: /^\d{1,2}:\d{2}\s?[AP]M$/ },
    { locale: 'en-GB', clock: /^\d{2}:\d{2}$/ },
  ]) {
    test(`every clock on one device is written the ${locale} way`, async ({ server, newDevice }) => {
      const { event, organizerInvite } = await createEventWithToken(server, 'demo', 'Clock Showcase');
      const organizer = new OrganizerPage(await (await newDevice({ locale })).newPage());
      await organizer.join(organizerInvite.link);
      await organizer.renameEvent('Clock Showcase, renamed');
      await expect(organizer.indicator).toContainText('All saved at');
      const saved = /All saved at (.+)$/.exec((await organizer.indicator.textContent()) ?? '')?.[1]?.trim();
      expect(saved).toMatch(clock);
      // The invites' "last joined" and the heat list's times, on the same device.
      await organizer.openScreen('Invites');
      const joined = await organizer.page
        .getByText(/joined, last /)
        .first()
        .textContent();
      expect(/last (.+)$/.exec(joined ?? '')?.[1]?.trim()).toMatch(clock);
      await organizer.page.goto(`${server.url}/e/${event.id}/heats`);
      // An agenda item's start (typed as "8:00 AM" or "14:30") and each heat's estimated time.
      const when = await organizer.page.locator('.hl-when').first().textContent();
      expect(
        when
          ?.split(' · ')
          .find((part) => /\d:\d/.test(part))
          ?.trim(),
      ).toMatch(clock);
      const meta = await organizer.page.locator('.hl-meta').first().textContent();
      expect(meta?.split(' · ')[0]?.trim()).toMatch(clock);
    });
  }

  test('the Event tab counts heat numbers and entries, as the heat list does', async ({ server, newDevice }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Count Showcase');
    const views = heatNumbers(await serverProgram(server, event.id, organizerToken));
    const entries = views.reduce((sum, view) => sum + view.onFloor, 0);
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Event');
    await expect(organizer.page.locator('.lead')).toContainText(`${views.length} heat numbers with ${entries} entries`);
    await organizer.openTab('Heats');
    await expect(organizer.page.getByTestId('heat-count')).toHaveText(`${views.length} heats`);
  });

  test('the judge’s legend says "Nobody assigned" only when the event assigns couples', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Legend Showcase');
    const judge = new JudgePage(await (await newDevice()).newPage());
    await judge.join((await createInvite(server, event.id, organizerToken, 'judge', 'j1')).link);
    const legend = judge.page.locator('.heat-legend');
    await expect(legend).toContainText('Done');
    await expect(legend).not.toContainText('Nobody assigned');
    await writeOverWire(server, event.id, organizerToken, 'program', (doc) =>
      updateSettings(doc, { assignJudges: true }),
    );
    await expect(legend).toContainText('Nobody assigned');
  });

  test('removing a song asks first', async ({ server, newDevice }) => {
    const { organizerInvite } = await createEventWithToken(server, 'demo', 'Song Showcase');
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Music');
    const songs = organizer.page.getByTestId('song');
    await expect(songs.first()).toBeVisible();
    const count = await songs.count();
    const title = (await songs.first().locator('strong').textContent())?.split(' — ')[0] ?? '';
    await organizer.page
      .getByRole('button', { name: `Remove ${title}`, exact: true })
      .first()
      .click();
    await expect(songs).toHaveCount(count);
    await organizer.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(songs).toHaveCount(count);
    await organizer.page
      .getByRole('button', { name: `Remove ${title}`, exact: true })
      .first()
      .click();
    await organizer.page.getByRole('button', { name: `Yes, remove ${title}` }).click();
    await expect(songs).toHaveCount(count - 1);
  });
});
