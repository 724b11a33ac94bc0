export { contentKey, isSha256Hex, putContentAddressed } from './contentAddressed.ts';
export { createObjectStore } from './createObjectStore.ts';
export { DirectoryStore } from './directoryStore.ts';
export { isStorageError, StorageError, type StorageErrorCode } from './errors.ts';
export { mapInBatches } from './mapInBatches.ts';
export type { ByteRange, ListedObject, ObjectInfo, ObjectStore, ObjectStream, PutOptions } from './objectStore.ts';
export { S3Store, type S3StoreOptions } from './s3Store.ts';
export {
  type BackupSettings,
  loadStorageConfig,
  STORAGE_CONFIG_VARIABLES,
  type StorageConfig,
  type StorageSettings,
} from './storageConfig.ts';
