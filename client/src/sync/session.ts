import { type CloudAccess, canRead, canWrite, type DocName, type Principal, scoresDocName } from '@ondeck/shared';
import type * as Y from 'yjs';
import type { Membership } from '../storage/db.ts';
import { saveCloudAccess } from '../storage/events.ts';
import { restoreJournalled } from '../storage/leavingJournal.ts';
import { reportStorageError } from '../storage/problems.ts';
import { askCloudAccess } from './cloudAccess.ts';
import { type CloudStatus, type DocConnection, summarize } from './connection.ts';
import { DocReplica, type ReplicaHost } from './replica.ts';
import { awaitLeadership, TabLink, type TabMessage } from './tabs.ts';

/** How often a device at a venue asks again for the cloud's token while the venue cannot get one. */
const CLOUD_ASK_MS = 30_000;

export interface SessionStatus {
  /** The server whose app this is (a venue, or the cloud itself). */
  connection: DocConnection;
  /** The cloud too, when this server is a venue that gave this device the cloud's token. */
  cloud: CloudStatus | null;
  /** The server refused a change from this device, with its reason. */
  denied: string | null;
  /** This tab holds the sockets (other tabs of the event follow it). */
  leader: boolean;
  /** Changes of this tab that storage refused: not on the device, not yet on the server. */
  unstored: number;
}

/**
 * Everything one event needs on this device, in this tab: its documents and how they sync.
 * One per event per tab (see `sessions.ts`); the tabs of an event elect one leader to sync.
 */
export class EventSession implements ReplicaHost {
  readonly principal: Principal;
  private readonly replicas = new Map<DocName, DocReplica>();
  private readonly tabs: TabLink;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private leader = false;
  private leaderConnections: Partial<Record<DocName, DocConnection>> = {};
  private leaderCloud: CloudStatus | null = null;
  private cloud: CloudAccess | null;
  private cloudTimer: ReturnType<typeof setTimeout> | undefined;
  private deniedReason: string | null = null;
  private snapshot: SessionStatus;
  /** Called when another tab removed this event from the device. */
  onLeft: (() => void) | null = null;

  constructor(readonly membership: Membership) {
    this.cloud = membership.cloud ?? null;
    this.principal = membership.personId
      ? { role: membership.role, personId: membership.personId }
      : { role: membership.role };
    this.snapshot = this.computeStatus();
    // Listen to other tabs before reading IndexedDB (see DocReplica.onUpdate).
    this.tabs = new TabLink(membership.eventId, (message) => this.onTabMessage(message));
    for (const name of this.homeDocuments()) this.replica(name);
    // NOTE: changes a closed tab journalled (storage/leavingJournal.ts) are added to IndexedDB by
    // this tab; the tab that syncs read its documents before, and must hear them to send them.
    void restoreJournalled().then((rows) => {
      for (const { eventId, doc, update } of rows)
        if (eventId === membership.eventId) this.tabs.post({ type: 'update', doc, update });
    });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    awaitLeadership(membership.eventId, this.abort.signal, () => this.becomeLeader());
    this.tabs.post({ type: 'hello' });
  }

  /** The documents every device of this role keeps, so the event is all there offline. */
  private homeDocuments(): DocName[] {
    const names: DocName[] = ['program', 'live'];
    if (this.principal.role === 'judge' && this.principal.personId) names.push(scoresDocName(this.principal.personId));
    return names.filter((name) => canRead(this.principal, name));
  }

  /** The replica of a document, opened (loaded, and synced if this tab leads) on first use. */
  replica(name: DocName): DocReplica {
    let replica = this.replicas.get(name);
    if (!replica) {
      if (!canRead(this.principal, name)) throw new Error(`The ${this.principal.role} role cannot read ${name}`);
      replica = new DocReplica(this, name);
      if (this.cloud) replica.addCloud({ url: this.cloud.url, token: this.cloud.token });
      this.replicas.set(name, replica);
      if (this.leader) void replica.startSync();
      else this.tabs.post({ type: 'open', doc: name });
    }
    return replica;
  }

  canWrite(name: DocName): boolean {
    return canWrite(this.principal, name);
  }

  /**
   * Runs a change in one transaction — synchronously once the document is loaded, so the screen
   * updates within the same input event. Refuses what the role may not write.
   */
  write(name: DocName, change: (doc: Y.Doc) => void): Promise<void> {
    if (!this.canWrite(name)) return Promise.reject(new Error(`The ${this.principal.role} role cannot change ${name}`));
    const replica = this.replica(name);
    const apply = () => replica.doc.transact(() => change(replica.doc));
    if (replica.loaded) {
      apply();
      return Promise.resolve();
    }
    return replica.ready.then(apply);
  }

  status(): SessionStatus {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the other tabs the event is gone from this device. */
  announceLeft(): void {
    this.tabs.post({ type: 'left' });
  }

  destroy(): void {
    this.abort.abort();
    clearTimeout(this.cloudTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    for (const replica of this.replicas.values()) replica.destroy();
    this.replicas.clear();
    this.tabs.close();
    this.listeners.clear();
  }

  // ReplicaHost

  post(message: TabMessage): void {
    this.tabs.post(message);
  }

  connectionChanged(): void {
    this.publish();
  }

  denied(doc: DocName, reason: string): void {
    this.deniedReason = `The server refused a change to ${doc}: ${reason}`;
    this.publish();
  }

  private becomeLeader(): void {
    this.leader = true;
    for (const replica of this.replicas.values()) void replica.startSync();
    this.tabs.post({ type: 'leader' });
    this.publish();
    if (!this.cloud || this.cloud.expiresAt * 1000 < Date.now()) void this.askForCloud();
  }

  /**
   * Asks the server for the cloud's token (README "Venue server"): a venue has one when its
   * cloud is reachable, so a device that joined while it was not asks again until it gets one.
   */
  private async askForCloud(): Promise<void> {
    const answer = await askCloudAccess(this.membership);
    if (this.abort.signal.aborted) return;
    if (!answer.cloud) {
      if (answer.later) this.cloudTimer = setTimeout(() => void this.askForCloud(), CLOUD_ASK_MS);
      return;
    }
    const cloud = answer.cloud;
    this.cloud = cloud;
    saveCloudAccess(this.membership.eventId, cloud).catch(reportStorageError);
    for (const replica of this.replicas.values()) replica.addCloud({ url: cloud.url, token: cloud.token });
    this.publish();
  }

  private readonly onOnline = () => {
    for (const replica of this.replicas.values()) replica.resume();
  };

  private readonly onOffline = () => {
    for (const replica of this.replicas.values()) replica.pause();
  };

  private onTabMessage(message: TabMessage): void {
    switch (message.type) {
      case 'update':
        this.replicas.get(message.doc)?.applyFromTab(message.update);
        return;
      case 'status':
        if (this.leader) return;
        this.leaderConnections = message.connections;
        this.leaderCloud = message.cloud;
        this.deniedReason = message.denied;
        this.publish();
        return;
      case 'hello':
        if (this.leader) this.publish();
        return;
      case 'open':
        if (this.leader && canRead(this.principal, message.doc)) this.replica(message.doc);
        return;
      case 'leader':
        for (const doc of this.replicas.keys()) this.tabs.post({ type: 'open', doc });
        return;
      case 'left':
        this.onLeft?.();
        return;
    }
  }

  private computeStatus(): SessionStatus {
    const connections = this.leader
      ? [...this.replicas.values()].map((replica) => replica.connection)
      : Object.values(this.leaderConnections).filter((connection) => connection !== undefined);
    return {
      connection: connections.length > 0 ? summarize(connections) : { state: 'connecting' },
      cloud: this.leader ? this.cloudStatus() : this.leaderCloud,
      denied: this.deniedReason,
      leader: this.leader,
      unstored: [...this.replicas.values()].reduce((sum, replica) => sum + replica.unstored.length, 0),
    };
  }

  /**
   * The cloud's side: its worst connection over the documents, and when it last held everything
   * this device had — the oldest of the documents' times, since each document's time says that
   * all it held then is on the cloud.
   */
  private cloudStatus(): CloudStatus | null {
    const clouds = [...this.replicas.values()].flatMap((replica) => (replica.cloud ? [replica.cloud] : []));
    if (clouds.length === 0) return null;
    const times = clouds.map((cloud) => cloud.coveredAt);
    return {
      connection: summarize(clouds.map((cloud) => cloud.connection)),
      savedAt: times.some((at) => at === null) ? null : Math.min(...(times as number[])),
    };
  }

  private publish(): void {
    this.snapshot = this.computeStatus();
    if (this.leader) {
      const connections: Partial<Record<DocName, DocConnection>> = {};
      for (const [name, replica] of this.replicas) connections[name] = replica.connection;
      this.tabs.post({ type: 'status', connections, cloud: this.snapshot.cloud, denied: this.deniedReason });
    }
    for (const listener of this.listeners) listener();
  }
}
