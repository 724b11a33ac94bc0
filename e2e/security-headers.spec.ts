import type { BrowserContext } from '@playwright/test';
import { DjPage } from './pages/DjPage.ts';
import { JudgePage } from './pages/JudgePage.ts';
import { OrganizerPage } from './pages/OrganizerPage.ts';
import { createEventWithToken, createInvite } from './support/api.ts';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';

/**
 * Every Content-Security-Policy violation the page reports, and the console's refusals: the
 * app must run whole under the server's strict policy (no inline script or style, nothing
 * from elsewhere), so this list stays empty.
 */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const refusals: string[] = [];
  // NOTE: reported through a binding as each happens, so no navigation loses one.
  await context.exposeBinding('reportPolicyViolation', (_source, text: string) => refusals.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
  return refusals;
}

test.describe('the app under its strict Content-Security-Policy', () => {
  test('runs every role’s screens, registers its service worker and opens offline, with no violation', async ({
    server,
    newDevice,
  }) => {
    const { event, organizerInvite, organizerToken } = await createEventWithToken(server, 'demo', 'Policy Gala');

    const laptop = await newDevice();
    const violations = await watchPolicy(laptop);
    const page = await laptop.newPage();
    const response = await page.goto(server.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');

    // The policy holds, and the watch sees it: an inline script is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "injected"';
      document.body.append(script);
    });
    // NOTE: the console's refusal and the page's report come separately, either first.
    await expect.poll(() => violations.join('\n')).toMatch(/script-src-elem blocked inline/);
    expect(await page.title()).not.toBe('injected');
    violations.length = 0;

    const organizer = new OrganizerPage(page);
    await organizer.join(organizerInvite.link);
    await waitForServiceWorker(page);
    for (const tab of ['People', 'Invites', 'Marks', 'Publish', 'Event']) await organizer.openTab(tab);
    await page.goto(`${server.url}/e/${event.id}/organizer/results`);
    await page.goto(`${server.url}/e/${event.id}/heats`);
    await expect(page.getByRole('heading', { name: 'Heats' })).toBeVisible();
    await page.goto(`${server.url}/e/${event.id}/counter`);
    await expect(page.getByTestId('counter')).toBeVisible();

    // Offline, from the service worker, under the same policy.
    await laptop.setOffline(true);
    await page.goto(`${server.url}/e/${event.id}/organizer/people`);
    await expect(organizer.indicator).toContainText('Offline');
    await laptop.setOffline(false);

    // A judge's tablet and the DJ's screen, each a device of its own.
    const tablet = await newDevice();
    const tabletViolations = await watchPolicy(tablet);
    const judge = new JudgePage(await tablet.newPage());
    await judge.join((await createInvite(server, event.id, organizerToken, 'judge', 'j1')).link);
    await waitForServiceWorker(judge.page);
    await judge.openHeat('1');

    const booth = await newDevice();
    const boothViolations = await watchPolicy(booth);
    const dj = new DjPage(await booth.newPage());
    await dj.join((await createInvite(server, event.id, organizerToken, 'dj')).link);
    await dj.open();

    expect([...violations, ...tabletViolations, ...boothViolations]).toEqual([]);
  });
});
