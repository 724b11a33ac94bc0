/** Failures of backup and restore that are not the storage's own (those stay StorageErrors). */
export type BackupErrorCode =
  /** The name is not an event id or `index`. */
  | 'BACKUP_INVALID_NAME'
  /** The day is not `latest` or a YYYY-MM-DD date. */
  | 'BACKUP_INVALID_DAY'
  /** There is no backup for that name (and day). */
  | 'BACKUP_NOT_FOUND'
  /** The stored bytes do not match their manifest's checksums, or cannot be decompressed. */
  | 'BACKUP_CORRUPTED'
  /** The local file changed after the backup was made; restoring would lose those changes. */
  | 'BACKUP_LOCAL_NEWER'
  /** The database to back up could not be opened or copied. */
  | 'BACKUP_SOURCE_FAILED';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export function isBackupError(error: unknown, code?: BackupErrorCode): error is BackupError {
  return error instanceof BackupError && (code === undefined || error.code === code);
}
