import { type HeatScale, type ScoredHeat, scoredHeats } from '@ondeck/shared';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverProgram } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';
import { expectAllOnScreen, expectNoHorizontalOverflow, PHONE_SIZES } from './support/layout.ts';

/** The heat scored `scale` with the most couples on the floor: the widest page of that scale. */
function widest(heats: ScoredHeat[], scale: HeatScale): ScoredHeat {
  const heat = heats.filter((h) => h.scale === scale).sort((a, b) => b.view.onFloor - a.view.onFloor)[0];
  if (!heat) throw new Error(`no heat scored ${scale}`);
  return heat;
}

test('a judge on a phone held upright reaches every box of every scale, nothing past the edge', async ({
  server,
  newDevice,
}, testInfo) => {
  test.setTimeout(180_000);
  const demo = await createEventWithToken(server, 'demo', 'Demo Phone');
  const heats = scoredHeats(await serverProgram(server, demo.event.id, demo.organizerToken));
  const invite = await createInvite(server, demo.event.id, demo.organizerToken, 'judge', 'j1');
  const judge = new JudgePage(await (await newDevice({ viewport: PHONE_SIZES[0] })).newPage());
  await judge.join(invite.link);
  await judge.expectAllSaved(30_000);
  const footer = judge.page.getByRole('navigation', { name: 'Heat pages' });
  const scales: HeatScale[] = ['1', 'G', '#', '+', '&', '@', 'solo'];
  for (const scale of scales) {
    const heat = widest(heats, scale);
    await judge.openHeat(heat.view.label, heat.slots > 0 ? 1 : undefined);
    const couples = judge.page.getByTestId('couple');
    await expect(couples.first()).toBeVisible();
    await judge.page.screenshot({ path: testInfo.outputPath(`phone-${scale === '#' ? 'number' : scale}.png`) });
    await expectNoHorizontalOverflow(judge.page);
    await expectAllOnScreen(judge.page, footer.getByRole('button'));
    // The first couple's last box (its comment, or its last choice) is tapped where it is.
    const last = couples.first().locator('input, button').last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
  }
  await expectAccessible(judge.page);
  await judge.page.context().close();
});
