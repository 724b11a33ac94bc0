import { MAIN_FLOOR, readCurrentHeats, startHeat } from '@ondeck/shared';
import { EmceePage } from './pages/EmceePage.ts';
import { HeatsPage } from './pages/HeatsPage.ts';
import {
  createEventWithToken,
  createInvite,
  joinToken,
  listInvites,
  serverDoc,
  serverProgram,
  writeOverWire,
} from './support/api.ts';
import { PHONE } from './support/devices.ts';
import { expect, expectAccessible, test, waitForServiceWorker } from './support/fixtures.ts';
import type { TestServer } from './support/server.ts';

async function currentOnServer(server: TestServer, eventId: string, token: string): Promise<number | undefined> {
  return readCurrentHeats(await serverDoc(server, eventId, token, 'live')).get(MAIN_FLOOR)?.number;
}

test.describe('the current heat, live', () => {
  test('the emcee starts heats and the staff, public and judge phones follow; they cannot start one', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Live Showcase');
    const program = await serverProgram(server, event.id, organizerToken);
    const judge = [...program.people.values()].find((person) => person.type === 'Judge');
    if (!judge) throw new Error('the demo event has no judge');
    const [emceeInvite, staffInvite, judgeInvite] = await Promise.all([
      createInvite(server, event.id, organizerToken, 'emcee'),
      createInvite(server, event.id, organizerToken, 'staff'),
      createInvite(server, event.id, organizerToken, 'judge', judge.id),
    ]);

    // The organiser publishes the heat list: the public link is what dancers and parents open.
    const organizer = new HeatsPage(await (await newDevice(PHONE)).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Publish');
    await organizer.page.getByRole('button', { name: 'Publish the heat list' }).click();
    const publicLink = await organizer.page.getByLabel('Link to the public heat list').inputValue();
    await expect(organizer.page.getByRole('img', { name: 'QR code of the public heat list' })).toBeVisible();

    const phones = {
      staff: new HeatsPage(await (await newDevice(PHONE)).newPage()),
      public: new HeatsPage(await (await newDevice(PHONE)).newPage()),
      judge: new HeatsPage(await (await newDevice(PHONE)).newPage()),
    };
    await phones.staff.join(staffInvite.link);
    await phones.public.join(publicLink);
    await phones.judge.join(judgeInvite.link);
    await phones.judge.page.goto(`${server.url}/e/${event.id}/heats`);
    for (const device of Object.values(phones)) {
      await expect(device.banner).toContainText('No heat on the floor yet');
      await expect(device.freshness).toHaveText('Live');
      await expect(device.page.getByRole('button', { name: /^Start heat/ })).toHaveCount(0);
    }

    const emcee = new EmceePage(await (await newDevice()).newPage());
    await emcee.join(emceeInvite.link);
    await emcee.open();
    await emcee.expectHeat('1');
    await expect(emcee.page.getByTestId('emcee-count')).toContainText('couples on the floor');
    await expect(emcee.page.getByTestId('emcee-song')).toContainText('Song');
    await emcee.startWithKey('Space');
    await emcee.expectOnFloor('1');
    for (const device of Object.values(phones)) await device.expectCurrent('1');

    await emcee.nextHeat();
    await emcee.expectHeat('2');
    await emcee.startWithKey('Enter');
    await emcee.expectOnFloor('2');
    for (const device of Object.values(phones)) {
      await device.expectCurrent('2');
      await expect(device.heat('2')).toHaveAttribute('aria-current', 'step');
      await expect(device.heat('3')).toContainText('On deck');
    }
    await expect(emcee.page.getByRole('button', { name: 'Start heat 2' })).toHaveCount(0);
    await emcee.nextHeat();
    await emcee.page.getByRole('button', { name: 'Start heat 3' }).click();
    for (const device of Object.values(phones)) await device.expectCurrent('3');

    await expectAccessible(phones.staff.page, 'all');
    await expectAccessible(emcee.page, 'all');
    await expectAccessible(organizer.page, 'all');

    // The projector's counter, in the emcee's browser: layouts by arrow key, remembered, or asked for.
    const counter = await emcee.page.context().newPage();
    await counter.setViewportSize({ width: 1920, height: 1080 });
    await counter.goto(`${server.url}/e/${event.id}/counter`);
    await expect(counter.getByTestId('counter-number')).toHaveText('3');
    await expect(counter.getByTestId('counter')).toHaveAttribute('data-layout', 'stacked');
    await expect(counter.getByRole('list', { name: 'Couples on the floor' }).getByRole('listitem')).toHaveCount(
      [...program.heats.values()].filter((heat) => heat.number === 3).length,
    );
    await expectAccessible(counter, 'all');
    await counter.keyboard.press('ArrowRight');
    await expect(counter.getByTestId('counter')).toHaveAttribute('data-layout', 'split');
    await counter.reload();
    await expect(counter.getByTestId('counter')).toHaveAttribute('data-layout', 'split');
    await counter.goto(`${server.url}/e/${event.id}/counter?layout=number`);
    await expect(counter.getByTestId('counter')).toHaveAttribute('data-layout', 'number');
    await expect(counter.getByTestId('counter-number')).toHaveText('3');

    // Staff and public: no control on screen, the keys do nothing, the emcee page is not theirs.
    for (const device of [phones.staff, phones.public]) {
      await device.page.keyboard.press('Space');
      await device.page.keyboard.press('Enter');
      await device.page.goto(`${server.url}/e/${event.id}/emcee/5`);
      await expect(device.page.getByText('Not part of your role')).toBeVisible();
      await expect(device.page.getByRole('button', { name: /^Start heat/ })).toHaveCount(0);
    }

    // A forced write with their tokens is refused by the server and reaches nobody.
    const publicInvite = (await listInvites(server, event.id, organizerToken)).find((i) => i.role === 'public');
    if (!publicInvite) throw new Error('publishing made no public invite');
    for (const invite of [staffInvite, publicInvite]) {
      const token = await joinToken(server, invite);
      const result = await writeOverWire(server, event.id, token, 'live', (doc) =>
        startHeat(doc, MAIN_FLOOR, { number: 40, startedAt: Date.now() }),
      );
      expect(result).toBe('denied');
      const program = await writeOverWire(server, event.id, token, 'program', (doc) =>
        doc.getMap('settings').set('name', 'Hijacked'),
      );
      expect(program).toBe('denied');
    }
    expect(await currentOnServer(server, event.id, organizerToken)).toBe(3);
    expect((await serverProgram(server, event.id, organizerToken)).settings.name).toBe('Live Showcase');
    await phones.judge.expectCurrent('3');
    await expect(emcee.now).toContainText('Heat 3,');
  });

  test('a phone that goes offline keeps its list, shows the heat as stale and catches up by itself', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'demo', 'Offline Floor');
    const [staffInvite, djInvite] = await Promise.all([
      createInvite(server, event.id, organizerToken, 'staff'),
      createInvite(server, event.id, organizerToken, 'dj'),
    ]);
    const djToken = await joinToken(server, djInvite);
    const start = (number: number) =>
      writeOverWire(server, event.id, djToken, 'live', (doc) =>
        startHeat(doc, MAIN_FLOOR, { number, startedAt: Date.now() }),
      );

    const context = await newDevice();
    const staff = new HeatsPage(await context.newPage());
    await staff.page.setViewportSize(PHONE.viewport);
    await staff.join(staffInvite.link);
    await waitForServiceWorker(staff.page);
    expect(await start(4)).toBe('saved');
    await staff.expectCurrent('4');
    await expect(staff.freshness).toHaveText('Live');

    await context.setOffline(true);
    await expect(staff.freshness).toHaveText(/^Last heard \d{1,2}:\d{2}.* \(offline\)$/);
    await staff.page.reload();
    await expect(staff.list.locator('> li')).toHaveCount(44);
    await staff.expectCurrent('4');
    await expect(staff.freshness).toHaveText(/^Last heard \d{1,2}:\d{2}.* \(offline\)$/);

    expect(await start(5)).toBe('saved');
    await expect(staff.banner).not.toContainText('Heat 5');
    await context.setOffline(false);
    await staff.expectCurrent('5');
    await expect(staff.freshness).toHaveText('Live');
  });
});
