import {
  API_ROUTES,
  type ApiRoute,
  type ApiRouteName,
  type EventSummary,
  type Role,
  type TokenClaims,
} from '@ondeck/shared';
import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/tokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import { ApiErrors } from '../errors.ts';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export function requireAdmin(request: FastifyRequest, catalog: IndexDatabase, configured?: string): void {
  const token = bearer(request);
  if (!token) throw new ApiErrors.UNAUTHORIZED('an admin token is required (Authorization: Bearer <admin token>)');
  if (!catalog.checkAdminToken(token, configured)) throw new ApiErrors.UNAUTHORIZED('the admin token is not valid');
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
    if (check.problem === 'revoked') throw new ApiErrors.TOKEN_REVOKED(check.reason);
    throw new ApiErrors.UNAUTHORIZED(`an event token is required: ${check.reason}`);
  }
  if (check.claims.ev !== eventId) throw new ApiErrors.FORBIDDEN('this token is for another event');
  return check.claims;
}

/**
 * The claims of a token of this event whose role may call route `name`: the roles its entry in
 * the route table names as its caller. `refusal` says, for a role that may not, why.
 */
export async function requireCaller(
  request: FastifyRequest,
  tokens: TokenService,
  name: ApiRouteName,
  eventId: string,
  refusal: (role: Role) => string,
  queryToken?: string,
): Promise<TokenClaims> {
  const claims = await requireEventToken(request, tokens, eventId, queryToken);
  const { caller }: ApiRoute = API_ROUTES[name];
  if (typeof caller !== 'object' || !caller.roles.includes(claims.role))
    throw new ApiErrors.FORBIDDEN(refusal(claims.role));
  return claims;
}

export function requireKnownEvent(catalog: IndexDatabase, eventId: string): EventSummary {
  const event = catalog.getEvent(eventId);
  if (!event) throw new ApiErrors.UNKNOWN_EVENT('no such event here');
  return event;
}
