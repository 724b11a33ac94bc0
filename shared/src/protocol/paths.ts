import type { DocName } from './ids.ts';

/** WebSocket sync endpoint prefix; a document lives at `/sync/<eventId>/<docName>?token=…`. */
export const SYNC_PATH = '/sync';

/**
 * The room name a stock y-websocket `WebsocketProvider` is given with `serverUrl = <origin>/sync`:
 * the provider joins them with a slash.
 */
export function syncRoomName(eventId: string, doc: DocName): string {
  return `${eventId}/${doc}`;
}

/** The client route an invite link opens. */
export function joinPath(code: string): string {
  return `/join/${code}`;
}

/** The client route of the admin's screen: the server's events, for the holder of the admin token. */
export const ADMIN_PATH = '/admin';

/** y-protocols message types (y-websocket): the wire format is theirs, unmodified. */
export const MessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
} as const;
