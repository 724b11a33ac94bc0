import type { Page } from '@playwright/test';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverProgram } from './support/api.ts';
import { test } from './support/fixtures.ts';
import { expectScoresKept, offlineJudge, soloCouple, soloHeats, type TypedScores } from './support/soloScores.ts';

/**
 * Another tab of the device holds the storage for a moment (as a tab merging its log does) while
 * the judge types a score and closes the tab at once: the score cannot reach IndexedDB before the
 * tab is gone, and must still be on the device when the app opens again, and reach the server.
 */
test('a score typed while another tab holds the storage, and the tab closed at once, is kept', async ({
  server,
  newDevice,
}) => {
  test.setTimeout(240_000);
  const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Leaving Tab');
  const solos = soloHeats(await serverProgram(server, event.id, organizerToken), 4);
  const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
  const context = await newDevice();
  let judge = await offlineJudge(context, invite.link);
  const home = judge.page.url();
  const otherTab = await context.newPage();
  await otherTab.goto(home);

  // NOTE: before the leaving page's journal, every score typed this way was lost (0 of 6, 0 of 4).
  const typed: TypedScores = new Map();
  for (const [round, heat] of solos.entries()) {
    await judge.openHeat(heat.view.label);
    const value = String(70 + round);
    await holdStorage(otherTab, 1_500);
    await judge.page.getByLabel('Score').evaluate((input: HTMLInputElement, value) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
    await judge.page.close();
    typed.set(soloCouple(heat), { label: heat.view.label, value });
    judge = new JudgePage(await context.newPage());
    await judge.page.goto(home);
  }

  await expectScoresKept(judge, typed, solos.length, {
    server,
    eventId: event.id,
    token: organizerToken,
    judgeId: 'j1',
  });
});

/** A read-write transaction on the update log, kept alive for `ms`; resolves once it has begun. */
function holdStorage(page: Page, ms: number): Promise<void> {
  return page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('ondeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          const store = tx.objectStore('updates');
          const until = performance.now() + ms;
          const keepBusy = () => {
            if (performance.now() < until) store.count().onsuccess = keepBusy;
          };
          keepBusy();
          tx.oncomplete = () => open.result.close();
          resolve();
        };
      }),
    ms,
  );
}
