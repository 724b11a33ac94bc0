import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Checkpointer } from './checkpointer.ts';
import { BUSY_TIMEOUT_MS } from './migrations.ts';
import { WalBusyError } from './storageErrors.ts';

const CHECKPOINT_EVERY_MS = 250;
/** 4,096 pages of 4 KiB: a 16 MiB WAL. */
const RESTART_WAL_AFTER_PAGES = 4_096;
/**
 * The WAL file never grows past this by more than one commit's pages (see `beforeCommit`).
 * SQLite truncates a WAL that started over back to it (`journal_size_limit`).
 */
export const WAL_HARD_LIMIT_BYTES = 24 * 1024 * 1024;

/**
 * How an event database's WAL is kept short while commits keep coming.
 *
 * NOTE: SQLite's own automatic checkpoint runs inside whichever commit crosses its threshold
 * and stalls the event loop for 5–20 ms (see checkpointer.ts), so the database turns it off
 * and this policy takes over: after a commit, a background checkpoint on the worker — at most
 * one at a time, and one every 250 ms while commits keep coming. A passive checkpoint never
 * catches up with a steady stream of commits, and only a caught-up WAL starts over from its
 * beginning; so once the WAL has grown past 16 MiB the next commit restarts it itself, on
 * the writer's own connection — a short pass, since the worker has copied almost all of it.
 *
 * NOTE: that much depends on the worker keeping up, and a starved worker does not: with the
 * CPU busy the WAL reached 42 MB against the 16 MiB it was meant to restart at. So the bound
 * is also held the hard way: before each commit, a WAL file past 24 MiB is checkpointed and
 * restarted by the writer itself, blocking, whatever the worker has done; while that cannot
 * finish (the worker's checkpoint holds the lock, or a reader still needs the WAL) the commit
 * waits — its changes stay unconfirmed — rather than the WAL growing. A compaction checks the
 * same way before it writes its snapshot. The WAL file is thus never longer than 24 MiB plus
 * one transaction's pages: a group commit (at most 1 MiB of changes) or one document's snapshot.
 */
export class WalPolicy {
  private checkpointing = false;
  private restartDue = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly checkpointer: Checkpointer,
    private readonly log: Logger,
  ) {}

  /**
   * Before each commit: restarts a WAL that has reached its hard bound, or throws WalBusyError
   * when it cannot yet (nothing was written; try again shortly).
   */
  beforeCommit(): void {
    if (walBytes(this.path) > WAL_HARD_LIMIT_BYTES && !this.restartNow()) throw new WalBusyError(this.path);
  }

  /** After each commit, outside it. */
  afterCommit(): void {
    if (this.restartDue) this.restart();
    this.checkpointSoon();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private checkpointSoon(): void {
    if (this.checkpointing) return;
    this.checkpointing = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.checkpointer.checkpoint(this.path).then(
        (walFrames) => {
          this.checkpointing = false;
          this.restartDue = walFrames > RESTART_WAL_AFTER_PAGES;
        },
        (error: unknown) => {
          this.checkpointing = false;
          this.log.warn({ err: error, path: this.path }, 'background checkpoint failed; the WAL keeps everything');
        },
      );
    }, CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  private restart(): void {
    this.restartDue = false;
    try {
      this.restartNow();
    } catch (error) {
      this.log.warn({ err: error, path: this.path }, 'WAL restart failed; retried after the next checkpoint');
    }
  }

  /** Checkpoints the whole WAL on the writer's connection so that it starts over; false when it cannot yet. */
  private restartNow(): boolean {
    // NOTE: no waiting on the event loop: a checkpoint blocked by the worker or a reader
    // returns at once (and is tried again), rather than stalling every event for the
    // connection's 5 s busy timeout.
    this.db.pragma('busy_timeout = 0');
    try {
      const [result] = this.db.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number }>;
      return !result?.busy;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
