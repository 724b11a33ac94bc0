import { request } from 'node:http';
import { CloseCode, putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { closeOf, rawSocket, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('bad input gets its specific refusal and disturbs no one else', () => {
  let server: TestServer;
  let event: TestEvent;
  let bystander: ReturnType<typeof stockProvider>;
  let writer: ReturnType<typeof stockProvider>;
  let counter = 0;

  beforeAll(async () => {
    server = await startServer({
      ONDECK_MAX_MESSAGE_BYTES: String(64 * 1024),
      ONDECK_RATE_LIMIT_PER_SECOND: '50',
      ONDECK_RATE_LIMIT_BURST: '200',
    });
    event = await createTestEvent(server, 'bad');
    const room = syncRoomName(event.id, 'program');
    writer = stockProvider(server.syncUrl, room, event.organizerToken);
    bystander = stockProvider(server.syncUrl, room, event.organizerToken);
    await Promise.all([waitForSynced(writer), waitForSynced(bystander)]);
  });
  afterAll(async () => {
    writer.destroy();
    bystander.destroy();
    await server.close();
  });

  /** After each bad input: the server answers and a change still reaches the other client. */
  async function othersUndisturbed() {
    const id = `s${counter++}`;
    putRecord(writer.doc, 'studios', { id, name: `Studio ${id}` });
    await waitFor(() => readProgram(bystander.doc).studios.has(id), 10_000, 'a change to reach the bystander');
    expect((await api(server, 'GET', '/up')).status).toBe(200);
  }

  const socket = () =>
    rawSocket(`${server.syncUrl}/${syncRoomName(event.id, 'program')}?token=${event.organizerToken}`);

  async function refusalOf(send: (ws: WebSocket) => void) {
    const ws = await socket();
    const closed = closeOf(ws);
    send(ws);
    return closed;
  }

  const bytes = (...values: number[]) => Uint8Array.from(values);

  it.each([
    ['a truncated message', bytes(0), /truncated/],
    ['a length past the end', bytes(0, 1, 200, 1, 2), /runs past the end/],
    ['an unknown message type', bytes(9, 0), /unknown message type 9/],
    ['an unknown sync message type', bytes(0, 7, 0), /unknown sync message type 7/],
    ['an update that is not Yjs', bytes(0, 2, 5, 255, 255, 255, 255, 255), /update could not be decoded/],
    ['a state vector that is not one', bytes(0, 0, 3, 255, 255, 255), /state vector could not be decoded/],
    ['an awareness update that is not one', bytes(1, 3, 1, 2, 255), /awareness update could not be decoded/],
  ])('refuses %s', async (_what, message, reason) => {
    const closed = await refusalOf((ws) => ws.send(message));
    expect(closed.code).toBe(CloseCode.MALFORMED_MESSAGE);
    expect(closed.reason).toMatch(reason);
    await othersUndisturbed();
  });

  it('refuses text frames', async () => {
    const closed = await refusalOf((ws) => ws.send('hello'));
    expect(closed.code).toBe(CloseCode.MALFORMED_MESSAGE);
    expect(closed.reason).toMatch(/text messages/);
    await othersUndisturbed();
  });

  it('refuses a message over the size limit', async () => {
    const closed = await refusalOf((ws) => ws.send(new Uint8Array(100 * 1024)));
    expect(closed.code).toBe(CloseCode.MESSAGE_TOO_LARGE);
    await othersUndisturbed();
  });

  it('cuts off a client that floods, and only that client', async () => {
    const doc = new Y.Doc();
    const stateVector = Y.encodeStateVector(doc);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, stateVector);
    const step1 = encoding.toUint8Array(encoder);
    const closed = await refusalOf((ws) => {
      for (let i = 0; i < 5_000; i++) ws.send(step1);
    });
    expect(closed.code).toBe(CloseCode.RATE_LIMITED);
    expect(closed.reason).toMatch(/too many messages/);
    await othersUndisturbed();
  });

  it.each([
    ['/sync/../../etc/program', 'INVALID_EVENT_ID'],
    ['/sync/..%2F..%2Fetc/program', 'INVALID_EVENT_ID'],
    ['/sync/Bad_Event/program', 'INVALID_EVENT_ID'],
    ['/sync/bad/scores/../../../x', 'INVALID_DOCUMENT'],
    ['/sync/bad/other', 'INVALID_DOCUMENT'],
    ['/sync/bad', 'INVALID_DOCUMENT'],
  ])('refuses %s before the upgrade', async (path, code) => {
    const response = await upgradeRequest(server.url, path);
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as { error: { code: string } }).error.code).toBe(code);
    await othersUndisturbed();
  });

  it.each([
    ['malformed JSON', '{"code": ', 400, /JSON/i],
    ['a wrong type', '{"code": 12}', 400, /code/],
    ['an unknown field', '{"code": "abcdefghijkl", "admin": true}', 400, /additional/],
    ['an empty body', '', 400, /empty|body/i],
  ])('answers %s in a JSON body with a clear error', async (_what, body, status, message) => {
    const response = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toMatch(/^[A-Z_]+$/);
    expect(json.error.message).toMatch(message);
    await othersUndisturbed();
  });

  it('refuses path-traversal event ids in the API', async () => {
    const created = await api<{ error: { code: string } }>(
      server,
      'POST',
      '/api/events',
      { id: '../../etc', name: 'x' },
      'test-admin-token-0123456789',
    );
    expect(created.status).toBe(400);
    const listed = await api<{ error: { code: string } }>(
      server,
      'GET',
      '/api/events/..%2F..%2Fetc/invites',
      undefined,
      event.organizerToken,
    );
    expect(listed.status).toBe(400);
    const state = await api(
      server,
      'GET',
      `/api/events/${event.id}/docs/scores/..%2F..%2Findex`,
      undefined,
      event.organizerToken,
    );
    expect(state.status).toBe(400);
    await othersUndisturbed();
  });
});

/** A WebSocket upgrade request with the path exactly as given (no URL normalisation). */
function upgradeRequest(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({
      hostname,
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', () => reject(new Error(`${path} was upgraded`)));
    req.on('error', reject);
    req.end();
  });
}
