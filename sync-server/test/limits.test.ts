import { CloseCode, putRecord, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { closeOf, rawSocket, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/** Stops reading from the socket: the server's data piles up, and pings go unanswered. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

function resumeReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { resume(): void } })._socket.resume();
}

const handshake = (ws: WebSocket) => ws.send(Uint8Array.from([0, 0, 1, 0]));

describe('a client that stops reading', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    // The writer pushes ~10 MB into the program, past the default document budget.
    server = await startServer({
      ONDECK_MAX_BUFFERED_BYTES: String(64 * 1024),
      ONDECK_MAX_DOCUMENT_BYTES: String(32 * 1024 * 1024),
    });
    event = await createTestEvent(server, 'slow');
  });
  afterAll(() => server.close());

  it('is disconnected once what waits for it passes the cap, and no one else is', async () => {
    const room = syncRoomName(event.id, 'program');
    const slow = await rawSocket(`${server.syncUrl}/${room}?token=${event.organizerToken}`);
    handshake(slow);
    await new Promise((r) => setTimeout(r, 100));
    stopReading(slow);
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    const reader = stockProvider(server.syncUrl, room, event.organizerToken);
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);
    // Far more than the kernel's socket buffers hold, so the server's own buffer must grow.
    for (let i = 0; i < 12; i++) {
      writer.doc.transact(() => {
        for (let j = 0; j < 200; j++)
          putRecord(writer.doc, 'people', {
            id: `p${i}-${j}`,
            name: `${'x'.repeat(4000)}, Dancer`,
            type: 'Student',
            studioId: 's',
          });
      });
      await waitForConfirmed(writer);
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="slow-client"\} [1-9]/);
    resumeReading(slow);
    expect((await closeOf(slow)).code).toBe(CloseCode.SLOW_CLIENT);
    // The others kept going. NOTE: 60 s is a bound for a starved machine: at load 24 the reader's
    // 10 MB took 19.6 s.
    await waitFor(() => reader.doc.getMap('people').size === 2400, 60_000, 'the reader to get everything');
    writer.destroy();
    reader.destroy();
  });
});

describe('heartbeats', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer({ ONDECK_HEARTBEAT_MS: '300' });
    event = await createTestEvent(server, 'heartbeat');
  });
  afterAll(() => server.close());

  it('drop a socket that stops answering pings', async () => {
    const before = (await api<{ connections: number }>(server, 'GET', '/up')).body.connections;
    const dead = await rawSocket(`${server.syncUrl}/${syncRoomName(event.id, 'live')}?token=${event.organizerToken}`);
    handshake(dead);
    await waitFor(() => server.context.sync.connectionCount === before + 1, 5_000, 'the connection');
    stopReading(dead);
    await waitFor(() => server.context.sync.connectionCount === before, 5_000, 'the dead socket to be dropped');
    dead.terminate();
  });
});
