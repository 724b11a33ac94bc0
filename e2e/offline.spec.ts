import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent } from './support/api.ts';
import { expect, expectAccessible, test, waitForServiceWorker } from './support/fixtures.ts';

test.describe('the app with no network', () => {
  test('is installable: a web manifest with icons, served with the app', async ({ server, request }) => {
    const manifest = await (await request.get(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
    const sizes = (manifest.icons as Array<{ sizes: string; src: string }>).map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons as Array<{ src: string }>) {
      const response = await request.get(`${server.url}${icon.src}`);
      expect(response.headers()['content-type']).toBe('image/png');
    }
  });

  test('opens, reloads and follows deep links from the service worker, with the event’s data', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerInvite } = await createEvent(server, 'demo', 'Offline Open');
    const context = await newDevice();
    const page = await context.newPage();
    const app = new OrganizerPage(page);
    await app.join(organizerInvite.link);
    await waitForServiceWorker(page);
    await app.addPerson('Judge, Judy', 'Judge');
    await app.openTab('Event');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline Open');
    await app.expectAllSaved();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline Open');
    await expect(app.indicator).toContainText('Offline');

    // Deep links typed or bookmarked while offline: every route comes from the service worker.
    await page.goto(`${server.url}/e/${event.id}/organizer/people`);
    await expect(app.person('Judy Judge')).toBeVisible();

    await page.goto(`${server.url}/e/${event.id}/heats`);
    await expect(page.getByRole('heading', { name: 'Heats' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Heats' }).getByRole('listitem').first()).toContainText('couple');
    await expect(app.indicator).toContainText('Offline');
    await expectAccessible(page);

    await page.goto(`${server.url}/`);
    await expect(page.getByRole('link', { name: /Offline Open/ })).toBeVisible();
    await expectAccessible(page);
  });
});
