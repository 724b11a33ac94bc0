import { apiPath, type DocName } from '@ondeck/shared';
import * as Y from 'yjs';
import { type Ends, isCovered, updateEnds } from '../lib/coverage.ts';
import { type LogShape, shapeOf, shouldCompact } from '../storage/compaction.ts';
import type { Membership } from '../storage/db.ts';
import { restoreJournalled } from '../storage/leavingJournal.ts';
import { reportStorageError } from '../storage/problems.ts';
import {
  appendUpdate,
  compactDoc,
  confirmCovered,
  confirmedShape,
  loadDocUpdates,
  updateRow,
} from '../storage/updates.ts';
import { startUpdateWriter } from '../storage/updateWriter.ts';
import type { DocConnection } from './connection.ts';
import { ServerLink, type ServerLinkHost, type ServerTarget } from './serverLink.ts';
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
  canWrite(doc: DocName): boolean;
}

/**
 * One document on this device: a Y.Doc loaded from IndexedDB, every change stored before it is
 * shared, and — in the tab that leads — a WebSocket to each of the event's servers (the one
 * whose app this is, and the cloud when that is a venue), whose committed state vectors turn
 * pending changes into "saved": whichever server confirms a change first.
 */
export class DocReplica {
  readonly doc = new Y.Doc();
  /** Bumped on every change of the document, so views can cache what they read. */
  version = 0;
  loaded = false;
  /** Changes of this tab that could not be stored (storage full): pending, in memory only. */
  unstored: Ends[] = [];
  readonly ready: Promise<void>;

  private readonly listeners = new Set<() => void>();
  private writes: Promise<unknown> = Promise.resolve();
  private shape: LogShape = shapeOf([]);
  private hasLocalCopy = false;
  private readonly linkHost: ServerLinkHost;
  /** The server whose app this is. */
  private readonly home: ServerLink;
  /** The cloud, when the home server is a venue and gave this device the cloud's token. */
  private cloudLink: ServerLink | null = null;
  private syncing = false;
  private online = true;
  private destroyed = false;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReplicaHost,
    readonly name: DocName,
  ) {
    this.doc.on('update', this.onUpdate);
    startUpdateWriter();
    this.linkHost = {
      doc: this.doc,
      name,
      eventId: host.membership.eventId,
      writable: host.canWrite(name),
      // The first copy came from the home server too: a reader forwarding it elsewhere would be refused.
      fromServer: (origin: unknown) => origin === FROM_HTTP || this.links().some((link) => link.isProvider(origin)),
      connectionChanged: () => host.connectionChanged(),
      confirmed: (stateVector: Map<number, number>) => this.confirmed(stateVector),
      denied: (reason: string) => host.denied(name, reason),
    };
    const { serverUrl, token } = host.membership;
    this.home = new ServerLink(this.linkHost, { url: serverUrl, token }, false);
    this.ready = this.load();
  }

  /** Where this document stands with the home server. */
  get connection(): DocConnection {
    return this.home.connection;
  }

  /** Where it stands with the cloud, and when the cloud last held all of it; null without a cloud. */
  get cloud(): { connection: DocConnection; coveredAt: number | null } | null {
    const link = this.cloudLink;
    return link ? { connection: link.connection, coveredAt: link.coveredAt } : null;
  }

  /** Syncs with the cloud too (a venue gave the cloud's token): each server it can reach. */
  addCloud(target: ServerTarget): void {
    if (this.destroyed || this.cloudLink?.target.token === target.token) return;
    this.cloudLink?.destroy();
    this.cloudLink = new ServerLink(this.linkHost, target, true);
    if (this.syncing && this.online) void this.ready.then(() => this.cloudLink?.connect());
    this.host.connectionChanged();
  }

  private links(): ServerLink[] {
    return this.cloudLink ? [this.home, this.cloudLink] : [this.home];
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
      this.pause();
      return;
    }
    await this.connect();
  }

  /** The browser lost its network: stop trying until it is back. */
  pause(): void {
    if (!this.syncing) return;
    this.online = false;
    for (const link of this.links()) link.pause();
  }

  /** The network is back: reconnect now instead of waiting out the backoff. */
  resume(): void {
    if (!this.syncing) return;
    this.online = true;
    void this.connect();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.notifyTimer);
    for (const link of this.links()) link.destroy();
    this.doc.off('update', this.onUpdate);
    this.doc.destroy();
    this.listeners.clear();
  }

  private async load(): Promise<void> {
    try {
      await restoreJournalled();
      const rows = await loadDocUpdates(this.host.membership.eventId, this.name);
      const first = rows[0];
      if (first) {
        const update = rows.length === 1 ? first.update : Y.mergeUpdates(rows.map((row) => row.update));
        applyUnheard(this.doc, update);
        // What onUpdate does with a stored update, which it is not told of here.
        this.version++;
        this.cloudLink?.docChanged();
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
    const fromServer = this.linkHost.fromServer(origin);
    const local = !fromServer && origin !== FROM_STORAGE && origin !== FROM_TAB;
    // A person's own change shows at once (a controlled checkbox must not flick back).
    if (this.loaded) this.changed(local);
    this.cloudLink?.docChanged();
    if (!local && !fromServer) return;
    const { eventId } = this.host.membership;
    const ends = fromServer ? null : updateEnds(update);
    const row = updateRow(eventId, this.name, update, ends);
    // NOTE: store, then tell the other tabs: a tab that opens meanwhile either reads the row or
    // hears the message (it listens before it reads), so no tab misses an update.
    this.enqueue(async () => {
      try {
        await appendUpdate(row);
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
    if (this.destroyed || !this.online) return;
    for (const link of this.links()) link.resume();
  }

  /** A server's committed state vector: the pending changes it covers are saved. */
  private confirmed(stateVector: Map<number, number>): void {
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
}

/**
 * Applies the device's stored copy with no one listening for updates: it is already stored, and
 * no link is connected before it is loaded (`startSync` waits for it).
 *
 * NOTE: while anything listens for 'update', Yjs encodes every change it applies again to tell
 * them — for the large program's 532 kB, 117 ms of a phone's 2 s offline open, spent on an
 * encoding nobody used (CPU profile of `offline-open.bench.ts`). lib0's Observable has no way to
 * hold its events but its own map of observers.
 */
function applyUnheard(doc: Y.Doc, update: Uint8Array): void {
  const listeners = doc._observers.get('update');
  doc._observers.delete('update');
  try {
    Y.applyUpdate(doc, update, FROM_STORAGE);
  } finally {
    if (listeners) doc._observers.set('update', listeners);
  }
}
