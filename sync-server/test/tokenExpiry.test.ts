import { CloseCode, putMark, readMarks, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextClose, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

const TTL_DAYS = 1;

describe('a token that expires while its socket is open', () => {
  let server: TestServer;
  let event: TestEvent;
  beforeAll(async () => {
    // A slow heartbeat, so what closes the socket in the first test is the write, not the beat.
    server = await startServer({ ONDECK_TOKEN_TTL_DAYS: String(TTL_DAYS), ONDECK_HEARTBEAT_MS: '60000' });
    event = await createTestEvent(server, 'expiring');
  });
  afterAll(() => server.close());

  /** A judge's token, as if it had been issued long enough ago that it expires in `ms`. */
  async function tokenExpiringIn(ms: number): Promise<string> {
    const invite = await event.inviteFor('judge', 'j1');
    const issuedAt = Date.now() - TTL_DAYS * 86_400_000 + ms;
    const { token } = await server.context.tokens.sign(
      { eventId: event.id, role: 'judge', personId: 'j1', inviteId: invite.id },
      issuedAt,
    );
    return token;
  }

  it('stops writing: the first change after expiry closes the socket, unsaved', async () => {
    const token = await tokenExpiringIn(2_500);
    const room = syncRoomName(event.id, scoresDocName('j1'));
    const tablet = stockProvider(server.syncUrl, room, token);
    await waitForSynced(tablet);
    putMark(tablet.doc, { heatId: 'before', value: 'G', updatedAt: 1 });
    await waitForConfirmed(tablet);

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const closed = nextClose(tablet);
    putMark(tablet.doc, { heatId: 'after', value: 'S', updatedAt: 2 });
    expect(await closed).toEqual({
      code: CloseCode.UNAUTHORIZED,
      reason: 'the token expired; open the invite link again',
    });
    tablet.destroy();

    // What the server holds: the change made in time, not the one made after expiry.
    const fresh = await event.tokenFor('judge', 'j1');
    const reader = stockProvider(server.syncUrl, room, fresh.token);
    await waitForSynced(reader);
    await waitFor(() => readMarks(reader.doc).size > 0, 5_000, 'the stored marks');
    expect([...readMarks(reader.doc).keys()]).toEqual(['h/before/0']);
    reader.destroy();
  });
});

describe('a silent socket whose token expires', () => {
  it('is closed at the next heartbeat with the same code', async () => {
    const server = await startServer({ ONDECK_TOKEN_TTL_DAYS: String(TTL_DAYS), ONDECK_HEARTBEAT_MS: '200' });
    try {
      const event = await createTestEvent(server, 'expiring-quietly');
      const invite = await event.inviteFor('staff');
      const { token } = await server.context.tokens.sign(
        { eventId: event.id, role: 'staff', inviteId: invite.id },
        Date.now() - TTL_DAYS * 86_400_000 + 1_500,
      );
      const phone = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), token);
      await waitForSynced(phone);
      const closed = await nextClose(phone);
      expect(closed.code).toBe(CloseCode.UNAUTHORIZED);
      expect(closed.reason).toMatch(/token expired/);
      phone.destroy();
    } finally {
      await server.close();
    }
  });
});
