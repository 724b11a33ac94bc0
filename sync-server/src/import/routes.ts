import { Readable } from 'node:stream';
import type { ImportFormat } from '@ondeck/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { requireEventToken } from '../http/auth.ts';
import { EVENT_ID_SCHEMA, EVENT_PARAMS } from '../http/schemas.ts';
import { EventFiles } from '../music/eventFiles.ts';
import { EventImports } from './eventImports.ts';
import { cleanFileName, IMPORT_ID_PATTERN, importTooLarge } from './pendingImports.ts';

type EventRequest = { Params: { eventId: string }; Querystring: { token?: string } };
type UploadRequest = {
  Params: { eventId: string };
  Querystring: { format: ImportFormat; name?: string; token?: string };
};
type ImportRequest = { Params: { eventId: string; importId: string }; Querystring: { token?: string } };

const TOKEN = { token: { type: 'string', maxLength: 4096 } } as const;
const TOKEN_QUERY = { type: 'object', additionalProperties: false, properties: TOKEN } as const;
const IMPORT_PARAMS = {
  type: 'object',
  properties: { eventId: EVENT_ID_SCHEMA, importId: { type: 'string', pattern: IMPORT_ID_PATTERN } },
} as const;

/**
 * Importing an event and taking its marks out (issue 14; README "Importing an event"), for the
 * organiser:
 * - `POST /api/events/:eventId/imports?format=showcase|csv&name=<file name>`: the file as the raw
 *   body (a Showcase `.sqlite3`, a ZIP of one with its storage folder, or the CSV template) →
 *   201 with its preview; nothing in the event changes yet;
 * - `GET /api/events/:eventId/imports`: uploads waiting, the Showcase database marks can go
 *   back into, and the size limit; `GET …/imports/:importId`: a preview again, against the
 *   event as it is now;
 * - `POST …/imports/:importId/commit`: brings it in; `DELETE …/imports/:importId`: drops it;
 * - `GET /api/events/:eventId/export/showcase.sqlite3` and `…/export/marks.csv`: the marks out.
 * Downloads take the token as `?token=` too, as a link in a browser must.
 */
export async function importRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const maxBytes = context.config.maxImportBytes;
  const imports = new EventImports({
    dataDir: context.config.dataDir,
    store: context.store,
    registry: context.sync.registry,
    files: new EventFiles(context.store),
    maxImportBytes: maxBytes,
    maxUploadBytes: context.config.maxUploadBytes,
    log: app.log,
  });

  // An upload is the file itself, whatever its Content-Type: every body reaches the route unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  const organizer = async (request: FastifyRequest & { query: { token?: string } }, eventId: string) => {
    const claims = await requireEventToken(request, context.tokens, eventId, request.query.token);
    if (claims.role !== 'organizer')
      throw forbidden(`a ${claims.role} token may not import or export the event (the organiser does)`);
    if (!context.catalog.getEvent(eventId)) throw notFound('UNKNOWN_EVENT', 'no such event here');
  };

  app.post<UploadRequest>(
    '/api/events/:eventId/imports',
    {
      schema: {
        params: EVENT_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['format'],
          properties: { format: { enum: ['showcase', 'csv'] }, name: { type: 'string', maxLength: 1000 }, ...TOKEN },
        },
      },
    },
    async (request, reply) => {
      const { eventId } = request.params;
      await organizer(request, eventId);
      const declared = Number(request.headers['content-length']);
      try {
        if (declared > maxBytes) throw importTooLarge(maxBytes, declared);
        const { format } = request.query;
        const fileName = cleanFileName(request.query.name, format === 'csv' ? 'program.csv' : 'showcase.sqlite3');
        const body = (request.body as Readable | undefined) ?? Readable.from([]);
        const preview = await imports.upload(eventId, format, fileName, body);
        request.log.info(
          { event: eventId, import: preview.id, format, size: preview.size, problems: preview.problems.length },
          'import uploaded',
        );
        return reply.status(201).send(preview);
      } catch (error) {
        // NOTE: an oversize body is left unread; closing the connection after the answer is
        // what keeps the rest of it from being read.
        if (error instanceof AppError && error.code === 'IMPORT_TOO_LARGE') reply.header('Connection', 'close');
        throw error;
      }
    },
  );

  app.get<EventRequest>(
    '/api/events/:eventId/imports',
    { schema: { params: EVENT_PARAMS, querystring: TOKEN_QUERY } },
    async (request) => {
      await organizer(request, request.params.eventId);
      return imports.status(request.params.eventId);
    },
  );

  app.get<ImportRequest>(
    '/api/events/:eventId/imports/:importId',
    { schema: { params: IMPORT_PARAMS, querystring: TOKEN_QUERY } },
    async (request) => {
      await organizer(request, request.params.eventId);
      return imports.preview(request.params.eventId, request.params.importId);
    },
  );

  app.post<ImportRequest>(
    '/api/events/:eventId/imports/:importId/commit',
    { schema: { params: IMPORT_PARAMS, querystring: TOKEN_QUERY } },
    async (request) => {
      await organizer(request, request.params.eventId);
      return imports.commit(request.params.eventId, request.params.importId);
    },
  );

  app.delete<ImportRequest>(
    '/api/events/:eventId/imports/:importId',
    { schema: { params: IMPORT_PARAMS, querystring: TOKEN_QUERY } },
    async (request, reply) => {
      await organizer(request, request.params.eventId);
      imports.discard(request.params.eventId, request.params.importId);
      return reply.status(204).send();
    },
  );

  app.get<EventRequest>(
    '/api/events/:eventId/export/showcase.sqlite3',
    { schema: { params: EVENT_PARAMS, querystring: TOKEN_QUERY } },
    async (request, reply) => {
      const { eventId } = request.params;
      await organizer(request, eventId);
      const { bytes, fileName, counts } = await imports.exportShowcase(eventId);
      request.log.info({ event: eventId, ...counts, skipped: counts.skipped.length }, 'marks exported to Showcase');
      return reply
        .type('application/vnd.sqlite3')
        .header('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
        .header('Cache-Control', 'private, no-store')
        .send(bytes);
    },
  );

  app.get<EventRequest>(
    '/api/events/:eventId/export/marks.csv',
    { schema: { params: EVENT_PARAMS, querystring: TOKEN_QUERY } },
    async (request, reply) => {
      const { eventId } = request.params;
      await organizer(request, eventId);
      const csv = await imports.exportMarksCsv(eventId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${eventId}-marks.csv"`)
        .header('Cache-Control', 'private, no-store')
        .send(`\ufeff${csv}`);
    },
  );
}
