import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { digestTap } from '../objectStore/digestTap.ts';
import { isStorageError, type ObjectStore } from '../objectStore/index.ts';
import { syncDirectory } from '../storage/syncDirectory.ts';
import { BackupError, isBackupError } from './errors.ts';
import { dailyKey, latestKey } from './keys.ts';
import { type BackupManifest, readManifest } from './manifest.ts';

export interface RestoreOptions {
  /** `latest` (the default) or the UTC day of a daily copy, YYYY-MM-DD. */
  day?: 'latest' | string;
  /** The database file to (re)create. */
  targetPath: string;
  /** Replace a local file even when it changed after the backup was made. */
  force?: boolean;
}

export interface RestoreResult {
  key: string;
  manifest: BackupManifest;
  targetPath: string;
  /** Local files that were in the way, renamed aside (never deleted). */
  setAside: string[];
}

/** SQLite keeps recent commits in these beside the main file; they belong to the file they sit next to. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Restores a backup into `targetPath`. Both checksums are verified before the file appears; it
 * appears whole (temp file + rename) or not at all. A local file that changed after the backup
 * was made is refused unless `force`; a local file that is replaced is renamed aside
 * (`<file>.replaced-<time>`), with its -wal and -shm, never deleted. The restored file's mtime
 * is the backup's creation time, so "newer than the backup" keeps meaning "changed since".
 *
 * The database must not be open while it is restored.
 */
export async function restoreBackup(store: ObjectStore, name: string, options: RestoreOptions): Promise<RestoreResult> {
  const day = options.day ?? 'latest';
  const key = day === 'latest' ? latestKey(name) : dailyKey(name, day);
  const what = day === 'latest' ? `the latest backup of ${name}` : `the backup of ${name} for ${day}`;
  const missing =
    day === 'latest' ? `there is no backup of ${name} (${key})` : `there is no backup of ${name} for ${day} (${key})`;
  const { targetPath } = options;

  const head = await store.head(key);
  if (head === null) throw new BackupError('BACKUP_NOT_FOUND', missing);
  const announced = readManifest(head.metadata);
  if (announced === null)
    throw new BackupError('BACKUP_CORRUPTED', `${what} (${key}) has no readable manifest; restore another day`);
  if (!options.force) await refuseIfLocalNewer(targetPath, announced, key);

  await mkdir(dirname(targetPath), { recursive: true });
  const tmpPath = join(dirname(targetPath), `.${basename(targetPath)}.restoring-${randomUUID()}`);
  const gzPath = `${tmpPath}.gz`;
  try {
    let stream: Awaited<ReturnType<ObjectStore['getStream']>>;
    try {
      stream = await store.getStream(key);
    } catch (error) {
      if (isStorageError(error, 'STORAGE_NOT_FOUND'))
        throw new BackupError('BACKUP_NOT_FOUND', missing, { cause: error });
      throw error;
    }
    // NOTE: verify against the manifest that came with these very bytes (on S3, one response),
    // not the one read above, in case a new backup landed in between.
    const manifest = readManifest(stream.info.metadata);
    if (manifest === null) {
      stream.body.destroy();
      throw new BackupError('BACKUP_CORRUPTED', `${what} (${key}) has no readable manifest; restore another day`);
    }
    // NOTE: the download is checked against its SHA-256 before gunzip ever sees it, so a damaged
    // backup is reported as exactly that rather than as some decompression error.
    const compressed = digestTap();
    await pipeline(stream.body, compressed.stage, createWriteStream(gzPath, { flags: 'wx' }));
    if (compressed.sha256() !== manifest.sha256 || compressed.size() !== manifest.size)
      throw corrupted(what, key, 'the SHA-256 of the stored bytes does not match its manifest');
    const raw = digestTap();
    try {
      await pipeline(
        createReadStream(gzPath),
        createGunzip(),
        raw.stage,
        createWriteStream(tmpPath, { flags: 'wx', flush: true }),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code?.startsWith('Z_'))
        throw corrupted(what, key, `it does not decompress (${(error as Error).message})`, error);
      throw error;
    }
    if (raw.sha256() !== manifest.rawSha256 || raw.size() !== manifest.rawSize)
      throw corrupted(what, key, 'the SHA-256 of the decompressed database does not match its manifest');

    if (!options.force) await refuseIfLocalNewer(targetPath, manifest, key);
    const setAside = await setAsideLocalFiles(targetPath);
    await rename(tmpPath, targetPath);
    const createdAt = new Date(manifest.createdAt);
    await utimes(targetPath, createdAt, createdAt);
    await syncDirectory(dirname(targetPath));
    return { key, manifest, targetPath, setAside };
  } finally {
    await rm(tmpPath, { force: true });
    await rm(gzPath, { force: true });
  }
}

/**
 * Restores the latest backup when the local file is missing (an event's first access after its
 * machine was lost). Returns null when the file exists or when there is no backup (a new event).
 * Any other failure — storage down, a corrupted backup — is thrown: the caller must then not
 * create an empty database in its place, which the next backup would write over `latest`.
 */
export async function restoreIfMissing(
  store: ObjectStore,
  name: string,
  targetPath: string,
): Promise<RestoreResult | null> {
  if (existsSync(targetPath)) return null;
  try {
    return await restoreBackup(store, name, { targetPath });
  } catch (error) {
    if (isBackupError(error, 'BACKUP_NOT_FOUND')) return null;
    throw error;
  }
}

/** When the local database (main file or its WAL) was last written, or null when there is none. */
export async function localModifiedAt(path: string): Promise<Date | null> {
  let latest: Date | null = null;
  for (const file of [path, `${path}-wal`]) {
    try {
      const { mtime } = await stat(file);
      if (latest === null || mtime > latest) latest = mtime;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (file === path) return null;
    }
  }
  return latest;
}

async function refuseIfLocalNewer(targetPath: string, manifest: BackupManifest, key: string): Promise<void> {
  const modified = await localModifiedAt(targetPath);
  if (modified !== null && modified.getTime() > Date.parse(manifest.createdAt))
    throw new BackupError(
      'BACKUP_LOCAL_NEWER',
      `${targetPath} was changed at ${modified.toISOString()}, after the backup ${key} was made at ${manifest.createdAt}; restoring would lose those changes (force it to replace the file, which is kept as ${basename(targetPath)}.replaced-…)`,
    );
}

async function setAsideLocalFiles(targetPath: string): Promise<string[]> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const moved: string[] = [];
  for (const suffix of ['', ...SIDE_FILES]) {
    const from = `${targetPath}${suffix}`;
    if (!existsSync(from)) continue;
    // NOTE: the main file keeps its -wal/-shm suffix after the stamp, so a set-aside database
    // can still be opened with its own log: `x.sqlite.replaced-T` + `x.sqlite.replaced-T-wal`.
    const to = `${targetPath}.replaced-${stamp}${suffix}`;
    await rename(from, to);
    moved.push(to);
  }
  return moved;
}

function corrupted(what: string, key: string, why: string, cause?: unknown): BackupError {
  return new BackupError(
    'BACKUP_CORRUPTED',
    `${what} (${key}) is corrupted: ${why}. Nothing was written; restore an earlier day instead`,
    cause === undefined ? undefined : { cause },
  );
}
