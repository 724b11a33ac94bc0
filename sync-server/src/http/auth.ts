import type { TokenClaims } from '@ondeck/shared';
import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/tokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import { AppError, forbidden, unauthorized } from '../errors.ts';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export function requireAdmin(request: FastifyRequest, catalog: IndexDatabase, configured?: string): void {
  const token = bearer(request);
  if (!token) throw unauthorized('an admin token is required (Authorization: Bearer <admin token>)');
  if (!catalog.checkAdminToken(token, configured)) throw unauthorized('the admin token is not valid');
}

/**
 * The claims of a valid, unrevoked token for this event. `queryToken` (a `?token=` parameter)
 * stands in for the header where a browser cannot send one: an `<audio src>`, a download link.
 */
export async function requireEventToken(
  request: FastifyRequest,
  tokens: TokenService,
  eventId: string,
  queryToken?: string,
): Promise<TokenClaims> {
  const check = await tokens.verify(bearer(request) ?? queryToken);
  if (!check.ok) {
    if (check.problem === 'revoked') throw new AppError('TOKEN_REVOKED', check.reason, 401);
    throw unauthorized(`an event token is required: ${check.reason}`);
  }
  if (check.claims.ev !== eventId) throw forbidden('this token is for another event');
  return check.claims;
}
