import { type DocName, syncRoomName } from '@ondeck/shared';
import { type WebSocketConstructor, WirePeer } from '@ondeck/shared/testkit';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { trackConfirmations } from './confirmations.ts';

/** An unmodified y-websocket provider in Node, exactly as the README promises works. */
export function stockProvider(
  syncUrl: string,
  room: string,
  token: string,
  doc = new Y.Doc(),
  options: { connect?: boolean } = {},
): WebsocketProvider {
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    // biome-ignore lint/suspicious/noExplicitAny: y-websocket types the polyfill as the DOM WebSocket class
    WebSocketPolyfill: WebSocket as any,
    params: { token },
    connect: options.connect ?? true,
    disableBc: true,
  });
  // Confirmations are watched from the start, so none is missed by a later wait.
  trackConfirmations(provider);
  return provider;
}

export function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/**
 * Like `waitFor`, for a condition that needs a request: asked one at a time, a failed request
 * counting as "not yet", so none is left in flight (to fail the run) once this returns.
 */
export async function waitForAsync(
  predicate: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      if (await predicate()) return;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const cause = lastError instanceof Error ? ` (last request: ${lastError.message})` : '';
  throw new Error(`timed out waiting for ${what}${cause}`);
}

export function waitForSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => provider.synced, timeoutMs, `sync of ${provider.roomname}`);
}

/** Resolves with the close code and reason of the provider's next closed socket. */
export function nextClose(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const onClose = (event: { code: number; reason: string } | null) => {
      provider.off('connection-close', onClose);
      resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' });
    };
    provider.on('connection-close', onClose);
  });
}

/** A raw socket for speaking (or mangling) the protocol by hand. */
export function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve({ code: 1006, reason: '' });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** A light wire peer on one document of an event (it speaks the protocol, applies nothing). */
export function wirePeer(syncUrl: string, eventId: string, doc: DocName, token: string): Promise<WirePeer> {
  return WirePeer.connect(
    WebSocket as unknown as WebSocketConstructor,
    `${syncUrl}/${syncRoomName(eventId, doc)}?token=${encodeURIComponent(token)}`,
  );
}
