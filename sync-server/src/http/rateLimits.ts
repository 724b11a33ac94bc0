import fastifyRateLimit from '@fastify/rate-limit';
import { type ApiRouteName, findApiRoute } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { ApiErrors } from '../errors.ts';

const MINUTE_MS = 60_000;

/**
 * Rate limits per client address (`request.ip`: behind a reverse proxy, the address it
 * forwards when `ONDECK_TRUST_PROXY` trusts it) on what costs the server most for what it
 * takes: joins — each signs a token and writes a row, and anyone with a printed public code can
 * call it — and uploads, each up to `ONDECK_MAX_UPLOAD_BYTES` or `ONDECK_MAX_IMPORT_BYTES` of
 * disk and storage. The rest are held by their token, and sync by its own per-connection limits.
 *
 * NOTE: per minute, with the whole minute's allowance as the burst, so a room of phones behind
 * one venue NAT scanning the printed code at once gets through (the default, 120 joins a
 * minute, is far above any doorway), and an organiser's bulk upload of an event's songs does.
 * Over the limit: 429 `RATE_LIMITED` with `Retry-After`.
 */
export const rateLimits = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const limits: Partial<Record<ApiRouteName, number>> = {
    join: config.joinRateLimitPerMinute,
    uploadFile: config.uploadRateLimitPerMinute,
    uploadImport: config.uploadRateLimitPerMinute,
  };
  // NOTE: added before the plugin's own onRoute hook (hooks run in order), which reads this.
  app.addHook('onRoute', (route) => {
    const name = [route.method].flat().map((method) => findApiRoute(method, route.url))[0];
    const max = name === undefined ? undefined : limits[name];
    if (max !== undefined) route.config = { ...route.config, rateLimit: { max, timeWindow: MINUTE_MS } };
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new ApiErrors.RATE_LIMITED(Math.ceil(context.ttl / 1000)),
  });
});
