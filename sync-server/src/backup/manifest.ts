import { isSha256Hex, type ObjectStore } from '../objectStore/index.ts';
import { latestKey } from './keys.ts';

/**
 * What a backup says about itself. It travels as the object's metadata (`ondeck-backup`), so on
 * S3 the bytes and the checksums that vouch for them are written in one request.
 */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** Event id, or `index`. */
  name: string;
  /** When the consistent copy was taken (ISO 8601). */
  createdAt: string;
  compression: 'gzip';
  /** SHA-256 (hex) and length of the stored, compressed bytes. */
  sha256: string;
  size: number;
  /** SHA-256 (hex) and length of the SQLite file they decompress to. */
  rawSha256: string;
  rawSize: number;
  /** The database's `PRAGMA user_version` (its schema version) when copied. */
  schemaVersion: number;
}

export const BACKUP_FORMAT = 'ondeck-sqlite-backup/1';
const MANIFEST_METADATA_KEY = 'ondeck-backup';

export function manifestMetadata(manifest: BackupManifest): Record<string, string> {
  return { [MANIFEST_METADATA_KEY]: JSON.stringify(manifest) };
}

/** The manifest in an object's metadata, or null when it is missing or not one of ours. */
export function readManifest(metadata: Record<string, string>): BackupManifest | null {
  const raw = metadata[MANIFEST_METADATA_KEY];
  if (raw === undefined) return null;
  try {
    const value = JSON.parse(raw) as Partial<BackupManifest>;
    if (
      value.format !== BACKUP_FORMAT ||
      typeof value.name !== 'string' ||
      typeof value.createdAt !== 'string' ||
      Number.isNaN(Date.parse(value.createdAt)) ||
      value.compression !== 'gzip' ||
      typeof value.sha256 !== 'string' ||
      !isSha256Hex(value.sha256) ||
      typeof value.rawSha256 !== 'string' ||
      !isSha256Hex(value.rawSha256) ||
      typeof value.size !== 'number' ||
      typeof value.rawSize !== 'number' ||
      typeof value.schemaVersion !== 'number'
    )
      return null;
    return value as BackupManifest;
  } catch {
    return null;
  }
}

/** When the latest backup of `name` was made, or null when there is none with a manifest. */
export async function latestBackupAt(store: ObjectStore, name: string): Promise<Date | null> {
  const head = await store.head(latestKey(name));
  const manifest = head ? readManifest(head.metadata) : null;
  return manifest ? new Date(manifest.createdAt) : null;
}
