import { heatScoreKey, MAIN_FLOOR, readCurrentHeats, readMarks, scoredHeats } from '@ondeck/shared';
import type { Page } from '@playwright/test';
import { EmceePage } from './pages/EmceePage.ts';
import { HeatsPage } from './pages/HeatsPage.ts';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverDoc, serverProgram } from './support/api.ts';
import { PHONE } from './support/devices.ts';
import { expect, test } from './support/fixtures.ts';
import { heatIdsByBack } from './support/heats.ts';

const NOT_ANSWERING = 'Server not answering';

interface Shown {
  at: number;
  text: string;
}

declare global {
  interface Window {
    /** Every text the sync indicator showed, with when (recorded in the page). */
    indicatorTexts: Shown[];
  }
}

/**
 * Records every text the indicator shows, from before the app starts: a check afterwards can
 * then say what the screen said at every moment, not only when the test happened to look.
 */
async function recordIndicator(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.indicatorTexts = [];
    const note = () => {
      const text = document.querySelector('[data-testid="sync-indicator"]')?.textContent ?? '';
      if (text !== window.indicatorTexts.at(-1)?.text) window.indicatorTexts.push({ at: Date.now(), text });
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** The texts the indicator showed after `from`, up to `to`. */
function shownBetween(page: Page, from: number, to: number): Promise<Shown[]> {
  return page.evaluate(([from, to]) => window.indicatorTexts.filter((shown) => shown.at > from && shown.at <= to), [
    from,
    to,
  ] as const);
}

test.describe('a server that stops answering', () => {
  test('every screen says so within seconds, saves nothing meanwhile, and recovers by itself after SIGCONT', async ({
    server,
    newDevice,
  }, testInfo) => {
    const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Hung Server');
    const program = await serverProgram(server, event.id, organizerToken);
    const heat = scoredHeats(program).find((h) => h.scale === '1' && h.view.onFloor >= 2);
    if (!heat) throw new Error('the demo event has a heat scored by placement');
    const judgeId = 'j1';
    const [judgeInvite, emceeInvite, staffInvite] = await Promise.all([
      createInvite(server, event.id, organizerToken, 'judge', judgeId),
      createInvite(server, event.id, organizerToken, 'emcee'),
      createInvite(server, event.id, organizerToken, 'staff'),
    ]);

    const judge = new JudgePage(await (await newDevice({ viewport: { width: 1024, height: 768 } })).newPage());
    const emcee = new EmceePage(await (await newDevice({ viewport: { width: 1366, height: 768 } })).newPage());
    const staff = new HeatsPage(await (await newDevice(PHONE)).newPage());
    const screens = { judge, emcee, staff };
    for (const screen of Object.values(screens)) await recordIndicator(screen.page);
    await judge.join(judgeInvite.link);
    await judge.openHeat(heat.view.label);
    await emcee.join(emceeInvite.link);
    await emcee.open();
    await emcee.expectHeat('1');
    await staff.join(staffInvite.link);
    for (const screen of Object.values(screens)) {
      await expect(screen.indicator).toContainText('Online');
      await screen.expectAllSaved();
    }

    const pausedAt = Date.now();
    server.pause();
    try {
      // NOTE: every screen is watched at once; the wait is a bound for a starved machine, the
      // 5 s promise itself is checked with a fake clock in client/test/liveness.test.ts.
      await Promise.all(
        Object.values(screens).map((screen) =>
          expect(screen.indicator).toContainText(NOT_ANSWERING, { timeout: 30_000 }),
        ),
      );
      await expect(staff.freshness).toHaveText(/^Last heard \d{1,2}:\d{2}.* \(server not answering\)$/);
      for (const [name, screen] of Object.entries(screens)) {
        const shown = await shownBetween(screen.page, pausedAt, Date.now());
        const noticed = shown.find((s) => s.text.includes(NOT_ANSWERING));
        // A figure to read, not to assert: on a starved machine the browser's timers run late.
        console.log(`${name}: "${NOT_ANSWERING}" ${((noticed?.at ?? Number.NaN) - pausedAt) / 1000} s after SIGSTOP`);
      }

      // Changes made meanwhile wait on the device, and say so.
      const changedAt = Date.now();
      const [back] = await judge.backs();
      await judge.choose(back as number, 'Place 1');
      await judge.expectPending(1);
      await emcee.startWithKey('Space');
      await emcee.expectPending(1);
      await expect(judge.indicator).toContainText(NOT_ANSWERING);
      await expect(emcee.indicator).toContainText(NOT_ANSWERING);
      await judge.page.screenshot({ path: testInfo.outputPath('judge-server-not-answering.png') });
      await emcee.page.screenshot({ path: testInfo.outputPath('emcee-server-not-answering.png') });
      await staff.page.screenshot({ path: testInfo.outputPath('staff-server-not-answering.png') });

      // From the change until the server runs again, neither screen ever called anything saved
      // nor claimed to be online.
      const resumedAt = Date.now();
      for (const screen of [judge, emcee]) {
        const shown = await shownBetween(screen.page, changedAt, resumedAt);
        expect(shown.length).toBeGreaterThan(0);
        for (const { text } of shown) {
          expect(text).toContain(NOT_ANSWERING);
          expect(text).not.toContain('All saved');
        }
      }
    } finally {
      server.resume();
    }
    const resumed = Date.now();

    // Nobody reloads or taps anything: every screen comes back by itself and the changes land.
    for (const screen of Object.values(screens)) {
      await expect(screen.indicator).toContainText('Online', { timeout: 30_000 });
      await screen.expectAllSaved(30_000);
    }
    console.log(`every screen online and saved ${(Date.now() - resumed) / 1000} s after SIGCONT`);
    await expect(staff.freshness).toHaveText('Live');
    await staff.expectCurrent('1');
    const marks = readMarks(await serverDoc(server, event.id, organizerToken, `scores/${judgeId}`));
    const [back] = await judge.backs();
    expect(marks.get(heatScoreKey(heatIdsByBack(heat).get(back as number) as string))?.value).toBe('1');
    expect(readCurrentHeats(await serverDoc(server, event.id, organizerToken, 'live')).get(MAIN_FLOOR)?.number).toBe(1);
  });
});
