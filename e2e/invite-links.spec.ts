import { networkInterfaces } from 'node:os';
import type { Page } from '@playwright/test';
import { renderSVG } from 'uqr';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEvent } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { TestServer } from './support/server.ts';

/** This machine's IPv4 addresses other devices could reach (what the server sees too). */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === 'IPv4' && !i.internal ? [i.address] : []));
}

/** The `<img>` a QrCode renders for `link`, byte for byte. */
function qrSource(link: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(link, { border: 2, ecc: 'M' }))}`;
}

const LOCAL_ONLY = 'These links work on this computer only';

/**
 * The organiser opens the event at `http://localhost:<port>` (the link `npm start` prints for
 * this computer), then reads the Invites and Publish screens: every link and QR code starts
 * with `base`, or, with `base` null, says plainly that it works on this computer only.
 */
async function expectLinks(server: TestServer, page: Page, base: string | null, shot: string): Promise<void> {
  const local = server.url.replace('127.0.0.1', 'localhost');
  const { organizerInvite } = await createEvent(server, 'demo', 'Link Showcase');
  const organizer = new OrganizerPage(page);
  await organizer.join(`${local}${new URL(organizerInvite.link).pathname}`);
  expect(new URL(page.url()).hostname).toBe('localhost');

  await organizer.openScreen('Invites');
  const staff = page.getByRole('region', { name: 'Staff', exact: true });
  await staff.getByRole('button', { name: /^New .* invite$/ }).click();
  const staffLink = staff.getByRole('textbox');
  await expect(staffLink).toHaveValue(/\/join\//);
  const link = await staffLink.inputValue();
  const links = await page
    .getByRole('textbox', { name: /^Link for / })
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(links.length).toBeGreaterThan(1);
  await staff.getByRole('button', { name: 'Show QR code' }).click();
  await expect(staff.getByRole('img')).toHaveAttribute('src', qrSource(link));
  const notice = page.getByRole('alert').filter({ hasText: LOCAL_ONLY });
  await page.screenshot({ path: `${shot}-invites.png`, fullPage: true });
  if (base) {
    for (const each of links) expect(each.startsWith(`${base}/join/`), each).toBe(true);
    await expect(notice).toHaveCount(0);
  } else {
    expect(link).toMatch(/^http:\/\/localhost:\d+\/join\//);
    await expect(notice).toBeVisible();
  }

  await organizer.openTab('Publish');
  await page.getByRole('button', { name: 'Publish the heat list' }).click();
  const publicLink = page.getByRole('textbox', { name: 'Link to the public heat list' });
  await expect(publicLink).toHaveValue(/\/join\//);
  const published = await publicLink.inputValue();
  await expect(page.getByRole('img', { name: 'QR code of the public heat list' })).toHaveAttribute(
    'src',
    qrSource(published),
  );
  await page.screenshot({ path: `${shot}-publish.png`, fullPage: true });
  const publishNotice = page.getByTestId('public-link').getByRole('alert').filter({ hasText: LOCAL_ONLY });
  if (base) {
    expect(published.startsWith(`${base}/join/`), published).toBe(true);
    await expect(publishNotice).toHaveCount(0);
  } else {
    expect(published).toMatch(/^http:\/\/localhost:\d+\/join\//);
    await expect(publishNotice).toBeVisible();
  }
}

test.describe('invite and publish links opened via localhost', () => {
  test('with ONDECK_PUBLIC_URL: every link and QR code is on the public address', async ({ newDevice }, testInfo) => {
    const publicUrl = 'https://floor.example.test';
    const server = await TestServer.start({ env: { ONDECK_PUBLIC_URL: publicUrl } });
    try {
      await expectLinks(server, await (await newDevice()).newPage(), publicUrl, testInfo.outputPath('public-url'));
    } finally {
      await server.dispose();
    }
  });

  test('without it, on the venue network: links use the LAN address the server knows', async ({
    newDevice,
  }, testInfo) => {
    const server = await TestServer.start({ env: { ONDECK_HOST: '0.0.0.0' } });
    try {
      const port = new URL(server.url).port;
      const lan = lanAddresses()[0];
      // A machine with no network but loopback has nothing better: the screen says so.
      await expectLinks(
        server,
        await (await newDevice()).newPage(),
        lan ? `http://${lan}:${port}` : null,
        testInfo.outputPath('lan'),
      );
    } finally {
      await server.dispose();
    }
  });

  test('without it, listening on loopback only: the screens say the links work on this computer only', async ({
    server,
    newDevice,
  }, testInfo) => {
    await expectLinks(server, await (await newDevice()).newPage(), null, testInfo.outputPath('loopback'));
  });
});
