/**
 * Every code an error of the REST API (and of a refused sync upgrade) can carry, in the body
 * `{ error: { code, message } }`. Programs compare these constants, never hand-written strings;
 * the server's catalogue (`sync-server/src/errors.ts`) gives each its HTTP status and sentence,
 * and the route table (`routes.ts`) says which routes answer which.
 */
export const ApiErrorCode = {
  // --- who is asking
  /** No token, or one that is malformed, wrongly signed or expired. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The invite behind this token was revoked. */
  TOKEN_REVOKED: 'TOKEN_REVOKED',
  /** A valid token that may not do this (another event's, or a role without the right). */
  FORBIDDEN: 'FORBIDDEN',
  /** A sync socket opened by a web page from an origin the server does not allow (`ONDECK_ALLOWED_ORIGINS`). */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** Too many joins or uploads from one address in a minute; the answer's `Retry-After` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',

  // --- events and invites
  /** No such event on this server. */
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  /** An event id that is not a slug, or is reserved. */
  INVALID_EVENT_ID: 'INVALID_EVENT_ID',
  /** An event name that is empty or too long. */
  INVALID_EVENT_NAME: 'INVALID_EVENT_NAME',
  /** An event with this id exists already. */
  EVENT_EXISTS: 'EVENT_EXISTS',
  /** A database file for this id exists but is not catalogued (restore or remove it first). */
  EVENT_FILE_EXISTS: 'EVENT_FILE_EXISTS',
  /** No such invite (code or id). */
  INVITE_NOT_FOUND: 'INVITE_NOT_FOUND',
  /** The invite was revoked; a new link is needed. */
  INVITE_REVOKED: 'INVITE_REVOKED',
  /** A judge invite that names no judge. */
  JUDGE_REQUIRED: 'JUDGE_REQUIRED',

  // --- keys (a venue trusting another server's key)
  /** A JWK that is not an Ed25519 public key, or whose `kid` is not its thumbprint. */
  INVALID_PUBLIC_KEY: 'INVALID_PUBLIC_KEY',
  /** A trusted key's scope (events, issuer) that is not valid. */
  INVALID_KEY_SCOPE: 'INVALID_KEY_SCOPE',

  // --- documents
  /** Not `program`, `live` or `scores/<judgeId>`. */
  INVALID_DOCUMENT: 'INVALID_DOCUMENT',
  /** The event or document could not be loaded from storage; worth trying again later. */
  DOCUMENT_UNAVAILABLE: 'DOCUMENT_UNAVAILABLE',
  /** The server is shutting down or restarting; try again in a moment. */
  SERVER_RESTARTING: 'SERVER_RESTARTING',

  // --- music
  /** A music file over `ONDECK_MAX_UPLOAD_BYTES`. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** An upload whose first bytes are not MP3, WAV, Ogg, FLAC or M4A. */
  NOT_AUDIO: 'NOT_AUDIO',
  /** The event has no music file with that hash. */
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  /** A `Range` that starts beyond the end of the file. */
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
  /** Object storage cannot be reached just now; worth trying again shortly. */
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',

  // --- importing and exporting an event (README "Importing an event")
  /** An import over `ONDECK_MAX_IMPORT_BYTES` (or a ZIP's database over it). */
  IMPORT_TOO_LARGE: 'IMPORT_TOO_LARGE',
  /** A Showcase import that is neither a SQLite database nor a ZIP (the message says what it looks like). */
  NOT_SQLITE: 'NOT_SQLITE',
  /** A CSV import that is a database or a ZIP. */
  NOT_CSV: 'NOT_CSV',
  /** A SQLite database without Showcase's tables, or without the columns its heats are read by. */
  NOT_A_SHOWCASE_DATABASE: 'NOT_A_SHOWCASE_DATABASE',
  /** A database cut short or damaged (its header, its length, SQLite's own check). */
  DATABASE_CORRUPT: 'DATABASE_CORRUPT',
  /** A ZIP cut short or damaged. */
  ZIP_CORRUPT: 'ZIP_CORRUPT',
  /** A ZIP holding no `.sqlite3` database. */
  ZIP_WITHOUT_DATABASE: 'ZIP_WITHOUT_DATABASE',
  /** A ZIP holding more than one database. */
  ZIP_SEVERAL_DATABASES: 'ZIP_SEVERAL_DATABASES',
  /** A commit of an upload whose preview has errors: nothing was imported. */
  IMPORT_HAS_ERRORS: 'IMPORT_HAS_ERRORS',
  /** No upload of that id waiting for this event (committed, discarded or expired). */
  IMPORT_NOT_FOUND: 'IMPORT_NOT_FOUND',
  /** The event was not imported from a Showcase database: its marks go out as CSV. */
  NO_SHOWCASE_SOURCE: 'NO_SHOWCASE_SOURCE',
  /** An import was applied but its commit to disk failed; the server keeps trying. */
  NOT_SAVED_YET: 'NOT_SAVED_YET',

  // --- any request (the framework's, under the names the API has always sent)
  /** The request does not match the route's schema: a field missing, of the wrong type, unknown. */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** No route of this server at that method and path. */
  NOT_FOUND: 'NOT_FOUND',
  /** A path that is not valid URL encoding. */
  BAD_URL: 'BAD_URL',
  /** A path parameter longer than the router accepts. */
  MAX_PARAM_LENGTH: 'MAX_PARAM_LENGTH',
  /** A JSON request body that is empty. */
  CTP_EMPTY_JSON_BODY: 'CTP_EMPTY_JSON_BODY',
  /** A JSON request body that does not parse. */
  CTP_INVALID_JSON_BODY: 'CTP_INVALID_JSON_BODY',
  /** A request body larger than the route accepts. */
  CTP_BODY_TOO_LARGE: 'CTP_BODY_TOO_LARGE',
  /** A request body of a type the route does not read. */
  CTP_INVALID_MEDIA_TYPE: 'CTP_INVALID_MEDIA_TYPE',
  /** A request body shorter or longer than its `Content-Length`. */
  CTP_INVALID_CONTENT_LENGTH: 'CTP_INVALID_CONTENT_LENGTH',
  /** A body sent without a `Content-Type`. */
  ROUTE_MISSING_CONTENT_TYPE: 'ROUTE_MISSING_CONTENT_TYPE',
  /** Any other refusal of a malformed request. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The server's disk is full: nothing more can be saved until space is freed. */
  STORAGE_FULL: 'STORAGE_FULL',
  /** The server failed; the error is in its log. */
  INTERNAL: 'INTERNAL',
} as const;

export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

const CODES: ReadonlySet<string> = new Set(Object.values(ApiErrorCode));

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** What every error response of the API is: a stable code for programs and a sentence for people. */
export interface ApiError {
  error: { code: ApiErrorCode; message: string };
}

/** Codes any route may answer whatever it does: malformed requests, a full disk and the server's own failure. */
export const ANY_ROUTE_ERRORS: readonly ApiErrorCode[] = [
  ApiErrorCode.INVALID_REQUEST,
  ApiErrorCode.NOT_FOUND,
  ApiErrorCode.BAD_URL,
  ApiErrorCode.MAX_PARAM_LENGTH,
  ApiErrorCode.CTP_EMPTY_JSON_BODY,
  ApiErrorCode.CTP_INVALID_JSON_BODY,
  ApiErrorCode.CTP_BODY_TOO_LARGE,
  ApiErrorCode.CTP_INVALID_MEDIA_TYPE,
  ApiErrorCode.CTP_INVALID_CONTENT_LENGTH,
  ApiErrorCode.ROUTE_MISSING_CONTENT_TYPE,
  ApiErrorCode.BAD_REQUEST,
  ApiErrorCode.STORAGE_FULL,
  ApiErrorCode.INTERNAL,
];
