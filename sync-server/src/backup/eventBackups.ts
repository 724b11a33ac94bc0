import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { EventRegistry, LifecycleHooks } from '../loadedEvents/eventRegistry.ts';
import type { ObjectStore } from '../objectStore/index.ts';
import type { BackupSettings } from '../objectStore/storageConfig.ts';
import { eventPath } from '../storage/eventFiles.ts';
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
 */
export class EventBackups {
  readonly scheduler: BackupScheduler;
  private registry: EventRegistry | null = null;

  constructor(
    private readonly store: ObjectStore,
    settings: BackupSettings,
    private readonly dataDir: string,
    private readonly catalog: IndexDatabase,
    private readonly log: FastifyBaseLogger,
  ) {
    this.scheduler = new BackupScheduler({
      store,
      intervalMs: settings.intervalMs,
      retentionDays: settings.retentionDays,
      open: (name) => this.open(name),
      log,
    });
    catalog.onChange = () => this.scheduler.markChanged(INDEX_BACKUP_NAME);
  }

  /** The registry whose loaded events are backed up from their open handle. */
  attach(registry: EventRegistry): void {
    this.registry = registry;
  }

  readonly hooks: LifecycleHooks = {
    onLoadEvent: async (eventId, path) => {
      // Throws when storage is down or the latest copy is corrupted: the event is then refused
      // rather than started empty, which the next backup would write over `latest`.
      const restored = await restoreIfMissing(this.store, eventId, path);
      if (restored) this.log.warn({ event: eventId, key: restored.key }, 'event restored from its latest backup');
      void this.scheduler.track(eventId);
    },
    onCommit: (eventId) => this.scheduler.markChanged(eventId),
    onUnloadEvent: async (event) => {
      if (this.scheduler.status(event.id)?.pendingSince) {
        const outcome = await this.scheduler.backupNow(event.id, event.db.handle);
        if (!outcome.ok) this.log.warn({ event: event.id, err: outcome.error }, 'backup at unload failed; will retry');
      }
      this.scheduler.forget(event.id);
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
    await this.scheduler.flush();
    this.scheduler.close();
  }

  private open(name: string) {
    if (name === INDEX_BACKUP_NAME) return { db: this.catalog.db, release: () => {} };
    const loaded = this.registry?.get(name);
    if (loaded?.db.isOpen) return { db: loaded.db.handle, release: () => {} };
    const path = eventPath(this.dataDir, name);
    if (!existsSync(path)) return null;
    const db = new Database(path, { readonly: true, fileMustExist: true });
    return { db, release: () => db.close() };
  }
}
