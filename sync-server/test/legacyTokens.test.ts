import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, type JoinResponse, syncRoomName } from '@ondeck/shared';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexDatabase } from '../src/catalog/indexDatabase.ts';
import { nextClose, stockProvider, waitForSynced } from './support/clients.ts';
import { api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

const OLD_SECRET = 'the-hs256-secret-a-server-generated-before-the-move';
const seconds = () => Math.floor(Date.now() / 1000);

/** A token exactly as the HS256 version of the server signed it when a device joined. */
function oldToken(secret: string, claims: { ev: string; jti: string; iat: number; exp: number }): Promise<string> {
  return new SignJWT({ ev: claims.ev, role: 'organizer' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setJti(claims.jti)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(secret));
}

describe('a server upgraded from HS256 tokens', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-upgraded-'));
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    // The index database as the HS256 version left it: its generated secret in the settings.
    const before = new IndexDatabase(dataDir);
    before.db.prepare("INSERT INTO settings (key, value) VALUES ('signing_secret', ?)").run(OLD_SECRET);
    before.close();
    server = await startServer({}, { dataDir });
    event = await createTestEvent(server, 'upgraded');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const syncs = async (token: string) => {
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), token);
    try {
      const synced = waitForSynced(provider).then(
        () => 'synced' as const,
        () => 'not synced' as const,
      );
      return await Promise.race([synced, nextClose(provider)]);
    } finally {
      provider.destroy();
    }
  };
  const invitesWith = (token: string) => api(server, 'GET', `/api/events/${event.id}/invites`, undefined, token);

  it('keeps accepting a device’s old token until it expires, then refuses it', async () => {
    const invite = await event.inviteFor('organizer');
    const iat = seconds() - 86_400;
    const valid = await oldToken(OLD_SECRET, { ev: event.id, jti: invite.id, iat, exp: seconds() + 600 });
    expect(await syncs(valid)).toBe('synced');
    expect((await invitesWith(valid)).status).toBe(200);

    const expired = await oldToken(OLD_SECRET, { ev: event.id, jti: invite.id, iat, exp: seconds() - 1 });
    expect(await syncs(expired)).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'the token has expired' });
    expect(await invitesWith(expired)).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHORIZED', message: 'an event token is required: the token has expired' } },
    });
  });

  it('revokes an old token by its invite like a new one', async () => {
    const invite = await event.inviteFor('organizer');
    const token = await oldToken(OLD_SECRET, { ev: event.id, jti: invite.id, iat: seconds(), exp: seconds() + 600 });
    expect(await syncs(token)).toBe('synced');
    const revoked = await api(
      server,
      'DELETE',
      `/api/events/${event.id}/invites/${invite.id}`,
      undefined,
      event.organizerToken,
    );
    expect(revoked.status).toBe(200);
    expect(await syncs(token)).toMatchObject({ code: CloseCode.TOKEN_REVOKED });
    expect((await invitesWith(token)).status).toBe(401);
  });

  it('issues only Ed25519 tokens from now on, and refuses HS256 tokens no old one could be', async () => {
    const invite = await event.inviteFor('judge', 'j1');
    const joined = await api<JoinResponse>(server, 'POST', '/api/join', { code: invite.code });
    expect(decodeProtectedHeader(joined.body.token)).toMatchObject({ alg: 'Ed25519', kid: expect.any(String) });
    expect(decodeProtectedHeader(event.organizerToken).alg).toBe('Ed25519');

    // Signed with the old secret but living past every token it signed: a forgery with a leaked secret.
    const farFuture = seconds() + (server.config.tokenTtlDays + 1) * 86_400;
    const forged = await oldToken(OLD_SECRET, { ev: event.id, jti: 'forged', iat: seconds(), exp: farFuture });
    expect(await syncs(forged)).toEqual({
      code: CloseCode.UNAUTHORIZED,
      reason: 'the token was not signed by this server',
    });
  });

  it('records once how long old tokens are accepted, so restarts do not stretch it', () => {
    const ttl = 60 * 86_400;
    const dir = mkdtempSync(join(tmpdir(), 'ondeck-legacy-window-'));
    const catalog = new IndexDatabase(dir);
    try {
      expect(catalog.legacyTokenSecret(undefined, ttl)).toBeUndefined();
      const first = catalog.legacyTokenSecret('a-configured-secret-of-32-characters', ttl, 1_000_000_000_000);
      expect(first).toEqual({ secret: 'a-configured-secret-of-32-characters', acceptUntil: 1_000_000_000 + ttl });
      const later = catalog.legacyTokenSecret('a-configured-secret-of-32-characters', ttl, 1_000_900_000_000);
      expect(later?.acceptUntil).toBe(1_000_000_000 + ttl);
    } finally {
      catalog.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ONDECK_SECRET after the move', () => {
  it('verifies tokens signed with it and signs nothing', async () => {
    const secret = 'a-configured-hs256-secret-0123456789';
    const server = await startServer({ ONDECK_SECRET: secret });
    try {
      const event = await createTestEvent(server, 'configured');
      expect(decodeProtectedHeader(event.organizerToken).alg).toBe('Ed25519');
      const invite = await event.inviteFor('organizer');
      const token = await oldToken(secret, { ev: event.id, jti: invite.id, iat: seconds(), exp: seconds() + 600 });
      expect((await api(server, 'GET', `/api/events/${event.id}/invites`, undefined, token)).status).toBe(200);
      const other = await oldToken(OLD_SECRET, { ev: event.id, jti: invite.id, iat: seconds(), exp: seconds() + 600 });
      expect((await api(server, 'GET', `/api/events/${event.id}/invites`, undefined, other)).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
