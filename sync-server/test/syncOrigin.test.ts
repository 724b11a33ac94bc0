import { hostname } from 'node:os';
import { syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/** Opens a sync socket as a browser page of `origin` would (no Origin: as a script would). */
function open(server: TestServer, token: string, origin?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.syncUrl}/${syncRoomName('origins', 'program')}?token=${token}`, {
      ...(origin === undefined ? {} : { origin }),
    });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe('the Origin of a sync socket', () => {
  describe('by default: the public URL and the server’s own addresses', () => {
    let server: TestServer;
    let event: TestEvent;
    let port: string;
    beforeAll(async () => {
      server = await startServer({ ONDECK_PUBLIC_URL: 'https://ondeck.example.com' });
      event = await createTestEvent(server, 'origins');
      port = new URL(server.url).port;
    });
    afterAll(() => server.close());

    it('lets in the app as this server serves it, and clients that send no Origin', async () => {
      const token = event.organizerToken;
      for (const origin of [
        `http://127.0.0.1:${port}`,
        `http://localhost:${port}`,
        `http://${hostname().toLowerCase()}:${port}`,
        'https://ondeck.example.com',
        undefined,
      ])
        expect((await open(server, token, origin)).status, String(origin)).toBe(101);
      // A stock y-websocket provider in Node (no Origin) syncs as before.
      const provider = stockProvider(server.syncUrl, syncRoomName('origins', 'program'), token);
      await waitForSynced(provider);
      provider.destroy();
    });

    it('refuses other sites’ pages, other ports and opaque origins, before any token is read', async () => {
      for (const origin of [
        'https://evil.example',
        'http://127.0.0.1:1',
        `https://127.0.0.1:${port}`,
        'http://ondeck.example.com',
        'null',
        'not a url',
      ]) {
        const refused = await open(server, 'not-even-a-token', origin);
        expect(refused.status, origin).toBe(403);
        expect(JSON.parse(refused.body)).toEqual({
          error: { code: 'ORIGIN_NOT_ALLOWED', message: expect.stringContaining('ONDECK_ALLOWED_ORIGINS') },
        });
      }
    });
  });

  it('with ONDECK_ALLOWED_ORIGINS, allows exactly those', async () => {
    const server = await startServer({ ONDECK_ALLOWED_ORIGINS: 'https://floor.example.com, http://10.0.0.5:8080' });
    try {
      const event = await createTestEvent(server, 'origins');
      const port = new URL(server.url).port;
      expect((await open(server, event.organizerToken, 'https://floor.example.com')).status).toBe(101);
      expect((await open(server, event.organizerToken, 'http://10.0.0.5:8080')).status).toBe(101);
      expect((await open(server, event.organizerToken)).status).toBe(101);
      expect((await open(server, event.organizerToken, `http://127.0.0.1:${port}`)).status).toBe(403);
      expect((await open(server, event.organizerToken, 'https://evil.example')).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
