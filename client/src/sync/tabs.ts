import type { DocName } from '@ondeck/shared';
import type { CloudStatus, DocConnection } from './connection.ts';

/** What tabs of one event tell each other (same device, same IndexedDB). */
export type TabMessage =
  /** An update already stored in IndexedDB by the sender: apply it, do not store it again. */
  | { type: 'update'; doc: DocName; update: Uint8Array }
  /** The leader's view of the connection, for tabs that hold no socket. */
  | {
      type: 'status';
      connections: Partial<Record<DocName, DocConnection>>;
      cloud: CloudStatus | null;
      denied: string | null;
    }
  /** A tab opened: the leader answers with its status. */
  | { type: 'hello' }
  /** A tab opened a document: the leader must sync it too, or that tab's changes would wait forever. */
  | { type: 'open'; doc: DocName }
  /** A tab took over the sockets: the others tell it which documents they have open. */
  | { type: 'leader' }
  /** The event was removed from this device. */
  | { type: 'left' };

/** A BroadcastChannel per event; a no-op where the browser has none. */
export class TabLink {
  private readonly channel: BroadcastChannel | null;

  constructor(eventId: string, onMessage: (message: TabMessage) => void) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`ondeck:${eventId}`) : null;
    if (this.channel) this.channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
  }

  post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  close(): void {
    this.channel?.close();
  }
}

/**
 * Calls `onLeader` once this tab holds the event's sync lock: one tab per device keeps the
 * sockets and stores what the server sends, so tabs never store the same update twice. When
 * that tab closes the lock passes to the next tab. Without Web Locks every tab leads.
 */
export function awaitLeadership(eventId: string, signal: AbortSignal, onLeader: () => void): void {
  if (!('locks' in navigator) || !navigator.locks) {
    onLeader();
    return;
  }
  navigator.locks
    .request(`ondeck-sync:${eventId}`, { signal }, () => {
      onLeader();
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    })
    .catch((error: unknown) => {
      if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
    });
}
