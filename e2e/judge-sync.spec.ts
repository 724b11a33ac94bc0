import { heatScoreKey, readMarks, scoredHeats } from '@ondeck/shared';
import type { BrowserContext } from '@playwright/test';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverDoc, serverProgram } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { heatIdsByBack } from './support/heats.ts';
import type { TestServer } from './support/server.ts';

const PLACES = ['Place 1', 'Place 2', 'Place 3', 'Finalist'] as const;
const VALUES: Record<(typeof PLACES)[number], string> = {
  'Place 1': '1',
  'Place 2': '2',
  'Place 3': '3',
  Finalist: 'F',
};

async function tablet(newDevice: () => Promise<BrowserContext>, link: string): Promise<JudgePage> {
  const judge = new JudgePage(await (await newDevice()).newPage());
  await judge.join(link);
  await judge.expectAllSaved();
  return judge;
}

async function demoEvent(server: TestServer, name: string) {
  const { event, organizerToken } = await createEventWithToken(server, 'demo', name);
  const heats = scoredHeats(await serverProgram(server, event.id, organizerToken)).filter(
    (h) => h.scale === '1' && h.view.onFloor >= 3,
  );
  const invite = (judgeId: string) => createInvite(server, event.id, organizerToken, 'judge', judgeId);
  const marks = async (judgeId: string) =>
    readMarks(await serverDoc(server, event.id, organizerToken, `scores/${judgeId}`));
  return { heats, invite, marks };
}

test.describe('judges scoring at the same time', () => {
  test('two judges score offline at once; both sets arrive, whichever reconnects first', async ({
    server,
    newDevice,
  }) => {
    const { heats, invite, marks } = await demoEvent(server, 'Two Judges');
    const one = await tablet(newDevice, (await invite('j1')).link);
    const two = await tablet(newDevice, (await invite('j2')).link);

    for (const [round, heat] of heats.slice(0, 2).entries()) {
      for (const judge of [one, two]) {
        await judge.openHeat(heat.view.label);
        await judge.page.context().setOffline(true);
      }
      const backs = await one.backs();
      // Each judge gives each couple a different place, so an overwrite would show.
      for (const [i, back] of backs.entries()) {
        await one.choose(back, PLACES[i % 4] as string);
        await two.choose(back, PLACES[(i + 1) % 4] as string);
      }
      const order = round === 0 ? [one, two] : [two, one];
      for (const judge of order) {
        await judge.page.context().setOffline(false);
        await judge.expectAllSaved();
      }
      const ids = heatIdsByBack(heat);
      const [first, second] = [await marks('j1'), await marks('j2')];
      for (const [i, back] of backs.entries()) {
        const key = heatScoreKey(ids.get(back) as string);
        expect(first.get(key)?.value).toBe(VALUES[PLACES[i % 4] as (typeof PLACES)[number]]);
        expect(second.get(key)?.value).toBe(VALUES[PLACES[(i + 1) % 4] as (typeof PLACES)[number]]);
      }
    }
  });

  test('one judge on two tablets: the later mark for a couple wins on both', async ({ server, newDevice }) => {
    const { heats, invite, marks } = await demoEvent(server, 'Two Tablets');
    const link = (await invite('j1')).link;
    const a = await tablet(newDevice, link);
    const b = await tablet(newDevice, link);
    const heat = heats[0];
    if (!heat) throw new Error('no heat to score');
    for (const judge of [a, b]) await judge.openHeat(heat.view.label);
    const [x, y, z] = await a.backs();

    // Online: each tablet sees the other's mark, and a change made after it wins.
    await a.choose(x as number, 'Place 1');
    await expect(b.choice(x as number, 'Place 1')).toBeChecked();
    await b.choose(x as number, 'Place 2');
    await expect(a.choice(x as number, 'Place 2')).toBeChecked();

    // Offline on both: tablet A marks first, tablet B later; they reconnect in either order.
    for (const [back, reconnect] of [
      [y, [a, b]],
      [z, [b, a]],
    ] as const) {
      for (const judge of [a, b]) await judge.page.context().setOffline(true);
      await a.choose(back as number, 'Place 3');
      await b.choose(back as number, 'Finalist');
      for (const judge of reconnect) {
        await judge.page.context().setOffline(false);
        await judge.expectAllSaved();
      }
      for (const judge of [a, b]) await expect(judge.choice(back as number, 'Finalist')).toBeChecked();
      for (const judge of [a, b]) await judge.expectAllSaved();
    }
    const ids = heatIdsByBack(heat);
    const stored = await marks('j1');
    expect(stored.get(heatScoreKey(ids.get(x as number) as string))?.value).toBe('2');
    expect(stored.get(heatScoreKey(ids.get(y as number) as string))?.value).toBe('F');
    expect(stored.get(heatScoreKey(ids.get(z as number) as string))?.value).toBe('F');
  });
});
