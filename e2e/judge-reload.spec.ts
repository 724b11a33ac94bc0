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
  const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Reload Offline');
  const heat = scoredHeats(await serverProgram(server, event.id, organizerToken)).find(
    (h) => h.scale === '1' && h.view.onFloor > 0,
  );
  if (!heat) throw new Error('the demo has no placement heat');
  const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
  const context = await newDevice({ viewport: { width: 1024, height: 768 } });
  const judge = new JudgePage(await context.newPage());
  await judge.join(invite.link);
  await judge.expectAllSaved();
  await waitForServiceWorker(judge.page);
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
});
