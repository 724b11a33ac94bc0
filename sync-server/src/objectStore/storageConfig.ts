import { join, resolve } from 'node:path';
import { EnvReader } from '../envReader.ts';

/**
 * Object storage and backup settings, read from `ONDECK_*` variables. Every bad value gets its
 * own sentence naming the variable; a secret's value never appears in one.
 */
export type StorageSettings = { kind: 'dir'; dir: string } | ({ kind: 's3' } & S3Settings);

export interface S3Settings {
  /** Omit for AWS itself; any S3-compatible service (Ceph, R2, Tigris…) needs its URL. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`. */
  forcePathStyle: boolean;
}

export interface BackupSettings {
  /** A changed event is backed up at most this long after its first unsaved change. */
  intervalMs: number;
  /** Daily copies older than this many days are deleted; null keeps them all. */
  retentionDays: number | null;
}

export interface StorageConfig {
  storage: StorageSettings;
  backup: BackupSettings;
}

type StorageConfigResult = { ok: true; config: StorageConfig } | { ok: false; problems: string[] };

export const STORAGE_CONFIG_VARIABLES = [
  'ONDECK_STORAGE',
  'ONDECK_STORAGE_DIR',
  'ONDECK_S3_ENDPOINT',
  'ONDECK_S3_REGION',
  'ONDECK_S3_BUCKET',
  'ONDECK_S3_ACCESS_KEY_ID',
  'ONDECK_S3_SECRET_ACCESS_KEY',
  'ONDECK_S3_FORCE_PATH_STYLE',
  'ONDECK_BACKUP_INTERVAL_MS',
  'ONDECK_BACKUP_RETENTION_DAYS',
] as const;

type Variable = (typeof STORAGE_CONFIG_VARIABLES)[number];

const DEFAULT_BACKUP_INTERVAL_MS = 10 * 60_000;
const DEFAULT_S3_REGION = 'us-east-1';

const S3_VARIABLES = STORAGE_CONFIG_VARIABLES.filter((name) => name.startsWith('ONDECK_S3_'));
/** AWS's bucket naming rules, which S3-compatible services follow. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function loadStorageConfig(
  rawEnv: Record<string, string | undefined>,
  options: { dataDir: string },
): StorageConfigResult {
  const env = new EnvReader(rawEnv);
  const { problems } = env;
  const read = (name: Variable) => env.read(name);

  const kind = read('ONDECK_STORAGE') ?? 'dir';
  if (kind !== 'dir' && kind !== 's3') problems.push(`ONDECK_STORAGE must be "dir" or "s3" (got "${kind}")`);

  let storage: StorageSettings | undefined;
  if (kind === 'dir') {
    // NOTE: an S3 setting with directory storage is almost certainly a forgotten ONDECK_STORAGE=s3,
    // and then the backups an operator counts on would sit on the very machine they protect.
    for (const name of S3_VARIABLES)
      if (read(name) !== undefined) problems.push(`${name} is set but ONDECK_STORAGE is "dir"; set ONDECK_STORAGE=s3`);
    storage = { kind: 'dir', dir: resolve(read('ONDECK_STORAGE_DIR') ?? join(options.dataDir, 'objects')) };
  } else if (kind === 's3') {
    if (read('ONDECK_STORAGE_DIR') !== undefined)
      problems.push('ONDECK_STORAGE_DIR is set but ONDECK_STORAGE is "s3"; unset one of them');
    storage = readS3(env);
  }

  const intervalMs = env.int('ONDECK_BACKUP_INTERVAL_MS', DEFAULT_BACKUP_INTERVAL_MS, 1_000, 86_400_000);
  const retentionRaw = read('ONDECK_BACKUP_RETENTION_DAYS');
  let retentionDays: number | null = null;
  if (retentionRaw !== undefined && retentionRaw.toLowerCase() !== 'all') {
    retentionDays = Number(retentionRaw);
    if (!/^\d+$/.test(retentionRaw) || retentionDays < 1 || retentionDays > 36_500) {
      problems.push(
        `ONDECK_BACKUP_RETENTION_DAYS must be a whole number of days from 1 to 36500, or "all" (got "${retentionRaw}")`,
      );
      retentionDays = null;
    }
  }

  if (problems.length > 0 || storage === undefined) return { ok: false, problems };
  return { ok: true, config: { storage, backup: { intervalMs, retentionDays } } };
}

function readS3(env: EnvReader): StorageSettings | undefined {
  const { problems } = env;
  const read = (name: Variable) => env.read(name);
  const required = (name: Variable, what: string) => {
    const value = read(name);
    if (value === undefined) problems.push(`${name} is required when ONDECK_STORAGE is "s3" (${what})`);
    return value;
  };

  let endpoint: string | undefined;
  const endpointRaw = read('ONDECK_S3_ENDPOINT');
  if (endpointRaw !== undefined) {
    endpoint = parseEndpoint(endpointRaw);
    if (endpoint === undefined)
      problems.push(
        'ONDECK_S3_ENDPOINT must be an http(s) URL with no path, user or password, such as https://s3.example.com',
      );
  }
  const region = read('ONDECK_S3_REGION') ?? DEFAULT_S3_REGION;
  if (!REGION.test(region))
    problems.push(`ONDECK_S3_REGION must be a region name such as us-east-1 or auto (got "${region}")`);
  const bucket = required('ONDECK_S3_BUCKET', 'the bucket that holds backups and files');
  if (bucket !== undefined && !BUCKET.test(bucket))
    problems.push(
      `ONDECK_S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens (got "${bucket}")`,
    );
  const accessKeyId = required('ONDECK_S3_ACCESS_KEY_ID', 'the access key of the credentials');
  const secretAccessKey = required('ONDECK_S3_SECRET_ACCESS_KEY', 'the secret of the credentials');
  // NOTE: services other than AWS (Ceph, MinIO-style servers, most self-hosted ones) rarely
  // resolve `bucket.host` names, so path style is the default whenever an endpoint is given.
  const forcePathStyle = env.bool('ONDECK_S3_FORCE_PATH_STYLE', endpoint !== undefined);
  if (bucket === undefined || accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  return {
    kind: 's3',
    ...(endpoint === undefined ? {} : { endpoint }),
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle,
  };
}

/** `https://host[:port]` from a URL with no path, query, user or password; otherwise undefined. */
function parseEndpoint(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '')
    return undefined;
  return `${url.protocol}//${url.host}`;
}
