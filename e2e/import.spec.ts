import { railsTime, readMarks, type Score } from '@ondeck/shared';
import { HeatsPage } from './pages/HeatsPage.ts';
import { JudgePage } from './pages/JudgePage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, createInvite, serverDoc } from './support/api.ts';
import { expect, expectAccessible, test } from './support/fixtures.ts';
import { exportDatabase, importDatabase, referenceDatabase, selectRows } from './support/imports.ts';

test.describe('an event from Showcase and back', () => {
  test('the organiser uploads a database, reads the preview, imports it and opens the heat list', async ({
    server,
    newDevice,
  }, testInfo) => {
    const { organizerInvite } = await createEventWithToken(server, 'empty', 'Spring Showcase');
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Import');
    const page = organizer.page;
    await expect(page.getByRole('heading', { name: 'Import and export', level: 1 })).toBeVisible();
    await expect(page.getByText('This event did not come from a Showcase database')).toBeVisible();

    await page.getByLabel('Choose a Showcase database or ZIP').setInputFiles({
      name: 'spring.sqlite3',
      mimeType: 'application/vnd.sqlite3',
      buffer: referenceDatabase(),
    });
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('heading', { name: 'Preview of spring.sqlite3' })).toBeVisible();
    await expect(preview.getByRole('row', { name: /^Heats 8 0 0$/ })).toBeVisible();
    await expect(preview.getByRole('row', { name: /^People 12 0 0$/ })).toBeVisible();
    await expect(preview.getByTestId('import-marks')).toHaveText('Marks: 2 added, 0 updated.');
    await expect(preview.getByRole('row', { name: /^recordings 2 Left out: judges’ voice comments/ })).toBeVisible();
    await expect(preview.getByText('Nothing has changed yet')).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('import-preview.png'), fullPage: true });

    await preview.getByRole('button', { name: 'Import into this event' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Imported spring.sqlite3' });
    await expect(done).toContainText('Heats: 8 added');
    await expect(done).toContainText('2 marks written');
    await expect(page.getByText('Every mark goes into a copy of spring.sqlite3')).toBeVisible();
    await organizer.expectAllSaved();
    await page.screenshot({ path: testInfo.outputPath('import-done.png'), fullPage: true });

    await done.getByRole('link', { name: 'Open the heat list' }).click();
    const heats = new HeatsPage(page);
    await heats.expectHeats([1, 2, 3, 4, 5, 6, 7]);
    await expect(heats.heat('1')).toContainText('Arthur Murray');
    await page.screenshot({ path: testInfo.outputPath('import-heats.png'), fullPage: true });
  });

  test('a bad file is refused on the screen, and the event stays as it was', async ({
    server,
    newDevice,
  }, testInfo) => {
    const { organizerInvite } = await createEventWithToken(server, 'empty', 'Autumn Ball');
    const organizer = new OrganizerPage(await (await newDevice()).newPage());
    await organizer.join(organizerInvite.link);
    await organizer.openTab('Import');
    const page = organizer.page;
    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'entries.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Heat,Dance,Lead,Follow,Studio,Level\n1,Waltz,"Murray, Arthur","Smith, Jane",Boston,\nx,Tango,"Murray, Arthur","Smith, Jane",Boston,Full Bronze\n',
      ),
    });
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('alert')).toContainText('2 problems to fix before importing');
    await expect(preview.getByRole('list', { name: 'Problems' })).toContainText(
      'line 2, Level (F): a level is needed on a line with a dance',
    );
    await expect(preview.getByRole('list', { name: 'Problems' })).toContainText(
      'line 3, Heat (A): "x" is not a heat number',
    );
    await expect(preview.getByRole('button', { name: 'Import into this event' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('import-csv-problems.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Discard' }).click();
    await expect(preview).toHaveCount(0);

    await page.getByLabel('Choose a Showcase database or ZIP').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a database'),
    });
    await expect(page.getByRole('alert').filter({ hasText: 'notes.txt cannot be imported' })).toContainText(
      'This is not a Showcase database',
    );
  });

  test('judges mark on tablets, and the exported database holds exactly their marks in Showcase’s columns', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerToken } = await createEventWithToken(server, 'empty', 'Round Trip');
    await importDatabase(server, event.id, organizerToken, referenceDatabase());

    const judy = new JudgePage(await (await newDevice()).newPage());
    await judy.join((await createInvite(server, event.id, organizerToken, 'judge', 'person-3')).link);
    const sam = new JudgePage(await (await newDevice()).newPage());
    await sam.join((await createInvite(server, event.id, organizerToken, 'judge', 'person-12')).link);

    // Judy changes her Showcase mark on heat 1, and marks heat 7 with a comment.
    await judy.openHeat('1');
    await expect(judy.choice(1, 'Gold')).toBeChecked();
    await judy.choose(1, 'Silver');
    await judy.openHeat('7');
    await judy.choose(1, 'Gold honours');
    await judy.page.getByRole('button', { name: 'Comment on couple 1' }).click();
    await judy.page.getByLabel('Comment for 1').fill('Lovely frame; "lift" the chin.');
    await judy.page.keyboard.press('Tab');
    // Sam marks heat 5.
    await sam.openHeat('5');
    await sam.choose(1, 'Bronze');
    await judy.expectAllSaved();
    await sam.expectAllSaved();

    const exported = await exportDatabase(server, event.id, organizerToken);
    const rows = selectRows(
      exported,
      'SELECT judge_id, heat_id, slot, person_id, value, good, bad, comments, updated_at FROM scores ORDER BY judge_id, heat_id',
    );
    const marksOf = async (judge: string) =>
      readMarks(await serverDoc(server, event.id, organizerToken, `scores/${judge}`));
    const judyMarks = await marksOf('person-3');
    const samMarks = await marksOf('person-12');
    const at = (marks: Map<string, Score>, heatId: string) => railsTime(marks.get(`h/${heatId}/0`)?.updatedAt ?? 0);
    // heat numbers 1, 5 and 7 are the rows 1, 2 and 8 of the heats table.
    expect(rows).toEqual([
      {
        judge_id: 3,
        heat_id: 1,
        slot: null,
        person_id: null,
        value: 'S',
        good: null,
        bad: null,
        comments: null,
        updated_at: at(judyMarks, 'heat-1'),
      },
      {
        judge_id: 3,
        heat_id: 2,
        slot: null,
        person_id: null,
        value: 'G',
        good: null,
        bad: null,
        comments: null,
        updated_at: '2026-11-22 12:00:00.000000',
      },
      {
        judge_id: 3,
        heat_id: 8,
        slot: null,
        person_id: null,
        value: 'GH',
        good: null,
        bad: null,
        comments: 'Lovely frame; "lift" the chin.',
        updated_at: at(judyMarks, 'heat-8'),
      },
      {
        judge_id: 12,
        heat_id: 2,
        slot: null,
        person_id: null,
        value: 'B',
        good: null,
        bad: null,
        comments: null,
        updated_at: at(samMarks, 'heat-2'),
      },
    ]);
  });
});
