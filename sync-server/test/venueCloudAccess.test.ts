import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudAccessResponse, JoinResponse } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from './support/clients.ts';
import { api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';
import { venueInviteLink, waitForCloudHeard } from './support/venue.ts';

/** Opens a sync socket as a browser page of `origin` would; resolves with whether the server took it. */
function socketFrom(url: string, origin: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => {
      resolve('open');
      ws.close();
    });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', () => {});
  });
}

/**
 * What a device that joined at a venue needs to also sync with the cloud (README "Venue
 * server"): the cloud's token for its invite, from the venue; the cloud letting the venue's
 * pages open sockets of that event; the venue's pages allowed to connect to the cloud. Both
 * servers are real and listening; the venue reaches the cloud over loopback.
 */
describe('a device at the venue reaches the cloud too', () => {
  let cloud: TestServer;
  let venue: TestServer;
  let event: TestEvent;
  let other: TestEvent;
  let venueOrigin: string;

  beforeAll(async () => {
    cloud = await startServer();
    event = await createTestEvent(cloud, 'venue-devices');
    other = await createTestEvent(cloud, 'venue-devices-other');
    await event.inviteFor('judge', 'j1');
    const { link } = await venueInviteLink(cloud, event);
    venue = await startServer({ ONDECK_VENUE_FOLLOW: link, ONDECK_VENUE_EXCHANGE_MS: '200' });
    venueOrigin = new URL(venue.url).origin;
    await waitForCloudHeard(venue, event.id, event.organizerToken);
  }, 120_000);

  afterAll(async () => {
    await venue?.close();
    await cloud?.close();
  });

  const mirrored = (inviteId: string) =>
    waitFor(() => venue.context.catalog.getInvite(inviteId) !== undefined, 30_000, 'the invite to reach the venue');
  const joinAtVenue = async (code: string) => {
    const joined = await api<JoinResponse>(venue, 'POST', '/api/join', { code });
    expect(joined.status).toBe(200);
    return joined.body;
  };
  const cloudAccess = (server: { url: string }, token: string) =>
    api<CloudAccessResponse>(server, 'GET', `/api/events/${event.id}/cloud-access`, undefined, token);

  it("gives a device that joined at the venue the cloud's token for the same invite, once per invite", async () => {
    const invite = await event.inviteFor('judge', 'j1');
    await mirrored(invite.id);
    const atVenue = await joinAtVenue(invite.code);
    const first = await cloudAccess(venue, atVenue.token);
    expect(first.status).toBe(200);
    if (!first.body.cloud) throw new Error(`no cloud access: ${JSON.stringify(first.body)}`);
    expect(first.body.cloud.url).toBe(cloud.url);
    // The cloud's own token: it syncs the judge's document on the cloud, as the judge.
    const check = await cloud.context.tokens.verify(first.body.cloud.token);
    expect(check).toMatchObject({ ok: true, claims: { ev: event.id, role: 'judge', sub: 'j1', jti: invite.id } });
    // A second device of the same invite gets the same token: the cloud was asked once.
    const joinsAtCloud = cloud.context.catalog.getInvite(invite.id)?.joins;
    const second = await cloudAccess(venue, (await joinAtVenue(invite.code)).token);
    expect(second.body).toEqual(first.body);
    expect(cloud.context.catalog.getInvite(invite.id)?.joins).toBe(joinsAtCloud);
  });

  it('gives none for an invite made at the venue, nor on the cloud itself, and says why', async () => {
    const organizerInvite = await event.inviteFor('organizer');
    await mirrored(organizerInvite.id);
    const organizerToken = (await joinAtVenue(organizerInvite.code)).token;
    const made = await api<{ invite: { code: string } }>(
      venue,
      'POST',
      `/api/events/${event.id}/invites`,
      { role: 'staff' },
      organizerToken,
    );
    expect(made.status).toBe(201);
    const staff = await joinAtVenue(made.body.invite.code);
    const none = await cloudAccess(venue, staff.token);
    expect(none.body).toEqual({
      cloud: null,
      reason: 'this invite was made at the venue: the cloud does not know it',
      later: false,
    });
    const atCloud = await cloudAccess(cloud, event.organizerToken);
    expect(atCloud.body).toMatchObject({ cloud: null, later: false });
    // A token of another event does not ask for this one.
    const foreign = await cloudAccess(venue, other.organizerToken);
    expect(foreign.status).toBe(401);
  });

  it("lets the venue's pages sync the followed event on the cloud, and no other event", async () => {
    const judge = await event.tokenFor('judge', 'j1');
    const otherJudge = await other.tokenFor('judge', 'j1');
    const path = (id: string, token: string) => `${cloud.syncUrl}/${id}/scores/j1?token=${encodeURIComponent(token)}`;
    expect(await socketFrom(path(event.id, judge.token), venueOrigin)).toBe('open');
    expect(await socketFrom(path(other.id, otherJudge.token), venueOrigin)).toBe(403);
    expect(await socketFrom(path(event.id, judge.token), 'http://evil.example')).toBe(403);
  });

  it("lets the venue's pages connect to the cloud it follows", async () => {
    const page = await fetch(`${venue.url}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`ws://${new URL(cloud.url).host}`);
    const cloudPage = await fetch(`${cloud.url}/`);
    expect(cloudPage.headers.get('content-security-policy')).not.toContain(new URL(venue.url).host);
  });

  it('refuses a venue report whose origins are not origins', async () => {
    const venueToken = (await event.tokenFor('venue')).token;
    for (const origins of [['http://a.example/path'], ['javascript:alert(1)'], ['http://a.example; script-src *'], 'x'])
      expect(
        (
          await api(
            cloud,
            'POST',
            `/api/events/${event.id}/venue-exchange`,
            { revoked: [], waiting: 0, origins },
            venueToken,
          )
        ).status,
      ).toBe(400);
  });
});

describe('a device that joins at the venue while the cloud is out of reach', () => {
  it('gets no cloud token yet, and is told to ask again later', async () => {
    const cloud = await startServer();
    let venue: TestServer | null = null;
    try {
      const event = await createTestEvent(cloud, 'venue-cut');
      const invite = await event.inviteFor('judge', 'j1');
      const { link } = await venueInviteLink(cloud, event);
      venue = await startServer({ ONDECK_VENUE_FOLLOW: link, ONDECK_VENUE_EXCHANGE_MS: '200' });
      await waitForCloudHeard(venue, event.id, event.organizerToken);
      const atVenue = venue;
      await waitFor(
        () => atVenue.context.catalog.getInvite(invite.id) !== undefined,
        30_000,
        'the invite to reach the venue',
      );
      await cloud.close();
      const joined = await api<JoinResponse>(venue, 'POST', '/api/join', { code: invite.code });
      expect(joined.status).toBe(200);
      const answer = await api<CloudAccessResponse>(
        venue,
        'GET',
        `/api/events/${event.id}/cloud-access`,
        undefined,
        joined.body.token,
      );
      expect(answer.body).toEqual({
        cloud: null,
        reason: 'the cloud cannot be reached from the venue now',
        later: true,
      });
    } finally {
      await venue?.close();
      await cloud.close().catch(() => {});
    }
  });
});

describe('the door a venue opened on the cloud for its pages', () => {
  it('stays open across a restart of the cloud while the venue is gone, and closes when its credential is revoked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-cloud-'));
    let cloud = await startServer({}, { dataDir });
    try {
      const event = await createTestEvent(cloud, 'venue-door');
      const venueInvite = await event.inviteFor('venue');
      const joined = await api<JoinResponse>(cloud, 'POST', '/api/join', { code: venueInvite.code });
      const origin = 'http://192.0.2.10:8080';
      const judge = await event.tokenFor('judge', 'j1');
      const url = () => `${cloud.syncUrl}/${event.id}/scores/j1?token=${encodeURIComponent(judge.token)}`;
      expect(await socketFrom(url(), origin)).toBe(403);
      const report = await api(
        cloud,
        'POST',
        `/api/events/${event.id}/venue-exchange`,
        { revoked: [], waiting: 0, origins: [origin] },
        joined.body.token,
      );
      expect(report.status).toBe(200);
      expect(await socketFrom(url(), origin)).toBe('open');
      // The venue dies; the cloud restarts; the venue's devices still get in.
      await cloud.close();
      cloud = await startServer({}, { dataDir });
      expect(await socketFrom(url(), origin)).toBe('open');
      const revoked = await api(
        cloud,
        'DELETE',
        `/api/events/${event.id}/invites/${venueInvite.id}`,
        undefined,
        event.organizerToken,
      );
      expect(revoked.status).toBe(200);
      expect(await socketFrom(url(), origin)).toBe(403);
    } finally {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
