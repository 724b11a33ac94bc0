import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isServerPath } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiErrors } from '../errors.ts';

/** Files whose names carry a hash of their content (relative to the client's folder): Vite's assets, the worker's runtime. */
const HASHED = /^assets[\\/]|^workbox-[0-9a-f]{8}\.js(?:\.br|\.gz)?$/;

/**
 * Serves the built client on the same port as the API and sync, with the single-page app's
 * fallback: any other GET that wants HTML gets `index.html`, so deep links work.
 *
 * Text files go out compressed when the browser accepts it: the build wrote a brotli and a gzip
 * copy of each (`client/build/precompress.ts`), so nothing is compressed per request;
 * `Vary: Accept-Encoding` keeps caches from mixing them up.
 */
export const clientPlugin = fp(async (app: FastifyInstance, { clientDir }: { clientDir: string | null }) => {
  const hasClient = clientDir !== null && existsSync(join(clientDir, 'index.html'));
  if (hasClient) {
    // NOTE: loaded only when there is a client to serve: @fastify/static and what it pulls in
    // (glob, send, mime) take about 2 MiB resident (imported alone after the server's other
    // packages; issue 19).
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, {
      root: clientDir,
      wildcard: true,
      preCompressed: true,
      setHeaders(res, path) {
        // Hashed build assets never change; everything else (index.html, the service worker,
        // the manifest) must be revalidated so a new version is noticed.
        const hashed = HASHED.test(relative(clientDir, path));
        res.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ clientDir }, 'no built client found; serving the API and sync only');
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (hasClient && request.method === 'GET' && !isServerPath(path) && !/\.\w+$/.test(path)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.send(new ApiErrors.NOT_FOUND(`${request.method} ${path}`));
  });
});
