import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent, joinToken, serverProgram } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';

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
    // The disk fills up for every context that writes: the page and its update writer worker.
    const fillDisk = () => {
      IDBObjectStore.prototype.add = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    };
    // NOTE: the writer worker starts with the app, but on a busy machine Playwright can list it
    // after the first sync was saved.
    await expect.poll(() => organizer.page.workers().length).toBeGreaterThan(0);
    const workers = organizer.page.workers();
    await Promise.all([organizer.page.evaluate(fillDisk), ...workers.map((worker) => worker.evaluate(fillDisk))]);
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
  // Changes are added to IndexedDB by a worker; where none starts, the page adds them itself.
  const brokenWorkers = {
    'has no Worker API': () => Object.defineProperty(window, 'Worker', { value: undefined }),
    'cannot run the writer worker': () => {
      const Native = Worker;
      const failing = URL.createObjectURL(new Blob(['throw new Error("no writer here")'], { type: 'text/javascript' }));
      Object.defineProperty(window, 'Worker', {
        value: class extends Native {
          constructor(_url: string | URL, options?: WorkerOptions) {
            super(failing, options);
          }
        },
      });
    },
  };
  for (const [what, breakWorkers] of Object.entries(brokenWorkers)) {
    test(`a browser that ${what} still keeps every change across a reload`, async ({ server, newDevice }) => {
      const { event, organizerInvite } = await createEvent(server, 'empty', 'No Writer');
      const context = await newDevice();
      await context.addInitScript(breakWorkers);
      const organizer = new OrganizerPage(await context.newPage());
      await organizer.join(organizerInvite.link);
      await organizer.expectAllSaved();
      await waitForServiceWorker(organizer.page);
      expect(organizer.page.workers()).toHaveLength(0);
      await context.setOffline(true);
      await organizer.renameEvent('Stored By The Page');
      await organizer.expectPending(1);
      await organizer.page.reload();
      await expect(organizer.page.getByRole('heading', { level: 1 })).toHaveText('Stored By The Page');
      await organizer.expectPending(1);
      await context.setOffline(false);
      await organizer.expectAllSaved();
      const program = await serverProgram(server, event.id, await joinToken(server, organizerInvite));
      expect(program.settings.name).toBe('Stored By The Page');
    });
  }
});
