import { AppPage } from './pages/AppPage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent, createInvite, joinToken } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';

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

    await page.goto(`${server.url}/`);
    await expect(page.getByRole('link', { name: /First Showcase/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Second Showcase/ })).toBeVisible();

    await page.getByRole('link', { name: /First Showcase/ }).click();
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
});
