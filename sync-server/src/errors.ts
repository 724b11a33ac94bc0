import createError from '@fastify/error';
import type { ApiErrorCode } from '@ondeck/shared';

/**
 * The base of every error in the catalogue: `instanceof AppError` tells an error the server
 * means to send from anything else thrown, which is logged and answered as INTERNAL.
 */
export class AppError extends Error {
  declare readonly code: ApiErrorCode;
  declare readonly statusCode: number;
}

/** One argument per `%s` of a message (numbers print as they are). */
type FormatArgs<M extends string> = M extends `${string}%s${infer Rest}` ? [string | number, ...FormatArgs<Rest>] : [];

/** An error class of the catalogue, fastify's way (`@fastify/error`): `new ApiErrors.X(…args)`. */
function coded<const C extends ApiErrorCode, const M extends string>(code: C, statusCode: number, message: M) {
  return createError<C, number, FormatArgs<M>>(code, message, statusCode, AppError as unknown as ErrorConstructor);
}

/** What an event id must be, for the INVALID_EVENT_ID that refuses one. */
export const EVENT_ID_RULE =
  'event ids are 1–64 lowercase letters, digits and inner hyphens, e.g. spring-showcase-2027';

/**
 * Every coded error the server sends, with its status and sentence (`%s` where the thrower
 * fills in what it knows). HTTP routes answer them as `{ error: { code, message } }`; the CLI
 * prints `code: message`. The codes are shared's `ApiErrorCode`, which the client compares.
 */
export const ApiErrors = {
  UNAUTHORIZED: coded('UNAUTHORIZED', 401, '%s'),
  TOKEN_REVOKED: coded('TOKEN_REVOKED', 401, '%s'),
  FORBIDDEN: coded('FORBIDDEN', 403, '%s'),

  UNKNOWN_EVENT: coded('UNKNOWN_EVENT', 404, '%s'),
  INVALID_EVENT_ID: coded('INVALID_EVENT_ID', 400, '%s'),
  INVALID_EVENT_NAME: coded(
    'INVALID_EVENT_NAME',
    400,
    'an event name is 1–200 characters on one line (no line breaks or control characters)',
  ),
  EVENT_EXISTS: coded('EVENT_EXISTS', 409, 'an event with id "%s" already exists'),
  EVENT_FILE_EXISTS: coded(
    'EVENT_FILE_EXISTS',
    409,
    'a database file for "%s" exists but is not catalogued; restore it or remove it first',
  ),
  INVITE_NOT_FOUND: coded('INVITE_NOT_FOUND', 404, '%s'),
  INVITE_REVOKED: coded('INVITE_REVOKED', 410, 'this invite was revoked; ask the organiser for a new link'),
  JUDGE_REQUIRED: coded('JUDGE_REQUIRED', 400, 'a judge invite names the judge (personId)'),

  INVALID_PUBLIC_KEY: coded('INVALID_PUBLIC_KEY', 400, '%s'),
  INVALID_KEY_SCOPE: coded('INVALID_KEY_SCOPE', 400, '%s'),

  INVALID_DOCUMENT: coded('INVALID_DOCUMENT', 400, 'documents are "program", "live" or "scores/<judgeId>"'),
  DOCUMENT_UNAVAILABLE: coded('DOCUMENT_UNAVAILABLE', 503, '%s'),
  SERVER_RESTARTING: coded('SERVER_RESTARTING', 503, 'the server is restarting; try again in a moment'),

  FILE_TOO_LARGE: coded('FILE_TOO_LARGE', 413, '%s'),
  NOT_AUDIO: coded(
    'NOT_AUDIO',
    415,
    'This is not an audio file ondeck can play: upload MP3, WAV, Ogg, FLAC or M4A music (checked by its content, not its name).',
  ),
  FILE_NOT_FOUND: coded('FILE_NOT_FOUND', 404, 'this event has no music file with that hash'),
  RANGE_NOT_SATISFIABLE: coded('RANGE_NOT_SATISFIABLE', 416, 'the file has %s bytes'),
  STORAGE_UNAVAILABLE: coded('STORAGE_UNAVAILABLE', 503, 'music storage cannot be reached just now; try again shortly'),

  IMPORT_TOO_LARGE: coded('IMPORT_TOO_LARGE', 413, '%s'),
  NOT_SQLITE: coded(
    'NOT_SQLITE',
    415,
    'This is not a Showcase database: a Showcase event is a SQLite file (.sqlite3) or a ZIP of one with its storage folder, and %s.',
  ),
  NOT_CSV: coded('NOT_CSV', 415, 'This is %s, not a CSV spreadsheet: import it as a Showcase database instead.'),
  NOT_A_SHOWCASE_DATABASE: coded('NOT_A_SHOWCASE_DATABASE', 422, '%s'),
  DATABASE_CORRUPT: coded(
    'DATABASE_CORRUPT',
    422,
    'The database file is damaged: %s. Copy it again from the Showcase server (or take its latest backup) and upload that.',
  ),
  ZIP_CORRUPT: coded(
    'ZIP_CORRUPT',
    422,
    'The ZIP file is damaged or cut short (%s); make the ZIP again and upload it.',
  ),
  ZIP_WITHOUT_DATABASE: coded(
    'ZIP_WITHOUT_DATABASE',
    422,
    'The ZIP holds no Showcase database (a .sqlite3 file); it holds %s.',
  ),
  ZIP_SEVERAL_DATABASES: coded(
    'ZIP_SEVERAL_DATABASES',
    422,
    'The ZIP holds %s databases (%s); a ZIP brings one event: its database and its storage folder.',
  ),
  IMPORT_HAS_ERRORS: coded(
    'IMPORT_HAS_ERRORS',
    422,
    'The file has %s to fix first, such as: %s. Nothing was imported.',
  ),
  IMPORT_NOT_FOUND: coded(
    'IMPORT_NOT_FOUND',
    404,
    'There is no such upload waiting for this event (committed, discarded or expired); upload the file again.',
  ),
  NO_SHOWCASE_SOURCE: coded(
    'NO_SHOWCASE_SOURCE',
    404,
    'This event was not imported from a Showcase database, so there is none to write its marks into; export the marks as CSV instead.',
  ),
  NOT_SAVED_YET: coded(
    'NOT_SAVED_YET',
    503,
    'The import is applied but could not be saved to disk yet; the server keeps trying. Check the server’s disk.',
  ),

  INVALID_REQUEST: coded('INVALID_REQUEST', 400, '%s'),
  NOT_FOUND: coded('NOT_FOUND', 404, '%s is not a route of this server'),
  // NOTE: fastify's own refusals keep the statuses fastify gives them (a test compares) and the
  // codes the API has always sent: fastify's without the `FST_ERR_` prefix.
  BAD_URL: coded('BAD_URL', 400, '%s'),
  MAX_PARAM_LENGTH: coded('MAX_PARAM_LENGTH', 414, '%s'),
  CTP_EMPTY_JSON_BODY: coded('CTP_EMPTY_JSON_BODY', 400, '%s'),
  CTP_INVALID_JSON_BODY: coded('CTP_INVALID_JSON_BODY', 400, '%s'),
  CTP_BODY_TOO_LARGE: coded('CTP_BODY_TOO_LARGE', 413, '%s'),
  CTP_INVALID_MEDIA_TYPE: coded('CTP_INVALID_MEDIA_TYPE', 415, '%s'),
  CTP_INVALID_CONTENT_LENGTH: coded('CTP_INVALID_CONTENT_LENGTH', 400, '%s'),
  ROUTE_MISSING_CONTENT_TYPE: coded('ROUTE_MISSING_CONTENT_TYPE', 400, '%s'),
  BAD_REQUEST: coded('BAD_REQUEST', 400, '%s'),
  INTERNAL: coded('INTERNAL', 500, 'the server failed; the error is logged'),
} satisfies { readonly [C in ApiErrorCode]: { prototype: { code: C } } };
