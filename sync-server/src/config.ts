import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { readSigningKey } from './auth/signingKey.ts';
import { CLUSTER_CONFIG_VARIABLES, type ClusterSettings, loadClusterConfig } from './clusterConfig.ts';
import { EnvReader } from './envReader.ts';
import {
  type BackupSettings,
  loadStorageConfig,
  STORAGE_CONFIG_VARIABLES,
  type StorageSettings,
} from './objectStore/storageConfig.ts';
import type { SyncMode } from './storage/migrations.ts';

/**
 * One config module: defaults, then `ONDECK_*` environment variables, validated at start with a
 * clear message for each bad value. Secrets are never part of an error message.
 */
export interface Config {
  host: string;
  port: number;
  /** Where the index database and one SQLite file per event live. */
  dataDir: string;
  /**
   * Ed25519 private key that signs event tokens (from PEM, validated at start); generated and
   * kept in the index database when unset. A KeyObject prints no key material if ever logged.
   */
  signingKey?: KeyObject;
  /** HS256 secret of tokens issued before the move to Ed25519: verifies them until they expire, signs nothing. */
  secret?: string;
  /** Admin token for creating events; generated on first start and printed once when unset. */
  adminToken?: string;
  /** Base URL of invite links. */
  publicUrl?: string;
  /**
   * Web origins whose pages may open a sync socket (`ONDECK_ALLOWED_ORIGINS`); null allows the
   * public URL's and the server's own addresses (see http/originPolicy.ts).
   */
  allowedOrigins: string[] | null;
  /**
   * Whether to believe `X-Forwarded-For`/`-Proto` (the client's address for rate limits, https
   * for HSTS): never, from any peer, or from these addresses and CIDR ranges (a reverse proxy's).
   */
  trustProxy: boolean | string[];
  /** Joins (`POST /api/join`) per minute per client address, and uploads (music, imports) likewise. */
  joinRateLimitPerMinute: number;
  uploadRateLimitPerMinute: number;
  /** Built client to serve on the same port; null serves none. */
  clientDir: string | null;
  /** An event with no connections is unloaded after this long. */
  idleTimeoutMs: number;
  /** Largest WebSocket message accepted. */
  maxMessageBytes: number;
  /** A client whose unsent data exceeds this is disconnected (it resyncs on reconnect). */
  maxBufferedBytes: number;
  /** Ping interval; a socket silent for two intervals is dropped. */
  heartbeatMs: number;
  /** Sustained messages per second per connection, and the burst allowed above it. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** The same, per token: shared by every connection opened with one token (new connections are free). */
  tokenRateLimitPerSecond: number;
  tokenRateLimitBurst: number;
  /** Bytes one document may take (its encoded state), and all of an event's documents together. */
  maxDocumentBytes: number;
  maxEventBytes: number;
  /**
   * Set by no variable: only the bench's control run sets it, to measure what the limits on
   * updates, the documents' budgets and per-token rates cost (see loadedEvents/updateLimits.ts).
   */
  unchecked?: true;
  /** Largest music file accepted by an upload. */
  maxUploadBytes: number;
  /** Largest file an import accepts: a Showcase database, a ZIP of one with its music, a CSV. */
  maxImportBytes: number;
  /** Lifetime of event tokens issued by joining. */
  tokenTtlDays: number;
  /** Updates in a document's log before it is compacted into a snapshot. */
  compactAfterUpdates: number;
  /** How long a document its last device left stays live before it rests (DocRoom's note). */
  restAfterMs: number;
  /** Older snapshots kept per document after compaction. */
  snapshotsKept: number;
  /** SQLite `synchronous` for commits; see storage/migrations.ts for why `normal` is the default. */
  sqliteSynchronous: SyncMode;
  /** Create the demo event on first start. */
  demo: boolean;
  /** Object storage for backups and music: a directory or an S3-compatible service. */
  storage: StorageSettings;
  backup: BackupSettings;
  /** One node of several behind HAProxy (`ONDECK_CLUSTER_*`); null for a server on its own. */
  cluster: ClusterSettings | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Venue mode: venue invite links of a cloud server's events to follow (README "Venue server"). */
  venueFollow: string[];
  /** How often a venue trades revocations, document lists and music with the cloud. */
  venueExchangeMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable this module reads, for the README and for typo detection. */
const CONFIG_VARIABLES = [
  'ONDECK_HOST',
  'ONDECK_PORT',
  'ONDECK_DATA_DIR',
  'ONDECK_SIGNING_KEY',
  'ONDECK_SECRET',
  'ONDECK_ADMIN_TOKEN',
  'ONDECK_PUBLIC_URL',
  'ONDECK_ALLOWED_ORIGINS',
  'ONDECK_TRUST_PROXY',
  'ONDECK_JOIN_RATE_LIMIT_PER_MINUTE',
  'ONDECK_UPLOAD_RATE_LIMIT_PER_MINUTE',
  'ONDECK_CLIENT_DIR',
  'ONDECK_IDLE_TIMEOUT_MS',
  'ONDECK_MAX_MESSAGE_BYTES',
  'ONDECK_MAX_BUFFERED_BYTES',
  'ONDECK_HEARTBEAT_MS',
  'ONDECK_RATE_LIMIT_PER_SECOND',
  'ONDECK_RATE_LIMIT_BURST',
  'ONDECK_TOKEN_RATE_LIMIT_PER_SECOND',
  'ONDECK_TOKEN_RATE_LIMIT_BURST',
  'ONDECK_MAX_DOCUMENT_BYTES',
  'ONDECK_MAX_EVENT_BYTES',
  'ONDECK_MAX_UPLOAD_BYTES',
  'ONDECK_MAX_IMPORT_BYTES',
  'ONDECK_TOKEN_TTL_DAYS',
  'ONDECK_COMPACT_AFTER_UPDATES',
  'ONDECK_REST_AFTER_MS',
  'ONDECK_SNAPSHOTS_KEPT',
  'ONDECK_SQLITE_SYNCHRONOUS',
  'ONDECK_DEMO',
  'ONDECK_LOG_LEVEL',
  'ONDECK_VENUE_FOLLOW',
  'ONDECK_VENUE_EXCHANGE_MS',
] as const;

export function loadConfig(env: Env, options: { defaultClientDir: string | null }): Config {
  const reader = new EnvReader(env);
  const { problems } = reader;
  const read = (name: (typeof CONFIG_VARIABLES)[number]) => reader.read(name);
  const int = (name: (typeof CONFIG_VARIABLES)[number], fallback: number, min: number, max: number) =>
    reader.int(name, fallback, min, max);
  const bool = (name: (typeof CONFIG_VARIABLES)[number], fallback: boolean) => reader.bool(name, fallback);
  reader.rejectUnknown([...CONFIG_VARIABLES, ...STORAGE_CONFIG_VARIABLES, ...CLUSTER_CONFIG_VARIABLES]);

  const signingKeyPem = read('ONDECK_SIGNING_KEY');
  const signingKey = signingKeyPem === undefined ? undefined : readSigningKey(signingKeyPem);
  if (signingKey && !signingKey.ok) problems.push(`ONDECK_SIGNING_KEY ${signingKey.reason}`);
  const secret = read('ONDECK_SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('ONDECK_SECRET must be at least 32 characters long');
  const adminToken = read('ONDECK_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16)
    problems.push('ONDECK_ADMIN_TOKEN must be at least 16 characters long');

  const publicUrl = read('ONDECK_PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl))
    problems.push(`ONDECK_PUBLIC_URL must be an http(s) URL such as https://ondeck.example.com (got "${publicUrl}")`);

  const allowedOrigins = readOrigins(read('ONDECK_ALLOWED_ORIGINS'), problems);
  const trustProxy = readTrustProxy(read('ONDECK_TRUST_PROXY'), problems);

  const synchronous = (read('ONDECK_SQLITE_SYNCHRONOUS') ?? 'normal').toLowerCase() as SyncMode;
  if (synchronous !== 'normal' && synchronous !== 'full')
    problems.push(`ONDECK_SQLITE_SYNCHRONOUS must be normal or full (got "${synchronous}")`);

  const logLevel = (read('ONDECK_LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`ONDECK_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const clientDirRaw = read('ONDECK_CLIENT_DIR');
  const dataDir = resolve(read('ONDECK_DATA_DIR') ?? 'data');
  const storage = loadStorageConfig(env, { dataDir });
  if (!storage.ok) problems.push(...storage.problems);
  const cluster = loadClusterConfig(env, {
    storageKind: storage.ok ? storage.config.storage.kind : 'dir',
    signingKeySet: signingKeyPem !== undefined,
    adminTokenSet: adminToken !== undefined,
  });
  problems.push(...cluster.problems);
  const config: Config = {
    host: read('ONDECK_HOST') ?? '0.0.0.0',
    port: int('ONDECK_PORT', 8080, 0, 65535),
    dataDir,
    ...(signingKey?.ok ? { signingKey: signingKey.key } : {}),
    ...(secret === undefined ? {} : { secret }),
    ...(adminToken === undefined ? {} : { adminToken }),
    ...(publicUrl === undefined ? {} : { publicUrl: publicUrl.replace(/\/+$/, '') }),
    allowedOrigins,
    trustProxy,
    joinRateLimitPerMinute: int('ONDECK_JOIN_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    uploadRateLimitPerMinute: int('ONDECK_UPLOAD_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    clientDir:
      clientDirRaw === 'none' ? null : clientDirRaw !== undefined ? resolve(clientDirRaw) : options.defaultClientDir,
    idleTimeoutMs: int('ONDECK_IDLE_TIMEOUT_MS', 5 * 60_000, 100, 24 * 3600_000),
    maxMessageBytes: int('ONDECK_MAX_MESSAGE_BYTES', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxBufferedBytes: int('ONDECK_MAX_BUFFERED_BYTES', 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    heartbeatMs: int('ONDECK_HEARTBEAT_MS', 10_000, 100, 600_000),
    rateLimitPerSecond: int('ONDECK_RATE_LIMIT_PER_SECOND', 100, 1, 100_000),
    rateLimitBurst: int('ONDECK_RATE_LIMIT_BURST', 2_000, 1, 1_000_000),
    tokenRateLimitPerSecond: int('ONDECK_TOKEN_RATE_LIMIT_PER_SECOND', 200, 1, 1_000_000),
    tokenRateLimitBurst: int('ONDECK_TOKEN_RATE_LIMIT_BURST', 4_000, 1, 10_000_000),
    maxDocumentBytes: int('ONDECK_MAX_DOCUMENT_BYTES', 8 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    maxEventBytes: int('ONDECK_MAX_EVENT_BYTES', 32 * 1024 * 1024, 64 * 1024, 16 * 1024 * 1024 * 1024),
    maxUploadBytes: int('ONDECK_MAX_UPLOAD_BYTES', 50 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    maxImportBytes: int('ONDECK_MAX_IMPORT_BYTES', 512 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024),
    tokenTtlDays: int('ONDECK_TOKEN_TTL_DAYS', 60, 1, 3650),
    compactAfterUpdates: int('ONDECK_COMPACT_AFTER_UPDATES', 1_000, 10, 10_000_000),
    restAfterMs: int('ONDECK_REST_AFTER_MS', 30_000, 0, 3_600_000),
    snapshotsKept: int('ONDECK_SNAPSHOTS_KEPT', 3, 1, 100),
    sqliteSynchronous: synchronous,
    demo: bool('ONDECK_DEMO', false),
    logLevel,
    venueFollow: readVenueLinks(read('ONDECK_VENUE_FOLLOW'), problems),
    venueExchangeMs: int('ONDECK_VENUE_EXCHANGE_MS', 5_000, 100, 3_600_000),
    ...(storage.ok
      ? storage.config
      : { storage: { kind: 'dir', dir: dataDir }, backup: { intervalMs: 0, retentionDays: null } }),
    cluster: cluster.settings,
  };
  // A node lost with its disk loses at most one shipping interval: its events' backups follow it.
  if (cluster.settings) config.backup = { ...config.backup, intervalMs: cluster.settings.shipMs };
  if (config.maxEventBytes < config.maxDocumentBytes)
    problems.push('ONDECK_MAX_EVENT_BYTES must be at least ONDECK_MAX_DOCUMENT_BYTES (an event holds its documents)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `https://ondeck.example.com, http://192.168.1.20:8080`: origins as browsers send them, no path. */
function readOrigins(raw: string | undefined, problems: string[]): string[] | null {
  if (raw === undefined) return null;
  const origins: string[] = [];
  for (const item of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    let url: URL | null = null;
    try {
      url = new URL(item);
    } catch {
      // Reported below.
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item.replace(/\/$/, ''))
      problems.push(
        `ONDECK_ALLOWED_ORIGINS takes origins such as https://ondeck.example.com, comma-separated (got "${item}")`,
      );
    else origins.push(url.origin);
  }
  return origins;
}

/** Venue invite links (`https://cloud.example.com/join/<code>`), comma-separated. */
function readVenueLinks(raw: string | undefined, problems: string[]): string[] {
  const links = (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const link of links)
    if (!/^https?:\/\/[^\s/]+(\/[^\s/]+)*\/join\/[A-Za-z0-9_-]{8,64}$/.test(link))
      problems.push(
        `ONDECK_VENUE_FOLLOW takes venue invite links such as https://ondeck.example.com/join/<code>, comma-separated (got "${link.slice(0, 200)}")`,
      );
  return links;
}

/** `false` (the default), `true`, or the proxy's addresses and CIDR ranges, comma-separated. */
function readTrustProxy(raw: string | undefined, problems: string[]): boolean | string[] {
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') return true;
  const addresses = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = addresses.filter((address) => {
    const [ip = '', bits, ...rest] = address.split('/');
    const family = isIP(ip);
    const max = family === 4 ? 32 : 128;
    return family === 0 || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max));
  });
  if (bad.length > 0 || addresses.length === 0)
    problems.push(
      `ONDECK_TRUST_PROXY is true, false, or the proxy's addresses or CIDR ranges, comma-separated (got "${raw}")`,
    );
  return addresses;
}
