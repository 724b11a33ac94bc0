import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs WAL checkpoints on a worker thread.
 *
 * NOTE: SQLite's automatic checkpoint runs inside whichever commit crosses the threshold:
 * every ~1,000 commits one of them copies the WAL into the database and fsyncs it, stalling
 * the event loop — and every confirmation and broadcast queued behind it — for 5–20 ms. The
 * server's own connections therefore turn automatic checkpoints off, and this worker's
 * separate connections checkpoint (PASSIVE: never blocking a writer) in the background.
 * The code runs from a string so the same module works from TypeScript sources and the bundle.
 *
 * A passive checkpoint never catches up with a steady stream of commits, and only a caught-up
 * WAL starts over from its beginning; so the caller restarts it itself once it grows long.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const open = new Map();
parentPort.on('message', ({ id, op, path }) => {
  try {
    if (op === 'checkpoint') {
      let db = open.get(path);
      if (!db) {
        db = new Database(path, { fileMustExist: true });
        db.pragma('busy_timeout = 1000');
        open.set(path, db);
      }
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ id, walFrames: result ? result.log : 0 });
      return;
    } else if (op === 'release') {
      open.get(path)?.close();
      open.delete(path);
    }
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Op = 'checkpoint' | 'release';

export class Checkpointer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (walFrames: number) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly log: FastifyBaseLogger) {}

  /**
   * Copies what the WAL holds into the database file, without blocking writers; resolves with
   * the WAL's length in pages.
   */
  checkpoint(path: string): Promise<number> {
    return this.send('checkpoint', path);
  }

  /** Closes the worker's connection to a file, before the server closes its own. */
  async release(path: string): Promise<void> {
    if (this.worker) await this.send('release', path);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private send(op: Op, path: string): Promise<number> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, path });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const require = createRequire(import.meta.url);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { betterSqlite3: require.resolve('better-sqlite3') },
    });
    worker.unref();
    worker.on('message', ({ id, error, walFrames }: { id: number; error?: string; walFrames?: number }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiting?.reject(new Error(error));
      else waiting?.resolve(walFrames ?? 0);
    });
    worker.on('error', (error) => this.log.error({ err: error }, 'checkpoint worker failed; it restarts on next use'));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      for (const { reject } of this.pending.values()) reject(new Error('the checkpoint worker stopped'));
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }
}
