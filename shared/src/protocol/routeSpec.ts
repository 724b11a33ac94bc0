import type { ApiErrorCode } from './apiErrors.ts';
import type { Role } from './roles.ts';

/**
 * The pieces a route of the table (`routes.ts`) is written with. A route's values are what the
 * server builds its JSON schemas from; the TypeScript types ride along on the same values, so
 * the client's calls and the server's handlers are typed by the very entry that validates them.
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** A JSON schema as the server's validator (Ajv, through fastify) reads it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

declare const carried: unique symbol;
/** A TypeScript type carried by a value, for the compiler only: never set at runtime. */
export interface Carries<T> {
  readonly [carried]?: T;
}

export interface RequiredField {
  readonly presence: 'required';
  readonly schema: JsonSchema;
}
export interface OptionalField {
  readonly presence: 'optional';
  readonly schema: JsonSchema;
}

export function required(schema: JsonSchema): RequiredField {
  return { presence: 'required', schema };
}

export function optional(schema: JsonSchema): OptionalField {
  return { presence: 'optional', schema };
}

type RequiredKey<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? never : K }[keyof T];

/** One field per property of `T`, `required(…)` exactly where `T` requires it: schema and type cannot drift. */
export type Fields<T> = {
  readonly [K in keyof T]-?: K extends RequiredKey<T> ? RequiredField : OptionalField;
};

/** A JSON object of type `T` (a body or a query string), field by field. */
export interface Shape<T> extends Carries<T> {
  readonly kind: 'object';
  readonly fields: Fields<T>;
}

export function shape<T>(fields: Fields<T>): Shape<T> {
  return { kind: 'object', fields };
}

/** A body taken as the raw bytes (a browser sends a `Blob`), whatever its declared type. */
export interface RawBody extends Carries<Blob> {
  readonly kind: 'raw';
  /** What the server accepts, in words for people (it checks the bytes themselves). */
  readonly accepts: string;
}

export function rawBody(accepts: string): RawBody {
  return { kind: 'raw', accepts };
}

export interface JsonResponse<T> extends Carries<T> {
  readonly kind: 'json';
}

export function json<T>(): JsonResponse<T> {
  return { kind: 'json' };
}

/** A response that is not JSON: a file, an archive, a document's bytes, Prometheus text. */
export interface RawResponse {
  readonly kind: 'raw';
  readonly contentType: string;
}

export function rawResponse(contentType: string): RawResponse {
  return { kind: 'raw', contentType };
}

/** The names of a fastify path's parameters: each `:name`, and `*` for a trailing wildcard. */
export type PathParamName<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamName<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : P extends `${string}*`
      ? '*'
      : never;

/** Who may call a route: anyone, the holder of the admin token, or an event token of these roles. */
export type Caller = 'anyone' | 'admin' | { readonly roles: readonly Role[] };

export interface ApiRoute<P extends string = string> {
  readonly method: HttpMethod;
  /** Fastify's syntax: `:name` for a parameter, `*` for the rest of the path. */
  readonly path: P;
  /** What it does, in a line for people (the README's REST section). */
  readonly summary: string;
  readonly caller: Caller;
  readonly params?: { readonly [K in PathParamName<P>]: JsonSchema };
  readonly query?: Shape<unknown>;
  readonly body?: Shape<unknown> | RawBody;
  /** The status of a success when it is not 200: 201 for what a route creates. */
  readonly status?: 201;
  readonly response: JsonResponse<unknown> | RawResponse;
  /** The codes this route answers beyond those any route may (`ANY_ROUTE_ERRORS`). */
  readonly errors: readonly ApiErrorCode[];
}
