import { CloseCode, putRecord, readProgram, scoresDocName, syncRoomName } from '@ondeck/shared';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOf, nextClose, rawSocket, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('who may do what', () => {
  let server: TestServer;
  let event: TestEvent;
  let other: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'perm');
    other = await createTestEvent(server, 'perm-other');
  });
  afterAll(() => server.close());

  const closeCodeFor = async (room: string, token: string) => {
    const provider = stockProvider(server.syncUrl, room, token);
    const closed = await nextClose(provider);
    provider.destroy();
    return closed;
  };

  it('keeps judge A out of judge B’s scores', async () => {
    const judgeA = await event.tokenFor('judge', 'ja');
    const closed = await closeCodeFor(syncRoomName(event.id, scoresDocName('jb')), judgeA.token);
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(closed.reason).toMatch(/judge token may not open scores\/jb/);
  });

  it('lets staff read the program but refuses their changes, and says so', async () => {
    const organizer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(organizer);
    putRecord(organizer.doc, 'studios', { id: 'real', name: 'Real Studio' });

    const staff = await event.tokenFor('staff');
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), staff.token);
    const denied: string[] = [];
    provider.messageHandlers[2] = (_encoder, decoder) => {
      // y-protocols auth: [permission denied = 0][reason]
      decoder.pos += 1;
      const length = decoder.arr[decoder.pos] as number;
      denied.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos + 1, decoder.pos + 1 + length)));
    };
    await waitFor(() => readProgram(provider.doc).studios.has('real'), 10_000, 'staff to read the program');
    expect(denied).toEqual([]);

    putRecord(provider.doc, 'studios', { id: 'fake', name: 'Not Allowed' });
    await waitFor(() => denied.length > 0, 10_000, 'the refusal');
    expect(denied[0]).toMatch(/read-only: a staff token may not change program/);
    // The organiser (and the server) never saw it; staff stay connected.
    await new Promise((r) => setTimeout(r, 200));
    expect(readProgram(organizer.doc).studios.has('fake')).toBe(false);
    expect(provider.wsconnected).toBe(true);
    provider.destroy();
    organizer.destroy();
  });

  it('does not let a token for one event reach another', async () => {
    for (const doc of ['program', 'live', scoresDocName('x')] as const) {
      const closed = await closeCodeFor(syncRoomName(other.id, doc), event.organizerToken);
      expect(closed.code).toBe(CloseCode.FORBIDDEN);
    }
    const res = await api(server, 'GET', `/api/events/${other.id}/invites`, undefined, event.organizerToken);
    expect(res.status).toBe(403);
  });

  it('refuses expired, malformed, wrongly signed and missing tokens', async () => {
    const room = syncRoomName(event.id, 'program');
    const secret = new TextEncoder().encode('x'.repeat(48));
    const now = Math.floor(Date.now() / 1000);
    const claims = { ev: event.id, role: 'organizer', jti: 'someinvite' };
    const wronglySigned = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(now + 3600)
      .sign(secret);
    const [, payload] = event.organizerToken.split('.');
    const longAgo = Date.now() - server.config.tokenTtlDays * 86_400_000 - 3_600_000;
    const { token: expired } = await server.context.tokens.sign(
      { eventId: event.id, role: 'organizer', inviteId: 'someinvite' },
      longAgo,
    );
    const cases: Array<[string, string, RegExp]> = [
      ['expired', expired, /expired/],
      ['malformed', 'not-a-jwt', /malformed/],
      ['truncated', event.organizerToken.slice(0, -5), /not signed by this server|malformed/],
      ['alg none', `eyJhbGciOiJub25lIn0.${payload}.`, /malformed/],
      ['wrongly signed', wronglySigned, /not signed by this server/],
    ];
    for (const [what, token, reason] of cases) {
      const closed = await closeCodeFor(room, token);
      expect(closed.code, what).toBe(CloseCode.UNAUTHORIZED);
      expect(closed.reason, what).toMatch(reason);
    }
    const ws = await rawSocket(`${server.syncUrl}/${room}`);
    expect((await closeOf(ws)).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('closes connections of a revoked invite and refuses its token afterwards', async () => {
    const invite = await event.inviteFor('judge', 'jr');
    const joined = await api<{ token: string }>(server, 'POST', '/api/join', { code: invite.code });
    const room = syncRoomName(event.id, scoresDocName('jr'));
    const provider = stockProvider(server.syncUrl, room, joined.body.token);
    await waitForSynced(provider);
    const closing = nextClose(provider);

    const revoked = await api(
      server,
      'DELETE',
      `/api/events/${event.id}/invites/${invite.id}`,
      undefined,
      event.organizerToken,
    );
    expect(revoked.status).toBe(200);
    expect((await closing).code).toBe(CloseCode.TOKEN_REVOKED);
    // The stock provider treats 44xx as final and stops reconnecting.
    await new Promise((r) => setTimeout(r, 500));
    expect(provider.shouldConnect).toBe(false);
    provider.destroy();

    expect((await closeCodeFor(room, joined.body.token)).code).toBe(CloseCode.TOKEN_REVOKED);
    const rejoin = await api<{ error: { code: string } }>(server, 'POST', '/api/join', { code: invite.code });
    expect(rejoin.status).toBe(410);
    expect(rejoin.body.error.code).toBe('INVITE_REVOKED');
  });

  it('refuses an event that does not exist with its own code', async () => {
    const { token } = await server.context.tokens.sign({ eventId: 'nowhere', role: 'organizer', inviteId: 'x1' });
    expect((await closeCodeFor(syncRoomName('nowhere', 'program'), token)).code).toBe(CloseCode.UNKNOWN_EVENT);
  });
});
