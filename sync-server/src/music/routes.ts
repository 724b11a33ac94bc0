import { Readable } from 'node:stream';
import { djPlaylist, type MusicFile, type Role, readProgram } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../appContext.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { requireEventToken } from '../http/auth.ts';
import { withEventDocument } from '../http/eventDocument.ts';
import { EVENT_ID_SCHEMA, EVENT_PARAMS, SHA256_SCHEMA } from '../http/schemas.ts';
import { isStorageError, mapInBatches } from '../objectStore/index.ts';
import { EventFiles } from './eventFiles.ts';
import { playlistArchive } from './playlistZip.ts';
import { parseRange } from './range.ts';
import { fileTooLarge, storeUpload } from './upload.ts';

/** Roles that hear the music (the public heat list does not); those who take the playlist home. */
const LISTENERS: readonly Role[] = ['organizer', 'dj', 'emcee', 'judge', 'staff'];
const PLAYLIST_ROLES: readonly Role[] = ['organizer', 'dj', 'emcee'];
const TOKEN_QUERY = { type: 'object', properties: { token: { type: 'string', maxLength: 4096 } } } as const;
/** Content never changes under its hash: a browser may keep it as long as it likes. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

type EventParams = { Params: { eventId: string }; Querystring: { token?: string } };
type FileParams = { Params: { eventId: string; sha256: string }; Querystring: { token?: string } };

/**
 * The events' music (issue 7, DOMAIN.md §6):
 * - `POST /api/events/:eventId/files` (organiser): the raw audio as the body → `{sha256, size, type}`;
 *   the organiser's device then writes the hash into the `program` document, its one writer;
 * - `GET /api/events/:eventId/files`: the event's files with sizes (for download progress) and
 *   the upload limit (so a device can refuse an oversize file before sending it);
 * - `GET /api/events/:eventId/files/:sha256`: one file, with Range (seeking) and caching;
 * - `GET /api/events/:eventId/playlist.zip`: the DJ's offline playlist, streamed.
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
    request: { query: { token?: string } } & Parameters<typeof requireEventToken>[0],
    eventId: string,
    roles: readonly Role[],
    what: string,
  ) => {
    const claims = await requireEventToken(request, context.tokens, eventId, request.query.token);
    if (!roles.includes(claims.role)) throw forbidden(`a ${claims.role} token may not ${what}`);
    if (!context.catalog.getEvent(eventId)) throw notFound('UNKNOWN_EVENT', 'no such event here');
  };

  app.post<EventParams>(
    '/api/events/:eventId/files',
    { schema: { params: EVENT_PARAMS, querystring: TOKEN_QUERY } },
    async (request, reply) => {
      const { eventId } = request.params;
      await authorize(request, eventId, ['organizer'], 'upload music (the organiser uploads it)');
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
        return reply.status(201).send(info);
      } catch (error) {
        // NOTE: an oversize body is left unread; closing the connection after the answer is
        // what keeps the rest of it from being read.
        if (error instanceof AppError && error.code === 'FILE_TOO_LARGE') reply.header('Connection', 'close');
        throw error;
      }
    },
  );

  app.get<EventParams>(
    '/api/events/:eventId/files',
    { schema: { params: EVENT_PARAMS, querystring: TOKEN_QUERY } },
    async (request) => {
      await authorize(request, request.params.eventId, LISTENERS, 'list music');
      const listed = await files.list(request.params.eventId).catch(storageUnavailable);
      return { files: listed, maxUploadBytes: maxBytes };
    },
  );

  app.get<FileParams>(
    '/api/events/:eventId/files/:sha256',
    {
      schema: {
        params: { type: 'object', properties: { eventId: EVENT_ID_SCHEMA, sha256: SHA256_SCHEMA } },
        querystring: TOKEN_QUERY,
      },
    },
    async (request, reply) => {
      const { eventId, sha256 } = request.params;
      await authorize(request, eventId, LISTENERS, 'play music');
      const info = await files.get(eventId, sha256).catch(storageUnavailable);
      if (!info) throw notFound('FILE_NOT_FOUND', 'this event has no music file with that hash');
      const etag = `"${sha256}"`;
      reply.header('ETag', etag).header('Cache-Control', IMMUTABLE).header('Accept-Ranges', 'bytes');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const ifRange = request.headers['if-range'];
      const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, info.size) : null;
      if (range === 'unsatisfiable') {
        reply.header('Content-Range', `bytes */${info.size}`);
        throw new AppError('RANGE_NOT_SATISFIABLE', `the file has ${info.size} bytes`, 416);
      }
      const { body } = await files.open(sha256, range ?? undefined).catch(storageUnavailable);
      reply.type(info.type);
      if (!range) return reply.header('Content-Length', info.size).send(body);
      return reply
        .status(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
        .header('Content-Length', range.end - range.start + 1)
        .send(body);
    },
  );

  app.get<EventParams>(
    '/api/events/:eventId/playlist.zip',
    { schema: { params: EVENT_PARAMS, querystring: TOKEN_QUERY } },
    async (request, reply) => {
      const { eventId } = request.params;
      await authorize(request, eventId, PLAYLIST_ROLES, 'download the playlist');
      const program = await withEventDocument(context.registry, request.log, eventId, 'program', (room) =>
        readProgram(room.doc),
      );
      const entries = djPlaylist(program);
      const hashes = [...new Set(entries.flatMap((entry) => (entry.songFile ? [entry.songFile] : [])))];
      const infos = await mapInBatches(hashes, (sha256) => files.get(eventId, sha256)).catch(storageUnavailable);
      const found = new Map<string, MusicFile>(infos.flatMap((info) => (info ? [[info.sha256, info]] : [])));
      const archive = playlistArchive({
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
    },
  );
}

/** Storage trouble is the server's, and passes: say so rather than "failed". */
function storageUnavailable(error: unknown): never {
  if (isStorageError(error))
    throw new AppError('STORAGE_UNAVAILABLE', 'music storage cannot be reached just now; try again shortly', 503);
  throw error;
}
