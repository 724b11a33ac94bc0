import { StorageError } from './errors.ts';
import type { ByteRange } from './objectStore.ts';

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Clamps an inclusive byte range to an object of `size` bytes, as HTTP does: an `end` past the
 * last byte means "to the end"; a `start` at or past the end cannot be served.
 */
export function resolveRange(key: string, range: ByteRange, size: number): { start: number; end: number } {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start)))
    throw new StorageError(
      'STORAGE_RANGE_NOT_SATISFIABLE',
      `byte range ${start}-${end ?? ''} of ${key} is not a valid range (want 0 <= start <= end)`,
    );
  if (start >= size)
    throw new StorageError(
      'STORAGE_RANGE_NOT_SATISFIABLE',
      `byte range ${start}-${end ?? ''} starts past the end of ${key} (${size} bytes)`,
    );
  return { start, end: Math.min(end ?? size - 1, size - 1) };
}
