import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { canRead, type DocName, parseDocName, principalOf } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { ApiErrors } from '../../errors.ts';
import { requireEventToken, requireKnownEvent } from '../auth.ts';
import { withEventDocument } from '../eventDocument.ts';
import { apiRoute } from '../routeTable.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * NOTE: brotli at its best quality runs in libuv's thread pool, once per document version
 * (cached in the room), so the event loop never waits for it and a thousand devices fetching
 * the same version share one compression.
 */
const COMPRESSORS: Record<string, (data: Uint8Array) => Promise<Buffer>> = {
  br: (data) =>
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => gzipAsync(data, { level: 9 }),
};

function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  const offered = (accept ?? '').toLowerCase();
  if (/\bbr\b/.test(offered)) return 'br';
  if (/\bgzip\b/.test(offered)) return 'gzip';
  return null;
}

/**
 * A document's whole state over HTTP: a new device's first copy, compressed and cacheable by
 * version, before its socket sends only the rest.
 */
export async function docStateRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  apiRoute(app, 'docState', async (request, reply) => {
    const { eventId } = request.params;
    const docName = request.params['*'];
    if (!parseDocName(docName)) throw new ApiErrors.INVALID_DOCUMENT();
    const claims = await requireEventToken(request, context.tokens, eventId);
    if (!canRead(principalOf(claims), docName))
      throw new ApiErrors.FORBIDDEN(`a ${claims.role} token may not read ${docName}`);
    requireKnownEvent(context.catalog, eventId);

    return withEventDocument(context.sync.registry, request.log, eventId, docName as DocName, async (room) => {
      const etag = room.etag();
      reply.header('ETag', etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Accept-Encoding');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const encoding = pickEncoding(request.headers['accept-encoding']);
      reply.type('application/octet-stream');
      if (!encoding) return reply.send(Buffer.from(room.encodedState()));
      const body = await room.compressedState(encoding, COMPRESSORS[encoding] as (d: Uint8Array) => Promise<Buffer>);
      return reply.header('Content-Encoding', encoding).send(body);
    });
  });
}
