/**
 * WebSocket close codes shared by client and server. 4000–4999 is the range RFC 6455 leaves
 * to applications; standard codes are used where the standard has one.
 *
 * NOTE: y-websocket's convention is followed so a stock provider does the right thing too:
 * 4400–4499 mirror HTTP 4xx (reconnecting cannot help; the provider stops), 4500–4599 mirror
 * 5xx (try again later).
 */
export const CloseCode = {
  /** The server restarts or shuts down; reconnect with jittered backoff. */
  SERVER_RESTARTING: 1012,
  /** A message exceeded the size limit (RFC 6455 "message too big"). */
  MESSAGE_TOO_LARGE: 1009,
  /** A message could not be decoded (RFC 6455 "protocol error"). */
  MALFORMED_MESSAGE: 1002,
  /** Missing, malformed, wrongly signed or expired token. */
  UNAUTHORIZED: 4401,
  /** The token is valid but may not read this document. */
  FORBIDDEN: 4403,
  /** No such event on this server. */
  UNKNOWN_EVENT: 4404,
  /** The invite behind this token was revoked. */
  TOKEN_REVOKED: 4410,
  /**
   * An update the documents' shape does not allow (types nested too deep, a record too large or
   * too deep, too many records or changes at once): nothing of it was applied.
   */
  UPDATE_OUT_OF_SHAPE: 4422,
  /** An update would take its document, or its event, past its budget in bytes: nothing of it was applied. */
  DOCUMENT_TOO_LARGE: 4413,
  /** Too many messages too fast, on one connection or with one token; reconnect after a pause. */
  RATE_LIMITED: 4529,
  /** The client did not read fast enough and the server's buffer for it filled up. */
  SLOW_CLIENT: 4508,
  /** The document could not be loaded from storage; the server refuses to serve a partial copy. */
  DOCUMENT_UNAVAILABLE: 4503,
  /** A change failed half-way in the server's copy, which it dropped and reloads from disk: resync. */
  DOCUMENT_RELOADED: 4500,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/**
 * Codes after which reconnecting cannot help: the person needs a new invite or a fix.
 * NOTE: a refused update is final too: the device would send the same pending change on every
 * reconnect and be refused again, for ever, while its screen said "retrying".
 */
const FINAL: ReadonlySet<number> = new Set([
  CloseCode.UNAUTHORIZED,
  CloseCode.FORBIDDEN,
  CloseCode.UNKNOWN_EVENT,
  CloseCode.TOKEN_REVOKED,
  CloseCode.UPDATE_OUT_OF_SHAPE,
  CloseCode.DOCUMENT_TOO_LARGE,
]);

export function isFinalCloseCode(code: number): boolean {
  return FINAL.has(code);
}
