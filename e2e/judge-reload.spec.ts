<<<<<<< HEAD
import { scoredHeats } from '@ondeck/shared';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverProgram } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';

const RELOADS = 20;

/** What the page looked like the first time its heading was in the document, per page load. */
interface FirstSight {
  /** The footer's Next button was there, styled and on the screen. */
  whole: boolean;
  what: string;
}

declare global {
  interface Window {
    firstSight?: FirstSight;
  }
}

/**
 * Installed before the app's scripts on every load: watches every change to the document and,
 * the first time the heat's heading is in it, notes whether the footer's Next button is there
 * too, laid out as the fixed footer (its stylesheet applied) and inside the screen. A mutation
 * observer runs before the browser paints what changed, so this is what the first frame with
 * the heading could show.
 */
function watchFirstSight() {
  const look = () => {
    if (window.firstSight) return;
    const heading = document.querySelector('h1');
    if (!heading?.textContent?.startsWith('Heat ')) return;
    const footer = document.querySelector('nav[aria-label="Heat pages"]');
    const next = footer?.querySelector('button[aria-label^="Next:"]');
    const box = next?.getBoundingClientRect();
    const fixed = footer ? getComputedStyle(footer).position === 'fixed' : false;
    const onScreen = box ? box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0 : false;
    window.firstSight = {
      whole: Boolean(next) && fixed && onScreen,
      what: `footer ${footer ? 'present' : 'missing'}, Next ${next ? 'present' : 'missing'}, ${fixed ? 'fixed' : 'not fixed'}, ${onScreen ? 'on screen' : 'off screen'}`,
    };
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
}

test('right after an offline reload the judge’s heat page shows whole: the footer with Next comes with the heading', async ({
  server,
  newDevice,
}) => {
  test.setTimeout(180_000);
  const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Reload Offline');
  const heat = scoredHeats(await serverProgram(server, event.id, organizerToken)).find(
    (h) => h.scale === '1' && h.view.onFloor > 0,
  );
  if (!heat) throw new Error('the demo has no placement heat');
  const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
  const context = await newDevice({ viewport: { width: 1024, height: 768 } });
=======
import { readMarks, scoredHeats } from '@ondeck/shared';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverDoc, serverProgram } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';

/**
 * A judge who opens a heat from a bookmark (a reload, offline, the app from the service worker),
 * types a score and at once opens the next one: every page load starts the app afresh, and the
 * score was typed before the device's storage writer had even started. Each score must be on
 * the device before the page goes, and reach the server once online.
 */
test('a score typed right after a reload, and the page left at once, is kept on the device and reaches the server', async ({
  server,
  newDevice,
}) => {
  test.setTimeout(240_000);
  const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Reload Judging');
  const program = await serverProgram(server, event.id, organizerToken);
  const solos = scoredHeats(program)
    .filter((h) => h.scale === 'solo' && h.view.onFloor > 0)
    .slice(0, 5);
  expect(solos).toHaveLength(5);
  const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
  const context = await newDevice();
>>>>>>> flake
  const judge = new JudgePage(await context.newPage());
  await judge.join(invite.link);
  await judge.expectAllSaved();
  await waitForServiceWorker(judge.page);
<<<<<<< HEAD
  await judge.openHeat(heat.view.label);
  await context.setOffline(true);
  await judge.page.addInitScript(watchFirstSight);

  const sights: string[] = [];
  for (let run = 0; run < RELOADS; run++) {
    await judge.page.reload();
    await judge.expectHeat(heat.view.label);
    await expect(judge.page.getByRole('button', { name: /^Next:/ })).toBeVisible();
    await expect(judge.indicator).toContainText('Offline');
    const sight = await judge.page.evaluate(() => window.firstSight);
    sights.push(sight ? (sight.whole ? 'whole' : sight.what) : 'never seen');
  }
  expect(sights).toEqual(Array(RELOADS).fill('whole'));
=======
  await context.setOffline(true);

  // NOTE: 30 page loads: before the fix 2 of 24 scores were lost on a busy machine.
  const rounds = 30;
  const typed = new Map<string, { label: string; value: string }>();
  for (let round = 0; round < rounds; round++) {
    const heat = solos[round % solos.length] as (typeof solos)[number];
    await judge.openHeat(heat.view.label);
    const value = String(60 + round);
    await judge.page.getByLabel('Score').fill(value);
    const entry = heat.view.entries.find((e) => !e.scratched);
    if (!entry) throw new Error(`solo heat ${heat.view.label} has no couple`);
    typed.set(entry.heat.id, { label: heat.view.label, value });
  }

  // A fresh page reads the device's storage: every score typed is a change waiting there.
  await judge.page.reload();
  await expect(judge.indicator).toContainText('Offline');
  await judge.expectPending(rounds);
  for (const { label, value } of typed.values()) {
    await judge.openHeat(label);
    await expect(judge.page.getByLabel('Score')).toHaveValue(value);
  }

  await context.setOffline(false);
  await judge.expectAllSaved(30_000);
  const stored = readMarks(await serverDoc(server, event.id, organizerToken, 'scores/j1'));
  for (const [heatId, { label, value }] of typed)
    expect(stored.get(`h/${heatId}/0`)?.value, `heat ${label}`).toBe(value);
>>>>>>> flake
});
