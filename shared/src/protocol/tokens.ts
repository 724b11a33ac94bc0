import { isRecordId, isSlug } from './ids.ts';
import { isRole, type Principal, type Role } from './roles.ts';

/**
 * Claims of an event token: a JWT signed Ed25519 by a server's key, named in its header by `kid`
 * (tokens issued before that were HS256 with the server's secret, accepted until they expire).
 * `jti` is the id of the invite the token came from: revoking the invite revokes every token it
 * issued.
 */
export interface TokenClaims {
  /** Event id. */
  ev: string;
  role: Role;
  /** Person id: required for a judge (the judge it is bound to), optional otherwise. */
  sub?: string;
  /** Invite id. */
  jti: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Checks decoded JWT claims; returns a reason when they are not ondeck event claims. */
export function checkTokenClaims(
  payload: Record<string, unknown>,
): { ok: true; claims: TokenClaims } | { ok: false; reason: string } {
  const { ev, role, sub, jti, iat, exp } = payload;
  if (typeof ev !== 'string' || !isSlug(ev)) return { ok: false, reason: 'claim "ev" is not an event id' };
  if (!isRole(role)) return { ok: false, reason: 'claim "role" is not a role' };
  if (sub !== undefined && (typeof sub !== 'string' || !isRecordId(sub)))
    return { ok: false, reason: 'claim "sub" is not a person id' };
  if (role === 'judge' && sub === undefined) return { ok: false, reason: 'a judge token names its judge in "sub"' };
  if (typeof jti !== 'string' || !isRecordId(jti)) return { ok: false, reason: 'claim "jti" is not an invite id' };
  if (typeof iat !== 'number' || typeof exp !== 'number')
    return { ok: false, reason: 'claims "iat" and "exp" are required' };
  return { ok: true, claims: { ev, role, ...(sub === undefined ? {} : { sub }), jti, iat, exp } };
}

/** Who a token's holder acts as: its role and, when it names one, its person. */
export function principalOf(claims: TokenClaims): Principal {
  return { role: claims.role, ...(claims.sub === undefined ? {} : { personId: claims.sub }) };
}

/** A public key that signs event tokens, as a JWK; `kid` is its RFC 7638 thumbprint. */
export interface PublicSigningKey {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The public key, base64url. */
  x: string;
  kid: string;
  alg: 'Ed25519';
  use: 'sig';
}

/** `GET /api/keys`: a JSON Web Key Set of public keys only. */
export interface PublicKeySet {
  keys: PublicSigningKey[];
}
