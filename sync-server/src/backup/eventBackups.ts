import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { LifecycleHooks } from '../loadedEvents/eventRegistry.ts';
import type { Metrics } from '../metrics.ts';
import type { ObjectStore } from '../objectStore/index.ts';
import type { BackupSettings } from '../objectStore/storageConfig.ts';
import { eventPath } from '../storage/eventFiles.ts';
import { registerBackupMetrics } from './backupMetrics.ts';
import { BackupScheduler, type BackupStatus } from './backupScheduler.ts';
import { INDEX_BACKUP_NAME } from './keys.ts';
import { latestBackupAt } from './manifest.ts';
import { localModifiedAt, restoreIfMissing } from './restoreBackup.ts';

/**
 * Backups as part of the event lifecycle (DESIGN.md "Object storage"): an event whose file is
 * missing is restored on first access; each commit schedules a backup within the interval; an
 * unloading event is backed up before its file closes; the index database is backed up when
 * it changes; shutdown flushes everything pending. Storage trouble never stops the server:
 * backups retry with backoff and their lag is reported on /metrics and /up.
 *
 * It hooks into the event registry (`hooks`, given to the registry when it is built) and
 * follows the catalogue's changes; neither knows about it.
 */
export interface EventBackupsDeps {
  store: ObjectStore;
  settings: BackupSettings;
  dataDir: string;
  catalog: IndexDatabase;
  metrics: Metrics;
  log: FastifyBaseLogger;
}

export class EventBackups {
  readonly scheduler: BackupScheduler;
  /** The databases of loaded events, backed up from their open handle. */
  private readonly loaded = new Map<string, Database.Database>();
  private readonly stopWatchingCatalog: () => void;
  private readonly store: ObjectStore;
  private readonly dataDir: string;
  private readonly catalog: IndexDatabase;
  private readonly log: FastifyBaseLogger;

  constructor({ store, settings, dataDir, catalog, metrics, log }: EventBackupsDeps) {
    this.store = store;
    this.dataDir = dataDir;
    this.catalog = catalog;
    this.log = log;
    this.scheduler = new BackupScheduler({
      store,
      intervalMs: settings.intervalMs,
      retentionDays: settings.retentionDays,
      open: (name) => this.open(name),
      log,
    });
    this.stopWatchingCatalog = catalog.watch(() => this.scheduler.markChanged(INDEX_BACKUP_NAME));
    registerBackupMetrics(metrics.registry, () => this.statuses());
  }

  readonly hooks: LifecycleHooks = {
    onLoadEvent: async (eventId, path) => {
      // Throws when storage is down or the latest copy is corrupted: the event is then refused
      // rather than started empty, which the next backup would write over `latest`.
      const restored = await restoreIfMissing(this.store, eventId, path);
      if (restored) this.log.warn({ event: eventId, key: restored.key }, 'event restored from its latest backup');
      void this.scheduler.track(eventId);
    },
    onEventOpened: (eventId, database) => {
      this.loaded.set(eventId, database.handle);
    },
    onCommit: (eventId) => this.scheduler.markChanged(eventId),
    onUnloadEvent: async (eventId, database) => {
      try {
        if (this.scheduler.status(eventId)?.pendingSince) {
          const outcome = await this.scheduler.backupNow(eventId, database.handle);
          if (!outcome.ok) this.log.warn({ event: eventId, err: outcome.error }, 'backup at unload failed; will retry');
        }
        this.scheduler.forget(eventId);
      } finally {
        this.loaded.delete(eventId);
      }
    },
  };

  /**
   * After a restart the scheduler has forgotten what was pending: any event (or the index)
   * whose file changed after its latest backup is marked changed again. Runs in the
   * background; storage being down only delays it.
   */
  async catchUp(): Promise<void> {
    const names = [INDEX_BACKUP_NAME, ...this.catalog.listEvents().map((e) => e.id)];
    for (const name of names) {
      const path = name === INDEX_BACKUP_NAME ? this.catalog.path : eventPath(this.dataDir, name);
      try {
        const modified = await localModifiedAt(path);
        if (!modified) continue;
        const backedUpAt = await latestBackupAt(this.store, name);
        if (!backedUpAt || backedUpAt < modified) this.scheduler.markChanged(name);
      } catch (error) {
        this.log.warn({ err: error, name }, 'could not compare with the latest backup; marking it changed');
        this.scheduler.markChanged(name);
      }
    }
  }

  statuses(): BackupStatus[] {
    return this.scheduler.statuses();
  }

  /** Backs up everything pending (shutdown), then stops the timers. */
  async close(): Promise<void> {
    this.stopWatchingCatalog();
    await this.scheduler.flush();
    this.scheduler.close();
  }

  private open(name: string) {
    if (name === INDEX_BACKUP_NAME) return { db: this.catalog.db, release: () => {} };
    const loaded = this.loaded.get(name);
    if (loaded?.open) return { db: loaded, release: () => {} };
    const path = eventPath(this.dataDir, name);
    if (!existsSync(path)) return null;
    const db = new Database(path, { readonly: true, fileMustExist: true });
    return { db, release: () => db.close() };
  }
}
