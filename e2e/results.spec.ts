import { ResultsEngine, readMarks, scoresDocName } from '@ondeck/shared';
import { ResultsPage } from './pages/ResultsPage.ts';
import { ScrutineeringJudge } from './pages/ScrutineeringJudge.ts';
import { createInvite, serverDoc, serverProgram } from './support/api.ts';
import { PHONE } from './support/devices.ts';
import { expect, expectAccessible, test, waitForServiceWorker } from './support/fixtures.ts';
import { BACKS, createScrutineeredEvent, JUDGE_IDS } from './support/scrutineering.ts';

/**
 * Callbacks every judge gives in each dance of the semi-final: couples 101–105 from everyone,
 * and one more — 106 three times, 107, 108 and 109 once each. So 101–106 go to the final and
 * 107–109, tied at the cut, would make nine: they stay out.
 */
const EXTRA = [106, 106, 106, 107, 108, 109];
const callbacksOf = (judge: number, dance: number) => [...BACKS.slice(0, 5), EXTRA[judge * 2 + dance] as number];

test('three judges call back offline, the organiser’s device publishes the finalists, the judges rank the final and the calculations show why', async ({
  server,
  newDevice,
}, testInfo) => {
  const { event, organizerInvite, organizerToken } = await createScrutineeredEvent(server);
  const organizer = new ResultsPage(await (await newDevice()).newPage());
  await organizer.join(organizerInvite.link);
  await organizer.expectAllSaved();

  // Each judge's tablet opens the event online once, then marks the semi-final with no network.
  const judges: ScrutineeringJudge[] = [];
  for (const judgeId of JUDGE_IDS) {
    const invite = await createInvite(server, event.id, organizerToken, 'judge', judgeId);
    const judge = new ScrutineeringJudge(await (await newDevice()).newPage());
    await judge.join(invite.link);
    await judge.expectAllSaved();
    await waitForServiceWorker(judge.page);
    judges.push(judge);
  }
  for (const [j, judge] of judges.entries()) {
    await judge.page.context().setOffline(true);
    await judge.openHeat('1', 1);
    await expect(judge.page.getByText('Semi-final 1 of 2: Waltz (Callback 6)')).toBeVisible();
    await judge.callBack(callbacksOf(j, 0));
    await judge.next();
    await expect(judge.page.getByText('Semi-final 2 of 2: Tango (Callback 6)')).toBeVisible();
    await judge.callBack(callbacksOf(j, 1));
    await judge.next();
    // The final has no couples until the organiser's device has everyone's callbacks.
    await expect(judge.page.getByText('Final 1 of 2: Waltz')).toBeVisible();
    await expect(judge.page.getByRole('status').filter({ hasText: 'Waiting for the callbacks' })).toBeVisible();
    await judge.expectPending(12);
  }
  await judges[0]?.page.screenshot({ path: testInfo.outputPath('judge-final-waiting.png') });

  // Back online: the marks reach the organiser's device, which counts the callbacks and
  // publishes the finalists into the program by itself.
  for (const judge of judges) {
    await judge.page.context().setOffline(false);
    await judge.expectAllSaved(30_000);
  }
  await expect
    .poll(async () => (await serverProgram(server, event.id, organizerToken)).callbacks.size, { timeout: 30_000 })
    .toBe(1);
  const program = await serverProgram(server, event.id, organizerToken);
  const published = [...program.callbacks.values()][0];
  const backOf = new Map(
    [...program.heats.values()].map((h) => [h.id, program.people.get(`p${h.entryId.slice(1)}`)?.back]),
  );
  expect(published?.finalists.map((id) => backOf.get(id)).sort()).toEqual([101, 102, 103, 104, 105, 106]);
  expect(published?.judges).toEqual([...JUDGE_IDS]);

  // The finalists appear on every judge's final; each ranks both dances.
  for (const judge of judges) {
    const couples = judge.page.getByRole('list').getByTestId('couple');
    await expect(couples).toHaveCount(6);
    expect((await judge.backs()).sort()).toEqual([101, 102, 103, 104, 105, 106]);
    await expect(judge.page.getByText('6 couples called back to the final')).toBeVisible();
    await judge.keepOrder();
    await judge.next();
    await expect(judge.page.getByText('Final 2 of 2: Tango')).toBeVisible();
    await expect(couples).toHaveCount(6);
    await judge.keepOrder();
    await judge.expectAllSaved();
  }
  await judges[1]?.page.screenshot({ path: testInfo.outputPath('judge-final-ranked.png') });

  // What the places must be: the judges' marks as the server has them, through the same engine.
  const engine = new ResultsEngine(program);
  for (const judgeId of JUDGE_IDS)
    engine.setMarks(judgeId, readMarks(await serverDoc(server, event.id, organizerToken, scoresDocName(judgeId))));
  const expected = engine.competitions()[0]?.final.result;
  if (!expected) throw new Error('the final has no result from the server’s marks');
  const expectedRows = [...expected.places]
    .sort((a, b) => a[1] - b[1])
    .map(([id, place]) => ({
      back: String(backOf.get(id)),
      place: String(place),
      rule: `Rule ${expected.decisions.find((d) => d.couples.includes(id))?.rule}`,
    }));

  // The organiser's Calculations: the callbacks and the cut, each dance's sheet, the places and their rules.
  await organizer.openScreen('Results');
  await expect(organizer.page.getByTestId('progress')).toHaveText('1 heat, fully marked.');
  await organizer.openView('Multi-dance');
  await organizer.openCalculations('1');
  await expect(organizer.page.getByTestId('heat-progress')).toHaveText('All 3 judges have marked heat 1.');
  await expect(organizer.callbacksRow(106)).toContainText('In the final');
  for (const back of [107, 108, 109]) await expect(organizer.callbacksRow(back)).toContainText('Tied at the cut');
  await expect(organizer.page.getByTestId('cut')).toHaveText(
    '6 couples with 3 or more callbacks go to the final. The 3 couples tied on 1 would make 9, more than 8: they are left out.',
  );
  await expect(organizer.page.getByTestId('final-status')).toHaveText('Placed by 3 judges.');
  await expect(organizer.page.getByTestId('dance-Waltz')).toBeVisible();
  await expect(organizer.page.getByTestId('dance-Tango')).toBeVisible();
  await expect.poll(() => organizer.finalRows()).toEqual(expectedRows);
  await expectAccessible(organizer.page);
  await organizer.page.screenshot({ path: testInfo.outputPath('calculations.png'), fullPage: true });
  await organizer.page.getByTestId('dance-Waltz').screenshot({ path: testInfo.outputPath('calculations-waltz.png') });
  await organizer.page
    .getByTestId('final-summary')
    .screenshot({ path: testInfo.outputPath('calculations-summary.png') });

  // The organiser publishes the results: a public phone shows them, read-only, as published.
  await organizer.openScreen('Results');
  await organizer.openView('Publish');
  await organizer.page.getByRole('button', { name: 'Publish results' }).click();
  await expect(organizer.page.getByTestId('results-publish-state')).toContainText('Published at');
  await organizer.expectAllSaved();
  const publicInvite = await createInvite(server, event.id, organizerToken, 'public');
  const phone = new ResultsPage(await (await newDevice(PHONE)).newPage());
  await phone.join(publicInvite.link);
  await phone.openScreen('Results');
  const finalTable = phone.page.getByRole('table', { name: /Heat 1: Smooth Championship/ });
  await expect(finalTable.locator('tbody tr')).toHaveCount(6);
  await expect(finalTable.locator('tbody tr').first()).toContainText(expectedRows[0]?.back ?? '');
  await expect(phone.page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expectAccessible(phone.page);
  await phone.page.screenshot({ path: testInfo.outputPath('public-results.png'), fullPage: true });
});
