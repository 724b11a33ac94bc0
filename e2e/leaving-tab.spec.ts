import { readMarks, scoredHeats } from '@ondeck/shared';
import type { Page } from '@playwright/test';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, serverDoc, serverProgram } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';

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
  const program = await serverProgram(server, event.id, organizerToken);
  const solos = scoredHeats(program)
    .filter((h) => h.scale === 'solo' && h.view.onFloor > 0)
    .slice(0, 4);
  expect(solos).toHaveLength(4);
  const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
  const context = await newDevice();
  let judge = new JudgePage(await context.newPage());
  await judge.join(invite.link);
  await judge.expectAllSaved();
  await waitForServiceWorker(judge.page);
  await context.setOffline(true);
  const home = judge.page.url();
  const otherTab = await context.newPage();
  await otherTab.goto(home);

  // NOTE: before the leaving page's journal, every score typed this way was lost (0 of 6, 0 of 4).
  const typed = new Map<string, { label: string; value: string }>();
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
    const entry = heat.view.entries.find((e) => !e.scratched);
    if (!entry) throw new Error(`solo heat ${heat.view.label} has no couple`);
    typed.set(entry.heat.id, { label: heat.view.label, value });
    judge = new JudgePage(await context.newPage());
    await judge.page.goto(home);
  }

  await expect(judge.indicator).toContainText('Offline');
  await judge.expectPending(solos.length);
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
