import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * Watches the sync step 1 messages a stock provider receives: the server sends one after each
 * commit, carrying its committed state vector. `covers` tells whether a local change (the
 * provider doc's state vector at the time of the change) is confirmed saved.
 */
const trackers = new WeakMap<WebsocketProvider, ReturnType<typeof startTracking>>();

export function trackConfirmations(provider: WebsocketProvider): ReturnType<typeof startTracking> {
  let tracker = trackers.get(provider);
  if (!tracker) {
    tracker = startTracking(provider);
    trackers.set(provider, tracker);
  }
  return tracker;
}

function startTracking(provider: WebsocketProvider) {
  const confirmed = new Map<number, number>();
  const listeners = new Set<() => void>();
  const original = provider.messageHandlers[0] as (...args: unknown[]) => void;
  provider.messageHandlers[0] = (encoder: unknown, decoder: decoding.Decoder, ...rest: unknown[]) => {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) === 0) {
      const sv = Y.decodeStateVector(decoding.readVarUint8Array(peek));
      for (const [client, clock] of sv) confirmed.set(client, Math.max(clock, confirmed.get(client) ?? 0));
      for (const listener of listeners) listener();
    }
    original(encoder, decoder, ...rest);
  };
  return {
    /** Whether the server confirmed everything up to `clock` of `client`. */
    covers(client: number, clock: number): boolean {
      return (confirmed.get(client) ?? 0) >= clock;
    },
    onConfirm(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Resolves once the server has confirmed every change the provider's document made so far. */
export async function waitForConfirmed(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  const tracker = trackConfirmations(provider);
  const { clientID } = provider.doc;
  const clock = Y.getState(provider.doc.store, clientID);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the confirmation')), timeoutMs);
    const check = () => {
      if (!tracker.covers(clientID, clock)) return;
      clearTimeout(timer);
      off();
      resolve();
    };
    const off = tracker.onConfirm(check);
    check();
  });
}
