import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  checkTokenClaims,
  isSlug,
  type PublicKeySet,
  type PublicSigningKey,
  type Role,
  type TokenClaims,
} from '@ondeck/shared';
import { calculateJwkThumbprint, decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { ApiErrors } from '../errors.ts';
import { SIGNING_ALG } from './signingKey.ts';

export type TokenProblem =
  | 'missing'
  | 'malformed'
  | 'bad-signature'
  | 'untrusted-key'
  | 'out-of-scope'
  | 'expired'
  | 'revoked';

export interface AcceptedToken {
  ok: true;
  claims: TokenClaims;
  /** Who signed it: `OWN_ISSUER`, or the issuer its key was trusted as. */
  issuer: string;
}

export type TokenCheck = AcceptedToken | { ok: false; problem: TokenProblem; reason: string };

/** The events a trusted key may sign tokens for. */
export type KeyScope = 'all' | readonly string[];

/** This server's own key in the trust set: it speaks for every event the server holds. */
export const OWN_ISSUER = 'this server';

export interface TokenServiceOptions {
  /** This server's Ed25519 private key: it signs every new token. */
  signingKey: KeyObject;
  /**
   * The HS256 secret of the tokens issued before the move to Ed25519. It only verifies, and
   * only tokens expiring by `acceptUntil` (seconds): no token it signed lives longer.
   */
  legacy?: { secret: string; acceptUntil: number };
  revokedInviteIds: Iterable<string>;
  ttlSeconds: number;
}

interface TrustedKey {
  key: KeyObject;
  events: 'all' | ReadonlySet<string>;
  issuer: string;
}

const MAX_TOKEN_LENGTH = 4096;
const MAX_ISSUER_LENGTH = 60;
/** Base64url of the 32 bytes of an Ed25519 public key. */
const ED25519_X = /^[A-Za-z0-9_-]{43}$/;

/**
 * Event tokens: JWTs carrying event, role, person and the invite id (`jti`), signed Ed25519 with
 * this server's key and named by its `kid`. A token is accepted when its `kid` is in the trust
 * set — this server's own key, and any key trusted with `trust()` for the events it may speak
 * for — so a server that only verifies (a venue) holds public keys alone. Revocation is by
 * invite, whoever signed: the revoked invite ids are held in memory, loaded from the index
 * database at start and updated when an organiser revokes one.
 */
export class TokenService {
  private readonly trusted = new Map<string, TrustedKey>();
  private readonly revoked: Set<string>;
  private readonly legacy: { key: Uint8Array; acceptUntil: number } | undefined;
  private readonly signingKey: KeyObject;
  private readonly ttlSeconds: number;

  private constructor(
    options: TokenServiceOptions,
    /** The kid of this server's key: the RFC 7638 thumbprint of its public JWK. */
    readonly kid: string,
    private readonly ownJwk: PublicSigningKey,
  ) {
    this.signingKey = options.signingKey;
    this.ttlSeconds = options.ttlSeconds;
    this.revoked = new Set(options.revokedInviteIds);
    this.legacy = options.legacy && {
      key: new TextEncoder().encode(options.legacy.secret),
      acceptUntil: options.legacy.acceptUntil,
    };
    this.trusted.set(kid, { key: createPublicKey(options.signingKey), events: 'all', issuer: OWN_ISSUER });
  }

  static async create(options: TokenServiceOptions): Promise<TokenService> {
    if (options.signingKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be Ed25519');
    const { x } = createPublicKey(options.signingKey).export({ format: 'jwk' });
    if (typeof x !== 'string') throw new Error('the signing key has no public part');
    const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
    return new TokenService(options, kid, { kty: 'OKP', crv: 'Ed25519', x, kid, alg: SIGNING_ALG, use: 'sig' });
  }

  /** This server's public keys, as a JWKS: what another server trusts to verify its tokens. */
  publicKeys(): PublicKeySet {
    return { keys: [{ ...this.ownJwk }] };
  }

  /**
   * Trusts another server's public key (a JWK, e.g. from its `GET /api/keys`) to sign tokens for
   * `events`, or for every event. Trusting a key again replaces its scope. Returns its kid.
   * Throws `INVALID_PUBLIC_KEY` or `INVALID_KEY_SCOPE`.
   */
  async trust(publicJwk: unknown, scope: { events: KeyScope; issuer: string }): Promise<string> {
    const x = ed25519PublicX(publicJwk);
    const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
    const given = (publicJwk as { kid?: unknown }).kid;
    if (given !== undefined && given !== kid)
      throw new ApiErrors.INVALID_PUBLIC_KEY('the key’s "kid" is not its thumbprint (RFC 7638)');
    if (kid === this.kid)
      throw new ApiErrors.INVALID_PUBLIC_KEY('that is this server’s own key; it already speaks for every event');
    const { events, issuer } = scope;
    if (typeof issuer !== 'string' || !/^[\x20-\x7e]+$/.test(issuer) || issuer.length > MAX_ISSUER_LENGTH)
      throw new ApiErrors.INVALID_KEY_SCOPE(`the issuer is 1–${MAX_ISSUER_LENGTH} printable ASCII characters`);
    const eventIds = (list: unknown): list is string[] =>
      Array.isArray(list) && list.length > 0 && list.every((id) => typeof id === 'string' && isSlug(id));
    if (events !== 'all' && !eventIds(events))
      throw new ApiErrors.INVALID_KEY_SCOPE('a trusted key speaks for "all" events or a list of event ids');
    this.trusted.set(kid, {
      key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }),
      events: events === 'all' ? 'all' : new Set(events),
      issuer,
    });
    return kid;
  }

  async sign(input: { eventId: string; role: Role; personId?: string; inviteId: string }, now = Date.now()) {
    const iat = Math.floor(now / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({
      ev: input.eventId,
      role: input.role,
      ...(input.personId === undefined ? {} : { sub: input.personId }),
    })
      .setProtectedHeader({ alg: SIGNING_ALG, typ: 'JWT', kid: this.kid })
      .setJti(input.inviteId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.signingKey);
    return { token, expiresAt: exp };
  }

  async verify(token: string | undefined | null, now = Date.now()): Promise<TokenCheck> {
    if (!token) return { ok: false, problem: 'missing', reason: 'no token was given' };
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, problem: 'malformed', reason: 'the token is too long' };
    let header: { alg?: unknown; kid?: unknown };
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return { ok: false, problem: 'malformed', reason: 'the token is malformed' };
    }
    // NOTE: the header picks the path, and each path verifies with one algorithm and its own
    // kind of key, so no header can make a public key serve as an HMAC secret (or `none` pass).
    if (header.alg === SIGNING_ALG) return this.verifySigned(token, header.kid, now);
    if (header.alg === 'HS256') return this.verifyLegacy(token, now);
    return { ok: false, problem: 'malformed', reason: 'the token is malformed: its algorithm is not accepted here' };
  }

  revoke(inviteId: string): void {
    this.revoked.add(inviteId);
  }

  private async verifySigned(token: string, kid: unknown, now: number): Promise<TokenCheck> {
    if (typeof kid !== 'string')
      return { ok: false, problem: 'malformed', reason: 'the token is malformed: it names no key ("kid")' };
    const trusted = this.trusted.get(kid);
    if (!trusted)
      return {
        ok: false,
        problem: 'untrusted-key',
        reason: 'the token was signed by a key this server does not trust',
      };
    const checked = await this.check(token, { key: trusted.key, algorithm: SIGNING_ALG, issuer: trusted.issuer, now });
    if (!checked.ok || trusted.events === 'all' || trusted.events.has(checked.claims.ev)) return checked;
    return {
      ok: false,
      problem: 'out-of-scope',
      reason: `the key of ${trusted.issuer} may not sign for event "${checked.claims.ev}"`,
    };
  }

  private async verifyLegacy(token: string, now: number): Promise<TokenCheck> {
    if (!this.legacy) return { ok: false, problem: 'bad-signature', reason: 'the token was not signed by this server' };
    const checked = await this.check(token, { key: this.legacy.key, algorithm: 'HS256', issuer: OWN_ISSUER, now });
    if (!checked.ok || checked.claims.exp <= this.legacy.acceptUntil) return checked;
    // Signed with the secret, yet it outlives every token the secret ever signed: forged.
    return { ok: false, problem: 'bad-signature', reason: 'the token was not signed by this server' };
  }

  private async check(
    token: string,
    { key, algorithm, issuer, now }: { key: KeyObject | Uint8Array; algorithm: string; issuer: string; now: number },
  ): Promise<TokenCheck> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: [algorithm], currentDate: new Date(now) }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, problem: 'expired', reason: 'the token has expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        const signer = issuer === OWN_ISSUER ? issuer : `the key of ${issuer}`;
        return { ok: false, problem: 'bad-signature', reason: `the token was not signed by ${signer}` };
      }
      return { ok: false, problem: 'malformed', reason: 'the token is malformed' };
    }
    const checked = checkTokenClaims(payload);
    if (!checked.ok) return { ok: false, problem: 'malformed', reason: `the token is malformed: ${checked.reason}` };
    if (this.revoked.has(checked.claims.jti))
      return { ok: false, problem: 'revoked', reason: 'the invite behind this token was revoked' };
    return { ...checked, issuer };
  }
}

/** The `x` of a public Ed25519 JWK; anything else (a private key above all) is refused. */
function ed25519PublicX(jwk: unknown): string {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    throw new ApiErrors.INVALID_PUBLIC_KEY('a trusted key is a JWK object');
  const { kty, crv, x, d, alg } = jwk as Record<string, unknown>;
  if (d !== undefined) throw new ApiErrors.INVALID_PUBLIC_KEY('that JWK holds a private key; give only the public key');
  if (kty !== 'OKP' || crv !== 'Ed25519')
    throw new ApiErrors.INVALID_PUBLIC_KEY('a trusted key is an Ed25519 public key (kty "OKP", crv "Ed25519")');
  if (alg !== undefined && alg !== SIGNING_ALG)
    throw new ApiErrors.INVALID_PUBLIC_KEY(`a trusted key is for "${SIGNING_ALG}" signatures`);
  if (typeof x !== 'string' || !ED25519_X.test(x))
    throw new ApiErrors.INVALID_PUBLIC_KEY('the key’s "x" is not 32 bytes of base64url');
  return x;
}
