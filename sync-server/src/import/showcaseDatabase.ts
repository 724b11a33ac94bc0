import {
  IMPORTED_COLUMNS,
  type ImportProblem,
  type ImportTable,
  NOT_IMPORTED,
  RAILS_TABLES,
  REQUIRED_COLUMNS,
  SHOWCASE_COLUMNS,
  SHOWCASE_SCHEMA_VERSION,
  type ShowcaseRows,
} from '@ondeck/shared';
import Database from 'better-sqlite3';
import { ApiErrors, AppError } from '../errors.ts';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

export function isSqlite(head: Uint8Array): boolean {
  return head.length >= SQLITE_MAGIC.length && SQLITE_MAGIC.equals(Buffer.from(head.subarray(0, SQLITE_MAGIC.length)));
}

const corrupt = (what: string) => new ApiErrors.DATABASE_CORRUPT(what);

/**
 * Opens the bytes of a SQLite file as an in-memory database, after checking that they are one
 * whole, sound database: the header, the length the header promises, and SQLite's own
 * `quick_check`. Throws `DATABASE_CORRUPT` naming what is wrong.
 *
 * NOTE: a file in WAL mode (Rails' default) cannot be deserialized as it is; its header is
 * switched to the rollback journal on a copy first. Any changes still in a `-wal` file beside
 * it are not part of these bytes.
 */
export function openSqliteBytes(bytes: Uint8Array): Database.Database {
  if (bytes.length < HEADER_BYTES) throw corrupt(`it is only ${bytes.length} bytes long, shorter than a SQLite header`);
  const copy = Buffer.from(bytes);
  const rawPageSize = copy.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0)
    throw corrupt(`its header names a page size of ${rawPageSize}`);
  const pages = copy.readUInt32BE(28);
  const sizeIsValid = pages > 0 && copy.readUInt32BE(24) === copy.readUInt32BE(92);
  if (sizeIsValid && pages * pageSize > copy.length)
    throw corrupt(`it is cut short: its header says ${pages * pageSize} bytes, the file has ${copy.length}`);
  if (copy.length % pageSize !== 0)
    throw corrupt(`it is cut short: ${copy.length} bytes is not a whole number of ${pageSize}-byte pages`);
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;
  let db: Database.Database;
  try {
    db = new Database(copy);
  } catch (error) {
    throw corrupt((error as Error).message);
  }
  try {
    const check = db.pragma('quick_check(5)', { simple: false }) as Array<{ quick_check: string }>;
    const problems = check.map((row) => row.quick_check).filter((text) => text !== 'ok');
    if (problems.length > 0) throw corrupt(problems.join('; '));
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw corrupt((error as Error).message);
  }
  return db;
}

export interface ShowcaseDatabase {
  /** Rows of the tables ondeck imports, keyed by id. */
  tables: Map<string, ShowcaseRows>;
  /** Every table of the file with its rows and whether it is imported. */
  counts: ImportTable[];
  /** Differences from the Showcase schema ondeck knows (older or newer Showcase). */
  problems: ImportProblem[];
  /** The latest Rails migration, e.g. `20251202203916`. */
  schemaVersion?: string;
}

/** Rows of one table past which a file is not an event but a way to exhaust the server's memory. */
const MAX_ROWS = 2_000_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const day = (version: string) => `${version.slice(0, 4)}-${version.slice(4, 6)}-${version.slice(6, 8)}`;

/**
 * Reads a Showcase event database: checks it is one (`NOT_A_SHOWCASE_DATABASE` otherwise, naming
 * what is missing), reads the rows of every table ondeck imports, and says how the schema
 * differs from the one ondeck knows — a missing column is read as empty (its default), a
 * table or column ondeck does not know is left out — so an older or newer Showcase imports
 * what it can.
 */
export function readShowcaseDatabase(db: Database.Database): ShowcaseDatabase {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
    .map((r) => r.name)
    .filter((name) => !name.startsWith('sqlite_'));
  const present = new Set(names);
  const columnsOf = (table: string) =>
    new Set((db.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => c.name));

  const absent = Object.keys(REQUIRED_COLUMNS).filter((table) => !present.has(table));
  if (absent.length === Object.keys(REQUIRED_COLUMNS).length)
    throw new ApiErrors.NOT_A_SHOWCASE_DATABASE(
      `This SQLite database is not a Showcase event: it has none of Showcase's tables (${Object.keys(REQUIRED_COLUMNS).join(', ')}); it has ${names.length === 0 ? 'no tables at all' : names.slice(0, 8).join(', ')}${names.length > 8 ? '…' : ''}.`,
    );
  const lacking: string[] = absent.map((table) => `table ${table}`);
  for (const table of Object.keys(IMPORTED_COLUMNS)) {
    if (!present.has(table)) continue;
    const columns = columnsOf(table);
    // Rows are told apart (and referred to) by id: every Showcase table has one.
    for (const column of ['id', ...(REQUIRED_COLUMNS[table] ?? [])])
      if (!columns.has(column)) lacking.push(`${table}.${column}`);
  }
  if (lacking.length > 0)
    throw new ApiErrors.NOT_A_SHOWCASE_DATABASE(
      `This database is not a whole Showcase event: it lacks ${lacking.join(', ')}, without which its heats cannot be read.`,
    );

  let schemaVersion: string | undefined;
  if (present.has('schema_migrations')) {
    const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as
      | { version: string | null }
      | undefined;
    if (row?.version) schemaVersion = String(row.version);
  }
  const age =
    schemaVersion === undefined || schemaVersion === SHOWCASE_SCHEMA_VERSION
      ? ''
      : schemaVersion < SHOWCASE_SCHEMA_VERSION
        ? ` (an older Showcase: schema of ${day(schemaVersion)}, ondeck knows ${day(SHOWCASE_SCHEMA_VERSION)})`
        : ` (a newer Showcase: schema of ${day(schemaVersion)}, ondeck knows ${day(SHOWCASE_SCHEMA_VERSION)})`;

  const problems: ImportProblem[] = [];
  const tables = new Map<string, ShowcaseRows>();
  const counts: ImportTable[] = [];
  for (const table of Object.keys(IMPORTED_COLUMNS)) {
    if (present.has(table)) continue;
    problems.push({
      severity: 'warning',
      table,
      message: `the table is missing${age}; nothing of it is imported`,
    });
  }
  for (const table of names.sort()) {
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
    if (RAILS_TABLES.includes(table)) continue;
    const read = IMPORTED_COLUMNS[table];
    const known = SHOWCASE_COLUMNS[table];
    if (!read) {
      const reason = NOT_IMPORTED[table] ?? `not a table of the Showcase schema ondeck knows${age}`;
      counts.push({ table, rows, imported: false, reason });
      if (!known && !NOT_IMPORTED[table])
        problems.push({ severity: 'warning', table, message: `${reason}; its ${rows} rows are left out` });
      continue;
    }
    if (rows > MAX_ROWS)
      throw new ApiErrors.NOT_A_SHOWCASE_DATABASE(
        `This database's ${table} table has ${rows} rows, far more than any showcase (the largest has a few thousand heats); it is not imported.`,
      );
    counts.push({ table, rows, imported: true });
    const columns = columnsOf(table);
    const missing = read.filter((column) => !columns.has(column));
    if (missing.length > 0)
      problems.push({
        severity: 'warning',
        table,
        message: `column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing${age}; read as empty (the default)`,
      });
    const unknown = [...columns].filter((column) => column !== 'id' && !known?.includes(column));
    if (unknown.length > 0)
      problems.push({
        severity: 'warning',
        table,
        message: `column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in the Showcase schema ondeck knows${age}; not imported`,
      });
    // Only the columns the mapping reads: a row object per row of each table is most of the reading.
    const wanted = ['id', ...read.filter((column) => columns.has(column))].map(quote).join(', ');
    const list = db.prepare(`SELECT ${wanted} FROM ${quote(table)} ORDER BY id`).all() as Array<
      Record<string, unknown>
    >;
    tables.set(
      table,
      list.map((row) => [String(row.id), row] as const),
    );
  }
  return { tables, counts, problems, ...(schemaVersion ? { schemaVersion } : {}) };
}
