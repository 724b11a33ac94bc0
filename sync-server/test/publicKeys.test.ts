import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiPath, type JoinResponse, type PublicKeySet, syncRoomName } from '@ondeck/shared';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { api, createTestEvent, startServer } from './support/server.ts';

describe('GET /api/keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-keys-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the public key that verifies this server’s tokens, and nothing private', async () => {
    const server = await startServer({}, { dataDir });
    const response = await fetch(`${server.url}${apiPath('publicKeys', {})}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const text = await response.text();
    const jwks = JSON.parse(text) as PublicKeySet;
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(Object.keys(key ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(key).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'Ed25519',
      use: 'sig',
      kid: server.context.tokens.kid,
    });

    // The private key, in every form it is kept or could be written, is nowhere in the answer.
    const pem = server.context.catalog.signingKeyPem();
    const { d } = createPrivateKey(pem).export({ format: 'jwk' });
    const pemBody = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(d).toMatch(/^[\w-]{43}$/);
    for (const secret of [d as string, pemBody, Buffer.from(d as string, 'base64url').toString('hex')])
      expect(text).not.toContain(secret);

    // What a venue will do: verify a token of this server with nothing but the JWKS.
    const event = await createTestEvent(server, 'published');
    const { payload, protectedHeader } = await jwtVerify(event.organizerToken, createLocalJWKSet(jwks), {
      algorithms: ['Ed25519'],
    });
    expect(protectedHeader.kid).toBe(key?.kid);
    expect(payload).toMatchObject({ ev: 'published', role: 'organizer' });
    await server.close();

    // The key is kept: a restart publishes the same one, and tokens from before still work.
    const again = await startServer({}, { dataDir });
    expect(await api<PublicKeySet>(again, 'GET', apiPath('publicKeys', {}))).toEqual({ status: 200, body: jwks });
    const provider = stockProvider(again.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(provider);
    provider.destroy();
    await again.close();
  });

  it('serves the key ONDECK_SIGNING_KEY gives, which signs every new token', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const server = await startServer({ ONDECK_SIGNING_KEY: pem.replace(/\n/g, '\\n') });
    try {
      const jwks = (await api<PublicKeySet>(server, 'GET', apiPath('publicKeys', {}))).body;
      expect(jwks.keys.map((k) => k.x)).toEqual([publicKey.export({ format: 'jwk' }).x]);
      const event = await createTestEvent(server, 'configured-key');
      const judge = await event.tokenFor('judge', 'j1');
      for (const token of [event.organizerToken, judge.token]) {
        expect(decodeProtectedHeader(token).kid).toBe(jwks.keys[0]?.kid);
        await jwtVerify(token, publicKey, { algorithms: ['Ed25519'] });
      }
      const joined = await api<JoinResponse>(server, 'POST', '/api/join', {
        code: (await event.inviteFor('staff')).code,
      });
      await jwtVerify(joined.body.token, publicKey, { algorithms: ['Ed25519'] });
    } finally {
      await server.close();
    }
  });
});
