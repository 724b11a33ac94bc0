/**
 * When to merge a document's stored updates. Decided by size, not by row count alone: merging
 * rewrites the whole document, so a large program is merged only when its log of small updates
 * has grown comparable to the snapshot (amortised cost stays linear), while many tiny rows
 * (a judge's marks) are merged before reading them back one by one slows the next start.
 */
export interface LogShape {
  /** Confirmed rows, snapshot included. */
  rows: number;
  /** Bytes of the largest confirmed row (the snapshot). */
  baseBytes: number;
  /** Bytes of every other confirmed row. */
  logBytes: number;
}

export const COMPACTION = {
  /** A log smaller than this is never worth a rewrite. */
  minLogBytes: 64 * 1024,
  /** Reading rows back costs per row: never keep more than this many. */
  maxRows: 500,
} as const;

export function shouldCompact(shape: LogShape): boolean {
  if (shape.rows < 2) return false;
  return shape.rows > COMPACTION.maxRows || shape.logBytes > Math.max(COMPACTION.minLogBytes, shape.baseBytes);
}

export function shapeOf(sizes: readonly number[]): LogShape {
  let baseBytes = 0;
  let total = 0;
  for (const size of sizes) {
    total += size;
    if (size > baseBytes) baseBytes = size;
  }
  return { rows: sizes.length, baseBytes, logBytes: total - baseBytes };
}
