import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import type Database from 'better-sqlite3';
import { digestTap } from '../objectStore/digestTap.ts';
import type { ObjectStore } from '../objectStore/index.ts';
import { BackupError } from './errors.ts';
import { dailyKey, dayOf, latestKey } from './keys.ts';
import { BACKUP_FORMAT, type BackupManifest, manifestMetadata } from './manifest.ts';

export interface BackupResult {
  manifest: BackupManifest;
  /** The keys written: `latest`, then the day's copy. */
  keys: [string, string];
}

/**
 * Copies a live database consistently (SQLite's online backup API: writers keep going, the copy
 * is one point in time), compresses it, and stores it as both the `latest` backup and the copy
 * of the day. The database is only read; the temporary files are removed either way.
 *
 * NOTE: gzip, on purpose. zstd is not in Node 20's zlib, and brotli would shrink SQLite pages a
 * little more but cannot be opened with the tools found on every server. An operator in the
 * middle of an incident can `gunzip` a copied backup and open it with sqlite3.
 */
export async function backupDatabase(
  db: Database.Database,
  store: ObjectStore,
  options: { name: string; now: Date; tempDir?: string },
): Promise<BackupResult> {
  const keys: [string, string] = [latestKey(options.name), dailyKey(options.name, dayOf(options.now))];
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'ondeck-backup-'));
  try {
    const rawPath = join(dir, `${options.name}.sqlite`);
    const gzPath = `${rawPath}.gz`;
    let schemaVersion: number;
    try {
      await db.backup(rawPath);
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw new BackupError(
        'BACKUP_SOURCE_FAILED',
        `could not copy the database of ${options.name}: ${(error as Error).message}`,
        { cause: error },
      );
    }

    const raw = digestTap();
    const compressed = digestTap();
    await pipeline(
      createReadStream(rawPath),
      raw.stage,
      createGzip({ level: constants.Z_DEFAULT_COMPRESSION }),
      compressed.stage,
      createWriteStream(gzPath),
    );
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      name: options.name,
      createdAt: options.now.toISOString(),
      compression: 'gzip',
      sha256: compressed.sha256(),
      size: compressed.size(),
      rawSha256: raw.sha256(),
      rawSize: raw.size(),
      schemaVersion,
    };
    const [latest, daily] = keys;
    await store.put(latest, createReadStream(gzPath), {
      contentType: 'application/gzip',
      contentLength: manifest.size,
      metadata: manifestMetadata(manifest),
    });
    // NOTE: on S3 the service copies it: the backup is uploaded once.
    await store.copy(latest, daily);
    return { manifest, keys };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
