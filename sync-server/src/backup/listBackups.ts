import { mapInBatches, type ObjectStore } from '../objectStore/index.ts';
import { backupPrefix, isDay } from './keys.ts';
import { type BackupManifest, readManifest } from './manifest.ts';

export interface BackupEntry {
  key: string;
  /** `latest`, or the UTC day of a daily copy. */
  day: 'latest' | string;
  size: number;
  lastModified: Date;
  /** Null when the object carries no readable manifest (it cannot be restored). */
  manifest: BackupManifest | null;
}

/** The backups of one event (or the index): `latest` first, then the daily copies, newest first. */
export async function listBackups(store: ObjectStore, name: string): Promise<BackupEntry[]> {
  const prefix = backupPrefix(name);
  const objects = (await store.list(prefix)).flatMap((object) => {
    const rest = object.key.slice(prefix.length);
    if (rest === 'latest') return [{ ...object, day: 'latest' }];
    const day = rest.startsWith('daily/') ? rest.slice('daily/'.length) : '';
    return isDay(day) ? [{ ...object, day }] : [];
  });
  objects.sort((a, b) => (a.day === 'latest' ? -1 : b.day === 'latest' ? 1 : b.day.localeCompare(a.day)));

  // NOTE: the manifest lives in each object's metadata, which a listing does not return: one
  // HEAD per copy, a few at a time.
  return mapInBatches(objects, async (object): Promise<BackupEntry> => {
    const head = await store.head(object.key);
    return {
      key: object.key,
      day: object.day,
      size: object.size,
      lastModified: object.lastModified,
      manifest: head ? readManifest(head.metadata) : null,
    };
  });
}
