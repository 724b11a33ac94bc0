import { AppPage } from './pages/AppPage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent, createEventWithToken, createInvite, joinToken, serverProgram } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';

test.describe('converging', () => {
  test('two tabs of one event share one state', async ({ server, newDevice }) => {
    const { event, organizerInvite } = await createEvent(server, 'empty', 'Two Tabs');
    const context = await newDevice();
    const first = new OrganizerPage(await context.newPage());
    await first.join(organizerInvite.link);
    await first.expectAllSaved();
    const second = new OrganizerPage(await context.newPage());
    await second.page.goto(first.page.url());

    await first.renameEvent('Renamed In Tab One');
    await expect(second.page.getByRole('heading', { level: 1 })).toHaveText('Renamed In Tab One');
    await second.addPerson('Tabs, Tina', 'Emcee');
    await first.openTab('People');
    await expect(first.person('Tina Tabs')).toBeVisible();
    await first.expectAllSaved();
    await second.expectAllSaved();

    // One copy on the device: both tabs report the same storage for the event.
    await first.openTab('This device');
    await second.openTab('This device');
    // Read once it is measured: until then the tab shows "…" (a fresh clone read it so).
    await expect(first.page.getByTestId('event-usage')).toHaveText(/ in 1 document$/);
    const usage = await first.page.getByTestId('event-usage').textContent();
    await expect(second.page.getByTestId('event-usage')).toHaveText(usage ?? '');

    // The tab holding the sockets closes: the other takes over and its changes still get saved.
    await first.page.close();
    await second.addPerson('Handover, Hal', 'DJ');
    await second.expectAllSaved();
    const token = await joinToken(server, organizerInvite);
    const names = [...(await serverProgram(server, event.id, token)).people.values()].map((person) => person.name);
    expect(names).toEqual(expect.arrayContaining(['Tabs, Tina', 'Handover, Hal']));
  });

  test('two devices of one judge converge', async ({ server, newDevice }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(
      server,
      'empty',
      'One Judge Two Tablets',
    );
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.addPerson('Bench, Bernadette', 'Judge');
    await organizer.expectAllSaved();
    const program = await serverProgram(server, event.id, organizerToken);
    const judge = [...program.people.values()].find((person) => person.type === 'Judge');
    if (!judge) throw new Error('the judge did not reach the server');
    const invite = await createInvite(server, event.id, organizerToken, 'judge', judge.id);

    const tabletA = new AppPage(await (await newDevice()).newPage());
    const tabletB = new AppPage(await (await newDevice()).newPage());
    await tabletA.join(invite.link);
    await tabletB.join(invite.link);
    await tabletA.expectAllSaved();
    await tabletB.expectAllSaved();

    await tabletA.page.getByLabel('On the floor').uncheck();
    await expect(tabletB.page.getByLabel('On the floor')).not.toBeChecked();
    await tabletB.page.getByLabel('Level').check();
    await expect(tabletA.page.getByLabel('Level')).toBeChecked();
    await tabletA.expectAllSaved();
    await tabletB.expectAllSaved();
    await expectAccessible(tabletA.page);
  });
});
