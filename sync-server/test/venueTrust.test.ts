import { createHash } from 'node:crypto';
import { type JoinResponse, putMark, scoresDocName, syncRoomName } from '@ondeck/shared';
import { toneWav } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOf, nextClose, rawSocket, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';
import { serverLinks, venueInviteLink, waitForCloudHeard, waitForLinks } from './support/venue.ts';

/**
 * A venue credential's reach and the trust between the two servers: what the venue may do on
 * the cloud, what its own key may sign, and revocations made on either side reaching the other.
 * Both servers are real and listening (in this process); the venue reaches the cloud over
 * loopback as it would over the internet.
 */
describe('venue trust', () => {
  let cloud: TestServer;
  let venue: TestServer;
  let eventA: TestEvent;
  let eventB: TestEvent;
  let venueToken: string;
  const song = toneWav({ seconds: 1, frequency: 440 });

  beforeAll(async () => {
    cloud = await startServer();
    eventA = await createTestEvent(cloud, 'venue-a');
    eventB = await createTestEvent(cloud, 'venue-b');
    const uploaded = await fetch(`${cloud.url}/api/events/${eventA.id}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${eventA.organizerToken}`, 'content-type': 'audio/wav' },
      body: song,
    });
    expect(uploaded.status).toBe(201);
    const { link } = await venueInviteLink(cloud, eventA);
    venue = await startServer({ ONDECK_VENUE_FOLLOW: link, ONDECK_VENUE_EXCHANGE_MS: '200' });
    await waitForCloudHeard(venue, eventA.id, eventA.organizerToken);
    const joined = await api<JoinResponse>(cloud, 'POST', '/api/join', {
      code: (await eventA.inviteFor('venue')).code,
    });
    venueToken = joined.body.token;
  }, 120_000);

  afterAll(async () => {
    await venue?.close();
    await cloud?.close();
  });

  it('lets a venue credential of event A touch nothing of event B on the cloud', async () => {
    expect((await api(cloud, 'GET', `/api/events/${eventB.id}`, undefined, venueToken)).status).toBe(403);
    const exchange = await api<{ error: { code: string } }>(
      cloud,
      'POST',
      `/api/events/${eventB.id}/venue-exchange`,
      { revoked: [], waiting: 0 },
      venueToken,
    );
    expect(exchange.body.error.code).toBe('FORBIDDEN');
    const socket = await rawSocket(`${cloud.syncUrl}/${eventB.id}/program?token=${venueToken}`);
    expect((await closeOf(socket)).code).toBe(4403);
    // Nor manage event A's invites: it relays documents, and manages nothing.
    const invite = await api<{ error: { code: string } }>(
      cloud,
      'POST',
      `/api/events/${eventA.id}/invites`,
      { role: 'organizer' },
      venueToken,
    );
    expect(invite.body.error.code).toBe('FORBIDDEN');
  });

  it('does not hold event B at the venue, nor accept the cloud’s tokens for it', async () => {
    const socket = await rawSocket(`${venue.syncUrl}/${eventB.id}/program?token=${eventB.organizerToken}`);
    const closed = await closeOf(socket);
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/may not sign for event "venue-b"/);
    expect((await api(venue, 'GET', `/api/events/${eventB.id}`, undefined, eventB.organizerToken)).status).toBe(401);
  });

  it('verifies the devices’ cloud tokens of event A at the venue', async () => {
    const judge = await eventA.tokenFor('judge', 'j1');
    const provider = stockProvider(venue.syncUrl, syncRoomName(eventA.id, scoresDocName('j1')), judge.token);
    await waitForSynced(provider);
    provider.destroy();
  });

  it('refuses at the cloud a token signed with the venue’s key', async () => {
    // The organiser, at the venue, makes an invite there: the venue signs its token.
    const made = await api<{ invite: { code: string } }>(
      venue,
      'POST',
      `/api/events/${eventA.id}/invites`,
      { role: 'judge', personId: 'j9' },
      eventA.organizerToken,
    );
    expect(made.status).toBe(201);
    const joined = await api<JoinResponse>(venue, 'POST', '/api/join', { code: made.body.invite.code });
    const venueSigned = joined.body.token;
    expect((await api(venue, 'GET', `/api/events/${eventA.id}`, undefined, venueSigned)).status).toBe(200);
    const refused = await api<{ error: { code: string; message: string } }>(
      cloud,
      'GET',
      `/api/events/${eventA.id}`,
      undefined,
      venueSigned,
    );
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/key this server does not trust/);
    const socket = await rawSocket(`${cloud.syncUrl}/${eventA.id}/${scoresDocName('j9')}?token=${venueSigned}`);
    expect((await closeOf(socket)).code).toBe(4401);
  });

  it('pulls the event’s music to the venue', async () => {
    const sha256 = createHash('sha256').update(song).digest('hex');
    let status = 0;
    await waitFor(
      () => {
        void fetch(`${venue.url}/api/events/${eventA.id}/files/${sha256}`, {
          headers: { authorization: `Bearer ${eventA.organizerToken}` },
        }).then((r) => {
          status = r.status;
        });
        return status === 200;
      },
      30_000,
      'the song at the venue',
    );
    const file = await fetch(`${venue.url}/api/events/${eventA.id}/files/${sha256}`, {
      headers: { authorization: `Bearer ${eventA.organizerToken}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(song))).toBe(true);
  });

  it('carries a revocation made on the cloud to the venue, which sends the device away', async () => {
    const invite = await eventA.inviteFor('judge', 'j2');
    const joined = await api<JoinResponse>(cloud, 'POST', '/api/join', { code: invite.code });
    const provider = stockProvider(venue.syncUrl, syncRoomName(eventA.id, scoresDocName('j2')), joined.body.token);
    await waitForSynced(provider);
    const closed = nextClose(provider);
    const revoked = await api(
      cloud,
      'DELETE',
      `/api/events/${eventA.id}/invites/${invite.id}`,
      undefined,
      eventA.organizerToken,
    );
    expect(revoked.status).toBe(200);
    expect((await closed).code).toBe(4410);
    provider.destroy();
    const after = await api<{ error: { code: string } }>(
      venue,
      'GET',
      `/api/events/${eventA.id}`,
      undefined,
      joined.body.token,
    );
    expect(after.body.error.code).toBe('TOKEN_REVOKED');
  });

  it('carries a revocation made at the venue to the cloud, which sends the device away', async () => {
    const invite = await eventA.inviteFor('judge', 'j3');
    const joined = await api<JoinResponse>(cloud, 'POST', '/api/join', { code: invite.code });
    const provider = stockProvider(cloud.syncUrl, syncRoomName(eventA.id, scoresDocName('j3')), joined.body.token);
    await waitForSynced(provider);
    putMark(provider.doc, { heatId: 'h1', value: '1', updatedAt: 1 });
    // The venue knows the cloud's invites once a round has brought them.
    await waitFor(
      () => venue.context.catalog.getInvite(invite.id) !== undefined,
      30_000,
      'the invite mirrored at the venue',
    );
    const closed = nextClose(provider);
    const revoked = await api(
      venue,
      'DELETE',
      `/api/events/${eventA.id}/invites/${invite.id}`,
      undefined,
      eventA.organizerToken,
    );
    expect(revoked.status).toBe(200);
    expect((await closed).code).toBe(4410);
    provider.destroy();
    expect(cloud.context.catalog.getInvite(invite.id)?.revokedAt).toBeDefined();
  });

  it('shows the organiser on each server when it last heard from the other', async () => {
    const links = await waitForLinks(
      cloud,
      eventA.id,
      eventA.organizerToken,
      (l) => l.links.length === 1,
      30_000,
      'the venue on the cloud’s list',
    );
    expect(links.role).toBe('cloud');
    expect(links.links[0]).toMatchObject({ kind: 'venue', label: 'Venue server', waitingForCloud: 0, linked: true });
    const atVenue = await serverLinks(venue, eventA.id, eventA.organizerToken);
    expect(atVenue.role).toBe('venue');
    expect(atVenue.links[0]).toMatchObject({ kind: 'cloud', url: cloud.url, linked: true });
    expect(atVenue.links[0]?.lastHeardAt).not.toBeNull();
  });
});
