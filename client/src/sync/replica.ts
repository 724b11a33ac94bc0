import { apiPath, type DocName, isFinalCloseCode, MessageType, SYNC_PATH, syncRoomName } from '@ondeck/shared';
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type LogShape, shapeOf, shouldCompact } from '../storage/compaction.ts';
import type { Membership } from '../storage/db.ts';
import { reportStorageError } from '../storage/problems.ts';
import { appendUpdate, compactDoc, confirmCovered, confirmedShape, loadDocUpdates } from '../storage/updates.ts';
import { startUpdateWriter } from '../storage/updateWriter.ts';
import { reconnectDelay } from './backoff.ts';
import type { DocConnection } from './connection.ts';
import { type Ends, isCovered, updateEnds } from './coverage.ts';
import { Liveness, PING_FRAME } from './liveness.ts';
import type { TabMessage } from './tabs.ts';

/** Transaction origins that must not be stored again. */
const FROM_STORAGE = Symbol('indexeddb');
const FROM_TAB = Symbol('another tab');
const FROM_HTTP = Symbol('first copy over HTTP');

export interface ReplicaHost {
  membership: Membership;
  post(message: TabMessage): void;
  connectionChanged(): void;
  denied(doc: DocName, reason: string): void;
}

function socketBase(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, 'ws')}${SYNC_PATH}`;
}

/**
 * One document on this device: a Y.Doc loaded from IndexedDB, every change stored before it is
 * shared, and — in the tab that leads — a WebSocket to the server with the bookkeeping that
 * turns the server's committed state vectors into "saved".
 */
export class DocReplica {
  readonly doc = new Y.Doc();
  /** Bumped on every change of the document, so views can cache what they read. */
  version = 0;
  loaded = false;
  connection: DocConnection = { state: 'idle' };
  /** Changes of this tab that could not be stored (storage full): pending, in memory only. */
  unstored: Ends[] = [];
  readonly ready: Promise<void>;

  private readonly listeners = new Set<() => void>();
  private writes: Promise<unknown> = Promise.resolve();
  private shape: LogShape = shapeOf([]);
  private hasLocalCopy = false;
  private provider: WebsocketProvider | null = null;
  private liveness: Liveness | null = null;
  private syncing = false;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReplicaHost,
    readonly name: DocName,
  ) {
    this.doc.on('update', this.onUpdate);
    startUpdateWriter();
    this.ready = this.load();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An update another tab stored already. */
  applyFromTab(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, FROM_TAB);
  }

  /** Starts syncing with the server: this tab now leads the event. */
  async startSync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    await this.ready;
    if (this.destroyed) return;
    if (!navigator.onLine) {
      this.setConnection({ state: 'offline' });
      return;
    }
    await this.connect();
  }

  /** The browser lost its network: stop trying until it is back. */
  pause(): void {
    if (!this.syncing) return;
    clearTimeout(this.retryTimer);
    this.liveness?.stop();
    this.provider?.disconnect();
    if (this.connection.state !== 'blocked') this.setConnection({ state: 'offline' });
  }

  /** The network is back: reconnect now instead of waiting out the backoff. */
  resume(): void {
    if (!this.syncing || this.connection.state === 'blocked') return;
    clearTimeout(this.retryTimer);
    this.attempts = 0;
    void this.connect();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.notifyTimer);
    this.liveness?.stop();
    this.provider?.destroy();
    this.provider = null;
    this.doc.off('update', this.onUpdate);
    this.doc.destroy();
    this.listeners.clear();
  }

  private async load(): Promise<void> {
    try {
      const rows = await loadDocUpdates(this.host.membership.eventId, this.name);
      const first = rows[0];
      if (first) {
        const update = rows.length === 1 ? first.update : Y.mergeUpdates(rows.map((row) => row.update));
        Y.applyUpdate(this.doc, update, FROM_STORAGE);
      }
      this.hasLocalCopy = rows.length > 0;
      this.shape = confirmedShape(rows);
    } catch (error) {
      reportStorageError(error);
    }
    this.loaded = true;
    this.changed(true);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.version++;
    const fromServer = origin === FROM_HTTP || (origin !== null && origin === this.provider);
    const local = !fromServer && origin !== FROM_STORAGE && origin !== FROM_TAB;
    // A person's own change shows at once (a controlled checkbox must not flick back).
    if (this.loaded) this.changed(local);
    if (!local && !fromServer) return;
    const { eventId } = this.host.membership;
    const ends = fromServer ? null : updateEnds(update);
    // NOTE: store, then tell the other tabs: a tab that opens meanwhile either reads the row or
    // hears the message (it listens before it reads), so no tab misses an update.
    this.enqueue(async () => {
      try {
        await appendUpdate(eventId, this.name, update, ends);
      } catch (error) {
        // Not on the device (a full disk): still shared and sent, and still counted as waiting.
        if (ends) this.unstored.push(ends);
        this.host.post({ type: 'update', doc: this.name, update });
        this.host.connectionChanged();
        throw error;
      }
      this.hasLocalCopy = true;
      this.host.post({ type: 'update', doc: this.name, update });
      if (fromServer) await this.compactIfDue(1, update.byteLength);
    });
  };

  /** Confirmed rows were added (from the server, or this device's changes now confirmed). */
  private async compactIfDue(addedRows: number, addedBytes: number): Promise<void> {
    const { rows, baseBytes, logBytes } = this.shape;
    this.shape = { rows: rows + addedRows, baseBytes, logBytes: logBytes + addedBytes };
    if (shouldCompact(this.shape)) this.shape = await compactDoc(this.host.membership.eventId, this.name);
  }

  private enqueue(job: () => Promise<unknown>): void {
    this.writes = this.writes.then(job).catch(reportStorageError);
  }

  /**
   * Views re-read the document at most every 30 ms for changes from elsewhere: a burst of
   * updates costs one read. `now` notifies at once.
   */
  private changed(now = false): void {
    if (now) {
      clearTimeout(this.notifyTimer);
      this.notifyTimer = undefined;
      for (const listener of this.listeners) listener();
      return;
    }
    if (this.notifyTimer !== undefined) return;
    this.notifyTimer = setTimeout(() => this.changed(true), 30);
  }

  private setConnection(connection: DocConnection): void {
    this.connection = connection;
    this.host.connectionChanged();
  }

  /** A device's first copy comes over HTTP: compressed and far smaller than a socket's full sync. */
  private async fetchFirstCopy(): Promise<void> {
    const { serverUrl, eventId, token } = this.host.membership;
    try {
      const response = await fetch(`${serverUrl}${apiPath('docState', { eventId, '*': this.name })}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) return; // The socket reports why, with a close code.
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (this.destroyed) return;
      Y.applyUpdate(this.doc, bytes, FROM_HTTP);
      // An empty document (a quiet `live`) stores nothing, but needs no first copy again.
      this.hasLocalCopy = true;
    } catch {
      // Unreachable: the socket retries with backoff.
    }
  }

  private async connect(): Promise<void> {
    if (this.destroyed) return;
    if (!this.hasLocalCopy) await this.fetchFirstCopy();
    if (this.destroyed) return;
    this.setConnection({ state: 'connecting' });
    if (this.provider) {
      this.provider.connect();
      return;
    }
    const { serverUrl, eventId, token } = this.host.membership;
    const provider = new WebsocketProvider(socketBase(serverUrl), syncRoomName(eventId, this.name), this.doc, {
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
    this.retryTimer = setTimeout(() => void this.connect(), delay);
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
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
        const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(peek));
        const stillUnstored = this.unstored.filter((ends) => !isCovered(ends, stateVector));
        if (stillUnstored.length !== this.unstored.length) {
          this.unstored = stillUnstored;
          this.host.connectionChanged();
        }
        const { eventId } = this.host.membership;
        this.enqueue(async () => {
          // A judge's own marks never come back from the server: count them once confirmed.
          const confirmed = await confirmCovered(eventId, this.name, stateVector, Date.now());
          if (confirmed.rows > 0) await this.compactIfDue(confirmed.rows, confirmed.bytes);
        });
      }
      handleSync(encoder, decoder, p, emitSynced, messageType);
    };
    provider.messageHandlers[MessageType.AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.host.denied(this.name, reason));
    };
  }
}
