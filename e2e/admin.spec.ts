import { AdminPage } from './pages/AdminPage.ts';
import { EventSetupPage } from './pages/EventSetupPage.ts';
import { HeatsPage } from './pages/HeatsPage.ts';
import { createEvent } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';
import { ADMIN_TOKEN } from './support/server.ts';

test.describe('events from the screen', () => {
  test('the admin creates an event, opens it, hands out the organiser invite, and the organiser joins', async ({
    server,
    newDevice,
  }, testInfo) => {
    const admin = new AdminPage(await (await newDevice()).newPage());
    await admin.open(server.url);
    await admin.signIn('not-the-admin-token-000');
    await expect(admin.page.getByRole('alert')).toContainText('not the admin token');
    await admin.signIn(ADMIN_TOKEN);
    await expect(admin.page.getByRole('form', { name: 'New event' })).toBeVisible();

    // An id the server cannot take is refused on the screen before anything is sent…
    await admin.create('Autumn Showcase', { id: 'Autumn Showcase!' });
    await expect(admin.page.getByRole('alert')).toContainText('lowercase letters, digits and hyphens');
    // …and the server's own refusal (the id is taken) is shown with its words.
    const taken = await createEvent(server, 'empty', 'Taken');
    await admin.create('Autumn Showcase', { id: taken.event.id });
    await expect(admin.page.getByRole('alert')).toContainText('That id is taken');
    await expect(admin.page.getByRole('alert')).toContainText(`"${taken.event.id}" already exists`);

    // The id follows the name (again, once the typed one is cleared).
    await admin.page.getByLabel('Event id').fill('');
    const id = `autumn-${Date.now().toString(36)}`;
    await admin.page.getByLabel('Event name').fill(`Autumn ${id.slice(7)}`);
    await expect(admin.page.getByLabel('Event id')).toHaveValue(id);
    await admin.create(`Autumn ${id.slice(7)}`);
    await expect(admin.page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible();
    const row = admin.event(id);
    const organizerLink = await admin.inviteLink(row);
    await expect(row.getByRole('img', { name: /QR code of the organiser invite/ })).toBeVisible();
    await expectAccessible(admin.page);
    await admin.page.screenshot({ path: testInfo.outputPath('admin-created.png'), fullPage: true });

    // The new event is live at once: the admin opens it here and changes it, no restart.
    await row.getByRole('button', { name: /^Open .* here$/ }).click();
    await expect(admin.page).toHaveURL(new RegExp(`/e/${id}/organizer$`));
    const adminAsOrganizer = new EventSetupPage(admin.page);
    await adminAsOrganizer.openSetup('Studios');
    await admin.page.getByLabel('New studio').fill('First Light Dance');
    await admin.page.getByRole('button', { name: 'Add studio' }).click();
    await adminAsOrganizer.expectAllSaved();

    // The organiser opens the invite on their own laptop and finds the event as the admin left it.
    const organizer = new EventSetupPage(await (await newDevice()).newPage());
    await organizer.join(organizerLink);
    await expect(organizer.page).toHaveURL(new RegExp(`/e/${id}/organizer$`));
    await organizer.openSetup('Studios');
    await expect(organizer.page.getByTestId('studio').getByLabel('Studio name')).toHaveValue('First Light Dance');

    // Back on the admin screen the event is listed, and another invite can be handed out.
    await admin.open(server.url);
    const listed = admin.event(taken.event.id);
    await expect(listed).toContainText('Taken');
    await listed.getByRole('button', { name: 'Organiser invite' }).click();
    const second = await admin.inviteLink(listed);
    expect(second).not.toBe(taken.organizerInvite.link);
    await expect(admin.event(id).getByRole('button', { name: /^Go to / })).toBeVisible();
    await admin.page.screenshot({ path: testInfo.outputPath('admin-list.png'), fullPage: true });
  });

  test('the organiser edits settings offline; another device has them after the reconnect', async ({
    server,
    newDevice,
  }, testInfo) => {
    // An empty event has the default settings, each of which the organiser changes below.
    const { organizerInvite } = await createEvent(server, 'empty', 'Settings Offline');
    const laptopContext = await newDevice();
    const laptop = new EventSetupPage(await laptopContext.newPage());
    await laptop.join(organizerInvite.link);
    const other = new EventSetupPage(await (await newDevice()).newPage());
    await other.join(organizerInvite.link);
    await laptop.expectAllSaved();
    await expect(other.page.getByLabel('Open heats', { exact: true })).toHaveValue('1');

    await laptopContext.setOffline(true);
    const page = laptop.page;
    await page.getByLabel('Open heats', { exact: true }).selectOption('G');
    await page.getByLabel('Closed heats', { exact: true }).selectOption('=');
    await page.getByLabel('Multi-dance heats', { exact: true }).selectOption('#');
    await page.getByLabel('Solos', { exact: true }).selectOption('4');
    await laptop.type(page.getByLabel('Finalist mark', { exact: true }), 'Final');
    await page.getByLabel('Judges write comments', { exact: true }).check();
    await page.getByLabel('Assign couples to judges', { exact: true }).check();
    await page.getByLabel('Ballrooms', { exact: true }).selectOption('2');
    await page.getByLabel('Combine open and closed heats on the floor', { exact: true }).check();
    await page.getByLabel('Back numbers', { exact: true }).uncheck();
    await page.getByLabel('Couple columns', { exact: true }).selectOption('2');
    await page.getByLabel('Pro-am labels', { exact: true }).selectOption('L');
    await page.getByLabel('Show times', { exact: true }).check();
    // A bad length is refused in place and not stored.
    await laptop.type(page.getByLabel('Heat length (seconds)', { exact: true }), 'ninety');
    await expect(page.getByText('A whole number of seconds from 10 to 3600.')).toBeVisible();
    await laptop.type(page.getByLabel('Heat length (seconds)', { exact: true }), '120');
    await laptop.type(page.getByLabel('Solo length (seconds)', { exact: true }), '200');
    await expect(page.getByText('A whole number of seconds from 10 to 3600.')).toHaveCount(0);
    await laptop.expectPending(15);
    await page.screenshot({ path: testInfo.outputPath('settings-offline.png'), fullPage: true });

    // Nothing of it has reached the other device while the laptop is offline.
    await expect(other.page.getByLabel('Open heats', { exact: true })).toHaveValue('1');

    await laptopContext.setOffline(false);
    await laptop.expectAllSaved(30_000);
    const o = other.page;
    await expect(o.getByLabel('Open heats', { exact: true })).toHaveValue('G');
    await expect(o.getByLabel('Closed heats', { exact: true })).toHaveValue('=');
    await expect(o.getByLabel('Multi-dance heats', { exact: true })).toHaveValue('#');
    await expect(o.getByLabel('Solos', { exact: true })).toHaveValue('4');
    await expect(o.getByLabel('Finalist mark', { exact: true })).toHaveValue('Final');
    await expect(o.getByLabel('Judges write comments', { exact: true })).toBeChecked();
    await expect(o.getByLabel('Assign couples to judges', { exact: true })).toBeChecked();
    await expect(o.getByLabel('Ballrooms', { exact: true })).toHaveValue('2');
    await expect(o.getByLabel('Combine open and closed heats on the floor', { exact: true })).toBeChecked();
    await expect(o.getByLabel('Back numbers', { exact: true })).not.toBeChecked();
    await expect(o.getByLabel('Couple columns', { exact: true })).toHaveValue('2');
    await expect(o.getByLabel('Pro-am labels', { exact: true })).toHaveValue('L');
    await expect(o.getByLabel('Show times', { exact: true })).toBeChecked();
    await expect(o.getByLabel('Heat length (seconds)', { exact: true })).toHaveValue('120');
    await expect(o.getByLabel('Solo length (seconds)', { exact: true })).toHaveValue('200');
    await expectAccessible(o);
  });

  test('agenda, dance and studio edits show on the heat list', async ({ server, newDevice }, testInfo) => {
    const { organizerInvite } = await createEvent(server, 'demo', 'Setup Edits');
    const organizer = new EventSetupPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    const page = organizer.page;
    const staff = new HeatsPage(await (await newDevice()).newPage());
    await staff.join(organizerInvite.link);
    await staff.page.goto(staff.page.url().replace(/\/organizer$/, '/heats'));
    const firstHeat = staff.heat('1');
    await expect(firstHeat).toContainText('Closed American Smooth');
    await expect(firstHeat).toContainText('Waltz');

    // Agenda: rename an item, give it a new day and time.
    await organizer.openSetup('Agenda');
    const smooth = await organizer.openItem('agenda-item', 'Closed American Smooth');
    await organizer.type(smooth.getByLabel('Name'), 'Smooth Newcomers');
    await organizer.type(smooth.getByLabel('Day'), 'Friday');
    await organizer.type(smooth.getByLabel('Time'), '7:00 PM');
    // A name another item has is refused.
    await organizer.type(smooth.getByLabel('Name'), 'Nightclub');
    await expect(smooth).toContainText('There is an agenda item called “Nightclub” already.');
    await organizer.type(smooth.getByLabel('Name'), 'Smooth Newcomers');
    await expect(firstHeat).toContainText('Smooth Newcomers');
    await expect(firstHeat).toContainText('Friday · 7:00 PM');

    // A part of a split item takes its own time.
    const rhythm = await organizer.openItem('agenda-item', 'Open American Rhythm');
    await organizer.type(rhythm.getByTestId('agenda-part').getByLabel('Time'), '11:00 AM');
    const partTwo = staff.list.locator('> li').filter({ hasText: 'Open American Rhythm – part 2' });
    await expect(partTwo).toContainText('Sunday · 11:00 AM');

    // A new agenda item, and a dance moved under it.
    await page.getByLabel('New agenda item').fill('Waltz Showcase');
    await page.getByRole('button', { name: 'Add agenda item' }).click();
    await expect(page.getByTestId('agenda-item').last()).toContainText('Waltz Showcase');
    await page.screenshot({ path: testInfo.outputPath('agenda.png'), fullPage: true });

    await organizer.openSetup('Dances');
    const waltz = await organizer.openItem('dance', 'Waltz');
    await waltz.getByLabel('Agenda item for closed heats').selectOption({ label: 'Waltz Showcase' });
    await organizer.type(waltz.getByLabel('Dance name'), 'Slow Waltz');
    await expect(firstHeat).toContainText('Waltz Showcase');
    await expect(firstHeat).toContainText('Slow Waltz');
    await expect(waltz.getByRole('button', { name: 'Remove Slow Waltz' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('dances.png'), fullPage: true });

    // Studios: a renamed studio is renamed on every couple of it.
    await staff.search('Mill Valley');
    const couples = staff.list.locator('> li').first();
    await expect(couples).toContainText('Mill Valley Ballroom');
    await organizer.openSetup('Studios');
    const mill = page
      .getByTestId('studio')
      .filter({ has: page.getByRole('button', { name: 'Remove Mill Valley Ballroom' }) });
    await organizer.type(mill.getByLabel('Studio name'), 'Mill Valley Dance Center');
    await expect(couples).toContainText('Mill Valley Dance Center');
    await expect(couples).not.toContainText('Mill Valley Ballroom');
    await organizer.expectAllSaved();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('studios.png'), fullPage: true });
    await staff.page.screenshot({ path: testInfo.outputPath('heat-list.png') });
  });
});
