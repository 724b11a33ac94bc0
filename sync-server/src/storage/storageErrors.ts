/**
 * Whether an error means the disk (or the file system's quota) is full: SQLite's SQLITE_FULL,
 * or the ENOSPC/EDQUOT a plain file write gets.
 */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * A commit held back because the WAL has reached its hard bound and cannot start over yet (a
 * checkpoint is running): nothing was written, and the commit is simply tried again shortly.
 */
export class WalBusyError extends Error {
  constructor(path: string) {
    super(`the WAL of ${path} is at its bound and waits for a checkpoint`);
    this.name = 'WalBusyError';
  }
}
