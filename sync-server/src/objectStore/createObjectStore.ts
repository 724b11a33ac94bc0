import { DirectoryStore } from './directoryStore.ts';
import type { ObjectStore } from './objectStore.ts';
import { S3Store } from './s3Store.ts';
import type { StorageSettings } from './storageConfig.ts';

/** The store the settings describe. Nothing is contacted yet: call `check()` to find out. */
export function createObjectStore(settings: StorageSettings, options: { tempDir?: string } = {}): ObjectStore {
  if (settings.kind === 'dir') return new DirectoryStore(settings.dir);
  const { kind: _kind, ...s3 } = settings;
  return new S3Store({ ...s3, ...options });
}
