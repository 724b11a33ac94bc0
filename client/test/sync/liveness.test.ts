import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVENESS, Liveness } from '../../src/sync/liveness.ts';

describe('noticing a server that stopped answering', () => {
  let events: string[];
  let open: boolean;
  let liveness: Liveness;

  beforeEach(() => {
    vi.useFakeTimers();
    events = [];
    open = true;
    liveness = new Liveness({
      canPing: () => open,
      ping: () => events.push(`ping at ${Date.now()}`),
      silent: () => events.push(`silent at ${Date.now()}`),
    });
    vi.setSystemTime(0);
  });
  afterEach(() => {
    liveness.stop();
    vi.useRealTimers();
  });

  it('pings after a short silence and says so within 5 s of the last thing heard', () => {
    const limit = LIVENESS.pingAfterMs + LIVENESS.answerWithinMs + LIVENESS.graceMs;
    expect(limit).toBeLessThanOrEqual(5_000);
    liveness.start();
    vi.advanceTimersByTime(LIVENESS.pingAfterMs - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual([`ping at ${LIVENESS.pingAfterMs}`]);
    vi.advanceTimersByTime(LIVENESS.answerWithinMs + LIVENESS.graceMs - 1);
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(events).toEqual([`ping at ${LIVENESS.pingAfterMs}`, `silent at ${limit}`]);
    // Said once, not again and again.
    vi.advanceTimersByTime(60_000);
    expect(events).toHaveLength(2);
  });

  it('stays quiet while the server answers, and pings only an idle socket', () => {
    liveness.start();
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(500);
      liveness.heard();
    }
    expect(events).toEqual([]);
    // Each answered ping puts silence off again.
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(LIVENESS.pingAfterMs);
      expect(events.at(-1)).toMatch(/^ping/);
      vi.advanceTimersByTime(100);
      liveness.heard();
    }
    expect(events.every((event) => event.startsWith('ping'))).toBe(true);
  });

  it('counts a handshake that never completes as silence (no ping can go yet)', () => {
    open = false;
    liveness.start();
    const limit = LIVENESS.pingAfterMs + LIVENESS.answerWithinMs + LIVENESS.graceMs;
    vi.advanceTimersByTime(limit);
    expect(events).toEqual([`silent at ${limit}`]);
  });

  it('watches again once the server speaks after a silence', () => {
    liveness.start();
    vi.advanceTimersByTime(10_000);
    expect(events.filter((event) => event.startsWith('silent'))).toHaveLength(1);
    liveness.heard();
    vi.advanceTimersByTime(LIVENESS.pingAfterMs + LIVENESS.answerWithinMs + LIVENESS.graceMs);
    expect(events.filter((event) => event.startsWith('silent'))).toHaveLength(2);
  });

  it('does not blame the server for a stall of the device itself', () => {
    liveness.start();
    // The page is starved: the clock runs on 6 s while no timer can fire, so the first one fires
    // 6 s late.
    vi.setSystemTime(6_000);
    vi.advanceTimersByTime(LIVENESS.pingAfterMs);
    // The late timer asks again instead of calling the server silent...
    expect(events).toEqual(['ping at 8000']);
    // ...and an answer in time keeps the connection live.
    vi.advanceTimersByTime(LIVENESS.answerWithinMs - 1);
    liveness.heard();
    vi.advanceTimersByTime(LIVENESS.answerWithinMs);
    expect(events.some((event) => event.startsWith('silent'))).toBe(false);
  });

  it('still says so when the server stays silent after the device recovers from a stall', () => {
    liveness.start();
    vi.setSystemTime(6_000);
    vi.advanceTimersByTime(LIVENESS.pingAfterMs);
    expect(events).toEqual(['ping at 8000']);
    vi.advanceTimersByTime(LIVENESS.answerWithinMs + LIVENESS.graceMs);
    expect(events).toEqual(['ping at 8000', `silent at ${8_000 + LIVENESS.answerWithinMs + LIVENESS.graceMs}`]);
  });

  it('waits a moment past the limit for an answer queued behind the timer', () => {
    liveness.start();
    vi.advanceTimersByTime(LIVENESS.pingAfterMs + LIVENESS.answerWithinMs);
    liveness.heard();
    vi.advanceTimersByTime(LIVENESS.graceMs);
    expect(events.some((event) => event.startsWith('silent'))).toBe(false);
  });

  it('stops watching when stopped', () => {
    liveness.start();
    liveness.stop();
    liveness.heard();
    vi.advanceTimersByTime(60_000);
    expect(events).toEqual([]);
  });
});
