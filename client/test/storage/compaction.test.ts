import { describe, expect, it } from 'vitest';
import { COMPACTION, shapeOf, shouldCompact } from '../../src/storage/compaction.ts';

describe('compaction policy', () => {
  it('merges by size: a big snapshot waits for a comparable log, tiny rows merge by count', () => {
    expect(shouldCompact(shapeOf([1_000_000, 2_000, 3_000]))).toBe(false);
    expect(shouldCompact(shapeOf([1_000_000, 600_000, 500_000]))).toBe(true);
    expect(shouldCompact(shapeOf([10_000, ...Array.from({ length: 35 }, () => 2_000)]))).toBe(true);
    expect(shouldCompact(shapeOf(Array.from({ length: COMPACTION.maxRows + 1 }, () => 100)))).toBe(true);
    expect(shouldCompact(shapeOf([500_000]))).toBe(false);
  });
});
