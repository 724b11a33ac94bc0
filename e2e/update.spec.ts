import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';
import { CLIENT_DIR, TestServer } from './support/server.ts';

test.describe('a new version', () => {
  test('is offered, never forced: no reload mid-entry, and only the tab that accepts reloads', async ({
    newDevice,
  }) => {
    const clientDir = mkdtempSync(join(tmpdir(), 'ondeck-client-'));
    cpSync(CLIENT_DIR, clientDir, { recursive: true });
    const server = await TestServer.start({ clientDir });
    try {
      const { event, organizerInvite } = await createEvent(server, 'empty', 'Update Day');
      const context = await newDevice();
      const editing = new OrganizerPage(await context.newPage());
      await editing.join(organizerInvite.link);
      await waitForServiceWorker(editing.page);
      const other = await context.newPage();
      await other.goto(`${server.url}/e/${event.id}/heats`);
      await waitForServiceWorker(other);
      for (const page of [editing.page, other]) await page.evaluate(() => Object.assign(window, { stillHere: true }));

      // Someone is typing when the new version arrives.
      await editing.page.getByLabel('Event name').fill('Update Day (half typed');
      const sw = join(clientDir, 'sw.js');
      appendFileSync(sw, '\n// a new release\n');
      // As a build does, the compressed copies the server prefers are made anew.
      writeFileSync(`${sw}.br`, brotliCompressSync(readFileSync(sw)));
      writeFileSync(`${sw}.gz`, gzipSync(readFileSync(sw)));
      await editing.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const prompt = (page: typeof other) => page.getByRole('complementary', { name: 'New version' });
      await expect(prompt(other)).toContainText('A new version of ondeck is ready');
      await expect(prompt(editing.page)).toBeHidden();
      await expect(editing.page.getByLabel('Event name')).toHaveValue('Update Day (half typed');

      // Done typing: the offer shows; taking it reloads this tab only.
      await editing.page.getByLabel('Event name').blur();
      const reloaded = editing.page.waitForEvent('load');
      await prompt(editing.page).getByRole('button', { name: 'Update now' }).click();
      await reloaded;
      expect(await editing.page.evaluate(() => 'stillHere' in window)).toBe(false);
      await expect(prompt(other)).toContainText('updated in another tab');
      expect(await other.evaluate(() => 'stillHere' in window)).toBe(true);
    } finally {
      await server.dispose();
      rmSync(clientDir, { recursive: true, force: true });
    }
  });
});
