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
  const judge = new JudgePage(await context.newPage());
  await judge.join(invite.link);
  await judge.expectAllSaved();
  await waitForServiceWorker(judge.page);
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
});
