import { Readable } from 'node:stream';
import { type ApiRouteName, djPlaylist, type MusicFile, readProgram } from '@ondeck/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../appContext.ts';
import { ApiErrors } from '../errors.ts';
import { requireCaller, requireKnownEvent } from '../http/auth.ts';
import { withEventDocument } from '../http/eventDocument.ts';
import { apiRoute } from '../http/routeTable.ts';
import { isStorageError, mapInBatches } from '../objectStore/index.ts';
import { isAudioType } from './audioType.ts';
import { EventFiles } from './eventFiles.ts';
import { playlistArchive } from './playlistZip.ts';
import { parseRange } from './range.ts';
import { fileTooLarge, storeUpload } from './upload.ts';

/** Content never changes under its hash: a browser may keep it as long as it likes. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

/**
 * The events' music (issue 7, DOMAIN.md §6), each route as the route table declares it (who
 * may call it, too):
 * - `uploadFile` (organiser): the raw audio as the body → `{sha256, size, type}`; the
 *   organiser's device then writes the hash into the `program` document, its one writer;
 * - `listFiles`: the event's files with sizes (for download progress) and the upload limit (so
 *   a device can refuse an oversize file before sending it);
 * - `getFile`: one file, with Range (seeking) and caching;
 * - `playlistZip`: the DJ's offline playlist, streamed.
 * A token goes as `Authorization: Bearer` or, where a browser cannot send headers, `?token=`
 * (never logged: the request log drops query strings).
 */
export async function musicRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const files = new EventFiles(context.store);
  const maxBytes = context.config.maxUploadBytes;

  // An upload is the audio itself, whatever its Content-Type says: in this plugin every body
  // is handed to the route as the unread request stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  const authorize = async (
    request: FastifyRequest<{ Params: { eventId: string }; Querystring: { token?: string } }>,
    name: ApiRouteName,
    what: string,
  ) => {
    const { eventId } = request.params;
    await requireCaller(
      request,
      context.tokens,
      name,
      eventId,
      (role) => `a ${role} token may not ${what}`,
      request.query.token,
    );
    requireKnownEvent(context.catalog, eventId);
  };

  apiRoute(app, 'uploadFile', async (request, reply) => {
    const { eventId } = request.params;
    await authorize(request, 'uploadFile', 'upload music (the organiser uploads it)');
    const declared = Number(request.headers['content-length']);
    try {
      if (declared > maxBytes) throw fileTooLarge(maxBytes, declared);
      const info = await storeUpload(
        context.store,
        (request.body as Readable | undefined) ?? Readable.from([]),
        maxBytes,
      ).catch(storageUnavailable);
      await files.add(eventId, info).catch(storageUnavailable);
      request.log.info({ event: eventId, sha256: info.sha256, size: info.size, type: info.type }, 'music uploaded');
      return info;
    } catch (error) {
      // NOTE: an oversize body is left unread; closing the connection after the answer is
      // what keeps the rest of it from being read.
      if (error instanceof ApiErrors.FILE_TOO_LARGE) reply.header('Connection', 'close');
      throw error;
    }
  });

  apiRoute(app, 'listFiles', async (request) => {
    await authorize(request, 'listFiles', 'list music');
    const listed = await files.list(request.params.eventId).catch(storageUnavailable);
    return { files: listed, maxUploadBytes: maxBytes };
  });

  apiRoute(app, 'getFile', async (request, reply) => {
    const { eventId, sha256 } = request.params;
    await authorize(request, 'getFile', 'play music');
    const info = await files.get(eventId, sha256).catch(storageUnavailable);
    if (!info) throw new ApiErrors.FILE_NOT_FOUND();
    const etag = `"${sha256}"`;
    reply.header('ETag', etag).header('Cache-Control', IMMUTABLE).header('Accept-Ranges', 'bytes');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const ifRange = request.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, info.size) : null;
    if (range === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${info.size}`);
      throw new ApiErrors.RANGE_NOT_SATISFIABLE(info.size);
    }
    const { body } = await files.open(sha256, range ?? undefined).catch(storageUnavailable);
    // NOTE: the type storage recorded at upload (from the bytes); should storage ever say
    // anything else, the file goes out as a download, never as something a browser would render.
    if (isAudioType(info.type)) reply.type(info.type);
    else reply.type('application/octet-stream').header('Content-Disposition', 'attachment');
    if (!range) return reply.header('Content-Length', info.size).send(body);
    return reply
      .status(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
      .header('Content-Length', range.end - range.start + 1)
      .send(body);
  });

  apiRoute(app, 'playlistZip', async (request, reply) => {
    const { eventId } = request.params;
    await authorize(request, 'playlistZip', 'download the playlist');
    const program = await withEventDocument(context.registry, request.log, eventId, 'program', (room) =>
      readProgram(room.doc),
    );
    const entries = djPlaylist(program);
    const hashes = [...new Set(entries.flatMap((entry) => (entry.songFile ? [entry.songFile] : [])))];
    const infos = await mapInBatches(hashes, (sha256) => files.get(eventId, sha256)).catch(storageUnavailable);
    const found = new Map<string, MusicFile>(infos.flatMap((info) => (info ? [[info.sha256, info]] : [])));
    const archive = await playlistArchive({
      eventName: program.settings.name,
      entries,
      files: found,
      open: async (sha256): Promise<Readable> => (await files.open(sha256)).body,
    });
    request.log.info({ event: eventId, songs: archive.songs, bytes: archive.size }, 'playlist archive');
    return reply
      .type('application/zip')
      .header('Content-Disposition', `attachment; filename="${eventId}-dj-playlist.zip"`)
      .header('Cache-Control', 'private, no-store')
      .header('Content-Length', archive.size)
      .send(archive.stream);
  });
}

/** Storage trouble is the server's, and passes: say so rather than "failed". */
function storageUnavailable(error: unknown): never {
  if (isStorageError(error)) throw new ApiErrors.STORAGE_UNAVAILABLE();
  throw error;
}
