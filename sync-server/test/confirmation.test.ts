import { putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { trackConfirmations, waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('"saved" follows the commit', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer({ ONDECK_COMPACT_AFTER_UPDATES: '20' });
    event = await createTestEvent(server, 'confirm');
  });
  afterAll(() => server.close());

  it('confirms nothing, and shows nothing to others, while the database refuses to commit', async () => {
    const room = syncRoomName(event.id, 'program');
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    const reader = stockProvider(server.syncUrl, room, (await event.tokenFor('staff')).token);
    const confirmations = trackConfirmations(writer);
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);
    const loaded = server.context.registry.get(event.id);
    if (!loaded) throw new Error('event not loaded');

    // A real SQLite refusal: the connection turns read-only, so every commit fails.
    loaded.store.handle.pragma('query_only = ON');
    putRecord(writer.doc, 'studios', { id: 'held', name: 'Held Back' });
    const clock = Y.getState(writer.doc.store, writer.doc.clientID);
    await new Promise((r) => setTimeout(r, 400));
    expect(confirmations.covers(writer.doc.clientID, clock)).toBe(false);
    expect(readProgram(reader.doc).studios.has('held')).toBe(false);

    loaded.store.handle.pragma('query_only = OFF');
    await waitFor(() => confirmations.covers(writer.doc.clientID, clock), 10_000, 'the confirmation after the retry');
    await waitFor(() => readProgram(reader.doc).studios.has('held'), 10_000, 'the change to reach the reader');
    writer.destroy();
    reader.destroy();
  });

  it('re-confirms a change sent again after it was stored', async () => {
    const room = syncRoomName(event.id, 'program');
    const doc = new Y.Doc();
    putRecord(doc, 'studios', { id: 'twice', name: 'Sent Twice' });
    const clock = Y.getState(doc.store, doc.clientID);
    for (let attempt = 0; attempt < 2; attempt++) {
      const provider = stockProvider(server.syncUrl, room, event.organizerToken, doc);
      const confirmations = trackConfirmations(provider);
      await waitFor(() => confirmations.covers(doc.clientID, clock), 10_000, `confirmation ${attempt + 1}`);
      provider.destroy();
    }
  });

  it('compacts the log into snapshots without losing a change', async () => {
    const room = syncRoomName(event.id, 'program');
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitForSynced(writer);
    for (let i = 0; i < 65; i++) {
      putRecord(writer.doc, 'people', { id: `c${i}`, name: `Compact, Person ${i}`, type: 'Student', studioId: 's' });
      await new Promise((r) => setImmediate(r));
    }
    await waitForConfirmed(writer);
    writer.destroy();
    const loaded = server.context.registry.get(event.id);
    const snapshots = loaded?.store.handle
      .prepare("SELECT count(*) AS n FROM snapshots WHERE doc = 'program'")
      .get() as {
      n: number;
    };
    expect(snapshots.n).toBeGreaterThan(1);
    expect(snapshots.n).toBeLessThanOrEqual(server.config.snapshotsKept + 1);
    await server.context.registry.unload(event.id);

    const fresh = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitFor(() => readProgram(fresh.doc).people.size === 65, 10_000, 'every person after reload');
    fresh.destroy();
  });
});
