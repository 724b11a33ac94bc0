import { type FloorKey, startHeat } from '@ondeck/shared';
import type { WirePeer } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor, wirePeer } from './support/clients.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

const READERS = 30;
const CHANGES = 25;

/**
 * A commit's changes go to each member of the room encoded once and written together (issue 19):
 * every other member still gets every change as its own message, in the order each writer sent
 * them, and no writer gets its own back.
 */
describe('forwarding committed changes', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'forwarding');
  });
  afterAll(() => server.close());

  /**
   * Which change an update carries: its structs' client and clock range. (The server forwards
   * what its document integrated, which may encode the same change's deletions differently.)
   */
  const changeOf = (update: Uint8Array) => {
    const { from, to } = Y.parseUpdateMeta(update);
    return [...to].map(([client, end]) => `${client}:${from.get(client) ?? 0}-${end}`).join(' ');
  };

  const receiving = async (token: string) => {
    const peer = await wirePeer(server.syncUrl, event.id, 'live', token);
    await peer.sync();
    const updates: string[] = [];
    const previous = peer.onFrame;
    peer.onFrame = (frame, raw, at) => {
      previous(frame, raw, at);
      if (frame.kind === 'update') updates.push(changeOf(frame.update));
    };
    return { peer, updates };
  };

  /** `CHANGES` changes to the live document, each encoded as the update a device would send. */
  const changes = (floor: string) => {
    const doc = new Y.Doc();
    return Array.from({ length: CHANGES }, (_, i) => {
      const before = Y.encodeStateVector(doc);
      startHeat(doc, floor as FloorKey, { number: i + 1, startedAt: i });
      return Y.encodeStateAsUpdate(doc, before);
    });
  };

  it('reaches every other member, each change as its own message, in order', async () => {
    const staff = (await event.tokenFor('staff')).token;
    const emcee = (await event.tokenFor('emcee')).token;
    const readers = await Promise.all(Array.from({ length: READERS }, () => receiving(staff)));
    const a = await receiving(event.organizerToken);
    const b = await receiving(emcee);
    const fromA = changes('A');
    const fromB = changes('B');
    // Back to back, interleaved: the server reads them in the same turns and commits them together.
    for (let i = 0; i < CHANGES; i++) {
      a.peer.sendUpdate(fromA[i] as Uint8Array);
      b.peer.sendUpdate(fromB[i] as Uint8Array);
    }
    const sentA = fromA.map(changeOf);
    const sentB = fromB.map(changeOf);
    await waitFor(
      () =>
        readers.every((r) => r.updates.length >= 2 * CHANGES) &&
        a.updates.length >= CHANGES &&
        b.updates.length >= CHANGES,
      15_000,
      'every change to reach every other member',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const reader of readers) {
      expect(reader.updates).toHaveLength(2 * CHANGES);
      expect(reader.updates.filter((u) => sentA.includes(u))).toEqual(sentA);
      expect(reader.updates.filter((u) => sentB.includes(u))).toEqual(sentB);
    }
    expect(a.updates).toEqual(sentB);
    expect(b.updates).toEqual(sentA);
    const closing: WirePeer[] = [...readers.map((r) => r.peer), a.peer, b.peer];
    await Promise.all(closing.map((p) => p.close()));
  });
});
