import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../http/routeTable.ts';
import type { TokenService } from './tokens.ts';

/**
 * `GET /api/keys`: this server's token-verifying public keys as a JWKS, for another server (a
 * venue) to trust. Public by nature, so it needs no token; it never holds private material.
 */
export async function keyRoutes(app: FastifyInstance, { tokens }: { tokens: TokenService }) {
  apiRoute(app, 'publicKeys', async (_request, reply) => {
    // NOTE: a key changes only when an operator replaces it; an hour's caching is harmless.
    reply.header('cache-control', 'public, max-age=3600');
    return tokens.publicKeys();
  });
}
