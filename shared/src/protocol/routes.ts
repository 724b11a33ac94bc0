import type * as Api from './api.ts';
import { ApiErrorCode } from './apiErrors.ts';
import { NEW_ID_PATTERN, ORIGIN_PATTERN, RECORD_ID_PATTERN, SHA256_HEX_PATTERN, SLUG_PATTERN } from './ids.ts';
import type * as Imports from './importApi.ts';
import { SYNC_PATH } from './paths.ts';
import { ROLES, type Role } from './roles.ts';
import {
  type ApiRoute,
  type Carries,
  json,
  optional,
  type PathParamName,
  type RawBody,
  rawBody,
  rawResponse,
  required,
  type Shape,
  shape,
} from './routeSpec.ts';
import type { PublicKeySet } from './tokens.ts';
import type * as Venue from './venueApi.ts';

/** The schemas of the ids routes take, built from the very patterns the code checks ids with. */
const EVENT_ID = { type: 'string', pattern: SLUG_PATTERN } as const;
const RECORD_ID = { type: 'string', pattern: RECORD_ID_PATTERN } as const;
const SHA256 = { type: 'string', pattern: SHA256_HEX_PATTERN } as const;
/** A web origin: scheme, host and port, nothing else. */
const ORIGIN = { type: 'string', maxLength: 300, pattern: ORIGIN_PATTERN } as const;
/** What the invite routes share: the organiser manages an event's invites. */
const INVITE_ROUTE = { caller: { roles: ['organizer'] }, params: { eventId: EVENT_ID } } as const;
/** What the music routes share: the event in the path, and a token that may come as `?token=`. */
const MUSIC_ROUTE = {
  params: { eventId: EVENT_ID },
  query: shape<Api.TokenQuery>({ token: optional({ type: 'string', maxLength: 4096 }) }),
} as const;

/** What the import and export routes share: the organiser's, with a token that may come as `?token=`. */
const IMPORT_ROUTE = {
  caller: { roles: ['organizer'] },
  params: { eventId: EVENT_ID },
  query: shape<Api.TokenQuery>({ token: optional({ type: 'string', maxLength: 4096 }) }),
} as const;
const IMPORT_ID = { type: 'string', pattern: NEW_ID_PATTERN } as const;

/** Roles that hear the music (the public heat list does not), and those who take the playlist home. */
const LISTENERS: readonly Role[] = ['organizer', 'dj', 'emcee', 'judge', 'staff', 'venue'];
const PLAYLIST_TAKERS: readonly Role[] = ['organizer', 'dj', 'emcee'];

const { UNAUTHORIZED, TOKEN_REVOKED, FORBIDDEN, UNKNOWN_EVENT, INVALID_EVENT_ID } = ApiErrorCode;
/**
 * What a route that takes an event token answers when the token will not do (or the event id in
 * its path is no slug: `INVALID_EVENT_ID`, before any token is looked at).
 */
const EVENT_TOKEN_ERRORS = [UNAUTHORIZED, TOKEN_REVOKED, FORBIDDEN, UNKNOWN_EVENT, INVALID_EVENT_ID] as const;
const MUSIC_ERRORS = [...EVENT_TOKEN_ERRORS, ApiErrorCode.STORAGE_UNAVAILABLE] as const;
const IMPORT_ERRORS = [
  ...EVENT_TOKEN_ERRORS,
  ApiErrorCode.STORAGE_UNAVAILABLE,
  ApiErrorCode.DOCUMENT_UNAVAILABLE,
] as const;
/** What reading an upload answers when the file will not do. */
const UNREADABLE_UPLOAD = [
  ApiErrorCode.NOT_A_SHOWCASE_DATABASE,
  ApiErrorCode.DATABASE_CORRUPT,
  ApiErrorCode.ZIP_CORRUPT,
  ApiErrorCode.ZIP_WITHOUT_DATABASE,
  ApiErrorCode.ZIP_SEVERAL_DATABASES,
  ApiErrorCode.IMPORT_TOO_LARGE,
] as const;

/**
 * Every HTTP route of the server: the one place a route is declared. The server registers each
 * with the schemas built from its entry (and refuses to start with a route under its own paths
 * that is not here); the client and the tests call them by name, typed by the entry. To add a
 * route, add its entry here, then register it with `apiRoute(app, '<name>', handler)`.
 */
export const API_ROUTES = defineRoutes({
  health: {
    method: 'GET',
    path: '/up',
    summary: 'Health for load balancers: serving, loaded events, connections, how far behind each backup is.',
    caller: 'anyone',
    response: json<Api.HealthReport>(),
    errors: [],
  },
  metrics: {
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics: connections, loaded events, commits, commit latency, backups, process.',
    caller: 'anyone',
    response: rawResponse('text/plain; version=0.0.4'),
    errors: [],
  },
  publicKeys: {
    method: 'GET',
    path: '/api/keys',
    summary: "This server's token-verifying public keys as a JWKS, for another server (a venue) to trust.",
    caller: 'anyone',
    response: json<PublicKeySet>(),
    errors: [],
  },
  createEvent: {
    method: 'POST',
    path: '/api/events',
    summary: 'Create an event (empty, or generated from the demo or large template) with a first organiser invite.',
    caller: 'admin',
    body: shape<Api.CreateEventRequest>({
      id: required(EVENT_ID),
      name: required({ type: 'string', minLength: 1, maxLength: 200 }),
      template: optional({ enum: ['empty', 'demo', 'large'] }),
    }),
    status: 201,
    response: json<Api.CreateEventResponse>(),
    errors: [
      UNAUTHORIZED,
      INVALID_EVENT_ID,
      ApiErrorCode.INVALID_EVENT_NAME,
      ApiErrorCode.EVENT_EXISTS,
      ApiErrorCode.EVENT_FILE_EXISTS,
    ],
  },
  listEvents: {
    method: 'GET',
    path: '/api/events',
    summary: 'The events on this server.',
    caller: 'admin',
    response: json<Api.EventList>(),
    errors: [UNAUTHORIZED],
  },
  createOrganizerInvite: {
    method: 'POST',
    path: '/api/events/:eventId/organizer-invites',
    summary: "Create an organiser invite for an event (the admin's way in to an event it did not just create).",
    caller: 'admin',
    params: { eventId: EVENT_ID },
    body: shape<Api.CreateOrganizerInviteRequest>({
      label: optional({ type: 'string', minLength: 1, maxLength: 100 }),
    }),
    status: 201,
    response: json<Api.InviteResponse>(),
    errors: [UNAUTHORIZED, INVALID_EVENT_ID, UNKNOWN_EVENT],
  },
  getEvent: {
    method: 'GET',
    path: '/api/events/:eventId',
    summary: 'An event, and who the token acts as (role, and the judge for a judge).',
    caller: { roles: ROLES },
    params: { eventId: EVENT_ID },
    response: json<Api.EventAccess>(),
    errors: EVENT_TOKEN_ERRORS,
  },
  createInvite: {
    method: 'POST',
    path: '/api/events/:eventId/invites',
    summary: 'Create an invite for a role (a judge invite names the judge); its link opens the app as that role.',
    ...INVITE_ROUTE,
    body: shape<Api.CreateInviteRequest>({
      role: required({ enum: [...ROLES] }),
      personId: optional(RECORD_ID),
      label: optional({ type: 'string', minLength: 1, maxLength: 100 }),
    }),
    status: 201,
    response: json<Api.InviteResponse>(),
    errors: [...EVENT_TOKEN_ERRORS, ApiErrorCode.JUDGE_REQUIRED, ApiErrorCode.DOCUMENT_UNAVAILABLE],
  },
  listInvites: {
    method: 'GET',
    path: '/api/events/:eventId/invites',
    summary: "The event's invites, revoked ones included, with how many devices joined with each.",
    ...INVITE_ROUTE,
    response: json<Api.InviteList>(),
    errors: EVENT_TOKEN_ERRORS,
  },
  revokeInvite: {
    method: 'DELETE',
    path: '/api/events/:eventId/invites/:inviteId',
    summary: "Revoke an invite: its devices' tokens stop working and their sockets close at once.",
    ...INVITE_ROUTE,
    params: { eventId: EVENT_ID, inviteId: RECORD_ID },
    response: json<Api.InviteResponse>(),
    errors: [...EVENT_TOKEN_ERRORS, ApiErrorCode.INVITE_NOT_FOUND],
  },
  venueExchange: {
    method: 'POST',
    path: '/api/events/:eventId/venue-exchange',
    summary:
      "A venue server's round with the cloud: the invites it revoked go up; the event's documents and invites come down.",
    caller: { roles: ['venue'] },
    params: { eventId: EVENT_ID },
    body: shape<Venue.VenueExchangeRequest>({
      revoked: required({ type: 'array', maxItems: 10_000, items: RECORD_ID }),
      waiting: required({ type: 'integer', minimum: 0 }),
      url: optional({ type: 'string', maxLength: 300, pattern: '^https?://' }),
      origins: optional({ type: 'array', maxItems: 64, items: ORIGIN }),
    }),
    response: json<Venue.VenueExchangeResponse>(),
    errors: [...EVENT_TOKEN_ERRORS, ApiErrorCode.DOCUMENT_UNAVAILABLE],
  },
  serverLinks: {
    method: 'GET',
    path: '/api/events/:eventId/links',
    summary:
      'The other servers of the event (the cloud a venue follows, the venues following this one): when each was last heard from, changes waiting to cross.',
    caller: { roles: ['organizer'] },
    params: { eventId: EVENT_ID },
    response: json<Venue.ServerLinks>(),
    errors: EVENT_TOKEN_ERRORS,
  },
  cloudAccess: {
    method: 'GET',
    path: '/api/events/:eventId/cloud-access',
    summary:
      "At a venue: the cloud's address and the cloud's token for the caller's invite, so the device syncs with both and falls back to the cloud by itself.",
    caller: { roles: ROLES.filter((role) => role !== 'venue') },
    params: { eventId: EVENT_ID },
    response: json<Venue.CloudAccessResponse>(),
    errors: EVENT_TOKEN_ERRORS,
  },
  join: {
    method: 'POST',
    path: '/api/join',
    summary: "Redeem an invite's code for a device token (what opening the invite link does).",
    caller: 'anyone',
    body: shape<Api.JoinRequest>({ code: required({ type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' }) }),
    response: json<Api.JoinResponse>(),
    errors: [ApiErrorCode.INVITE_NOT_FOUND, ApiErrorCode.INVITE_REVOKED, UNKNOWN_EVENT, ApiErrorCode.RATE_LIMITED],
  },
  docState: {
    method: 'GET',
    path: '/api/events/:eventId/docs/*',
    summary: "A document's whole Yjs state (`program`, `live`, `scores/<judge>`), compressed, with an ETag.",
    caller: { roles: ROLES },
    params: { eventId: EVENT_ID, '*': { type: 'string' } },
    response: rawResponse('application/octet-stream'),
    errors: [...EVENT_TOKEN_ERRORS, ApiErrorCode.INVALID_DOCUMENT, ApiErrorCode.DOCUMENT_UNAVAILABLE],
  },
  uploadFile: {
    method: 'POST',
    path: '/api/events/:eventId/files',
    summary: 'Upload a music file as the raw body; it is stored under its SHA-256.',
    caller: { roles: ['organizer'] },
    ...MUSIC_ROUTE,
    body: rawBody('MP3, WAV, Ogg, FLAC or M4A, recognised by its first bytes'),
    status: 201,
    response: json<Api.MusicFile>(),
    errors: [...MUSIC_ERRORS, ApiErrorCode.FILE_TOO_LARGE, ApiErrorCode.NOT_AUDIO, ApiErrorCode.RATE_LIMITED],
  },
  listFiles: {
    method: 'GET',
    path: '/api/events/:eventId/files',
    summary: "The event's music files with their sizes, and the largest upload allowed.",
    caller: { roles: LISTENERS },
    ...MUSIC_ROUTE,
    response: json<Api.MusicFileList>(),
    errors: MUSIC_ERRORS,
  },
  getFile: {
    method: 'GET',
    path: '/api/events/:eventId/files/:sha256',
    summary: 'One music file, with Range (seeking), an ETag and immutable caching.',
    caller: { roles: LISTENERS },
    ...MUSIC_ROUTE,
    params: { eventId: EVENT_ID, sha256: SHA256 },
    response: rawResponse('audio/*'),
    errors: [...MUSIC_ERRORS, ApiErrorCode.FILE_NOT_FOUND, ApiErrorCode.RANGE_NOT_SATISFIABLE],
  },
  playlistZip: {
    method: 'GET',
    path: '/api/events/:eventId/playlist.zip',
    summary: "The DJ's playlist: every heat's and solo's music in running order, with an offline index page.",
    caller: { roles: PLAYLIST_TAKERS },
    ...MUSIC_ROUTE,
    response: rawResponse('application/zip'),
    errors: [...MUSIC_ERRORS, ApiErrorCode.DOCUMENT_UNAVAILABLE],
  },
  listImports: {
    method: 'GET',
    path: '/api/events/:eventId/imports',
    summary: 'Uploads waiting for the organiser, the Showcase database marks can go back into, and the size limit.',
    ...IMPORT_ROUTE,
    response: json<Imports.ImportStatus>(),
    errors: IMPORT_ERRORS,
  },
  uploadImport: {
    method: 'POST',
    path: '/api/events/:eventId/imports',
    summary: 'Upload a Showcase database, a ZIP of one with its music, or the CSV template; answers its preview.',
    ...IMPORT_ROUTE,
    query: shape<Imports.ImportUploadQuery>({
      format: required({ enum: ['showcase', 'csv'] }),
      name: optional({ type: 'string', maxLength: 1000 }),
      token: optional({ type: 'string', maxLength: 4096 }),
    }),
    body: rawBody('a Showcase database (.sqlite3), a ZIP of one with its storage folder, or the CSV template'),
    status: 201,
    response: json<Imports.ImportPreview>(),
    errors: [
      ...IMPORT_ERRORS,
      ...UNREADABLE_UPLOAD,
      ApiErrorCode.NOT_SQLITE,
      ApiErrorCode.NOT_CSV,
      ApiErrorCode.RATE_LIMITED,
    ],
  },
  getImport: {
    method: 'GET',
    path: '/api/events/:eventId/imports/:importId',
    summary: "An upload's preview, against the event as it is now.",
    ...IMPORT_ROUTE,
    params: { eventId: EVENT_ID, importId: IMPORT_ID },
    response: json<Imports.ImportPreview>(),
    errors: [...IMPORT_ERRORS, ...UNREADABLE_UPLOAD, ApiErrorCode.IMPORT_NOT_FOUND],
  },
  commitImport: {
    method: 'POST',
    path: '/api/events/:eventId/imports/:importId/commit',
    summary: 'Bring an upload into the event (refused while its preview has errors); answers what changed.',
    ...IMPORT_ROUTE,
    params: { eventId: EVENT_ID, importId: IMPORT_ID },
    response: json<Imports.ImportResult>(),
    errors: [
      ...IMPORT_ERRORS,
      ...UNREADABLE_UPLOAD,
      ApiErrorCode.IMPORT_NOT_FOUND,
      ApiErrorCode.IMPORT_HAS_ERRORS,
      ApiErrorCode.NOT_SAVED_YET,
    ],
  },
  discardImport: {
    method: 'DELETE',
    path: '/api/events/:eventId/imports/:importId',
    summary: 'Drop an upload without importing it; answers what is left waiting.',
    ...IMPORT_ROUTE,
    params: { eventId: EVENT_ID, importId: IMPORT_ID },
    response: json<Imports.ImportStatus>(),
    errors: [...IMPORT_ERRORS, ApiErrorCode.IMPORT_NOT_FOUND],
  },
  exportShowcase: {
    method: 'GET',
    path: '/api/events/:eventId/export/showcase.sqlite3',
    summary: "The event's marks in a copy of the Showcase database it was imported from, in Showcase's `scores` rows.",
    ...IMPORT_ROUTE,
    response: rawResponse('application/vnd.sqlite3'),
    errors: [
      ...IMPORT_ERRORS,
      ApiErrorCode.NO_SHOWCASE_SOURCE,
      ApiErrorCode.DATABASE_CORRUPT,
      ApiErrorCode.NOT_A_SHOWCASE_DATABASE,
    ],
  },
  exportMarksCsv: {
    method: 'GET',
    path: '/api/events/:eventId/export/marks.csv',
    summary: 'Every mark and comment of every judge as CSV.',
    ...IMPORT_ROUTE,
    response: rawResponse('text/csv; charset=utf-8'),
    errors: [...EVENT_TOKEN_ERRORS, ApiErrorCode.DOCUMENT_UNAVAILABLE],
  },
});

/** Checks each entry against its own path: its `params` name exactly the path's parameters. */
function defineRoutes<const T extends { readonly [N in keyof T]: CheckedRoute<T[N]> }>(routes: T): T {
  return routes;
}

type CheckedRoute<R> = R extends { path: infer P extends string }
  ? ApiRoute<P> & {
      readonly params?: { readonly [K in keyof R['params' & keyof R]]: K extends PathParamName<P> ? unknown : never };
    }
  : ApiRoute;

export type ApiRoutes = typeof API_ROUTES;
export type ApiRouteName = keyof ApiRoutes;

/** The path parameters of a route, by name. */
export type RouteParams<N extends ApiRouteName> = { [K in PathParamName<ApiRoutes[N]['path']>]: string };
export type RouteQuery<N extends ApiRouteName> = ApiRoutes[N] extends { query: Shape<infer Q> } ? Q : never;
/** The body a route takes: a JSON object, a `Blob` for a raw one, `undefined` for none. */
export type RouteBody<N extends ApiRouteName> = ApiRoutes[N] extends { body: Carries<infer B> } ? B : undefined;
/** What a route answers: the JSON type, or a `Blob` for bytes. */
export type RouteResponse<N extends ApiRouteName> = ApiRoutes[N]['response'] extends Carries<infer T> ? T : Blob;
/** The routes that take and answer JSON (or nothing): those a plain `fetch` call serves. */
export type JsonRouteName = {
  [N in ApiRouteName]: ApiRoutes[N]['response'] extends { kind: 'json' }
    ? ApiRoutes[N] extends { body: RawBody }
      ? never
      : N
    : never;
}[ApiRouteName];

type ParamsArg<N extends ApiRouteName> = [PathParamName<ApiRoutes[N]['path']>] extends [never]
  ? { params?: undefined }
  : { params: RouteParams<N> };
type BodyArg<N extends ApiRouteName> = RouteBody<N> extends undefined ? { body?: undefined } : { body: RouteBody<N> };

/** What a call of route `N` needs: its path parameters, its body, and the token to send. */
export type ApiCall<N extends ApiRouteName> = ParamsArg<N> &
  BodyArg<N> & {
    /** Sent as `Authorization: Bearer …`. */
    token?: string;
  };

/**
 * The path of a route with its parameters filled in (each encoded, but for the `*` rest, whose
 * slashes are part of it), and the query when one is given.
 */
export function apiPath<N extends ApiRouteName>(
  name: N,
  params: RouteParams<N>,
  query?: [RouteQuery<N>] extends [never] ? never : RouteQuery<N>,
): string {
  const values = params as Record<string, string>;
  const path = API_ROUTES[name].path.replace(/:(\w+)|\*/g, (wildcard, param?: string) =>
    param === undefined ? (values[wildcard] ?? '') : encodeURIComponent(values[param] ?? ''),
  );
  const defined = Object.entries(query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return defined.length > 0 ? `${path}?${new URLSearchParams(defined)}` : path;
}

/** A JSON call of a route as `fetch` takes it: the path (for the server's origin) and the request. */
export function apiRequest<N extends JsonRouteName>(name: N, call: ApiCall<N>): { path: string; init: RequestInit } {
  const route: ApiRoute = API_ROUTES[name];
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (call.token) headers.Authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    path: apiPath(name, (call.params ?? {}) as RouteParams<N>),
    init: {
      method: route.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    },
  };
}

const BY_METHOD_AND_PATH = new Map(
  Object.entries(API_ROUTES).map(([name, route]) => [`${route.method} ${route.path}`, name as ApiRouteName]),
);

/** The route of the table at this method and fastify path (`HEAD` finds the `GET`), if any. */
export function findApiRoute(method: string, path: string): ApiRouteName | undefined {
  return BY_METHOD_AND_PATH.get(`${method === 'HEAD' ? 'GET' : method} ${path}`);
}

const SERVER_PREFIXES = new Set([SYNC_PATH, ...Object.values(API_ROUTES).map((route) => firstSegment(route.path))]);

function firstSegment(path: string): string {
  return `/${path.split('/')[1] ?? ''}`;
}

/** Whether a path is the server's own (the API, health, metrics, sync) rather than the app's. */
export function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.has(firstSegment(path));
}
