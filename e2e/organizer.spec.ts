import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';

test.describe('the organiser', () => {
  test('invites people per role with link and QR code, sees joins, and revokes', async ({ server, newDevice }) => {
    const { organizerInvite } = await createEvent(server, 'empty', 'Invites');
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.addPerson('Marks, Martha', 'Judge');
    await organizer.openTab('Invites');
    const page = organizer.page;

    await page.getByRole('button', { name: 'New DJ invite' }).click();
    const dj = page.getByRole('region', { name: 'DJ' }).getByTestId('invite');
    await expect(dj).toContainText('Nobody joined yet');
    await dj.getByRole('button', { name: 'Show QR code' }).click();
    await expect(dj.getByRole('img', { name: /QR code/ })).toBeVisible();
    const link = await dj.getByLabel(/Link for/).inputValue();
    expect(link).toMatch(/\/join\/[A-Za-z0-9_-]+$/);

    // Someone opens the link on another device: the organiser sees the join.
    const djPage = await (await newDevice()).newPage();
    await djPage.goto(link);
    await expect(djPage.getByRole('heading', { name: 'Floor' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region', { name: 'DJ' }).getByTestId('invite')).toContainText('1 device joined');

    const judgeGroup = page.getByRole('region').filter({ has: page.getByRole('button', { name: /New invite for/ }) });
    await judgeGroup
      .first()
      .getByRole('button', { name: /New invite for/ })
      .click();
    await expect(judgeGroup.first().getByTestId('invite')).toBeVisible();

    const djInvite = page.getByRole('region', { name: 'DJ' }).getByTestId('invite');
    await djInvite.getByRole('button', { name: 'Revoke' }).click();
    await djInvite.getByRole('button', { name: /Revoke: devices using it stop syncing/ }).click();
    await expect(djInvite).toContainText('Revoked');
    await expect(djPage.getByTestId('sync-indicator')).toContainText('This invite was revoked');

    await expectAccessible(page);
    await organizer.openTab('People');
    await expectAccessible(page);
    await organizer.openTab('Event');
    await expectAccessible(page);
  });
});
