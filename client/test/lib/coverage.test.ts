import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCovered, updateEnds } from '../../src/lib/coverage.ts';

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
