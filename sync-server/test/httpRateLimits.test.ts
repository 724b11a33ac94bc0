import { toneWav } from '@ondeck/shared/testkit';
import { describe, expect, it } from 'vitest';
import { api, createTestEvent, startServer } from './support/server.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('rate limits per client address', () => {
  it('on joins: past the limit, 429 RATE_LIMITED with Retry-After, whatever X-Forwarded-For claims', async () => {
    const server = await startServer({ ONDECK_JOIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const event = await createTestEvent(server, 'joins'); // its organiser joins: 1 of 3
      const invite = await event.inviteFor('public');
      const join = (headers: Record<string, string> = {}) =>
        fetch(`${server.url}/api/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ code: invite.code }),
        });
      expect((await join()).status).toBe(200);
      expect((await join()).status).toBe(200);
      const refused = await join();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as ErrorBody).error).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^too many requests from this address; try again in \d+ seconds$/),
      });
      // A forged forwarding header from a client that is no trusted proxy changes nothing.
      expect((await join({ 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
      // Wrong codes count too: guessing codes is what the limit is for.
      expect((await api(server, 'POST', '/api/join', { code: 'guessed-code-123' })).status).toBe(429);
      // Other routes are not limited by it.
      expect((await api(server, 'GET', '/api/events/joins', undefined, event.organizerToken)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy, counts each forwarded client address apart', async () => {
    const server = await startServer({ ONDECK_JOIN_RATE_LIMIT_PER_MINUTE: '2', ONDECK_TRUST_PROXY: '127.0.0.1' });
    try {
      const event = await createTestEvent(server, 'proxied');
      const invite = await event.inviteFor('public');
      const joinFrom = (client: string) =>
        fetch(`${server.url}/api/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
          body: JSON.stringify({ code: invite.code }),
        }).then((response) => response.status);
      expect([await joinFrom('198.51.100.1'), await joinFrom('198.51.100.1'), await joinFrom('198.51.100.1')]).toEqual([
        200, 200, 429,
      ]);
      expect(await joinFrom('198.51.100.2')).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('on uploads of music and imports', async () => {
    const server = await startServer({ ONDECK_UPLOAD_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const event = await createTestEvent(server, 'uploads');
      const upload = (frequency: number) =>
        fetch(`${server.url}/api/events/uploads/files`, {
          method: 'POST',
          headers: { authorization: `Bearer ${event.organizerToken}` },
          body: toneWav({ seconds: 0.1, frequency }),
        });
      expect((await upload(440)).status).toBe(201);
      expect((await upload(494)).status).toBe(201);
      const refused = await upload(523);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('RATE_LIMITED');

      const importCsv = () =>
        fetch(`${server.url}/api/events/uploads/imports?format=csv&name=a.csv`, {
          method: 'POST',
          headers: { authorization: `Bearer ${event.organizerToken}` },
          body: 'Lead\nAnn Smith\n',
        }).then((response) => response.status);
      expect([await importCsv(), await importCsv(), await importCsv()]).toEqual([201, 201, 429]);
    } finally {
      await server.close();
    }
  });
});
