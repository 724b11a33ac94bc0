import { apiPath, CloseCode, readMarks } from '@ondeck/shared';
import type { Page } from '@playwright/test';
import { JudgePage } from './pages/JudgePage.ts';
import { createEventWithToken, createInvite, joinToken, serverDoc, syncUrl } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';

/** Presses Tab until the focused element matches, as a person with only a keyboard does. */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A finger across the screen (Chromium's touch events, as a tablet sends them). */
async function swipe(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 5; step++) {
    const x = from.x + ((to.x - from.x) * step) / 5;
    const y = from.y + ((to.y - from.y) * step) / 5;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test.describe('scoring by keyboard and by touch', () => {
  test('a heat is scored with the keyboard alone, in the table and as cards', async ({ server, newDevice }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Keyboard Judging');
    const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
    const judge = new JudgePage(await (await newDevice()).newPage());
    await judge.join(invite.link);
    await judge.openHeat('12');
    const backs = await judge.backs();

    // Table: Tab into each couple's radio group, arrows pick the place (from "–": 1, then 2).
    for (const [i, back] of backs.entries()) {
      await tabTo(judge.page, `input[type="radio"][aria-label$="couple ${back}"]`);
      for (let step = 0; step <= i % 2; step++) await judge.page.keyboard.press('ArrowRight');
    }
    for (const [i, back] of backs.entries()) {
      const name = i % 2 === 0 ? 'Place 1' : 'Place 2';
      await expect(judge.choice(back, name)).toBeChecked();
    }
    // Off the radios, the arrow keys turn the page; Space/Enter cannot start a heat from here.
    await judge.page.keyboard.press('Tab');
    await judge.page.keyboard.press('ArrowRight');
    await judge.expectHeat('13');
    await judge.page.keyboard.press('Enter');
    await expect(judge.page.getByRole('status').filter({ hasText: 'starts heats' })).toContainText(
      'Only the emcee, the DJ or the organiser starts heats',
    );
    await judge.page.keyboard.press('ArrowLeft');
    await judge.expectHeat('12');
    await expect(judge.choice(backs[0] as number, 'Place 1')).toBeChecked();

    // Cards: Tab picks a card, ArrowDown moves it a band down (wrapping), Esc lets go.
    await judge.openHeat('13', undefined, 'cards');
    const cards = await judge.page.getByTestId('couple').count();
    await tabTo(judge.page, '[data-card]');
    await judge.page.keyboard.press('ArrowDown');
    await judge.page.keyboard.press('Tab');
    await judge.page.keyboard.press('ArrowDown');
    await judge.page.keyboard.press('ArrowDown');
    await judge.page.keyboard.press('Escape');
    await expect(judge.page.getByRole('region', { name: 'Place 1' }).getByTestId('couple')).toHaveCount(1);
    await expect(judge.page.getByRole('region', { name: 'Place 2' }).getByTestId('couple')).toHaveCount(1);
    await expect(judge.page.getByRole('region', { name: 'Not marked' }).getByTestId('couple')).toHaveCount(cards - 2);
    // ArrowUp from the top band wraps to the bottom one.
    await tabTo(judge.page, '[data-card][aria-label$="Not marked"]');
    await judge.page.keyboard.press('ArrowUp');
    await expect(judge.page.getByRole('region', { name: 'Finalist' }).getByTestId('couple')).toHaveCount(1);
    // And by pointer: drag a card into a band.
    const card = judge.page.getByRole('region', { name: 'Place 1' }).getByTestId('couple');
    const band = await judge.page.getByRole('region', { name: 'Place 3' }).boundingBox();
    const from = await card.boundingBox();
    if (!band || !from) throw new Error('cards are not on screen');
    await judge.page.mouse.move(from.x + 20, from.y + 20);
    await judge.page.mouse.down();
    await judge.page.mouse.move(from.x + 60, band.y + band.height / 2, { steps: 5 });
    await judge.page.mouse.move(band.x + band.width / 2, band.y + band.height / 2, { steps: 5 });
    await judge.page.mouse.up();
    await expect(judge.page.getByRole('region', { name: 'Place 3' }).getByTestId('couple')).toHaveCount(1);
    await expect(judge.page.getByRole('region', { name: 'Place 1' }).getByTestId('couple')).toHaveCount(0);
    await judge.expectAllSaved();
  });

  test('swipes turn the page on a touch screen, and a swipe up goes back to the list', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Swipe Judging');
    const invite = await createInvite(server, event.id, organizerToken, 'judge', 'j2');
    const judge = new JudgePage(await (await newDevice({ hasTouch: true })).newPage());
    await judge.join(invite.link);
    await judge.openHeat('12');
    // Across more than half the width and less than a quarter of the height.
    await swipe(judge.page, { x: 900, y: 420 }, { x: 150, y: 450 });
    await judge.expectHeat('13');
    await swipe(judge.page, { x: 150, y: 420 }, { x: 900, y: 400 });
    await judge.expectHeat('12');
    // Too short: nothing happens.
    await swipe(judge.page, { x: 600, y: 420 }, { x: 300, y: 420 });
    await judge.expectHeat('12');
    // Up: a scroll while the page can scroll; at its end, back to the heat list.
    await judge.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await swipe(judge.page, { x: 250, y: 600 }, { x: 260, y: 150 });
    await expect(judge.page.getByRole('region', { name: 'Heats to score' })).toBeVisible();
    await expect(judge.page.locator('[id="heat-12"] a')).toBeFocused();
  });

  test('a token for judge A cannot change judge B’s marks: the server refuses and the screen says so', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Wrong Judge');
    const inviteA = await createInvite(server, event.id, organizerToken, 'judge', 'j1');
    const tokenA = await joinToken(server, inviteA);

    // Straight to the server: judge B's document is refused to judge A's token.
    const refused = await fetch(`${server.url}${apiPath('docState', { eventId: event.id, '*': 'scores/j2' })}`, {
      headers: { Authorization: `Bearer ${tokenA}` },
    });
    expect(refused.status).toBe(403);

    const judge = new JudgePage(await (await newDevice()).newPage());
    await judge.join(inviteA.link);
    await judge.expectAllSaved();
    const closeCode = await judge.page.evaluate(
      (url) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(url);
          socket.onclose = (closed) => resolve(closed.code);
        }),
      syncUrl(server, event.id, tokenA, 'scores/j2'),
    );
    expect(closeCode).toBe(CloseCode.FORBIDDEN);

    // A device whose stored invite was tampered with to act as judge B.
    await judge.page.evaluate(
      (eventId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('ondeck');
          open.onsuccess = () => {
            const store = open.result.transaction('events', 'readwrite').objectStore('events');
            const read = store.get(eventId);
            read.onsuccess = () => {
              const write = store.put({ ...read.result, personId: 'j2' });
              write.onsuccess = () => resolve();
              write.onerror = () => reject(write.error);
            };
          };
        }),
      event.id,
    );
    await judge.page.reload();
    await judge.openHeat('12');
    const [back] = await judge.backs();
    await judge.choose(back as number, 'Place 1');
    await expect(judge.page.getByRole('alert').filter({ hasText: 'The server refuses these marks' })).toContainText(
      /your invite does not allow this part of the event/i,
    );
    await expect(judge.indicator).toContainText('Not syncing');
    await expect(judge.indicator).toContainText('1 change not yet on the server');
    expect(readMarks(await serverDoc(server, event.id, organizerToken, 'scores/j2')).size).toBe(0);
  });
});
