import { AppPage } from './pages/AppPage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, createInvite, revokeInvite, serverProgram } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('reconnecting', () => {
  test('after a server restart the client reconnects by itself and loses nothing', async ({ server, newDevice }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'empty', 'Restart');
    const page = await (await newDevice()).newPage();
    const organizer = new OrganizerPage(page);
    await organizer.join(organizerInvite.link);
    await organizer.addPerson('Before, Bea', 'Judge');
    await organizer.expectAllSaved();

    await server.stop();
    await expect(organizer.indicator).not.toContainText('Online');
    await organizer.addPerson('During, Dan', 'DJ');
    await organizer.expectPending(1);

    await server.restart();
    await organizer.expectAllSaved(30_000);
    const names = [...(await serverProgram(server, event.id, organizerToken)).people.values()].map(
      (person) => person.name,
    );
    expect(names).toEqual(expect.arrayContaining(['Before, Bea', 'During, Dan']));
  });

  test('a revoked invite says what to do and stops reconnecting', async ({ server, newDevice }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'empty', 'Revoked');
    const staffInvite = await createInvite(server, event.id, organizerToken, 'staff');
    const page = await (await newDevice()).newPage();
    const staff = new AppPage(page);
    await staff.join(staffInvite.link);
    await staff.expectAllSaved();

    let sockets = 0;
    page.on('websocket', () => {
      sockets++;
    });
    await revokeInvite(server, event.id, organizerToken, staffInvite.id);
    await expect(staff.indicator).toContainText('This invite was revoked — ask the organiser for a new link.');
    const afterRevoke = sockets;
    await page.waitForTimeout(4_000);
    expect(sockets).toBe(afterRevoke);
    // The event stays readable on the device.
    await expect(page.getByRole('heading', { name: 'Heats' })).toBeVisible();
  });
});
