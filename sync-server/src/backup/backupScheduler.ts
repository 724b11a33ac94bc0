import type Database from 'better-sqlite3';
import type { ObjectStore } from '../objectStore/index.ts';
import { type BackupResult, backupDatabase } from './backupDatabase.ts';
import { BackupError } from './errors.ts';
import { latestBackupAt } from './manifest.ts';
import { pruneDailyBackups } from './pruneDailyBackups.ts';

/** A database to copy, and what to do when the copy is done with it. */
export interface BackupSource {
  db: Database.Database;
  release(): void;
}

export interface BackupSchedulerOptions {
  store: ObjectStore;
  /**
   * The database of `name` for a backup that runs on its own (periodic or retry): the loaded
   * event's handle, or the file opened read-only when it is not loaded. Null when there is no
   * local file (nothing to back up).
   */
  open(name: string): BackupSource | null | Promise<BackupSource | null>;
  /** A changed database is backed up this long after its first change not yet backed up. */
  intervalMs: number;
  /** Daily copies kept per name (null keeps all); pruned after each good backup. */
  retentionDays: number | null;
  /** Backoff after failures: the first retry after about `baseDelayMs`, doubling up to `maxDelayMs`. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Backups copied and uploaded at the same time (default 2). */
  concurrency?: number;
  tempDir?: string;
  log?: SchedulerLog;
  /** Injected clock and randomness, for tests. */
  now?: () => Date;
  random?: () => number;
}

/** The subset of pino's logger used here. */
export interface SchedulerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Everything /metrics and /up need to tell how far behind the backups of one name are. */
export interface BackupStatus {
  name: string;
  /** When the newest good backup was taken (this run, or read from storage by `track`). */
  lastGoodBackupAt: Date | null;
  lastAttemptAt: Date | null;
  /** The last failure, cleared by the next good backup. */
  lastError: { code: string; message: string; at: Date } | null;
  /** The oldest change not yet in a good backup; null when storage has everything. */
  pendingSince: Date | null;
  consecutiveFailures: number;
  /** When the next backup (periodic or retry) will start, if one is scheduled. */
  nextAttemptAt: Date | null;
  running: boolean;
}

export type BackupOutcome = { ok: true; result: BackupResult } | { ok: false; error: Error };

interface Entry {
  status: BackupStatus;
  /** Serialises backups of one name. */
  chain: Promise<unknown>;
  timer: NodeJS.Timeout | null;
  /** The first change that arrived while a backup was copying (that copy may not hold it). */
  changedDuringRun: Date | null;
}

/**
 * Decides when each event (and the index) is backed up, and remembers how that went:
 * - `markChanged` after every commit: a backup follows within `intervalMs`;
 * - `backupNow` when an event unloads; `flush` at shutdown;
 * - a failure is retried with exponential backoff and jitter, for as long as it takes, while the
 *   server keeps serving from its local files;
 * - `status`/`statuses` report per name what /metrics and /up show.
 * It only ever reads local databases: nothing local is deleted because of a backup.
 */
export class BackupScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private closed = false;

  constructor(private readonly options: BackupSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.baseDelayMs = options.retry?.baseDelayMs ?? 5_000;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 5 * 60_000;
  }

  /** Records a committed change of `name`; a backup follows within the interval. */
  markChanged(name: string): void {
    const entry = this.entry(name);
    const now = this.now();
    entry.status.pendingSince ??= now;
    if (entry.status.running) entry.changedDuringRun ??= now;
    else if (entry.status.consecutiveFailures === 0)
      this.schedule(name, entry, new Date(entry.status.pendingSince.getTime() + this.options.intervalMs));
  }

  /**
   * Backs `name` up now (after any backup of it already running) and reports how it went; it
   * never throws. Pass `db` when the caller holds the database open (an unloading event);
   * otherwise `open` provides it. A failure is retried later on its own.
   */
  backupNow(name: string, db?: Database.Database): Promise<BackupOutcome> {
    const entry = this.entry(name);
    const run = entry.chain.then(() => this.attempt(name, entry, db));
    entry.chain = run;
    return run;
  }

  /** Backs up every name with changes not yet in storage, at once (for shutdown). */
  async flush(): Promise<BackupOutcome[]> {
    const pending = [...this.entries.entries()].filter(([, e]) => e.status.pendingSince !== null);
    return Promise.all(pending.map(([name]) => this.backupNow(name)));
  }

  /**
   * Starts reporting `name` (a loaded event), learning when its newest good backup was made
   * from storage. Best effort: a storage failure is recorded in the status, not thrown.
   */
  async track(name: string): Promise<void> {
    const entry = this.entry(name);
    try {
      const at = await latestBackupAt(this.options.store, name);
      if (at && (entry.status.lastGoodBackupAt === null || at > entry.status.lastGoodBackupAt))
        entry.status.lastGoodBackupAt = at;
    } catch (error) {
      entry.status.lastError = { ...describe(error), at: this.now() };
    }
  }

  /** Stops reporting `name` if storage has all its changes (an unloaded event); true if it did. */
  forget(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry || entry.status.running || entry.status.pendingSince !== null) return false;
    if (entry.timer) clearTimeout(entry.timer);
    this.entries.delete(name);
    return true;
  }

  status(name: string): BackupStatus | undefined {
    const entry = this.entries.get(name);
    return entry ? { ...entry.status } : undefined;
  }

  statuses(): BackupStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status }));
  }

  /** Cancels scheduled backups (call `flush` first to save what is pending). */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      entry.status.nextAttemptAt = null;
    }
  }

  private entry(name: string): Entry {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = {
        status: {
          name,
          lastGoodBackupAt: null,
          lastAttemptAt: null,
          lastError: null,
          pendingSince: null,
          consecutiveFailures: 0,
          nextAttemptAt: null,
          running: false,
        },
        chain: Promise.resolve(),
        timer: null,
        changedDuringRun: null,
      };
      this.entries.set(name, entry);
    }
    return entry;
  }

  /** Sets the one timer of `name` to `at`, unless it is already set to fire sooner. */
  private schedule(name: string, entry: Entry, at: Date, replace = false): void {
    if (this.closed) return;
    if (entry.timer && !replace && entry.status.nextAttemptAt && entry.status.nextAttemptAt <= at) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.status.nextAttemptAt = at;
    entry.timer = setTimeout(
      () => {
        entry.timer = null;
        entry.status.nextAttemptAt = null;
        void this.backupNow(name);
      },
      Math.max(0, at.getTime() - this.now().getTime()),
    );
    // NOTE: a pending backup must not keep the process alive; shutdown calls flush instead.
    entry.timer.unref();
  }

  private async attempt(name: string, entry: Entry, held?: Database.Database): Promise<BackupOutcome> {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.status.nextAttemptAt = null;
    entry.status.running = true;
    await this.acquireSlot();
    // NOTE: the clock starts once a slot is free: the copy is of this moment or later.
    const startedAt = this.now();
    entry.status.lastAttemptAt = startedAt;
    try {
      const result = await this.copy(name, startedAt, held);
      entry.status.lastGoodBackupAt = startedAt;
      entry.status.lastError = null;
      entry.status.consecutiveFailures = 0;
      entry.status.pendingSince = entry.changedDuringRun;
      this.options.log?.info({ name, keys: result.keys, size: result.manifest.size }, 'backup stored');
      await this.prune(name, startedAt);
      if (entry.status.pendingSince)
        this.schedule(name, entry, new Date(entry.status.pendingSince.getTime() + this.options.intervalMs));
      return { ok: true, result };
    } catch (error) {
      const failures = ++entry.status.consecutiveFailures;
      entry.status.lastError = { ...describe(error), at: this.now() };
      entry.status.pendingSince ??= startedAt;
      const delay = this.backoff(failures);
      this.options.log?.warn(
        { name, code: entry.status.lastError.code, failures, retryInMs: delay },
        `backup failed: ${entry.status.lastError.message}`,
      );
      this.schedule(name, entry, new Date(this.now().getTime() + delay), true);
      return { ok: false, error: error as Error };
    } finally {
      entry.status.running = false;
      entry.changedDuringRun = null;
      this.releaseSlot();
    }
  }

  private async copy(name: string, now: Date, held?: Database.Database): Promise<BackupResult> {
    const tempDir = this.options.tempDir === undefined ? {} : { tempDir: this.options.tempDir };
    if (held) return backupDatabase(held, this.options.store, { name, now, ...tempDir });
    let source: BackupSource | null;
    try {
      source = await this.options.open(name);
    } catch (error) {
      throw new BackupError(
        'BACKUP_SOURCE_FAILED',
        `could not open the database of ${name}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (source === null)
      throw new BackupError('BACKUP_SOURCE_FAILED', `there is no local database of ${name} to back up`);
    try {
      return await backupDatabase(source.db, this.options.store, { name, now, ...tempDir });
    } finally {
      source.release();
    }
  }

  private async prune(name: string, now: Date): Promise<void> {
    try {
      const deleted = await pruneDailyBackups(this.options.store, name, this.options.retentionDays, now);
      if (deleted.length > 0) this.options.log?.info({ name, deleted }, 'old daily backups pruned');
    } catch (error) {
      // NOTE: a copy kept too long harms nobody; the next good backup prunes again.
      this.options.log?.warn({ name, ...describe(error) }, 'pruning old daily backups failed');
    }
  }

  /** Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many events spread out. */
  private backoff(failures: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async acquireSlot(): Promise<void> {
    if (this.active < (this.options.concurrency ?? 2)) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function describe(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : 'BACKUP_FAILED',
    message: typeof e.message === 'string' ? e.message : String(error),
  };
}
