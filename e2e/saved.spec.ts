import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, serverProgram } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';

test.describe('"saved" means committed on the server', () => {
  test('changes made offline survive reloads, reach the server, and are saved only once committed', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(
      server,
      'empty',
      'Saved Means Committed',
    );
    const context = await newDevice();
    const page = await context.newPage();
    const organizer = new OrganizerPage(page);
    await organizer.join(organizerInvite.link);
    await organizer.expectAllSaved();
    // An offline reload has nothing to load until the service worker controls the page.
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await organizer.renameEvent('Renamed Offline');
    await organizer.addPerson('Offline, Olivia', 'Judge');
    await organizer.expectPending(2);

    for (let reload = 0; reload < 2; reload++) {
      await page.reload();
      await organizer.expectPending(2);
      await expect(organizer.person('Olivia Offline')).toBeVisible();
    }

    // The indicator must still say "not yet on the server" until the server confirms.
    await context.setOffline(false);
    await organizer.expectAllSaved();
    // "All saved" must mean on disk: kill -9 at once, start again, and the changes are there.
    await server.kill();
    await server.restart();
    const program = await serverProgram(server, event.id, organizerToken);
    expect(program.settings.name).toBe('Renamed Offline');
    expect([...program.people.values()].some((person) => person.name === 'Offline, Olivia')).toBe(true);
  });
});
