/**
 * Every failure of object storage surfaces as a `StorageError`: a stable code for programs, a
 * sentence for the operator that names the `ONDECK_*` setting to look at when one is at fault,
 * and never the value of a secret.
 */
export type StorageErrorCode =
  /** The key (or prefix, or metadata) is not one this store accepts. */
  | 'STORAGE_INVALID_KEY'
  /** No object under that key. */
  | 'STORAGE_NOT_FOUND'
  /** The byte range starts at or beyond the end of the object. */
  | 'STORAGE_RANGE_NOT_SATISFIABLE'
  /** The service cannot be reached at all (refused, timed out, DNS). */
  | 'STORAGE_UNREACHABLE'
  /** The access key or the secret is not accepted. */
  | 'STORAGE_CREDENTIALS_REJECTED'
  /** The credentials are valid but not allowed to do this. */
  | 'STORAGE_ACCESS_DENIED'
  /** The configured bucket does not exist. */
  | 'STORAGE_BUCKET_MISSING'
  /** The configured region does not match the bucket's. */
  | 'STORAGE_WRONG_REGION'
  /** The service answered with a server error; worth retrying later. */
  | 'STORAGE_UNAVAILABLE'
  /** Anything else the service or the file system refused. */
  | 'STORAGE_FAILED';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** The `ONDECK_*` setting the operator should check, when one is at fault. */
    readonly setting?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}

export function objectNotFound(key: string): StorageError {
  return new StorageError('STORAGE_NOT_FOUND', `no object ${key} in storage`);
}
