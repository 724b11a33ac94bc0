import { describe, expect, it } from 'vitest';
import { BACKOFF, reconnectDelay } from '../../src/sync/backoff.ts';

describe('reconnect backoff', () => {
  it('grows exponentially, stays within half to all of each step, and is capped', () => {
    expect(reconnectDelay(0, () => 0)).toBe(BACKOFF.firstMs / 2);
    expect(reconnectDelay(0, () => 1)).toBe(BACKOFF.firstMs);
    expect(reconnectDelay(3, () => 0.5)).toBe(Math.round(BACKOFF.firstMs * 8 * 0.75));
    expect(reconnectDelay(40, () => 1)).toBe(BACKOFF.maxMs);
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelay(4)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
