import {
  heatScoreKey,
  joinPath,
  MAIN_FLOOR,
  readCurrentHeats,
  readMarks,
  scoredHeats,
  startHeat,
} from '@ondeck/shared';
import type { Page } from '@playwright/test';
import { HeatsPage } from './pages/HeatsPage.ts';
import { JudgePage } from './pages/JudgePage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, createInvite, serverDoc, serverProgram, writeOverWire } from './support/api.ts';
import { PHONE } from './support/devices.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';
import { heatIdsByBack } from './support/heats.ts';
import { TestServer } from './support/server.ts';

const PLACES = ['Place 1', 'Place 2', 'Place 3', 'Finalist'] as const;
const VALUES: Record<string, string> = { 'Place 1': '1', 'Place 2': '2', 'Place 3': '3', Finalist: 'F' };

/** The indicator at the tablet's size and a phone's, for looking at. */
async function shoot(page: Page, name: string): Promise<void> {
  const tablet = page.viewportSize();
  await page.screenshot({ path: test.info().outputPath(`${name}-tablet.png`) });
  await page.setViewportSize(PHONE.viewport);
  await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`) });
  if (tablet) await page.setViewportSize(tablet);
}

test.describe('a device that joined at the venue', () => {
  test('falls back to the cloud by itself when the venue is killed, and nothing the venue confirmed is lost', async ({
    server: cloud,
    newDevice,
  }) => {
    test.setTimeout(300_000);
    const { event, organizerInvite, organizerToken } = await createEventWithToken(cloud, 'demo', 'Venue fallback');
    const heat = scoredHeats(await serverProgram(cloud, event.id, organizerToken)).find(
      (h) => h.scale === '1' && h.slots === 0 && h.view.onFloor >= 3,
    );
    if (!heat) throw new Error('no heat to score');
    const judgeInvite = await createInvite(cloud, event.id, organizerToken, 'judge', 'j1');
    const staffInvite = await createInvite(cloud, event.id, organizerToken, 'staff');
    const venueInvite = await createInvite(cloud, event.id, organizerToken, 'venue');
    let cloudStopped = false;
    const venue = await TestServer.start({
      env: { ONDECK_VENUE_FOLLOW: `${cloud.url}${joinPath(venueInvite.code)}`, ONDECK_VENUE_EXCHANGE_MS: '300' },
    });
    const marksOn = async (server: TestServer) =>
      readMarks(await serverDoc(server, event.id, organizerToken, 'scores/j1'));
    try {
      // The organiser follows the marks from elsewhere, on the cloud only.
      const organizer = new OrganizerPage(await (await newDevice()).newPage());
      await organizer.join(organizerInvite.link);
      await organizer.openTab('Marks');
      await organizer.page.getByRole('combobox', { name: 'Heat' }).selectOption(heat.view.label);
      const organizerCount = organizer.page.getByTestId('count-j1');
      await expect(organizerCount).toHaveText(`0 of ${heat.view.onFloor}`);

      // The judge opens the venue's own link (its QR code on the venue's screen).
      const judge = new JudgePage(await (await newDevice()).newPage());
      await expect(async () => {
        await judge.join(`${venue.url}${joinPath(judgeInvite.code)}`);
      }).toPass({ timeout: 60_000 });
      await judge.openHeat(heat.view.label);
      // The venue handed over the cloud's token: the device syncs with both.
      await expect(judge.indicator).toContainText('Online at the venue', { timeout: 60_000 });
      await expect(judge.indicator).toContainText(/Saved at the venue · cloud \d/, { timeout: 60_000 });
      await shoot(judge.page, 'at-venue');
      // A staff phone at the venue follows the heats: it may change nothing, on either server.
      const staff = new HeatsPage(await (await newDevice(PHONE)).newPage());
      await staff.join(`${venue.url}${joinPath(staffInvite.code)}`);
      await expect(staff.indicator).toHaveText('Online at the venue', { timeout: 60_000 });
      await staff.page.screenshot({ path: test.info().outputPath('staff-at-venue-phone.png') });

      // The internet fails: the judge scores through the venue alone, which confirms every mark.
      await cloud.stop();
      cloudStopped = true;
      const backs = await judge.backs();
      for (const [i, back] of backs.entries()) await judge.choose(back, PLACES[i % 4] as string);
      await expect(judge.indicator).toContainText(/Saved at the venue · cloud \d/);
      const ids = heatIdsByBack(heat);
      const expected = new Map(
        backs.map((back, i) => [heatScoreKey(ids.get(back) as string), VALUES[PLACES[i % 4] as string]]),
      );
      const values = (marks: Awaited<ReturnType<typeof marksOn>>) =>
        new Map([...expected.keys()].map((key) => [key, marks.get(key)?.value]));
      expect(values(await marksOn(venue))).toEqual(expected);

      // The venue laptop dies before its link to the cloud is back.
      await venue.kill();
      await expect(judge.indicator).toContainText('Venue and cloud unreachable', { timeout: 30_000 });
      await shoot(judge.page, 'both-down');

      // The cloud is back: the device brings it the marks by itself, and says where they are.
      await cloud.restart();
      cloudStopped = false;
      await expect(judge.indicator).toContainText('Venue unreachable', { timeout: 60_000 });
      await expect(organizerCount).toHaveText(`${backs.length} of ${heat.view.onFloor}`, { timeout: 60_000 });
      expect(values(await marksOn(cloud))).toEqual(expected);
      await expect(judge.indicator).toContainText(/Saved on the cloud \d/);
      await expectAccessible(judge.page);
      await shoot(judge.page, 'on-cloud');
      // The emcee, on the cloud, starts a heat: the staff phone follows it through the cloud.
      expect(
        await writeOverWire(cloud, event.id, organizerToken, 'live', (doc) =>
          startHeat(doc, MAIN_FLOOR, { number: 7, startedAt: Date.now() }),
        ),
      ).toBe('saved');
      await expect(staff.currentNumber).toHaveText('7', { timeout: 60_000 });
      await expect(staff.freshness).toHaveText('Live');
      await expect(staff.indicator).toHaveText('Venue unreachable');
      await staff.page.screenshot({ path: test.info().outputPath('staff-on-cloud-phone.png') });

      // The venue restarts while the cloud is down again: everything it confirmed is still there,
      // and the devices are back with it.
      await cloud.stop();
      cloudStopped = true;
      await venue.restart();
      expect(values(await marksOn(venue))).toEqual(expected);
      await expect(judge.indicator).toContainText('Online at the venue', { timeout: 60_000 });
      await expect(judge.indicator).toContainText(/Saved at the venue · cloud \d/);
      // The staff phone holds a heat the venue lacks; it is no writer, so it sends the venue
      // nothing (the venue would refuse it, and the phone would say a change was not accepted).
      await expect(staff.indicator).toHaveText('Online at the venue', { timeout: 60_000 });
      expect(
        readCurrentHeats(await serverDoc(venue, event.id, organizerToken, 'live')).get(MAIN_FLOOR)?.number,
      ).not.toBe(7);
      await expect(staff.currentNumber).toHaveText('7');
      await expect(staff.page.getByText('Change not accepted')).toHaveCount(0);
    } finally {
      await venue.dispose();
      // The cloud is the worker's server, shared with the other specs.
      if (cloudStopped) await cloud.restart();
    }
  });
});
