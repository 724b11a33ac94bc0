import { createEventWithToken, createInvite, serverProgram } from './support/api.ts';
import { test } from './support/fixtures.ts';
import { expectScoresKept, offlineJudge, soloCouple, soloHeats, type TypedScores } from './support/soloScores.ts';

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
  const solos = soloHeats(await serverProgram(server, event.id, organizerToken), 5);
  const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
  const judge = await offlineJudge(await newDevice(), invite.link);

  // NOTE: 30 page loads: before the fix 2 of 24 scores were lost on a busy machine.
  const rounds = 30;
  const typed: TypedScores = new Map();
  for (let round = 0; round < rounds; round++) {
    const heat = solos[round % solos.length] as (typeof solos)[number];
    await judge.openHeat(heat.view.label);
    const value = String(60 + round);
    await judge.page.getByLabel('Score').fill(value);
    typed.set(soloCouple(heat), { label: heat.view.label, value });
  }

  // A fresh page reads the device's storage: every score typed is a change waiting there.
  await judge.page.reload();
  await expectScoresKept(judge, typed, rounds, { server, eventId: event.id, token: organizerToken, judgeId: 'j1' });
});
