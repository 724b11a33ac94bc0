import { existsSync, mkdirSync } from 'node:fs';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Metrics } from '../metrics.ts';
import { Checkpointer } from '../storage/checkpointer.ts';
import { EventDatabase } from '../storage/eventDatabase.ts';
import { eventPath, eventsDir } from '../storage/eventFiles.ts';
import type { SyncMode } from '../storage/migrations.ts';
import { DocumentUnavailableError, type EventOptions, LoadedEvent } from './loadedEvent.ts';

/** An event loaded by the registry: its store is the event's SQLite file. */
type Loaded = LoadedEvent<EventDatabase>;

/** Extension points of the event lifecycle, given when the registry is built (backups hook in here). */
export interface LifecycleHooks {
  /** Before an event's file is opened; may restore a missing file from a backup. */
  onLoadEvent?(eventId: string, path: string): Promise<void>;
  /** Once the event's file is open, for as long as it is loaded. */
  onEventOpened?(eventId: string, database: EventDatabase): void;
  /** After each group commit of an event. */
  onCommit?(eventId: string): void;
  /** After an event was committed and compacted, before its file closes. */
  onUnloadEvent?(eventId: string, database: EventDatabase): Promise<void>;
}

export interface EventRegistryDeps {
  dataDir: string;
  options: EventOptions & { idleTimeoutMs: number; synchronous: SyncMode };
  metrics: Metrics;
  log: Logger;
  hooks?: LifecycleHooks;
}

/**
 * Loads events on first use and unloads them after an idle period: commit, compact, back up,
 * close the file — an idle event then holds no memory at all.
 */
export class EventRegistry {
  private readonly checkpointer: Checkpointer;
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Loaded>>();
  private readonly unloading = new Map<string, Promise<void>>();

  private readonly dataDir: string;
  private readonly options: EventRegistryDeps['options'];
  private readonly metrics: Metrics;
  private readonly log: Logger;
  private readonly hooks: LifecycleHooks;

  constructor({ dataDir, options, metrics, log, hooks = {} }: EventRegistryDeps) {
    this.dataDir = dataDir;
    this.options = options;
    this.metrics = metrics;
    this.log = log;
    this.hooks = hooks;
    mkdirSync(eventsDir(dataDir), { recursive: true });
    this.checkpointer = new Checkpointer(log);
  }

  get(eventId: string): Loaded | undefined {
    return this.loaded.get(eventId);
  }

  all(): Loaded[] {
    return [...this.loaded.values()];
  }

  /** The loaded event, loading it if needed. The caller must `release` it when done. */
  async acquire(eventId: string): Promise<Loaded> {
    const event = await this.load(eventId);
    if (event.idleTimer) {
      clearTimeout(event.idleTimer);
      event.idleTimer = null;
    }
    event.holders++;
    return event;
  }

  release(event: LoadedEvent): void {
    event.holders--;
    event.settle();
    this.checkIdle(event);
  }

  /** Starts the idle timer once nothing uses the event. */
  checkIdle(event: LoadedEvent): void {
    if (event.holders > 0 || event.members.size > 0 || event.idleTimer) return;
    if (this.loaded.get(event.id) !== event) return;
    event.idleTimer = setTimeout(() => {
      event.idleTimer = null;
      if (event.holders === 0 && event.members.size === 0) void this.unload(event.id);
    }, this.options.idleTimeoutMs);
    event.idleTimer.unref();
  }

  private async load(eventId: string): Promise<Loaded> {
    const pendingUnload = this.unloading.get(eventId);
    if (pendingUnload) await pendingUnload;
    const existing = this.loaded.get(eventId);
    if (existing) return existing;
    let loading = this.loading.get(eventId);
    if (!loading) {
      loading = this.open(eventId).finally(() => this.loading.delete(eventId));
      this.loading.set(eventId, loading);
    }
    return loading;
  }

  private async open(eventId: string): Promise<Loaded> {
    const path = eventPath(this.dataDir, eventId);
    await this.hooks.onLoadEvent?.(eventId, path);
    // NOTE: a catalogued event whose file is gone is refused, never recreated empty: an
    // empty file would look like an event that lost everything.
    if (!existsSync(path)) throw new DocumentUnavailableError(`the database of event ${eventId} is missing`);
    const { onCommit } = this.hooks;
    const options = onCommit ? { ...this.options, onCommit: () => onCommit(eventId) } : this.options;
    const db = new EventDatabase(path, {
      synchronous: this.options.synchronous,
      background: { checkpointer: this.checkpointer, log: this.log },
    });
    const event = new LoadedEvent(eventId, db, options, this.metrics, this.log);
    this.loaded.set(eventId, event);
    this.hooks.onEventOpened?.(eventId, db);
    this.metrics.loadedEvents.set(this.loaded.size);
    this.log.info({ event: eventId }, 'event loaded');
    return event;
  }

  /** Commits, compacts, runs the unload hook and closes the event's file. */
  unload(eventId: string): Promise<void> {
    const event = this.loaded.get(eventId);
    if (!event) return this.unloading.get(eventId) ?? Promise.resolve();
    event.compactAll();
    if (event.hasPending) {
      // The commit failed: keep the event (and its changes) in memory and try again later.
      this.log.error({ event: eventId }, 'unload postponed: changes are not committed yet');
      this.checkIdle(event);
      return Promise.resolve();
    }
    const done = (async () => {
      try {
        await this.hooks.onUnloadEvent?.(eventId, event.store);
      } catch (error) {
        this.log.error({ err: error, event: eventId }, 'unload hook failed');
      } finally {
        await this.checkpointer.release(event.store.path).catch((error: unknown) => {
          this.log.warn({ err: error, event: eventId }, 'checkpoint worker did not release the file');
        });
        event.close();
        this.loaded.delete(eventId);
        this.metrics.loadedEvents.set(this.loaded.size);
        this.log.info({ event: eventId }, 'event unloaded');
      }
    })().finally(() => this.unloading.delete(eventId));
    this.unloading.set(eventId, done);
    return done;
  }

  async unloadAll(): Promise<void> {
    await Promise.all([...this.loaded.keys()].map((id) => this.unload(id)));
    await this.checkpointer.close();
  }
}
