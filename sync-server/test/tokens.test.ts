import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { OWN_ISSUER, type TokenCheck, TokenService } from '../src/auth/tokens.ts';
import { AppError } from '../src/errors.ts';

const TTL = 3600;
const LEGACY_SECRET = 'an-old-hs256-secret-of-more-than-32-chars';
const now = () => Math.floor(Date.now() / 1000);
const organizerOf = (eventId: string, inviteId = 'inv1') => ({ eventId, role: 'organizer' as const, inviteId });

function service(options: { legacy?: { secret: string; acceptUntil: number }; revoked?: string[] } = {}) {
  return TokenService.create({
    signingKey: generateKeyPairSync('ed25519').privateKey,
    ...(options.legacy ? { legacy: options.legacy } : {}),
    revokedInviteIds: options.revoked ?? [],
    ttlSeconds: TTL,
  });
}

/** A token with the claims the server issues, signed however a test wants. */
function forge(
  key: KeyObject | Uint8Array,
  header: { alg: string; kid?: string; jwk?: JWK },
  claims: { ev?: string; jti?: string; iat?: number; exp?: number } = {},
): Promise<string> {
  const iat = claims.iat ?? now();
  return new SignJWT({ ev: claims.ev ?? 'autumn-ball', role: 'organizer' })
    .setProtectedHeader({ typ: 'JWT', ...header })
    .setJti(claims.jti ?? 'inv1')
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 600)
    .sign(key);
}

function refusal(check: TokenCheck) {
  if (check.ok) throw new Error(`the token was accepted: ${JSON.stringify(check.claims)}`);
  return { problem: check.problem, reason: check.reason };
}

describe('event tokens', () => {
  it('are signed Ed25519 and name this server’s key by its thumbprint', async () => {
    const tokens = await service();
    const { token, expiresAt } = await tokens.sign({ ...organizerOf('autumn-ball'), personId: 'p1' });
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: 'Ed25519', typ: 'JWT', kid: tokens.kid });
    const [published] = tokens.publicKeys().keys;
    const { kid: _kid, alg: _alg, use: _use, ...jwk } = published ?? {};
    expect(await calculateJwkThumbprint(jwk as JWK)).toBe(tokens.kid);

    const check = await tokens.verify(token);
    expect(check).toEqual({
      ok: true,
      issuer: OWN_ISSUER,
      claims: { ev: 'autumn-ball', role: 'organizer', sub: 'p1', jti: 'inv1', iat: expiresAt - TTL, exp: expiresAt },
    });
  });

  it('refuses a token signed by another key pair, whatever key its header names or carries', async () => {
    const tokens = await service();
    const other = generateKeyPairSync('ed25519');
    const otherJwk = other.publicKey.export({ format: 'jwk' }) as JWK;
    const otherKid = await calculateJwkThumbprint(otherJwk);

    expect(refusal(await tokens.verify(await forge(other.privateKey, { alg: 'Ed25519', kid: otherKid })))).toEqual({
      problem: 'untrusted-key',
      reason: 'the token was signed by a key this server does not trust',
    });
    // Naming this server's key does not make another key's signature this server's.
    expect(refusal(await tokens.verify(await forge(other.privateKey, { alg: 'Ed25519', kid: tokens.kid })))).toEqual({
      problem: 'bad-signature',
      reason: 'the token was not signed by this server',
    });
    // A key embedded in the header is never used.
    const embedded = await forge(other.privateKey, { alg: 'Ed25519', kid: otherKid, jwk: otherJwk });
    expect(refusal(await tokens.verify(embedded)).problem).toBe('untrusted-key');
    const noKid = await forge(other.privateKey, { alg: 'Ed25519' });
    expect(refusal(await tokens.verify(noKid)).reason).toMatch(/names no key/);
  });

  it('refuses alg none, other algorithms, and HMAC tokens keyed with the public key (algorithm confusion)', async () => {
    for (const legacy of [undefined, { secret: LEGACY_SECRET, acceptUntil: now() + TTL }]) {
      const tokens = await service(legacy ? { legacy } : {});
      const { token } = await tokens.sign(organizerOf('autumn-ball'));
      const [, payload] = token.split('.');
      const [published] = tokens.publicKeys().keys;
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: published?.x }, format: 'jwk' });
      const encoder = new TextEncoder();

      const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: tokens.kid })).toString('base64url')}.${payload}.`;
      expect(refusal(await tokens.verify(none))).toEqual({
        problem: 'malformed',
        reason: 'the token is malformed: its algorithm is not accepted here',
      });
      const asEdDsa = await forge(generateKeyPairSync('ed25519').privateKey, { alg: 'EdDSA', kid: tokens.kid });
      expect(refusal(await tokens.verify(asEdDsa)).reason).toMatch(/algorithm is not accepted/);
      const es256 = await forge(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, {
        alg: 'ES256',
        kid: tokens.kid,
      });
      expect(refusal(await tokens.verify(es256)).reason).toMatch(/algorithm is not accepted/);

      // Every form of the public key an attacker could feed an HMAC as its secret.
      const hmacKeys = [
        Buffer.from(published?.x ?? '', 'base64url'),
        publicKey.export({ format: 'der', type: 'spki' }),
        encoder.encode(publicKey.export({ format: 'pem', type: 'spki' }).toString()),
        encoder.encode(JSON.stringify(published)),
        encoder.encode(published?.x ?? ''),
      ];
      for (const hmacKey of hmacKeys) {
        for (const header of [{ alg: 'HS256', kid: tokens.kid }, { alg: 'HS256' }]) {
          const confused = await forge(new Uint8Array(hmacKey), header);
          expect(refusal(await tokens.verify(confused))).toEqual({
            problem: 'bad-signature',
            reason: 'the token was not signed by this server',
          });
        }
      }
    }
  });

  it('revokes by invite id, whichever way the token was signed', async () => {
    const tokens = await service({ legacy: { secret: LEGACY_SECRET, acceptUntil: now() + TTL } });
    const signed = (await tokens.sign(organizerOf('autumn-ball', 'gone'))).token;
    const hs256 = await forge(new TextEncoder().encode(LEGACY_SECRET), { alg: 'HS256' }, { jti: 'gone' });
    const kept = await forge(new TextEncoder().encode(LEGACY_SECRET), { alg: 'HS256' }, { jti: 'kept' });
    expect((await tokens.verify(signed)).ok).toBe(true);
    expect((await tokens.verify(hs256)).ok).toBe(true);

    tokens.revoke('gone');
    for (const token of [signed, hs256]) {
      expect(refusal(await tokens.verify(token))).toEqual({
        problem: 'revoked',
        reason: 'the invite behind this token was revoked',
      });
    }
    expect((await tokens.verify(kept)).ok).toBe(true);
    const loaded = await service({ legacy: { secret: LEGACY_SECRET, acceptUntil: now() + TTL }, revoked: ['gone'] });
    expect(refusal(await loaded.verify(hs256)).problem).toBe('revoked');
  });
});

describe('HS256 tokens issued before the move to Ed25519', () => {
  const secret = new TextEncoder().encode(LEGACY_SECRET);

  it('are accepted until they expire, and never issued', async () => {
    const acceptUntil = now() + TTL;
    const tokens = await service({ legacy: { secret: LEGACY_SECRET, acceptUntil } });
    const exp = now() + 600;
    const old = await forge(secret, { alg: 'HS256' }, { iat: now() - 60, exp });
    expect(await tokens.verify(old)).toMatchObject({ ok: true, issuer: OWN_ISSUER, claims: { jti: 'inv1' } });
    expect((await tokens.verify(old, (exp - 1) * 1000)).ok).toBe(true);
    expect(refusal(await tokens.verify(old, exp * 1000))).toEqual({
      problem: 'expired',
      reason: 'the token has expired',
    });
    expect(decodeProtectedHeader((await tokens.sign(organizerOf('autumn-ball'))).token).alg).toBe('Ed25519');
  });

  it('are refused when they outlive every token the old secret signed, or when there is no old secret', async () => {
    const acceptUntil = now() + 600;
    const tokens = await service({ legacy: { secret: LEGACY_SECRET, acceptUntil } });
    expect((await tokens.verify(await forge(secret, { alg: 'HS256' }, { exp: acceptUntil }))).ok).toBe(true);
    const outliving = await forge(secret, { alg: 'HS256' }, { exp: acceptUntil + 1 });
    expect(refusal(await tokens.verify(outliving)).problem).toBe('bad-signature');

    const fresh = await service();
    expect(refusal(await fresh.verify(await forge(secret, { alg: 'HS256' })))).toEqual({
      problem: 'bad-signature',
      reason: 'the token was not signed by this server',
    });
  });
});

describe('trusted keys', () => {
  async function otherServer() {
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = await TokenService.create({ signingKey: privateKey, revokedInviteIds: [], ttlSeconds: TTL });
    const [jwk] = other.publicKeys().keys;
    return { other, jwk };
  }

  it('accept another server’s tokens only for the events they were trusted for', async () => {
    const tokens = await service();
    const { other, jwk } = await otherServer();
    const forA = (await other.sign(organizerOf('event-a'))).token;
    const forB = (await other.sign(organizerOf('event-b'))).token;
    expect(refusal(await tokens.verify(forA)).problem).toBe('untrusted-key');

    const kid = await tokens.trust(jwk, { events: ['event-a'], issuer: 'the cloud' });
    expect(kid).toBe(other.kid);
    expect(await tokens.verify(forA)).toMatchObject({ ok: true, issuer: 'the cloud', claims: { ev: 'event-a' } });
    expect(refusal(await tokens.verify(forB))).toEqual({
      problem: 'out-of-scope',
      reason: 'the key of the cloud may not sign for event "event-b"',
    });

    // Trusting it again replaces its scope; "all" trusts it for every event.
    await tokens.trust(jwk, { events: ['event-b'], issuer: 'the cloud' });
    expect(refusal(await tokens.verify(forA)).problem).toBe('out-of-scope');
    expect((await tokens.verify(forB)).ok).toBe(true);
    await tokens.trust(jwk, { events: 'all', issuer: 'the cloud' });
    expect((await tokens.verify(forA)).ok).toBe(true);

    // Trusting a key gives it no say over this server's own: its signature still has to match.
    const { privateKey: third } = generateKeyPairSync('ed25519');
    const posing = await forge(third, { alg: 'Ed25519', kid: other.kid }, { ev: 'event-a' });
    expect(refusal(await tokens.verify(posing))).toEqual({
      problem: 'bad-signature',
      reason: 'the token was not signed by the key of the cloud',
    });
  });

  it('refuse anything but an Ed25519 public key, a scope of event ids and a short issuer', async () => {
    const tokens = await service();
    const { jwk } = await otherServer();
    const privateJwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const ecJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const scope = { events: ['event-a'], issuer: 'the cloud' };
    const cases: Array<[unknown, { events: 'all' | string[]; issuer: string }, string, RegExp]> = [
      [privateJwk, scope, 'INVALID_PUBLIC_KEY', /holds a private key/],
      [ecJwk, scope, 'INVALID_PUBLIC_KEY', /Ed25519 public key/],
      [{ ...jwk, alg: 'EdDSA' }, scope, 'INVALID_PUBLIC_KEY', /"Ed25519" signatures/],
      [{ ...jwk, x: 'short' }, scope, 'INVALID_PUBLIC_KEY', /32 bytes/],
      [{ ...jwk, kid: 'chosen-by-the-sender' }, scope, 'INVALID_PUBLIC_KEY', /not its thumbprint/],
      ['a string', scope, 'INVALID_PUBLIC_KEY', /JWK object/],
      [tokens.publicKeys().keys[0], scope, 'INVALID_PUBLIC_KEY', /own key/],
      [jwk, { events: [], issuer: 'the cloud' }, 'INVALID_KEY_SCOPE', /event ids/],
      [jwk, { events: ['../etc'], issuer: 'the cloud' }, 'INVALID_KEY_SCOPE', /event ids/],
      [jwk, { events: ['event-a'], issuer: '' }, 'INVALID_KEY_SCOPE', /issuer/],
      [jwk, { events: ['event-a'], issuer: 'x'.repeat(61) }, 'INVALID_KEY_SCOPE', /issuer/],
      [jwk, { events: [5] as unknown as string[], issuer: 'the cloud' }, 'INVALID_KEY_SCOPE', /event ids/],
      [jwk, { events: 'event-a' as 'all', issuer: 'the cloud' }, 'INVALID_KEY_SCOPE', /event ids/],
    ];
    for (const [key, keyScope, code, message] of cases) {
      const error = await tokens.trust(key, keyScope).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(message)).toBeInstanceOf(AppError);
      expect((error as AppError).code, String(message)).toBe(code);
      expect((error as AppError).message, String(message)).toMatch(message);
      expect((error as AppError).message).not.toContain(String(privateJwk.d));
    }
  });
});
