import { heatScoreKey, markSlot, type Program, readMarks, type ScoredHeat, scoredHeats } from '@ondeck/shared';
import type { JudgePage } from './pages/JudgePage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, createInvite, serverDoc, serverProgram } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { heatIdsByBack } from './support/heats.ts';
import { offlineJudge } from './support/soloScores.ts';

/** What the judge entered, by mark key, as it must arrive on the server. */
type Expected = Map<string, { value?: string; good?: string }>;

/**
 * Scores every couple on the heat's page(s) the way a judge taps, recording what should be
 * stored. Returns how many changes that made (one per tap).
 */
async function scoreHeat(judge: JudgePage, heat: ScoredHeat, expected: Expected, round: number): Promise<number> {
  let changes = 0;
  const ids = heatIdsByBack(heat);
  const pages = heat.slots > 0 ? Array.from({ length: heat.slots }, (_, i) => i + 1) : [1];
  for (const slot of pages) {
    if (slot > 1) await judge.next();
    const backs = await judge.backs();
    for (const [i, back] of backs.entries()) {
      const key = heatScoreKey(ids.get(back) as string, markSlot(heat, slot));
      switch (heat.scale) {
        case '1': {
          const [name, value] = (
            [
              ['Place 1', '1'],
              ['Place 2', '2'],
              ['Place 3', '3'],
              ['Finalist', 'F'],
            ] as const
          )[(i + round) % 4] as readonly [string, string];
          await judge.choose(back, name);
          expected.set(key, { value });
          changes++;
          break;
        }
        case 'G': {
          const [name, value] = (i + round) % 2 === 0 ? ['Gold', 'G'] : ['Silver', 'S'];
          await judge.choose(back, name);
          expected.set(key, { value });
          changes++;
          break;
        }
        case '#': {
          const value = String(70 + ((i + slot) % 25));
          await judge.typeMark(back, value);
          expected.set(key, { value });
          changes++;
          break;
        }
        case '&':
        case '@': {
          const [name, value] = heat.scale === '&' ? ['Overall 4', '4'] : ['Silver', 'S'];
          await judge.tap(back, name);
          await judge.tap(back, 'Good job with Timing');
          expected.set(key, { value, good: 'T' });
          changes += 2;
          break;
        }
        case '+':
          await judge.tap(back, 'Good job with Footwork');
          expected.set(key, { good: 'FW' });
          changes++;
          break;
        case 'solo': {
          const value = String(80 + (round % 20));
          await judge.page.getByLabel('Score').fill(value);
          expected.set(key, { value });
          changes++;
          break;
        }
        default:
          throw new Error(`this spec does not score ${heat.scale}`);
      }
    }
  }
  return changes;
}

function pickHeats(program: Program): ScoredHeat[] {
  const heats = scoredHeats(program).filter((h) => h.view.onFloor > 0);
  const byScale = (scale: ScoredHeat['scale'], count: number) => heats.filter((h) => h.scale === scale).slice(0, count);
  // 30 heats over every scale of the demo event (the multi-dance is three pages).
  return [
    ...byScale('G', 7),
    ...byScale('1', 7),
    ...byScale('&', 4),
    ...byScale('solo', 4),
    ...byScale('@', 3),
    ...byScale('+', 4),
    ...byScale('#', 1),
  ];
}

test.describe('a judge with no network', () => {
  test('scores 30 heats over every scale offline, with reloads, and the organiser sees every mark once online', async ({
    server,
    newDevice,
  }) => {
    // NOTE: 30 heats took 1.8–4.1 min on a busy machine (load 20–30 on two cores).
    test.setTimeout(360_000);
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Offline Judging');
    const program = await serverProgram(server, event.id, organizerToken);
    const heats = pickHeats(program);
    expect(heats).toHaveLength(30);
    expect(new Set(heats.map((h) => h.scale)).size).toBe(7);
    const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');

    const context = await newDevice();
    const judge = await offlineJudge(context, invite.link);

    const expected: Expected = new Map();
    let changes = 0;
    for (const [round, heat] of heats.entries()) {
      await judge.openHeat(heat.view.label, heat.slots > 0 ? 1 : undefined);
      changes += await scoreHeat(judge, heat, expected, round);
      if (round % 10 === 9) {
        // Every tap is a change stored on the device (the indicator counts IndexedDB's rows);
        // a reload (or a crash, or a flat battery) from then on loses nothing.
        await judge.expectPending(changes);
        await judge.page.reload();
        await judge.expectHeat(heat.view.label);
        await expect(judge.indicator).toContainText('Offline');
      }
    }
    await judge.page.getByRole('button', { name: 'Heat list' }).click();
    await expect(judge.page.getByTestId('marks-count')).toHaveText(`${expected.size} marks on this device`);
    for (const heat of heats) {
      await expect(judge.page.locator(`[id="heat-${heat.view.label}"]`)).toContainText('Done');
    }
    await judge.expectPending(changes);

    await context.setOffline(false);
    await judge.expectAllSaved(30_000);
    const stored = readMarks(await serverDoc(server, event.id, organizerToken, 'scores/j1'));
    expect(stored.size).toBe(expected.size);
    for (const [key, mark] of expected) expect(stored.get(key), key).toMatchObject(mark);

    // The organiser's table shows every mark, heat by heat.
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Marks');
    for (const heat of heats) {
      await organizer.page.getByRole('combobox', { name: 'Heat' }).selectOption(heat.view.label);
      const pages = heat.slots > 0 ? heat.slots : 1;
      for (let page = 1; page <= pages; page++) {
        if (heat.slots > 0) await organizer.page.getByRole('button', { name: new RegExp(`^Dance ${page}:`) }).click();
        await expect(organizer.page.getByTestId('count-j1')).toHaveText(`${heat.view.onFloor} of ${heat.view.onFloor}`);
      }
    }
    await expect(organizer.page.getByTestId('mark-totals')).toContainText(`${expected.size} marks in all`);
  });
});
