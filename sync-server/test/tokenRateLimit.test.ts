import { CloseCode, MessageType, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { closeOf, rawSocket } from './support/clients.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

const QUERY_AWARENESS = Uint8Array.of(MessageType.QUERY_AWARENESS);

/**
 * Issue 11, found 3: new connections are free, so a per-connection rate limit alone lets one
 * token send as much as it likes over more sockets. A token's connections share one allowance.
 */
describe('the per-token rate limit', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer({
      ONDECK_RATE_LIMIT_PER_SECOND: '1',
      ONDECK_RATE_LIMIT_BURST: '100',
      ONDECK_TOKEN_RATE_LIMIT_PER_SECOND: '1',
      ONDECK_TOKEN_RATE_LIMIT_BURST: '150',
    });
    event = await createTestEvent(server, 'rates');
  });
  afterAll(() => server.close());

  const open = async (token: string, count: number) => {
    const url = `${server.syncUrl}/${syncRoomName(event.id, 'live')}?token=${token}`;
    const sockets = await Promise.all(Array.from({ length: count }, () => rawSocket(url)));
    // Each answers a first query once it has joined.
    await Promise.all(sockets.map((ws) => pingAnswered(ws)));
    return sockets;
  };

  const pingAnswered = (ws: WebSocket) =>
    new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send(QUERY_AWARENESS);
    });

  it('closes a token’s sockets once they together pass its allowance, and no one else’s', async () => {
    const { token } = await event.tokenFor('public');
    const flooding = await open(token, 4);
    const other = await open((await event.tokenFor('public')).token, 1);
    // 60 messages on each of 4 sockets: within each connection's 100, past the token's 150 —
    // so the sockets that send after the token's allowance ran out are closed.
    const firstClosed = Promise.race(flooding.map((ws) => closeOf(ws)));
    for (const ws of flooding) for (let i = 0; i < 60; i++) ws.send(QUERY_AWARENESS);
    const closed = await firstClosed;
    expect(closed.code).toBe(CloseCode.RATE_LIMITED);
    expect(closed.reason).toMatch(/on this token/);
    // A new socket with the same token starts with what the token has left, not a fresh burst.
    const again = await rawSocket(`${server.syncUrl}/${syncRoomName(event.id, 'live')}?token=${token}`);
    const close = closeOf(again);
    for (let i = 0; i < 5; i++) again.send(QUERY_AWARENESS);
    expect(await close).toMatchObject({ code: CloseCode.RATE_LIMITED });
    for (const ws of flooding) ws.close();
    // Another token of the same invite kind still answers.
    const [bystander] = other as [WebSocket];
    await pingAnswered(bystander);
    bystander.close();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="token-rate"\} [1-9]/);
  });
});
