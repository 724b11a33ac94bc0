import { findHeats, heatNumbers, MAIN_FLOOR, startHeat, studioFilter, updateSettings } from '@ondeck/shared';
import type { Page } from '@playwright/test';
import { HeatsPage } from './pages/HeatsPage.ts';
import { createEventWithToken, createInvite, serverProgram, writeOverWire } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { expectNoHorizontalOverflow, PHONE_SIZES } from './support/layout.ts';

/**
 * How much of the screen shows heats with the list scrolled to the middle: what lies between
 * the bar pinned to the top and the current-heat banner pinned to the bottom.
 */
async function heatShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const list = document.querySelector('[aria-label="Heats"]');
    const bar = document.querySelector('.topbar');
    const banner = document.querySelector('[data-testid="current-heat"]');
    if (!list || !bar || !banner) throw new Error('the heat list, the bar or the banner is missing');
    const middle = list.querySelectorAll(':scope > li')[20];
    middle?.scrollIntoView({ block: 'center' });
    const top = Math.max(0, bar.getBoundingClientRect().bottom);
    const bottom = Math.min(window.innerHeight, banner.getBoundingClientRect().top);
    const { top: listTop, bottom: listBottom } = list.getBoundingClientRect();
    return (Math.min(bottom, listBottom) - Math.max(top, listTop)) / window.innerHeight;
  });
}

test('phones: staff and the public see the heats, not a sync pill; the heat sheet fits', async ({
  server,
  newDevice,
}, testInfo) => {
  const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Phone Showcase');
  const program = await serverProgram(server, event.id, organizerToken);
  const schedule = heatNumbers(program);
  const heats = schedule.filter((view) => view.onFloor > 0);
  const current = heats[10];
  if (!current) throw new Error('the demo has too few heats');
  await writeOverWire(server, event.id, organizerToken, 'program', (doc) =>
    updateSettings(doc, { publishHeatList: true }),
  );
  await writeOverWire(server, event.id, organizerToken, 'live', (doc) =>
    startHeat(doc, MAIN_FLOOR, { number: current.number, startedAt: Date.now() }),
  );
  // The studio with most heats: the widest heat sheet.
  const studio = [...program.studios.values()]
    .map((s) => ({ id: s.id, heats: findHeats(schedule, studioFilter(s.id)).length }))
    .sort((a, b) => b.heats - a.heats)[0];
  if (!studio) throw new Error('the demo has no studio');

  for (const role of ['staff', 'public'] as const) {
    const invite = await createInvite(server, event.id, organizerToken, role);
    const context = await newDevice({ viewport: PHONE_SIZES[0], hasTouch: true });
    const phone = new HeatsPage(await context.newPage());
    await phone.join(invite.link);
    const list = phone.page.url();
    // One phone, turned: the same device held upright and then sideways.
    for (const viewport of PHONE_SIZES) {
      const size = `${viewport.width}x${viewport.height}`;
      const upright = viewport.height > viewport.width;
      await phone.page.setViewportSize(viewport);
      await phone.page.goto(list);
      await phone.expectCurrent(current.label);
      // A word for the connection, true offline too; nothing about saving on a device that saves nothing.
      await expect(phone.indicator).toHaveText('Online');
      await expectNoHorizontalOverflow(phone.page);
      const share = await heatShare(phone.page);
      testInfo.annotations.push({ type: `${role} ${size}`, description: `${Math.round(share * 100)} % shows heats` });
      expect(share).toBeGreaterThanOrEqual(upright ? 0.7 : 0.5);
      await phone.page.screenshot({ path: testInfo.outputPath(`${size}-${role}-heats.png`) });
      await context.setOffline(true);
      await expect(phone.indicator).toHaveText('Offline');
      await context.setOffline(false);
      await expect(phone.indicator).toHaveText('Online');

      await phone.page.goto(`${server.url}/e/${event.id}/sheets?studio=${encodeURIComponent(studio.id)}`);
      const sheet = phone.page.getByRole('article', { name: 'Heat sheet' });
      await expect(sheet.getByRole('row').nth(studio.heats)).toBeAttached();
      await expectNoHorizontalOverflow(phone.page);
      await phone.page.screenshot({ path: testInfo.outputPath(`${size}-${role}-sheet.png`), fullPage: true });
    }
    await context.close();
  }
  // A role that writes still has the whole story: an organiser is told its changes are saved.
  const organizerContext = await newDevice({ viewport: PHONE_SIZES[0], hasTouch: true });
  const organizer = new HeatsPage(await organizerContext.newPage());
  await organizer.join((await createInvite(server, event.id, organizerToken, 'organizer')).link);
  await organizer.expectAllSaved();
});
