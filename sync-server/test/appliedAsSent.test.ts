import { scoresDocName } from '@ondeck/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeUpdate } from '../src/loadedEvents/decodeUpdate.ts';
import { DocRoom } from '../src/loadedEvents/docRoom.ts';

const DEVICE = Symbol('device');

/** A room on an empty document, and every change it hands on for the commit. */
function roomWithLog() {
  const changes: Uint8Array[] = [];
  const room = new DocRoom(
    scoresDocName('j1'),
    () => ({ snapshot: null, updates: [], lastSeq: 0 }),
    (update) => changes.push(update),
  );
  room.load({ snapshot: null, updates: [], lastSeq: 0 });
  /** Applies an update as the sync server does, after reading it whole. */
  const send = (update: Uint8Array) => room.apply(decodeUpdate(update), DEVICE);
  /** What a load of the committed log makes, against the live document. */
  const replayed = () => {
    const doc = new Y.Doc();
    for (const change of changes) Y.applyUpdate(doc, change);
    return doc.getMap('marks').toJSON();
  };
  return { room, changes, send, replayed };
}

/** Everything `device` holds that `since` does not. */
const changesSince = (device: Y.Doc, since: Uint8Array) => Y.encodeStateAsUpdate(device, since);

describe('a change applied to a room', () => {
  it('goes on to the commit as it was sent when it only adds to the document, deletions included', () => {
    const { room, changes, send, replayed } = roomWithLog();
    const device = new Y.Doc();
    const marks = device.getMap('marks');
    marks.set('h1', 7);
    const first = Y.encodeStateAsUpdate(device);
    send(first);
    const sv = Y.encodeStateVector(device);
    marks.set('h1', 8); // overwrites: the update deletes the earlier value
    const second = changesSince(device, sv);
    expect(decodeUpdate(second).deletes.length).toBeGreaterThan(0);
    send(second);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toBe(first);
    expect(changes[1]).toBe(second);
    expect(replayed()).toEqual(room.doc.getMap('marks').toJSON());

    // Changes made on the server still reach the commit: the listener is back.
    room.doc.getMap('marks').set('h2', 1);
    expect(changes).toHaveLength(3);
    expect(replayed()).toEqual({ h1: 8, h2: 1 });
  });

  it('goes on as Yjs integrated it when part of it was held already', () => {
    const { room, changes, send, replayed } = roomWithLog();
    const device = new Y.Doc();
    const marks = device.getMap('marks');
    marks.set('h1', 1);
    send(Y.encodeStateAsUpdate(device));
    marks.set('h2', 2);
    const resent = Y.encodeStateAsUpdate(device); // h1 again, with h2
    send(resent);
    expect(changes).toHaveLength(2);
    expect(changes[1]).not.toBe(resent);
    expect(changes[1]?.byteLength).toBeLessThan(resent.byteLength);
    expect(replayed()).toEqual(room.doc.getMap('marks').toJSON());
  });

  it('goes on as Yjs integrated it when it deletes what was already deleted', () => {
    const { room, changes, send, replayed } = roomWithLog();
    const device = new Y.Doc();
    const marks = device.getMap('marks');
    marks.set('h1', 1);
    marks.set('h1', 2);
    send(Y.encodeStateAsUpdate(device));
    const sv = Y.encodeStateVector(device);
    marks.set('h3', 3);
    // A new struct with the whole delete set again, as a stock provider's answers carry it.
    const withOldDeletions = Y.mergeUpdates([
      changesSince(device, sv),
      Y.encodeStateAsUpdate(device, Y.encodeStateVector(device)),
    ]);
    expect(decodeUpdate(withOldDeletions).deletes.length).toBeGreaterThan(0);
    send(withOldDeletions);
    expect(changes).toHaveLength(2);
    expect(changes[1]).not.toBe(withOldDeletions);
    expect(replayed()).toEqual(room.doc.getMap('marks').toJSON());
  });

  it('goes on as Yjs integrated it when a concurrent change wins, and the log replays to the live document', () => {
    const { room, changes, send, replayed } = roomWithLog();
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.clientID = 2; // the higher client id wins a concurrent write to the same key
    b.clientID = 1;
    a.getMap('marks').set('h1', 'a');
    b.getMap('marks').set('h1', 'b');
    send(Y.encodeStateAsUpdate(a));
    const losing = Y.encodeStateAsUpdate(b);
    send(losing);
    expect(room.doc.getMap('marks').get('h1')).toBe('a');
    expect(changes).toHaveLength(2);
    expect(changes[1]).not.toBe(losing);
    expect(replayed()).toEqual({ h1: 'a' });
  });

  it('goes on as Yjs integrated it when it has to wait for what it lacks', () => {
    const { room, changes, send } = roomWithLog();
    const device = new Y.Doc();
    const marks = device.getMap('marks');
    marks.set('h1', 1);
    const first = Y.encodeStateAsUpdate(device);
    const sv = Y.encodeStateVector(device);
    marks.set('h2', 2);
    const second = changesSince(device, sv);
    send(second); // waits: nothing to commit yet
    expect(changes).toHaveLength(0);
    send(first); // both integrate: Yjs's encoding holds both
    expect(changes).toHaveLength(1);
    expect(changes[0]).not.toBe(first);
    expect(room.doc.getMap('marks').toJSON()).toEqual({ h1: 1, h2: 2 });
  });
});
