import type Database from 'better-sqlite3';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Checkpointer } from './checkpointer.ts';

const CHECKPOINT_EVERY_MS = 250;
/** 4,096 pages of 4 KiB: a 16 MiB WAL. */
const RESTART_WAL_AFTER_PAGES = 4_096;

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
      this.db.pragma('wal_checkpoint(RESTART)');
    } catch (error) {
      this.log.warn({ err: error, path: this.path }, 'WAL restart failed; retried after the next checkpoint');
    }
  }
}
