import {
  type ApiCall,
  type ApiError,
  type ApiErrorCode,
  apiRequest,
  isApiErrorCode,
  type JsonRouteName,
  type RouteResponse,
} from '@ondeck/shared';

/** Failures the device finds itself, beside the server's `ApiErrorCode`s. */
export const ClientErrorCode = {
  /** The server cannot be reached, or a transfer was cut off. */
  NETWORK: 'NETWORK',
  /** The page is not a secure one, so Web Crypto (checking a song's hash) is not there. */
  INSECURE: 'INSECURE',
  /** A downloaded file is not the one its hash names. */
  CORRUPT: 'CORRUPT',
  /** An answer that is not an API error (a proxy's error page): its status says what happened. */
  HTTP_ERROR: 'HTTP_ERROR',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** A REST call that failed: `code` is the server's stable error code, or one the device found. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The error of a failed answer: the server's code and sentence, or its status when the body is no `ApiError`. */
export function answerError(status: number, payload: unknown): RequestError {
  const error = (payload as Partial<ApiError> | null)?.error;
  return new RequestError(
    status,
    isApiErrorCode(error?.code) ? error.code : ClientErrorCode.HTTP_ERROR,
    error?.message ?? `The server answered ${status}.`,
  );
}

/** A JSON body, or null for an empty or non-JSON one (a proxy's error page). */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Calls route `name` of the API (the route table in `@ondeck/shared`) on a sync server, typed
 * by its entry; every failure becomes a RequestError with words for people.
 */
export async function callApi<N extends JsonRouteName>(
  serverUrl: string,
  name: N,
  call: ApiCall<N>,
): Promise<RouteResponse<N>> {
  const { path, init } = apiRequest(name, call);
  let response: Response;
  try {
    response = await fetch(`${serverUrl}${path}`, init);
  } catch {
    throw new RequestError(
      0,
      ClientErrorCode.NETWORK,
      'The server cannot be reached. Check the connection and try again.',
    );
  }
  const payload = parseJson(await response.text());
  if (!response.ok) throw answerError(response.status, payload);
  return payload as RouteResponse<N>;
}
