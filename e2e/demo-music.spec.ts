import { DjPage } from './pages/DjPage.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';
import { TestServer } from './support/server.ts';

const LAPTOP = { width: 1366, height: 768 };

/** A link of the start banner, by whom it is for ("DJ", "Counter for a projector"). */
function bannerLink(server: TestServer, who: string): string {
  const link = new RegExp(`^ {2}${who} +(http://\\S+)$`, 'm').exec(server.log())?.[1];
  if (!link) throw new Error(`no ${who} link in the start banner:\n${server.log()}`);
  return link;
}

test.describe('the demo event of npm start', () => {
  test('its DJ finds music for every heat, makes it available offline and plays it with no network', async ({
    newDevice,
  }, testInfo) => {
    const server = await TestServer.start({ demo: true });
    try {
      await expect.poll(() => server.log()).toContain('Counter for a projector');
      const device = await newDevice({ viewport: LAPTOP });
      const page = await device.newPage();
      const dj = new DjPage(page);
      await dj.join(bannerLink(server, 'DJ'));
      await waitForServiceWorker(page);
      await dj.open();

      // The first view: every heat and solo has its music on the server, nothing is red.
      const tracks = page.getByTestId('track');
      await expect(tracks.first()).toContainText('Not downloaded');
      // NOTE: the list fills as the event syncs in: read once, it held 40 of 44 on a fresh clone.
      await expect.poll(() => tracks.count()).toBeGreaterThanOrEqual(44);
      await expect(tracks.filter({ hasText: /No song for this dance|No music file/ })).toHaveCount(0);
      await expect(dj.stored).toContainText('0 of 30 songs');
      await page.screenshot({ path: testInfo.outputPath('demo-dj-music-first-view.png') });

      await dj.makeAvailableOffline();
      await dj.expectEverySongStored(30);
      await page.screenshot({ path: testInfo.outputPath('demo-dj-music-offline-ready.png') });

      // No network at all, and a reload: the screen and the music come from this device.
      await device.setOffline(true);
      await page.reload();
      await expect(dj.indicator).toContainText('Offline');
      await dj.play('1');
      await dj.expectPlayingFromDevice();
      const solo = tracks.filter({ has: page.locator('.track-dance', { hasText: /^Solo · / }) }).first();
      const soloHeat = (await solo.locator('.track-heat').textContent())?.trim() ?? '';
      await dj.play(soloHeat);
      await expect(page.getByRole('region', { name: 'Player' })).toContainText(`Heat ${soloHeat} · Solo`);
      await dj.expectPlayingFromDevice();
      await page.screenshot({ path: testInfo.outputPath('demo-dj-offline-playing.png') });

      // The banner's counter link opens the projector's counter on a device that never joined.
      const projector = await (await newDevice({ viewport: { width: 1920, height: 1080 } })).newPage();
      await projector.goto(bannerLink(server, 'Counter for a projector'));
      await expect(projector).toHaveURL(/\/e\/demo\/counter$/);
      await expect(projector.getByTestId('counter')).toBeVisible();
    } finally {
      await server.dispose();
    }
  });
});
