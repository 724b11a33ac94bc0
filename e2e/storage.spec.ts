import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent, joinToken, serverProgram } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('storage failures', () => {
  test('a browser without IndexedDB gets an explanation, not a blank page', async ({ server, newDevice }) => {
    const { event } = await createEvent(server, 'empty', 'No Storage');
    const context = await newDevice();
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    const page = await context.newPage();
    await page.goto(`${server.url}/e/${event.id}/heats`);
    await expect(page.getByRole('alert')).toContainText('does not let ondeck store data');
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('alert')).toContainText('does not let ondeck store data');
  });

  test('a full disk is reported where the person is working', async ({ server, newDevice }) => {
    const { event, organizerInvite } = await createEvent(server, 'empty', 'Full Disk');
    const context = await newDevice();
    const organizer = new OrganizerPage(await context.newPage());
    await organizer.join(organizerInvite.link);
    await organizer.expectAllSaved();
    await organizer.page.evaluate(() => {
      IDBObjectStore.prototype.add = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await context.setOffline(true);
    await organizer.renameEvent('Too Big To Store');
    await expect(organizer.page.getByRole('alert')).toContainText('out of storage space');
    // Not stored on the device is not saved either: it waits in memory for the server.
    await organizer.expectPending(1);
    await context.setOffline(false);
    await organizer.expectAllSaved();
    const program = await serverProgram(server, event.id, await joinToken(server, organizerInvite));
    expect(program.settings.name).toBe('Too Big To Store');
  });
});
