import {
  applyMarkPatch,
  clearMark,
  heatNumbers,
  putMark,
  putRecord,
  type Role,
  readCorrections,
  readMarks,
  readProgram,
  scratchHeat,
  writeProgram,
} from '@ondeck/shared';
import type { BrowserContext } from '@playwright/test';
import type { AppPage } from './pages/AppPage.ts';
import { DayOfPage } from './pages/DayOfPage.ts';
import { EmceePage } from './pages/EmceePage.ts';
import { HeatsPage } from './pages/HeatsPage.ts';
import { JudgePage } from './pages/JudgePage.ts';
import {
  createEventWithToken,
  createInvite,
  joinToken,
  serverDoc,
  serverProgram,
  writeOverWire,
} from './support/api.ts';
import { dayOfData, dayOfDatabase } from './support/dayOf.ts';
import { PHONE } from './support/devices.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';
import { importDatabase } from './support/imports.ts';
import type { TestServer } from './support/server.ts';

/** A new event holding `dayOfData`, written once by its organiser over the wire. */
async function dayOfEvent(server: TestServer, name: string, settings: Record<string, unknown> = {}) {
  const created = await createEventWithToken(server, 'empty', name);
  const data = dayOfData();
  const saved = await writeOverWire(server, created.event.id, created.organizerToken, 'program', (doc) =>
    writeProgram(doc, { ...data, settings: { ...data.settings, ...settings, name } }),
  );
  if (saved !== 'saved') throw new Error('the organiser could not write the program');
  const invite = (role: Role, personId?: string) =>
    createInvite(server, created.event.id, created.organizerToken, role, personId);
  return { ...created, invite };
}

async function open<T extends AppPage>(
  make: (page: import('@playwright/test').Page) => T,
  context: Promise<BrowserContext>,
  link: string,
): Promise<T> {
  const screen = make(await (await context).newPage());
  await screen.join(link);
  await screen.expectAllSaved();
  return screen;
}

/** Milliseconds from now until `check` passes, for the figures the report prints. */
async function timed(check: () => Promise<void>): Promise<number> {
  const start = Date.now();
  await check();
  return Date.now() - start;
}

test.describe('the day’s changes', () => {
  test('a person scratched while a judge is on their heat and the emcee shows it; undo and restore bring them back', async ({
    server,
    newDevice,
  }, testInfo) => {
    test.setTimeout(120_000);
    const { event, organizerInvite, organizerToken, invite } = await dayOfEvent(server, 'Scratch Day');
    const organizer = await open((p) => new DayOfPage(p), newDevice(), organizerInvite.link);
    const judge = await open((p) => new JudgePage(p), newDevice(), (await invite('judge', 'person-Judy')).link);
    const emcee = await open((p) => new EmceePage(p), newDevice(), (await invite('emcee')).link);
    const staff = await open((p) => new HeatsPage(p), newDevice(PHONE), (await invite('staff')).link);

    // Judy marks couple 302 in heat 8 first: that heat has been judged and stays as it is.
    await judge.openHeat('8');
    await judge.page
      .getByRole('radio', { name: /, couple 302$/ })
      .first()
      .check();
    await judge.expectAllSaved();
    const before = readMarks(await serverDoc(server, event.id, organizerToken, 'scores/person-Judy'));
    expect(before.get('h/w2/0')?.value).toBeTruthy();

    await judge.openHeat('9');
    await emcee.page.goto(`${server.url}/e/${event.id}/emcee/9`);
    await emcee.expectHeat('9');
    const count = emcee.page.getByTestId('emcee-count');
    await expect(count).toHaveText('6 couples on the floor');
    await expect.poll(() => judge.backs()).toContain(302);

    await organizer.openScreen('People');
    await organizer.page.getByRole('button', { name: 'Remove Dancer2 Student', exact: true }).click();
    await expect(organizer.page.getByRole('alertdialog')).toContainText('1 heat not yet marked');
    await organizer.page.screenshot({ path: testInfo.outputPath('people-confirm.png'), fullPage: true });
    await organizer.page.getByRole('button', { name: 'Scratch Dancer2 Student', exact: true }).click();
    const scratchedIn = await timed(async () => {
      await expect(count).toHaveText('5 couples on the floor');
      await expect.poll(() => judge.backs()).not.toContain(302);
    });
    await expect(judge.page.locator('[data-testid="couple"].scratched')).toContainText('Dancer2 Student');
    await staff.page.goto(`${server.url}/e/${event.id}/heats`);
    await expect(staff.heat('9').locator('.hl-scratched')).toContainText('Dancer2 Student');
    await expect(emcee.page.locator('.em-scratched')).toContainText('Dancer2 Student');
    await expect(
      organizer.page.getByRole('status').filter({ hasText: 'Dancer2 Student scratched from 1 heat.' }),
    ).toBeVisible();
    await organizer.page.screenshot({ path: testInfo.outputPath('people-scratched.png'), fullPage: true });
    await judge.page.screenshot({ path: testInfo.outputPath('judge-scratched.png'), fullPage: true });
    await emcee.page.screenshot({ path: testInfo.outputPath('emcee-scratched.png'), fullPage: true });
    await expectAccessible(organizer.page);

    await organizer.undo();
    const undoneIn = await timed(async () => {
      await expect(count).toHaveText('6 couples on the floor');
      await expect.poll(() => judge.backs()).toContain(302);
    });

    await organizer.scratchPerson('Dancer2 Student');
    await expect(count).toHaveText('5 couples on the floor');
    await expect(organizer.person('Dancer2 Student')).toContainText('scratched');
    await organizer.restorePerson('Dancer2 Student');
    await expect(count).toHaveText('6 couples on the floor');
    await expect.poll(() => judge.backs()).toContain(302);
    await organizer.expectAllSaved();

    const program = await serverProgram(server, event.id, organizerToken);
    expect(program.heats.get('t2')?.number).toBe(9);
    expect(program.heats.get('w2')?.number).toBe(8);
    const after = readMarks(await serverDoc(server, event.id, organizerToken, 'scores/person-Judy'));
    expect(after.get('h/w2/0')).toEqual(before.get('h/w2/0'));
    testInfo.annotations.push({
      type: 'figure',
      description: `scratch seen by emcee and judge after ${scratchedIn} ms; undo after ${undoneIn} ms`,
    });
    console.log(`scratch seen by emcee and judge after ${scratchedIn} ms; undo after ${undoneIn} ms`);
  });
});
