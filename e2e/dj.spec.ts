import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { djPlaylist, musicFiles } from '@ondeck/shared';
import { DjMusicUploads } from './pages/DjMusicUploads.ts';
import { DjPage } from './pages/DjPage.ts';
import { createEventWithToken, createInvite, serverProgram } from './support/api.ts';
import { unzipToFolder, writeSongs } from './support/audio.ts';
import { expect, expectAccessible, test, waitForServiceWorker } from './support/fixtures.ts';

const LAPTOP = { width: 1366, height: 768 };

test.describe('the DJ’s music', () => {
  test('uploaded songs play for a heat and a solo from this device, offline after a reload; the ZIP plays from disk', async ({
    server,
    newDevice,
  }, testInfo) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Music Night');
    const program = await serverProgram(server, event.id, organizerToken);
    const playlist = djPlaylist(program);
    const heat = playlist.find((entry) => entry.kind !== 'Solo' && entry.title);
    const solo = playlist.find((entry) => entry.kind === 'Solo');
    if (!heat?.title || !solo) throw new Error('the demo event has heats with songs, and solos');
    const dance = program.dances.get([...program.heats.values()].find((h) => h.number === heat.number)?.danceId ?? '');
    const [heatSong, soloSong, extraOne, extraTwo] = writeSongs([
      'Heat song',
      'Solo routine',
      'Extra one',
      'Extra two',
    ]);
    const notAudio = join(dirname(heatSong as string), 'Not a song.mp3');
    writeFileSync(notAudio, '<html>this is a web page, not music</html>');

    const organizerDevice = await newDevice();
    const organizerPage = await organizerDevice.newPage();
    await organizerPage.setViewportSize(LAPTOP);
    const organizer = new DjMusicUploads(organizerPage);
    await organizer.join(organizerInvite.link);
    await organizer.open();
    await organizer.uploadSongFile(heat.title, heatSong as string);
    await organizer.expectUploaded(1, 1);
    await organizer.uploadSoloMusic(solo.label, soloSong as string);
    await organizer.expectUploaded(2, 2);
    await organizer.addSongs(dance?.name ?? '', [extraOne as string, extraTwo as string, notAudio]);
    await organizer.expectUploaded(4, 5, 1);
    await expect(organizerPage.getByText('Not a song.mp3: This is not an audio file')).toBeVisible();
    await expect(organizerPage.getByTestId('song').filter({ hasText: 'Extra two' })).toContainText('Music file');
    await expectAccessible(organizerPage);
    await organizerPage.screenshot({ path: testInfo.outputPath('organizer-music-laptop.png') });
    await organizer.expectAllSaved();

    const djInvite = await createInvite(server, event.id, organizerToken, 'dj');
    const djDevice = await newDevice();
    const page = await djDevice.newPage();
    await page.setViewportSize(LAPTOP);
    const dj = new DjPage(page);
    await dj.join(djInvite.link);
    await waitForServiceWorker(page);
    await dj.open();
    await expect(dj.track(heat.label)).toContainText('Not downloaded');
    await expect(
      page
        .getByTestId('track')
        .filter({ hasText: /No song for this dance|No music file/ })
        .first(),
    ).toBeVisible();
    await dj.makeAvailableOffline();
    await dj.expectEverySongStored(4);
    await expect(dj.track(solo.label)).toContainText('On this device');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('dj-music-laptop.png') });

    // The playlist archive: unzipped on this computer, its index page plays a song from disk.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download playlist ZIP' }).click(),
    ]);
    const folder = await unzipToFolder(readFileSync(await download.path()));
    const index = await djDevice.newPage();
    await index.goto(pathToFileURL(join(folder, 'index.html')).href);
    await expect(index.getByRole('heading', { level: 1 })).toHaveText('DJ Playlist - Music Night (Offline)');
    const playing = await index
      .locator('audio')
      .first()
      .evaluate(
        (audio: HTMLAudioElement) =>
          new Promise<string>((resolve) => {
            audio.addEventListener('playing', () => resolve(decodeURIComponent(audio.currentSrc)), { once: true });
            audio.addEventListener('error', () => resolve('error'), { once: true });
            void audio.play();
          }),
      );
    expect(playing).toMatch(/^file:.*\/001 - Heat .+\.wav$/);
    await index.close();

    // No network at all, and a reload: the screen and the music come from this device.
    await djDevice.setOffline(true);
    await page.reload();
    await expect(dj.indicator).toContainText('Offline');
    await dj.play(heat.label);
    await dj.expectPlayingFromDevice();
    await expect(page.getByRole('region', { name: 'Player' })).toContainText(`Heat ${heat.label}`);
    await dj.play(solo.label);
    await expect(page.getByRole('region', { name: 'Player' })).toContainText(`Heat ${solo.label} · Solo`);
    await dj.expectPlayingFromDevice();
    await page.screenshot({ path: testInfo.outputPath('dj-offline-playing.png') });
  });

  test('an interrupted download continues without fetching finished songs again, and picks up songs added meanwhile', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Resume Night');
    const program = await serverProgram(server, event.id, organizerToken);
    const dance = program.dances.get([...program.songs.values()][0]?.danceId ?? '');
    const songs = writeSongs(['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Late'], 6);

    const organizerDevice = await newDevice();
    const organizerPage = await organizerDevice.newPage();
    const organizer = new DjMusicUploads(organizerPage);
    await organizer.join(organizerInvite.link);
    await organizer.open();
    await organizer.addSongs(dance?.name ?? '', songs.slice(0, 6));
    await organizer.expectUploaded(6, 6);
    await organizer.expectAllSaved();

    const djDevice = await newDevice();
    const page = await djDevice.newPage();
    const dj = new DjPage(page);
    await dj.join((await createInvite(server, event.id, organizerToken, 'dj')).link);
    await dj.open();
    await expect(dj.stored).toContainText('0 of 6 songs');
    // A slow venue network (~300 KB/s), so the download can be cut off half-way. NOTE: the
    // network is switched through the same DevTools session that slows it; two sessions would
    // each keep their own conditions.
    const cdp = await djDevice.newCDPSession(page);
    const network = (offline: boolean) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline,
        latency: 20,
        downloadThroughput: 300_000,
        uploadThroughput: -1,
      });
    await network(false);
    await dj.makeAvailableOffline();
    await expect.poll(() => dj.storedCount(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await network(true);
    await expect(dj.status).toContainText('Paused: no network');
    const before = await dj.storedCount();
    expect(before).toBeLessThan(6);

    // While the DJ is away, the organiser adds a song: it joins the list when the DJ is back.
    await organizer.addSongs(dance?.name ?? '', songs.slice(6));
    await organizer.expectUploaded(7, 7);
    await organizer.expectAllSaved();

    await network(false);
    await dj.expectEverySongStored(7);

    const finalProgram = await serverProgram(server, event.id, organizerToken);
    const fetched = musicFiles(finalProgram).map(
      (sha256) =>
        server
          .log()
          .split('\n')
          .filter((line) => line.includes(`/files/${sha256}"`)).length,
    );
    expect(fetched).toHaveLength(7);
    expect(fetched.every((count) => count >= 1)).toBe(true);
    // Only the song cut off half-way may have been fetched twice.
    expect(fetched.filter((count) => count > 1).length).toBeLessThanOrEqual(1);
    expect(fetched.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(8);

    // The space is freed on request.
    await page.getByRole('button', { name: 'Free space…' }).click();
    await page.getByRole('button', { name: 'Remove the music' }).click();
    await expect(dj.stored).toContainText('0 of 7 songs');
    await expect(page.getByRole('button', { name: 'Make available offline' })).toBeEnabled();
  });
});
