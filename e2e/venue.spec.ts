import { joinPath, putMark, scoresDocName } from '@ondeck/shared';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { ServerLinks } from './pages/ServerLinks.ts';
import { createEvent, createInvite, joinToken, writeOverWire } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';
import { TestServer } from './support/server.ts';

test.describe('a venue server', () => {
  test('is authorised from the cloud, and the organiser sees on each server when it last heard from the other and what waits to cross', async ({
    server: cloud,
    newDevice,
  }) => {
    test.setTimeout(240_000);
    const { event, organizerInvite } = await createEvent(cloud, 'empty', 'Venue night');
    const organizerToken = await joinToken(cloud, organizerInvite);
    const judgeToken = await joinToken(cloud, await createInvite(cloud, event.id, organizerToken, 'judge', 'j1'));
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openScreen('Invites');
    const atCloud = new ServerLinks(organizer.page);
    await expect(atCloud.panel).toContainText('No venue server follows this event');

    await organizer.page.getByRole('button', { name: 'New Venue server invite' }).click();
    const invite = organizer.page.getByRole('region', { name: 'Venue server invites' }).getByTestId('invite');
    const code = (await invite.getByLabel(/Link for/).inputValue()).split('/join/')[1] as string;
    let cloudStopped = false;
    const venue = await TestServer.start({
      env: { ONDECK_VENUE_FOLLOW: `${cloud.url}${joinPath(code)}`, ONDECK_VENUE_EXCHANGE_MS: '300' },
    });
    try {
      await expect(atCloud.card).toContainText('Linked · last heard', { timeout: 60_000 });
      await expect(atCloud.card).toContainText('Nothing was waiting at the venue');
      await atCloud.panel.screenshot({ path: test.info().outputPath('cloud-links.png') });

      // The organiser at the venue, with the invite the venue keeps from the cloud.
      const organizerAtVenue = new OrganizerPage(await (await newDevice()).newPage());
      await organizerAtVenue.join(`${venue.url}${joinPath(organizerInvite.code)}`);
      await organizerAtVenue.openScreen('Invites');
      const atVenue = new ServerLinks(organizerAtVenue.page);
      await expect(atVenue.card).toContainText('Linked · last heard', { timeout: 30_000 });
      await expect(atVenue.card).toContainText('Nothing waiting to go up to the cloud');

      // The internet fails: the judge keeps scoring at the venue, and its screen says so.
      await cloud.stop();
      cloudStopped = true;
      for (const heatId of ['h1', 'h2', 'h3'])
        expect(
          await writeOverWire(venue, event.id, judgeToken, scoresDocName('j1'), (doc) =>
            putMark(doc, { heatId, value: '1', updatedAt: Date.now() }),
          ),
        ).toBe('saved');
      await expect(atVenue.card).toContainText('Not heard from since', { timeout: 30_000 });
      await expect(atVenue.card).toContainText('3 changes waiting to go up to the cloud');
      await expectAccessible(organizerAtVenue.page);
      await atVenue.panel.screenshot({ path: test.info().outputPath('venue-links-cut.png') });

      // The link is back: everything crosses, and both screens say so.
      await cloud.restart();
      cloudStopped = false;
      await expect(atVenue.card).toContainText('Nothing waiting to go up to the cloud', { timeout: 60_000 });
      await expect(atVenue.card).toContainText('Linked · last heard');
      await organizer.page.reload();
      await expect(atCloud.card).toContainText('Linked · last heard', { timeout: 30_000 });
      await expect(atCloud.card).toContainText('Nothing was waiting at the venue');
    } finally {
      await venue.dispose();
      // The cloud is the worker's server, shared with the other specs.
      if (cloudStopped) await cloud.restart();
    }
  });
});
