import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent, joinToken, serverProgram } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';

test('what the organiser types in the event details survives a change that syncs in meanwhile', async ({
  server,
  newDevice,
}) => {
  const { event, organizerInvite } = await createEvent(server, 'empty', 'Details Showcase');
  const laptop = new OrganizerPage(await (await newDevice()).newPage());
  const tablet = new OrganizerPage(await (await newDevice()).newPage());
  for (const organizer of [laptop, tablet]) {
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Event');
  }
  // The laptop's organiser is typing a new name when the tablet's new location arrives.
  await laptop.page.getByLabel('Event name').fill('Details Showcase, renamed');
  await tablet.page.getByLabel('Location').fill('Grand Ballroom');
  await tablet.page.getByRole('button', { name: 'Save details' }).click();
  await expect(laptop.page.getByLabel('Location')).toHaveValue('Grand Ballroom');
  await expect(laptop.page.getByLabel('Event name')).toHaveValue('Details Showcase, renamed');

  await laptop.page.getByRole('button', { name: 'Save details' }).click();
  await expect(laptop.page.getByRole('heading', { level: 1 })).toHaveText('Details Showcase, renamed');
  await laptop.expectAllSaved();
  const program = await serverProgram(server, event.id, await joinToken(server, organizerInvite));
  expect(program.settings.name).toBe('Details Showcase, renamed');
  expect(program.settings.location).toBe('Grand Ballroom');
});
