import type { Page } from '@playwright/test';
import { AppPage } from './pages/AppPage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent, createEventWithToken, createInvite, joinToken } from './support/api.ts';
import { expect, expectAccessible, test, waitForServiceWorker } from './support/fixtures.ts';

test.describe('events on a device', () => {
  test('a device holds several events; leaving one warns about unsaved changes and removes it', async ({
    server,
    newDevice,
  }) => {
    const first = await createEvent(server, 'empty', 'First Draft');
    const second = await createEvent(server, 'empty', 'Second Showcase');
    const staffInvite = await createInvite(
      server,
      second.event.id,
      await joinToken(server, second.organizerInvite),
      'staff',
    );
    const context = await newDevice();
    const page = await context.newPage();
    const organizer = new OrganizerPage(page);
    await new AppPage(page).join(staffInvite.link);
    // The second event is joined by pasting its invite link on the home screen.
    await page.goto(`${server.url}/`);
    await page.getByLabel('Invite link').fill(first.organizerInvite.link);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page).toHaveURL(`${server.url}/e/${first.event.id}/organizer`);
    await organizer.expectAllSaved();
    // The organiser renames the event: the list of events on the device follows.
    await organizer.renameEvent('First Showcase');
    // Saved before the device goes offline below: the one change waiting must be the person.
    await organizer.expectAllSaved();

    await page.goto(`${server.url}/`);
    await expect(page.getByRole('link', { name: /First Showcase/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Second Showcase/ })).toBeVisible();

    await page.getByRole('link', { name: /First Showcase/ }).click();
    // NOTE: the app opens offline below only once its service worker is in control; on a busy
    // machine it was still installing, and the offline navigation failed.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await organizer.addPerson('Unsaved, Ursula', 'Judge');
    await organizer.openTab('This device');
    await page.getByRole('button', { name: 'Remove this event from this device' }).click();
    await expect(page.getByRole('alert')).toContainText('1 change not yet on the server');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Remove and lose the changes' }).click();

    await expect(page).toHaveURL(`${server.url}/`);
    await expect(page.getByRole('link', { name: /Second Showcase/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /First Showcase/ })).toHaveCount(0);
    await page.goto(`${server.url}/e/${first.event.id}/organizer`);
    await expect(page.getByText('This device has not joined this event')).toBeVisible();
  });

  test('an event the organiser renames is renamed on a judge’s tablet without blanking its screen', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Spring Draft');
    const judge = new AppPage(await (await newDevice()).newPage());
    await judge.join((await createInvite(server, event.id, organizerToken, 'judge', 'j1')).link);
    await judge.expectAllSaved();
    await expect(judge.page.getByRole('region', { name: 'Heats to score' })).toBeVisible();
    await watchForLoading(judge.page);

    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.renameEvent('Spring Showcase');
    await expect(judge.page.getByRole('banner')).toContainText('Spring Showcase');
    // The tablet keeps the new name with the event (its list of events shows it offline)…
    await expect.poll(() => storedEventName(judge.page, event.id)).toBe('Spring Showcase');
    // …and the screen stays as it was: nothing went back to "Loading…".
    await expect(judge.page.getByRole('region', { name: 'Heats to score' })).toBeVisible();
    expect(await loadingSeen(judge.page)).toBe(false);
  });
});

/** Records whether "Loading…" (what a suspended screen shows) appears on the page from now on. */
async function watchForLoading(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { loading: false };
    Object.assign(window, { ondeckLoadingSeen: seen });
    new MutationObserver(() => {
      if (document.querySelector('.loading')) seen.loading = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
}

async function loadingSeen(page: Page): Promise<boolean> {
  // NOTE: the screen re-renders from the stored membership within a task of storing it; half a
  // second more lets a suspension that would follow it show.
  await page.waitForTimeout(500);
  return page.evaluate(
    () => (window as unknown as { ondeckLoadingSeen: { loading: boolean } }).ondeckLoadingSeen.loading,
  );
}

/** The event's name as the device stored it (IndexedDB `ondeck`, table `events`). */
function storedEventName(page: Page, eventId: string): Promise<string | undefined> {
  return page.evaluate(
    (id) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('ondeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('events').objectStore('events').get(id);
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            resolve((read.result as { eventName?: string } | undefined)?.eventName);
            open.result.close();
          };
        };
      }),
    eventId,
  );
}
