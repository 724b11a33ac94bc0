import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeUpdate, isContainedIn } from '../src/loadedEvents/decodeUpdate.ts';
import { KnownDeletions } from '../src/loadedEvents/knownDeletions.ts';

describe('deletions already found in a document', () => {
  it('merges ranges that touch or overlap, and covers only what was added', () => {
    const known = new KnownDeletions();
    known.add(1, 10, 20);
    known.add(1, 30, 40);
    expect(known.covers(1, 12, 18)).toBe(true);
    expect(known.covers(1, 18, 32)).toBe(false);
    expect(known.covers(2, 12, 18)).toBe(false);
    known.add(1, 20, 30); // joins both neighbours
    expect(known.covers(1, 10, 40)).toBe(true);
    known.add(1, 5, 12);
    known.add(1, 39, 50);
    expect(known.covers(1, 5, 50)).toBe(true);
    expect(known.covers(1, 4, 6)).toBe(false);
    expect(known.covers(1, 49, 51)).toBe(false);
    known.add(1, 0, 2);
    known.add(1, 60, 61);
    expect(known.covers(1, 0, 2)).toBe(true);
    expect(known.covers(1, 2, 3)).toBe(false);
    expect(known.covers(1, 60, 61)).toBe(true);
    expect(known.covers(1, 55, 61)).toBe(false);
  });

  it('lets a document be found holding a delete set it was sent again, and not one it lacks', () => {
    const server = new Y.Doc();
    const device = new Y.Doc();
    const marks = device.getMap('marks');
    for (let i = 0; i < 50; i++) marks.set(`h${i % 10}`, i); // overwrites: deletions
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
    const known = new KnownDeletions();
    const answer = decodeUpdate(Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
    expect(answer.deletes.length).toBeGreaterThan(0);
    expect(isContainedIn(answer, server, known)).toBe(true);
    expect(isContainedIn(answer, server, known)).toBe(true); // now from what it knows

    marks.delete('h3'); // a deletion the server has not seen
    const newer = decodeUpdate(Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
    expect(isContainedIn(newer, server, known)).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
    expect(isContainedIn(newer, server, known)).toBe(true);
  });
});
