import { checkTokenClaims, type Role, type TokenClaims } from '@ondeck/shared';
import { errors, jwtVerify, SignJWT } from 'jose';

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; problem: 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'revoked'; reason: string };

/**
 * Event tokens: HS256 JWTs carrying event, role, person and the invite id (`jti`). Revocation
 * is by invite: the set of revoked invite ids is held in memory, loaded from the index
 * database at start and updated when an organiser revokes one.
 */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly revoked: Set<string>;

  constructor(
    secret: string,
    revokedInviteIds: Iterable<string>,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.revoked = new Set(revokedInviteIds);
  }

  async sign(input: { eventId: string; role: Role; personId?: string; inviteId: string }, now = Date.now()) {
    const iat = Math.floor(now / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({
      ev: input.eventId,
      role: input.role,
      ...(input.personId === undefined ? {} : { sub: input.personId }),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setJti(input.inviteId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp };
  }

  async verify(token: string | undefined | null): Promise<TokenCheck> {
    if (!token) return { ok: false, problem: 'missing', reason: 'no token was given' };
    if (token.length > 4096) return { ok: false, problem: 'malformed', reason: 'the token is too long' };
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, problem: 'expired', reason: 'the token has expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed)
        return { ok: false, problem: 'bad-signature', reason: 'the token was not signed by this server' };
      return { ok: false, problem: 'malformed', reason: 'the token is malformed' };
    }
    const checked = checkTokenClaims(payload);
    if (!checked.ok) return { ok: false, problem: 'malformed', reason: `the token is malformed: ${checked.reason}` };
    if (this.revoked.has(checked.claims.jti))
      return { ok: false, problem: 'revoked', reason: 'the invite behind this token was revoked' };
    return checked;
  }

  revoke(inviteId: string): void {
    this.revoked.add(inviteId);
  }
}
