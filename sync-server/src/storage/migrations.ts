import type Database from 'better-sqlite3';

/**
 * Versioned schema migrations: migration `i` moves a database from `user_version` i to i + 1,
 * in one transaction. Migrations are append-only; a database newer than this code is refused
 * rather than written by code that does not understand it.
 */
export function migrate(db: Database.Database, migrations: readonly string[], what: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `${what} has schema version ${current}, newer than this server (${migrations.length}); upgrade ondeck`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** How long a connection waits for another's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/** SQLite's `synchronous` setting for the databases the server writes. */
export type SyncMode = 'normal' | 'full';

/**
 * Pragmas for every database the server writes.
 *
 * NOTE: WAL with `synchronous = NORMAL` by default, chosen on purpose. A commit writes the WAL
 * before it returns, so a confirmed change survives `kill -9` of the server (the durability
 * test proves it); only a power cut or kernel crash can lose the commits since the last
 * checkpoint — and every device keeps its own changes in IndexedDB and hands back whatever
 * the server lacks when it reconnects. `full` (ONDECK_SQLITE_SYNCHRONOUS) adds an fsync per
 * group commit for servers where that is not enough; it blocks the event loop for the fsync
 * (0.4 ms here when the disk is quiet, tens of ms when it is busy).
 */
export function applyDurablePragmas(db: Database.Database, synchronous: SyncMode): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}
