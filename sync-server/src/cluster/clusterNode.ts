import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { CloseCode, type ClusterHealth, isSlug, SYNC_PATH } from '@ondeck/shared';
import type { FastifyBaseLogger } from 'fastify';
import { Gauge } from 'prom-client';
import type { TokenService } from '../auth/tokens.ts';
import type { EventBackups } from '../backup/eventBackups.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { ClusterSettings } from '../clusterConfig.ts';
import type { EventRegistry, LifecycleHooks } from '../loadedEvents/eventRegistry.ts';
import { DocumentUnavailableError } from '../loadedEvents/loadedEvent.ts';
import type { Metrics } from '../metrics.ts';
import type { ObjectStore } from '../objectStore/index.ts';
import type { S3Settings } from '../objectStore/storageConfig.ts';
import { eventsDir } from '../storage/eventFiles.ts';
import type { SyncServer } from '../sync/syncServer.ts';
import { EventRecords } from './eventRecords.ts';
import { guardedStore } from './guardedStore.ts';
import { LeaseStore } from './leaseStore.ts';
import { Ownership } from './ownership.ts';

export interface ClusterNodeDeps {
  settings: ClusterSettings;
  s3: S3Settings;
  store: ObjectStore;
  dataDir: string;
  catalog: IndexDatabase;
  tokens: TokenService;
  metrics: Metrics;
  log: FastifyBaseLogger;
}

type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * One node of a cluster (README "Several nodes"): it serves an event only while it holds the
 * event's lease (ownership.ts), takes the event from the bucket when it wins it, and gives it
 * back — backed up, with its catalogue record — when it stops, idles, or is asked to.
 */
export class ClusterNode {
  readonly ownership: Ownership;
  readonly records: EventRecords;
  private readonly leases: LeaseStore;
  private parts: { registry: EventRegistry; sync: SyncServer; backups: EventBackups } | null = null;
  private shipping: NodeJS.Timeout | null = null;
  private readonly stopWatching: () => void;

  constructor(private readonly deps: ClusterNodeDeps) {
    this.leases = new LeaseStore(deps.s3);
    this.ownership = new Ownership(this.leases, {
      node: deps.settings.node,
      url: deps.settings.url,
      leaseMs: deps.settings.leaseMs,
      log: deps.log,
    });
    this.records = new EventRecords(deps.store, deps.catalog);
    this.setAsideLocalEvents();
    this.stopWatching = deps.catalog.watch(() => this.scheduleShip());
    this.registerMetrics();
  }

  /** The store for backups: events only while held, the index under this node's own name. */
  backupStore(): ObjectStore {
    return guardedStore(this.deps.store, {
      node: this.deps.settings.node,
      mayBackUp: (eventId) => this.ownership.mayBackUp(eventId),
    });
  }

  /** The registry's hooks: an event loads only while held. */
  hooks(inner: LifecycleHooks): LifecycleHooks {
    return {
      ...inner,
      onLoadEvent: async (eventId, path) => {
        if (!this.ownership.holds(eventId))
          throw new DocumentUnavailableError(`this node does not hold the lease of ${eventId}`);
        await inner.onLoadEvent?.(eventId, path);
      },
    };
  }

  attach(parts: { registry: EventRegistry; sync: SyncServer; backups: EventBackups }): void {
    this.parts = parts;
    const { registry, sync, backups } = parts;
    this.ownership.attach({
      acquired: async (eventId, fresh) => {
        if (fresh) {
          await registry.unload(eventId);
          this.setAside(eventId);
        }
        const { revoked } = await this.records.take(eventId);
        for (const inviteId of revoked) this.deps.tokens.revoke(inviteId);
      },
      handOver: async (eventId) => {
        sync.closeEvent(eventId, CloseCode.SERVER_RESTARTING, 'the event moves to another server; reconnect');
        await registry.unload(eventId);
        if (registry.get(eventId)) return false;
        if (backups.scheduler.status(eventId)?.pendingSince) {
          const outcome = await backups.scheduler.backupNow(eventId);
          if (!outcome.ok) return false;
        }
        await this.records.ship(eventId);
        return true;
      },
      lost: (eventId) => {
        sync.closeEvent(eventId, CloseCode.SERVER_RESTARTING, 'the event moved to another server; reconnect');
        void registry.unload(eventId);
      },
      loaded: (eventId) => registry.get(eventId) !== undefined,
    });
  }

  /** Waits until this node holds the event; what a request for an event goes through first. */
  claim(eventId: string): Promise<void> {
    return this.ownership.claim(eventId);
  }

  /** A newly created event: into storage at once, so that another node can take it over. */
  async created(eventId: string): Promise<void> {
    await this.records.ship(eventId);
    await this.parts?.backups.scheduler.backupNow(eventId);
  }

  /** The sync server's upgrade handler, run once this node holds the event. */
  gateUpgrade(next: UpgradeHandler): UpgradeHandler {
    return (req, socket, head) => {
      const eventId = syncEventOf(req.url ?? '/');
      if (eventId === null || this.ownership.holds(eventId)) return next(req, socket, head);
      // NOTE: as in app.ts: a device that gives up while the event is taken over must not
      // crash the process with an unhandled ECONNRESET.
      socket.on('error', () => socket.destroy());
      this.claim(eventId).then(
        () => {
          if (!socket.destroyed) next(req, socket, head);
        },
        (error: unknown) => {
          this.deps.log.warn({ err: error, event: eventId }, 'sync connection refused: the event is not here');
          const body = JSON.stringify({
            error: { code: 'DOCUMENT_UNAVAILABLE', message: (error as Error).message },
          });
          socket.end(
            `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
        },
      );
    };
  }

  health(): ClusterHealth {
    const leases = this.ownership.leasesHeld();
    return {
      node: this.deps.settings.node,
      incarnation: this.ownership.incarnation,
      leaseMs: this.deps.settings.leaseMs,
      shipMs: this.deps.settings.shipMs,
      eventsHeld: leases.length,
      leases,
    };
  }

  /** Shutdown, once every event is unloaded (hence backed up): release every lease. */
  async close(): Promise<void> {
    if (this.shipping) clearTimeout(this.shipping);
    await this.ownership.releaseAll();
    this.stopWatching();
    this.leases.close();
  }

  /** Ships the catalogue records of held events soon after the catalogue changes (an invite made or revoked). */
  private scheduleShip(): void {
    if (this.shipping) return;
    this.shipping = setTimeout(() => {
      this.shipping = null;
      for (const { event } of this.ownership.leasesHeld())
        this.records.ship(event).catch((error: unknown) => {
          this.deps.log.warn(
            { err: error, event },
            'the event record could not be shipped; retrying at the next change',
          );
          this.scheduleShip();
        });
    }, 0);
  }

  /**
   * At start this process holds no lease, so every local event file may be older than what
   * other nodes served since: they are moved aside (kept for the operator, never served) and
   * events come back from storage when first used.
   */
  private setAsideLocalEvents(): void {
    const dir = eventsDir(this.deps.dataDir);
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir)) {
      const match = /^(.+)\.sqlite$/.exec(file);
      if (match?.[1] && isSlug(match[1])) this.setAside(match[1]);
    }
  }

  private setAside(eventId: string): void {
    const dir = eventsDir(this.deps.dataDir);
    const aside = join(this.deps.dataDir, 'set-aside');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let moved = false;
    for (const suffix of ['', '-wal', '-shm']) {
      const from = join(dir, `${eventId}.sqlite${suffix}`);
      if (!existsSync(from)) continue;
      mkdirSync(aside, { recursive: true });
      renameSync(from, join(aside, `${eventId}-${stamp}.sqlite${suffix}`));
      moved = true;
    }
    if (moved)
      this.deps.log.info(
        { cluster: 'set-aside', event: eventId },
        'local copy set aside: the event comes from storage',
      );
  }

  private registerMetrics(): void {
    const { registry } = this.deps.metrics;
    const ownership = this.ownership;
    new Gauge({
      name: 'ondeck_cluster_events_held',
      help: 'Events whose lease this node holds',
      registers: [registry],
      collect() {
        this.set(ownership.leasesHeld().length);
      },
    });
    new Gauge({
      name: 'ondeck_cluster_lease_valid_seconds',
      help: 'Per held event: how long its lease stays valid without another renewal, by state (held, releasing)',
      labelNames: ['event', 'state'],
      registers: [registry],
      collect() {
        this.reset();
        for (const lease of ownership.leasesHeld())
          this.set({ event: lease.event, state: lease.state }, lease.validForMs / 1000);
      },
    });
  }
}

/** The event of a sync URL (`/sync/<event>/<doc>`), or null (the sync server refuses those itself). */
function syncEventOf(url: string): string | null {
  if (!url.startsWith(`${SYNC_PATH}/`)) return null;
  const eventId = url.slice(SYNC_PATH.length + 1).split(/[/?]/, 1)[0] ?? '';
  return isSlug(eventId) ? eventId : null;
}
