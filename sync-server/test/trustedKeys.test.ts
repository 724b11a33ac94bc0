import { apiPath, CloseCode, type PublicKeySet, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextClose, stockProvider, waitForSynced } from './support/clients.ts';
import { api, createTestEvent, startServer, type TestServer } from './support/server.ts';

/**
 * Two real servers, as a cloud and a venue will be: one verifies the other's tokens only after
 * trusting its published key, and only for the events it was trusted for.
 */
describe('tokens signed by another server', () => {
  let here: TestServer;
  let there: TestServer;
  let tokenForA: string;
  let tokenForB: string;

  beforeAll(async () => {
    [here, there] = await Promise.all([startServer(), startServer()]);
    for (const server of [here, there]) {
      await createTestEvent(server, 'event-a');
      await createTestEvent(server, 'event-b');
    }
    const sign = (eventId: string) => there.context.tokens.sign({ eventId, role: 'organizer', inviteId: 'there1' });
    [tokenForA, tokenForB] = [(await sign('event-a')).token, (await sign('event-b')).token];
  });
  afterAll(() => Promise.all([here.close(), there.close()]));

  const closeFor = async (eventId: string, token: string) => {
    const provider = stockProvider(here.syncUrl, syncRoomName(eventId, 'program'), token);
    const closed = await nextClose(provider);
    provider.destroy();
    return closed;
  };
  const invitesWith = (eventId: string, token: string) =>
    api<{ error?: { message: string } }>(here, 'GET', `/api/events/${eventId}/invites`, undefined, token);

  it('are refused while its key is not trusted', async () => {
    expect(await closeFor('event-a', tokenForA)).toEqual({
      code: CloseCode.UNAUTHORIZED,
      reason: 'the token was signed by a key this server does not trust',
    });
    const refused = await invitesWith('event-a', tokenForA);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.message).toMatch(/a key this server does not trust/);
  });

  it('are accepted for the events its key was trusted for, and refused for any other', async () => {
    const jwks = (await api<PublicKeySet>(there, 'GET', apiPath('publicKeys', {}))).body;
    await here.context.tokens.trust(jwks.keys[0], { events: ['event-a'], issuer: 'the cloud' });

    const provider = stockProvider(here.syncUrl, syncRoomName('event-a', 'program'), tokenForA);
    await waitForSynced(provider);
    provider.destroy();
    expect((await invitesWith('event-a', tokenForA)).status).toBe(200);

    expect(await closeFor('event-b', tokenForB)).toEqual({
      code: CloseCode.UNAUTHORIZED,
      reason: 'the key of the cloud may not sign for event "event-b"',
    });
    expect((await invitesWith('event-b', tokenForB)).status).toBe(401);
    // Its token for event A opens nothing of event B either.
    expect((await closeFor('event-b', tokenForA)).code).toBe(CloseCode.FORBIDDEN);
  });

  it('leave the other server refusing this one’s tokens: trust goes one way', async () => {
    const ours = await createTestEvent(here, 'ours-only').then((e) => e.organizerToken);
    const provider = stockProvider(there.syncUrl, syncRoomName('event-a', 'program'), ours);
    expect((await nextClose(provider)).code).toBe(CloseCode.UNAUTHORIZED);
    provider.destroy();
  });
});
