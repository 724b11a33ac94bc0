import { putMark, type Score, scoresDocName } from '@ondeck/shared';
import { generateMarks } from '@ondeck/shared/testkit';
import { expect, type Page, test } from '@playwright/test';
import { OrganizerPage } from '../pages/OrganizerPage.ts';
import { createEventWithToken, serverProgram, writeOverWire } from '../support/api.ts';
import { TestServer } from '../support/server.ts';

/**
 * The results screens of the large event with every heat marked by every judge, photographed
 * for a person to look at (written under e2e/test-results/), with the time the organiser's
 * device takes to show each. Not a test of anything: run it with the benchmarks.
 */
test('results screens of the large event', async ({ browser }, testInfo) => {
  const server = await TestServer.start();
  try {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(
      server,
      'large',
      'Grand Ballroom Showcase',
    );
    const write = async (marks: Map<string, Score[]>) => {
      for (const [judgeId, scores] of marks) {
        const saved = await writeOverWire(server, event.id, organizerToken, scoresDocName(judgeId), (doc) =>
          doc.transact(() => {
            for (const score of scores) putMark(doc, score);
          }),
        );
        expect(saved).toBe('saved');
      }
    };
    await write(generateMarks(await serverProgram(server, event.id, organizerToken)));

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'allow' });
    const organizer = new OrganizerPage(await context.newPage());
    const shot = (page: Page, name: string, fullPage = false) =>
      page.screenshot({ path: testInfo.outputPath(`results-${name}.png`), fullPage });
    await organizer.join(organizerInvite.link);
    await organizer.expectAllSaved(60_000);
    const started = Date.now();
    await organizer.openScreen('Results');
    await expect(organizer.page.getByTestId('progress')).toContainText('heats fully marked', { timeout: 60_000 });
    console.log(`Results overview on screen ${Date.now() - started} ms after opening it.`);

    // The organiser's device publishes the semi-final's finalists; then the judges rank the final.
    await expect
      .poll(async () => (await serverProgram(server, event.id, organizerToken)).callbacks.size, { timeout: 60_000 })
      .toBeGreaterThan(0);
    const finals = generateMarks(await serverProgram(server, event.id, organizerToken));
    await write(
      new Map([...finals].map(([judge, scores]) => [judge, scores.filter((s) => s.slot !== undefined && s.slot > 4)])),
    );
    await shot(organizer.page, 'overview');

    const views = [
      'By level',
      'By age',
      'By studio',
      'Instructors',
      'Multi-dance',
      'Pros',
      'Unscored heats',
      'Comments',
    ];
    const nav = organizer.page.getByRole('navigation', { name: 'Results' });
    for (const view of views) {
      await nav.getByRole('link', { name: view }).click();
      await expect(organizer.page.getByRole('heading', { level: 2 })).toBeVisible();
      await shot(organizer.page, view.toLowerCase().replaceAll(' ', '-'));
    }
    await nav.getByRole('link', { name: 'By level' }).click();
    await organizer.page.getByRole('button', { name: 'Details' }).click();
    await shot(organizer.page, 'by-level-details');

    await nav.getByRole('link', { name: 'Multi-dance' }).click();
    await organizer.page.getByRole('link', { name: 'Calculations' }).first().click();
    await expect(organizer.page.getByTestId('callbacks')).toBeVisible();
    await shot(organizer.page, 'calculations', true);
    const calc = organizer.page;
    await calc.getByTestId('callbacks').screenshot({ path: testInfo.outputPath('results-calculations-callbacks.png') });
    await calc
      .locator('[data-testid^="dance-"]')
      .first()
      .screenshot({ path: testInfo.outputPath('results-calculations-dance.png') });
    await calc
      .getByTestId('final-summary')
      .screenshot({ path: testInfo.outputPath('results-calculations-summary.png') });

    await organizer.page.goBack();
    await nav.getByRole('link', { name: 'Score sheets' }).click();
    await organizer.page.getByLabel('Student').selectOption({ index: 1 });
    await shot(organizer.page, 'score-sheet', true);

    await nav.getByRole('link', { name: 'Publish' }).click();
    await organizer.page.getByRole('button', { name: 'Publish results' }).click();
    await expect(organizer.page.getByTestId('results-publish-state')).toContainText('Published at');
    await shot(organizer.page, 'publish');
    await context.close();
  } finally {
    await server.dispose();
  }
});
