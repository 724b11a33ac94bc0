import Database from 'better-sqlite3';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Checkpointer } from './checkpointer.ts';
import type { EventStore, PendingRow, StoredDoc } from './eventStore.ts';
import { applyDurablePragmas, migrate, type SyncMode } from './migrations.ts';
import { WAL_HARD_LIMIT_BYTES, WalPolicy } from './walPolicy.ts';

/**
 * One SQLite file per event (tldraw-sync style: one room, one file). Each document's changes
 * append to `updates`; compaction folds them into a row of `snapshots`, keeping a few older
 * snapshots for recovery.
 *
 * NOTE: `seq` is AUTOINCREMENT on purpose: compaction deletes the log up to a snapshot's
 * `upto_seq`, and a reused rowid below it would hide a later update from the next load.
 */
const MIGRATIONS = [
  `CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc TEXT NOT NULL,
     data BLOB NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX updates_by_doc ON updates (doc, seq);
   CREATE TABLE snapshots (
     id INTEGER PRIMARY KEY,
     doc TEXT NOT NULL,
     upto_seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX snapshots_by_doc ON snapshots (doc, id);`,
];

export class EventDatabase implements EventStore {
  private readonly db: Database.Database;
  private readonly insertUpdate: Database.Statement;
  private readonly selectSnapshot: Database.Statement;
  private readonly selectUpdates: Database.Statement;
  private readonly commitRows: (rows: readonly PendingRow[], at: number) => number;

  private readonly wal: WalPolicy | null = null;

  /**
   * With `background`, SQLite's automatic checkpoints are off: a `Checkpointer` does them off
   * the event loop, as the WAL policy decides after each commit (storage/walPolicy.ts).
   */
  constructor(
    readonly path: string,
    options: { synchronous?: SyncMode; background?: { checkpointer: Checkpointer; log: Logger } } = {},
  ) {
    this.db = new Database(path);
    try {
      applyDurablePragmas(this.db, options.synchronous ?? 'normal');
      if (options.background) {
        this.db.pragma('wal_autocheckpoint = 0');
        this.db.pragma(`journal_size_limit = ${WAL_HARD_LIMIT_BYTES}`);
      }
      migrate(this.db, MIGRATIONS, `event database ${path}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.insertUpdate = this.db.prepare('INSERT INTO updates (doc, data, at) VALUES (?, ?, ?)');
    this.selectSnapshot = this.db.prepare(
      'SELECT data, upto_seq AS uptoSeq FROM snapshots WHERE doc = ? ORDER BY id DESC LIMIT 1',
    );
    this.selectUpdates = this.db.prepare('SELECT seq, data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq');
    this.commitRows = this.db.transaction((rows: readonly PendingRow[], at: number) => {
      let last = 0;
      for (const row of rows) last = Number(this.insertUpdate.run(row.doc, row.data, at).lastInsertRowid);
      return last;
    });
    if (options.background)
      this.wal = new WalPolicy(this.db, path, options.background.checkpointer, options.background.log);
  }

  afterCommit(): void {
    this.wal?.afterCommit();
  }

  /** The handle, for the SQLite backup API. */
  get handle(): Database.Database {
    return this.db;
  }

  loadDoc(doc: string): StoredDoc {
    const snap = this.selectSnapshot.get(doc) as { data: Buffer; uptoSeq: number } | undefined;
    const after = snap?.uptoSeq ?? 0;
    const rows = this.selectUpdates.all(doc, after) as Array<{ seq: number; data: Buffer }>;
    return {
      snapshot: snap?.data ?? null,
      updates: rows.map((r) => r.data),
      lastSeq: rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : after,
    };
  }

  /** Appends updates in one transaction (group commit); returns the last `seq` written. */
  append(rows: readonly PendingRow[], at = Date.now()): number {
    this.wal?.beforeCommit();
    return this.commitRows(rows, at);
  }

  /** Documents with a log or a snapshot in this file. */
  docNames(): string[] {
    const rows = this.db
      .prepare('SELECT doc FROM updates UNION SELECT doc FROM snapshots ORDER BY doc')
      .all() as Array<{
      doc: string;
    }>;
    return rows.map((r) => r.doc);
  }

  /** The highest `seq` ever written (0 for a new file). */
  lastSeq(): number {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'updates'").get() as
      | { seq: number }
      | undefined;
    return row?.seq ?? 0;
  }

  /**
   * Replaces the log up to `uptoSeq` by a snapshot of the document's state at that point, and
   * keeps `keep` older snapshots besides the new one.
   */
  compact(doc: string, state: Uint8Array, uptoSeq: number, keep: number, at = Date.now()): void {
    this.wal?.beforeCommit();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO snapshots (doc, upto_seq, data, at) VALUES (?, ?, ?, ?)')
        .run(doc, uptoSeq, state, at);
      this.db.prepare('DELETE FROM updates WHERE doc = ? AND seq <= ?').run(doc, uptoSeq);
      this.db
        .prepare(
          'DELETE FROM snapshots WHERE doc = ? AND id NOT IN (SELECT id FROM snapshots WHERE doc = ? ORDER BY id DESC LIMIT ?)',
        )
        .run(doc, doc, keep + 1);
    })();
  }

  /** Folds the WAL into the main file and closes it: the event's file is then complete on its own. */
  close(): void {
    this.wal?.close();
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  get isOpen(): boolean {
    return this.db.open;
  }
}
