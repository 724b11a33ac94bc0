import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSummary, Invite, Role } from '@ondeck/shared';
import Database from 'better-sqlite3';
import { applyDurablePragmas, migrate, type SyncMode } from '../storage/migrations.ts';

/**
 * The index database: the event catalogue, invites and their joins, and the server's own
 * secrets (its token-signing key, the admin token's hash, the HS256 secret of older tokens).
 * Everything per event lives in the event's own file; this one stays small.
 */
const MIGRATIONS = [
  `CREATE TABLE events (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL REFERENCES events (id),
     role TEXT NOT NULL,
     person_id TEXT,
     label TEXT NOT NULL,
     code TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE INDEX invites_by_event ON invites (event_id, created_at);
   CREATE TABLE joins (
     id INTEGER PRIMARY KEY,
     invite_id TEXT NOT NULL REFERENCES invites (id),
     joined_at TEXT NOT NULL
   );
   CREATE INDEX joins_by_invite ON joins (invite_id);
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
];

const INDEX_DB_FILE = 'index.sqlite';

/** The index database's file in a data directory (the CLI restores it there without opening it). */
export function indexDatabasePath(dataDir: string): string {
  return join(dataDir, INDEX_DB_FILE);
}

/** An invite as stored: everything the API shows but its link, which depends on the address. */
export type InviteRow = Omit<Invite, 'link'>;

interface RawInvite {
  id: string;
  event_id: string;
  role: Role;
  person_id: string | null;
  label: string;
  code: string;
  created_at: string;
  revoked_at: string | null;
  joins: number;
  last_joined_at: string | null;
}

const INVITE_COLUMNS = `i.id, i.event_id, i.role, i.person_id, i.label, i.code, i.created_at, i.revoked_at,
  (SELECT count(*) FROM joins j WHERE j.invite_id = i.id) AS joins,
  (SELECT max(joined_at) FROM joins j WHERE j.invite_id = i.id) AS last_joined_at`;

function toInvite(row: RawInvite): InviteRow {
  return {
    id: row.id,
    eventId: row.event_id,
    role: row.role,
    ...(row.person_id === null ? {} : { personId: row.person_id }),
    label: row.label,
    code: row.code,
    createdAt: row.created_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    joins: row.joins,
    ...(row.last_joined_at === null ? {} : { lastJoinedAt: row.last_joined_at }),
  };
}

/**
 * URL-safe random string, never starting with `-`.
 * NOTE: invite ids are arguments of the CLI (`revoke-invite <event> <invite id>`), and one
 * starting with `-` (1 in 64) was read as an option and refused (cliInvites.test, on a fresh clone).
 */
function randomToken(bytes: number): string {
  for (;;) {
    const token = randomBytes(bytes).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}

export class IndexDatabase {
  readonly db: Database.Database;
  readonly path: string;
  private readonly sql: Statements;
  private readonly changeListeners = new Set<() => void>();

  constructor(dataDir: string, synchronous: SyncMode = 'normal') {
    mkdirSync(dataDir, { recursive: true });
    this.path = indexDatabasePath(dataDir);
    this.db = new Database(this.path);
    applyDurablePragmas(this.db, synchronous);
    migrate(this.db, MIGRATIONS, 'index database');
    // NOTE: prepared once: getEvent runs on every WebSocket connection.
    this.sql = prepareStatements(this.db);
  }

  /** Calls `listener` after every change (the index's backups follow it); returns the unsubscribe. */
  watch(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private onChange(): void {
    for (const listener of this.changeListeners) listener();
  }

  close(): void {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  // --- events ---------------------------------------------------------------------------

  createEvent(id: string, name: string, now = new Date()): EventSummary {
    const createdAt = now.toISOString();
    this.sql.insertEvent.run(id, name, createdAt);
    this.onChange();
    return { id, name, createdAt };
  }

  getEvent(id: string): EventSummary | undefined {
    const row = this.sql.selectEvent.get(id) as { id: string; name: string; created_at: string } | undefined;
    return row && { id: row.id, name: row.name, createdAt: row.created_at };
  }

  listEvents(): EventSummary[] {
    const rows = this.sql.selectEvents.all() as Array<{
      id: string;
      name: string;
      created_at: string;
    }>;
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  /**
   * Adds an event and its invites that another server recorded (a cluster's node taking the
   * event over, see cluster/eventRecords.ts); rows already here are updated, never removed.
   */
  importEvent(event: EventSummary, invites: InviteRow[]): void {
    this.db.transaction(() => {
      this.sql.insertEventIfAbsent.run(event.id, event.name, event.createdAt);
      for (const i of invites)
        this.sql.upsertInvite.run(
          i.id,
          event.id,
          i.role,
          i.personId ?? null,
          i.label,
          i.code,
          i.createdAt,
          i.revokedAt ?? null,
        );
    })();
    this.onChange();
  }

  // --- invites ----------------------------------------------------------------------------

  createInvite(input: { eventId: string; role: Role; personId?: string; label: string }, now = new Date()): InviteRow {
    const id = randomToken(9);
    const code = randomToken(12);
    this.sql.insertInvite.run(
      id,
      input.eventId,
      input.role,
      input.personId ?? null,
      input.label,
      code,
      now.toISOString(),
    );
    this.onChange();
    return this.getInvite(id) as InviteRow;
  }

  getInvite(id: string): InviteRow | undefined {
    const row = this.sql.selectInvite.get(id) as RawInvite | undefined;
    return row && toInvite(row);
  }

  findInviteByCode(code: string): InviteRow | undefined {
    const row = this.sql.selectInviteByCode.get(code) as RawInvite | undefined;
    return row && toInvite(row);
  }

  listInvites(eventId: string): InviteRow[] {
    const rows = this.sql.selectInvitesOfEvent.all(eventId) as RawInvite[];
    return rows.map(toInvite);
  }

  /** Marks an invite revoked; returns it, or undefined when it does not exist. Idempotent. */
  revokeInvite(eventId: string, id: string, now = new Date()): InviteRow | undefined {
    this.sql.revokeInvite.run(now.toISOString(), id, eventId);
    this.onChange();
    const invite = this.getInvite(id);
    return invite?.eventId === eventId ? invite : undefined;
  }

  /**
   * Keeps a copy of another server's invite (a venue following the cloud's event): added when
   * missing, revoked when it was revoked there. Returns true when that revoked it here.
   */
  mirrorInvite(invite: InviteRow): boolean {
    const { id, eventId, role, personId, label, code, createdAt, revokedAt } = invite;
    const added = this.sql.mirrorInvite.run(id, eventId, role, personId ?? null, label, code, createdAt).changes > 0;
    const revoked = revokedAt !== undefined && this.sql.revokeMirroredInvite.run(revokedAt, id, eventId).changes > 0;
    if (added || revoked) this.onChange();
    return revoked;
  }

  revokedInviteIds(): string[] {
    const rows = this.sql.selectRevokedInviteIds.all() as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  recordJoin(inviteId: string, now = new Date()): void {
    this.sql.insertJoin.run(inviteId, now.toISOString());
    this.onChange();
  }

  // --- server secrets ----------------------------------------------------------------------

  private getSetting(key: string): string | undefined {
    const row = this.sql.selectSetting.get(key) as { value: string } | undefined;
    return row?.value;
  }

  private setSetting(key: string, value: string): void {
    this.sql.upsertSetting.run(key, value);
    this.onChange();
  }

  /**
   * This server's Ed25519 token-signing key (PKCS#8 PEM), generated on the first call; used
   * when `ONDECK_SIGNING_KEY` is not set.
   * NOTE: it lives here rather than in a loose file so that a restore of the index backup
   * keeps every device's token valid — devices must work for the whole event.
   */
  signingKeyPem(): string {
    return this.settingOnce('signing_key_pkcs8', () =>
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
  }

  /**
   * The HS256 secret that signed tokens before they moved to Ed25519 — the configured one, else
   * the one generated back then — with the time (seconds) its tokens are accepted until: the
   * first start that asked, plus one token lifetime, recorded once. No token it signed lives
   * longer, so a leaked old secret cannot mint tokens past then. Undefined when there is none.
   */
  legacyTokenSecret(
    configured: string | undefined,
    ttlSeconds: number,
    now = Date.now(),
  ): { secret: string; acceptUntil: number } | undefined {
    const secret = configured ?? this.getSetting('signing_secret');
    if (!secret) return undefined;
    const acceptUntil = Number(
      this.settingOnce('hs256_accepted_until', () => String(Math.floor(now / 1000) + ttlSeconds)),
    );
    return { secret, acceptUntil };
  }

  /**
   * A setting made once and then kept. NOTE: insert-if-absent, then read back, so that a CLI
   * command and a server starting together on a new data directory agree on one value.
   */
  private settingOnce(key: string, make: () => string): string {
    const stored = this.getSetting(key);
    if (stored !== undefined) return stored;
    if (this.sql.insertSettingIfAbsent.run(key, make()).changes > 0) this.onChange();
    return this.getSetting(key) as string;
  }

  /**
   * Returns a newly generated admin token the first time (to print once), or null when the
   * admin token is configured or was generated before. Only its SHA-256 is stored.
   */
  ensureAdminToken(configured?: string): string | null {
    if (configured) return null;
    if (this.getSetting('admin_token_sha256')) return null;
    const token = randomToken(24);
    this.setSetting('admin_token_sha256', sha256(token));
    return token;
  }

  checkAdminToken(candidate: string, configured?: string): boolean {
    const expected = configured ? sha256(configured) : this.getSetting('admin_token_sha256');
    if (!expected) return false;
    return timingSafeEqual(Buffer.from(sha256(candidate), 'hex'), Buffer.from(expected, 'hex'));
  }
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
    insertEvent: db.prepare('INSERT INTO events (id, name, created_at) VALUES (?, ?, ?)'),
    insertEventIfAbsent: db.prepare('INSERT OR IGNORE INTO events (id, name, created_at) VALUES (?, ?, ?)'),
    upsertInvite: db.prepare(
      `INSERT INTO invites (id, event_id, role, person_id, label, code, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, revoked_at = coalesce(invites.revoked_at, excluded.revoked_at)
       WHERE invites.event_id = excluded.event_id`,
    ),
    selectEvent: db.prepare('SELECT id, name, created_at FROM events WHERE id = ?'),
    selectEvents: db.prepare('SELECT id, name, created_at FROM events ORDER BY created_at, id'),
    insertInvite: db.prepare(
      'INSERT INTO invites (id, event_id, role, person_id, label, code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    selectInvite: db.prepare(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.id = ?`),
    selectInviteByCode: db.prepare(`SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.code = ?`),
    selectInvitesOfEvent: db.prepare(
      `SELECT ${INVITE_COLUMNS} FROM invites i WHERE i.event_id = ? ORDER BY i.created_at, i.id`,
    ),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND event_id = ?'),
    mirrorInvite: db.prepare(
      'INSERT OR IGNORE INTO invites (id, event_id, role, person_id, label, code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    revokeMirroredInvite: db.prepare(
      'UPDATE invites SET revoked_at = ? WHERE id = ? AND event_id = ? AND revoked_at IS NULL',
    ),
    selectRevokedInviteIds: db.prepare('SELECT id FROM invites WHERE revoked_at IS NOT NULL'),
    insertJoin: db.prepare('INSERT INTO joins (invite_id, joined_at) VALUES (?, ?)'),
    selectSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
    upsertSetting: db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)'),
    insertSettingIfAbsent: db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)'),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
