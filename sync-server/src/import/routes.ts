import { Readable } from 'node:stream';
import type { ApiRouteName } from '@ondeck/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../appContext.ts';
import { ApiErrors } from '../errors.ts';
import { requireCaller, requireKnownEvent } from '../http/auth.ts';
import { apiRoute } from '../http/routeTable.ts';
import { EventFiles } from '../music/eventFiles.ts';
import { EventImports } from './eventImports.ts';
import { cleanFileName, importTooLarge } from './pendingImports.ts';

/**
 * Importing an event and taking its marks out (issue 14; README "Importing an event"), each
 * route as the route table declares it — all the organiser's:
 * - `uploadImport`: the file as the raw body (a Showcase `.sqlite3`, a ZIP of one with its
 *   storage folder, or the CSV template) → its preview; nothing in the event changes yet;
 * - `listImports`: uploads waiting, the Showcase database marks can go back into, the limit;
 *   `getImport`: a preview again, against the event as it is now;
 * - `commitImport`: brings it in; `discardImport`: drops it;
 * - `exportShowcase` and `exportMarksCsv`: the marks out.
 * Downloads take the token as `?token=` too, as a link in a browser must.
 */
export async function importRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const maxBytes = context.config.maxImportBytes;
  const imports = new EventImports({
    dataDir: context.config.dataDir,
    store: context.store,
    registry: context.registry,
    files: new EventFiles(context.store),
    maxImportBytes: maxBytes,
    maxUploadBytes: context.config.maxUploadBytes,
    log: app.log,
  });

  // An upload is the file itself, whatever its Content-Type: every body reaches the route unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  const organizer = async (
    request: FastifyRequest<{ Params: { eventId: string }; Querystring: { token?: string } }>,
    name: ApiRouteName,
  ) => {
    const { eventId } = request.params;
    await requireCaller(
      request,
      context.tokens,
      name,
      eventId,
      (role) => `a ${role} token may not import or export the event (the organiser does)`,
      request.query.token,
    );
    requireKnownEvent(context.catalog, eventId);
  };

  apiRoute(app, 'uploadImport', async (request, reply) => {
    const { eventId } = request.params;
    await organizer(request, 'uploadImport');
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
      return preview;
    } catch (error) {
      // NOTE: an oversize body is left unread; closing the connection after the answer is
      // what keeps the rest of it from being read.
      if (error instanceof ApiErrors.IMPORT_TOO_LARGE) reply.header('Connection', 'close');
      throw error;
    }
  });

  apiRoute(app, 'listImports', async (request) => {
    await organizer(request, 'listImports');
    return imports.status(request.params.eventId);
  });

  apiRoute(app, 'getImport', async (request) => {
    await organizer(request, 'getImport');
    return imports.preview(request.params.eventId, request.params.importId);
  });

  apiRoute(app, 'commitImport', async (request) => {
    await organizer(request, 'commitImport');
    return imports.commit(request.params.eventId, request.params.importId);
  });

  apiRoute(app, 'discardImport', async (request) => {
    await organizer(request, 'discardImport');
    imports.discard(request.params.eventId, request.params.importId);
    return imports.status(request.params.eventId);
  });

  apiRoute(app, 'exportShowcase', async (request, reply) => {
    const { eventId } = request.params;
    await organizer(request, 'exportShowcase');
    const { bytes, fileName, counts } = await imports.exportShowcase(eventId);
    request.log.info({ event: eventId, ...counts, skipped: counts.skipped.length }, 'marks exported to Showcase');
    return reply
      .type('application/vnd.sqlite3')
      .header('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('Cache-Control', 'private, no-store')
      .send(bytes);
  });

  apiRoute(app, 'exportMarksCsv', async (request, reply) => {
    const { eventId } = request.params;
    await organizer(request, 'exportMarksCsv');
    const csv = await imports.exportMarksCsv(eventId);
    return (
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${eventId}-marks.csv"`)
        .header('Cache-Control', 'private, no-store')
        // A byte-order mark, so spreadsheets read the names as UTF-8.
        .send(`\ufeff${csv}`)
    );
  });
}
