import { CloseCode } from '@ondeck/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseInvite } from '../src/app/paths.ts';
import { COMPACTION, shapeOf, shouldCompact } from '../src/storage/compaction.ts';
import { BACKOFF, reconnectDelay } from '../src/sync/backoff.ts';
import { summarize } from '../src/sync/connection.ts';
import { isCovered, updateEnds } from '../src/sync/coverage.ts';
import { describeIndicator } from '../src/sync/indicator.ts';

describe('pending changes', () => {
  it('are covered only when the server state vector reaches their end clocks', () => {
    const doc = new Y.Doc();
    doc.getMap('settings').set('name', 'Spring Showcase');
    const before = Y.encodeStateVector(doc);
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => {
      update = u;
    });
    doc.getMap('settings').set('location', 'Raleigh');
    const ends = updateEnds(update as unknown as Uint8Array);
    // An incremental update (not starting at clock 0) still reports where it ends.
    expect(ends).toEqual([[doc.clientID, 2]]);
    expect(isCovered(ends, Y.decodeStateVector(before))).toBe(false);
    expect(isCovered(ends, Y.decodeStateVector(Y.encodeStateVector(doc)))).toBe(true);
    expect(isCovered(ends, new Map())).toBe(false);
  });
});

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

describe('compaction policy', () => {
  it('merges by size: a big snapshot waits for a comparable log, tiny rows merge by count', () => {
    expect(shouldCompact(shapeOf([1_000_000, 2_000, 3_000]))).toBe(false);
    expect(shouldCompact(shapeOf([1_000_000, 600_000, 500_000]))).toBe(true);
    expect(shouldCompact(shapeOf([10_000, ...Array.from({ length: 35 }, () => 2_000)]))).toBe(true);
    expect(shouldCompact(shapeOf(Array.from({ length: COMPACTION.maxRows + 1 }, () => 100)))).toBe(true);
    expect(shouldCompact(shapeOf([500_000]))).toBe(false);
  });
});

describe('sync indicator', () => {
  const connected = { state: 'connected' } as const;

  it('says saved only when nothing is pending', () => {
    const saved = describeIndicator({ connection: connected, pending: 0, savedAt: null, browserOffline: false });
    expect(saved.tone).toBe('saved');
    expect(saved.detail).toBe('All saved');
    const pending = describeIndicator({ connection: connected, pending: 3, savedAt: 1, browserOffline: false });
    expect(pending.detail).toBe('3 changes not yet on the server');
  });

  it('puts offline and revoked first, and says what to do', () => {
    const offline = describeIndicator({ connection: connected, pending: 1, savedAt: null, browserOffline: true });
    expect(offline.label).toBe('Offline');
    expect(offline.detail).toBe('1 change not yet on the server');
    const revoked = describeIndicator({
      connection: summarize([connected, { state: 'blocked', code: CloseCode.TOKEN_REVOKED }, { state: 'offline' }]),
      pending: 0,
      savedAt: null,
      browserOffline: false,
    });
    expect(revoked.tone).toBe('blocked');
    expect(revoked.detail).toContain('ask the organiser for a new link');
  });

  it('says when the server stopped answering, over an open socket that claims to be connected', () => {
    const hung = describeIndicator({
      connection: summarize([connected, { state: 'unresponsive' }, { state: 'connecting' }]),
      pending: 1,
      savedAt: 1,
      browserOffline: false,
    });
    expect(hung.label).toBe('Server not answering');
    expect(hung.tone).toBe('offline');
    expect(hung.detail).toBe('1 change not yet on the server');
  });
});

describe('pasted invites', () => {
  it('reads links and bare codes', () => {
    expect(parseInvite('https://floor.example/join/AbC123')).toEqual({
      code: 'AbC123',
      origin: 'https://floor.example',
    });
    expect(parseInvite('  AbC123 ')).toEqual({ code: 'AbC123', origin: null });
    expect(parseInvite('https://floor.example/e/spring')).toBeNull();
    expect(parseInvite('hello world')).toBeNull();
  });
});
