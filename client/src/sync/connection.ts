import { CloseCode } from '@ondeck/shared';

/** Where one document's connection to the server stands. */
export type DocConnection =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'waiting'; retryAt: number }
  /** A socket is open (or opening) but the server has not answered for seconds: hung or unreachable. */
  | { state: 'unresponsive' }
  | { state: 'offline' }
  | { state: 'blocked'; code: number };

/** The cloud, for a device that joined at a venue. */
export interface CloudStatus {
  connection: DocConnection;
  /** When the cloud last held everything this device had (ms since the epoch); null when never yet. */
  savedAt: number | null;
}

/** Worst first: the event's summary is the worst state among its documents. */
const SEVERITY: Record<DocConnection['state'], number> = {
  blocked: 6,
  offline: 5,
  waiting: 4,
  unresponsive: 3,
  connecting: 2,
  idle: 1,
  connected: 0,
};

export function summarize(connections: readonly DocConnection[]): DocConnection {
  let worst: DocConnection = { state: 'idle' };
  let seen = false;
  for (const connection of connections) {
    if (!seen || SEVERITY[connection.state] > SEVERITY[worst.state]) worst = connection;
    seen = true;
  }
  return worst;
}

/** What the person should do after a close code that cannot heal. */
export function blockedMessage(code: number): string {
  switch (code) {
    case CloseCode.TOKEN_REVOKED:
      return 'This invite was revoked — ask the organiser for a new link.';
    case CloseCode.UNAUTHORIZED:
      return 'The server no longer accepts this device’s invite (expired or unknown) — ask the organiser for a new link.';
    case CloseCode.FORBIDDEN:
      return 'Your invite does not allow this part of the event — ask the organiser to check your invite.';
    case CloseCode.UNKNOWN_EVENT:
      return 'The server does not know this event any more — ask the organiser where it moved.';
    case CloseCode.UPDATE_OUT_OF_SHAPE:
      return 'The server refused a change from this device as damaged; it stays on this device — tell the organiser.';
    case CloseCode.DOCUMENT_TOO_LARGE:
      return 'The event is at its size limit on the server; this device’s changes stay here — tell the organiser.';
    default:
      return `The server refused this device (code ${code}) — ask the organiser for a new link.`;
  }
}
