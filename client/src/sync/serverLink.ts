import { type DocName, isFinalCloseCode, MessageType, SYNC_PATH, syncRoomName } from '@ondeck/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { updateEnds } from '../lib/coverage.ts';
import { reconnectDelay } from './backoff.ts';
import type { DocConnection } from './connection.ts';
import { Liveness, PING_FRAME } from './liveness.ts';

/** A server this device syncs an event with, and the token it holds there. */
export interface ServerTarget {
  url: string;
  token: string;
}

export interface ServerLinkHost {
  readonly doc: Y.Doc;
  readonly name: DocName;
  readonly eventId: string;
  /** Whether this device may change the document (a reader relays nothing between servers). */
  readonly writable: boolean;
  /** Whether an update came from one of the document's servers (those are not forwarded to the others). */
  fromServer(origin: unknown): boolean;
  connectionChanged(): void;
  /** The server sent its committed state vector: pending changes it covers are saved. */
  confirmed(stateVector: Map<number, number>): void;
  denied(reason: string): void;
}

/** How often a server still holding everything is news for the screens. */
const COVERED_NEWS_MS = 10_000;

/** An empty document: what a reader answers a server's state vector with. */
const NOTHING = new Y.Doc();

function socketBase(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, 'ws')}${SYNC_PATH}`;
}

/**
 * One document's WebSocket to one server: the provider, the liveness watch, backoff, and the
 * bookkeeping that turns the server's committed state vectors into "saved".
 *
 * A device may sync a document with several servers (a venue and its cloud) on the same Y.Doc:
 * Yjs merges whatever arrives from each, twice or not. A change made on this device goes to
 * every server; what one server sent is not forwarded to the others live — each server gets it
 * from the other over their own link — but a writer's handshake answers a server with all it
 * lacks, so a change confirmed by one server reaches the other through this device when their
 * own link is down. A reader answers with nothing: it may change nothing, on either server.
 */
export class ServerLink {
  connection: DocConnection = { state: 'idle' };
  /**
   * What this server has said it holds: its committed state vectors, and the ends of every
   * update it sent (it sends only what it committed). Tracked only where asked (`coverage`).
   */
  private readonly serverState = new Map<number, number>();
  /** When this server last held everything the document holds here (ms since the epoch). */
  coveredAt: number | null = null;
  private covers = false;
  private toldAt = 0;
  private provider: WebsocketProvider | null = null;
  private liveness: Liveness | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(
    private readonly host: ServerLinkHost,
    readonly target: ServerTarget,
    private readonly coverage: boolean,
  ) {}

  isProvider(origin: unknown): boolean {
    return origin !== null && origin === this.provider;
  }

  /** The browser lost its network: stop trying until it is back. */
  pause(): void {
    clearTimeout(this.retryTimer);
    this.liveness?.stop();
    this.provider?.disconnect();
    if (this.connection.state !== 'blocked') this.setConnection({ state: 'offline' });
  }

  /** The network is back: reconnect now instead of waiting out the backoff. */
  resume(): void {
    if (this.connection.state === 'blocked') return;
    clearTimeout(this.retryTimer);
    this.attempts = 0;
    this.connect();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    this.liveness?.stop();
    this.provider?.destroy();
    this.provider = null;
  }

  /** The document changed here: does this server still hold all of it? */
  docChanged(): void {
    if (this.coverage && this.covers) this.checkCovered();
  }

  connect(): void {
    if (this.destroyed) return;
    this.setConnection({ state: 'connecting' });
    if (this.provider) {
      this.provider.connect();
      return;
    }
    const { url, token } = this.target;
    const { doc, eventId, name } = this.host;
    const provider = new WebsocketProvider(socketBase(url), syncRoomName(eventId, name), doc, {
      connect: false,
      params: { token },
      // Tabs share state through IndexedDB and our own channel; the provider's would duplicate it.
      disableBc: true,
      // NOTE: every server close goes through `closed` below, where final codes stop and others
      // get jittered backoff (the provider's own backoff has no jitter).
      shouldReconnect: () => false,
    });
    // NOTE: no presence: a device publishing an awareness state every 15 s would make the server
    // relay n² messages in a ballroom of n devices, for nothing the screens use.
    provider.awareness.setLocalState(null);
    this.forwardOnlyOwnChanges(provider);
    this.watchServerStateVectors(provider);
    this.watchLiveness(provider);
    provider.on('status', ({ status }) => {
      if (status === 'connecting') this.liveness?.start();
      // A server that stopped answering is still not answering while a new socket tries.
      if ((status === 'connecting' || status === 'disconnected') && this.connection.state !== 'unresponsive')
        this.setConnection({ state: 'connecting' });
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.attempts = 0;
      this.setConnection({ state: 'connected' });
    });
    provider.on('closed', ({ code }) => this.onClosed(code));
    this.provider = provider;
    provider.connect();
  }

  private setConnection(connection: DocConnection): void {
    this.connection = connection;
    this.host.connectionChanged();
  }

  private onClosed(code: number): void {
    if (this.destroyed) return;
    this.liveness?.stop();
    if (isFinalCloseCode(code)) {
      this.setConnection({ state: 'blocked', code });
      return;
    }
    if (!navigator.onLine) {
      this.setConnection({ state: 'offline' });
      return;
    }
    const delay = reconnectDelay(this.attempts++);
    this.setConnection({ state: 'waiting', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /**
   * The provider sends every update of the document but its own; what another server sent is
   * left out (a reader relaying it would be refused as read-only, and each server gets it from
   * the other anyway).
   */
  private forwardOnlyOwnChanges(provider: WebsocketProvider): void {
    const internal = provider as unknown as { _updateHandler: (update: Uint8Array, origin: unknown) => void };
    const forward = internal._updateHandler;
    this.host.doc.off('update', forward);
    internal._updateHandler = (update, origin) => {
      if (!this.host.fromServer(origin)) forward(update, origin);
    };
    this.host.doc.on('update', internal._updateHandler);
  }

  /**
   * A socket can stay open while the server behind it answers nothing (a stopped process, a
   * half-open connection): a ping after a short silence tells, and anything that arrives again
   * makes the connection live again.
   */
  private watchLiveness(provider: WebsocketProvider): void {
    this.liveness = new Liveness({
      canPing: () => provider.wsconnected && provider.ws?.readyState === WebSocket.OPEN,
      ping: () => provider.ws?.send(PING_FRAME),
      silent: () => {
        if (this.connection.state === 'connected' || this.connection.state === 'connecting')
          this.setConnection({ state: 'unresponsive' });
      },
    });
    provider.messageHandlers = provider.messageHandlers.map((handle) => (encoder, decoder, p, emitSynced, type) => {
      this.liveness?.heard();
      // A reconnecting socket becomes live through 'sync'; an open one that speaks again, here.
      if (this.connection.state === 'unresponsive' && provider.synced) this.setConnection({ state: 'connected' });
      handle(encoder, decoder, p, emitSynced, type);
    });
  }

  /**
   * The server sends a sync step 1 with its committed state vector after every commit of this
   * connection's updates (and in the handshake): the moment pending changes become saved.
   */
  private watchServerStateVectors(provider: WebsocketProvider): void {
    const handleSync = provider.messageHandlers[MessageType.SYNC];
    if (!handleSync) throw new Error('y-websocket has no sync message handler');
    provider.messageHandlers[MessageType.SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      const kind = decoding.readVarUint(peek);
      if (kind === syncProtocol.messageYjsSyncStep1) {
        const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(peek));
        this.host.confirmed(stateVector);
        if (this.coverage) {
          this.merge(stateVector);
          this.checkCovered();
        }
        if (!this.host.writable) {
          // A reader answers with nothing: whatever it holds that this server lacks came from
          // another server, and this one would refuse it from a reader.
          encoding.writeVarUint(encoder, MessageType.SYNC);
          syncProtocol.writeSyncStep2(encoder, NOTHING, Y.encodeStateVector(NOTHING));
          return;
        }
      } else if (this.coverage) {
        // Step 2 and updates: what the server holds, committed.
        this.merge(updateEnds(decoding.readVarUint8Array(peek)));
        handleSync(encoder, decoder, p, emitSynced, messageType);
        this.checkCovered();
        return;
      }
      handleSync(encoder, decoder, p, emitSynced, messageType);
    };
    provider.messageHandlers[MessageType.AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.host.doc, (_doc, reason) => this.host.denied(reason));
    };
  }

  private merge(held: Iterable<[number, number]>): void {
    for (const [client, clock] of held)
      if (clock > (this.serverState.get(client) ?? 0)) this.serverState.set(client, clock);
  }

  private checkCovered(): void {
    const here = Y.decodeStateVector(Y.encodeStateVector(this.host.doc));
    const covers = [...here].every(([client, clock]) => (this.serverState.get(client) ?? 0) >= clock);
    const now = Date.now();
    // NOTE: the screens show this time to the minute: telling them on every message of a busy
    // document would re-render them for nothing.
    const news = covers !== this.covers || (covers && now - this.toldAt >= COVERED_NEWS_MS);
    this.covers = covers;
    if (covers) this.coveredAt = now;
    if (!news) return;
    this.toldAt = now;
    this.host.connectionChanged();
  }
}
