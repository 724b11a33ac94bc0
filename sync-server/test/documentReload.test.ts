import { CloseCode, putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nextClose, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { trackConfirmations, waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('a live document that throws applying a change', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'reload');
  });
  afterAll(() => server.close());

  it('is dropped unsaved, its devices resync, and the change is saved when it comes again', async () => {
    const room = syncRoomName(event.id, 'program');
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    const reader = stockProvider(server.syncUrl, room, (await event.tokenFor('staff')).token);
    const elsewhere = stockProvider(server.syncUrl, syncRoomName(event.id, 'live'), event.organizerToken);
    await Promise.all([waitForSynced(writer), waitForSynced(reader), waitForSynced(elsewhere)]);
    putRecord(writer.doc, 'studios', { id: 'kept', name: 'Saved Before' });
    await waitForConfirmed(writer);

    // However an apply comes to throw on the live document — here an observer that throws
    // once Yjs has integrated the change — part of the change is in memory when it does.
    const loaded = server.context.registry.get(event.id);
    const live = loaded?.rooms.get('program');
    if (!loaded || !live) throw new Error('the program is not loaded');
    live.doc.getMap('studios').observe((change) => {
      if (change.keysChanged.has('boom')) throw new Error('injected failure');
    });

    const closes = [nextClose(writer), nextClose(reader)];
    const confirmations = trackConfirmations(writer);
    putRecord(writer.doc, 'studios', { id: 'boom', name: 'Applied Half-Way' });
    const clock = Y.getState(writer.doc.store, writer.doc.clientID);
    const codes = await Promise.all(closes);
    expect(codes.map((c) => c.code)).toEqual([CloseCode.DOCUMENT_RELOADED, CloseCode.DOCUMENT_RELOADED]);

    // Nothing of it was confirmed, forwarded or stored; the rest of the event carries on.
    expect(confirmations.covers(writer.doc.clientID, clock)).toBe(false);
    expect(readProgram(reader.doc).studios.has('boom')).toBe(false);
    const stored = new Y.Doc();
    const { snapshot, updates } = loaded.store.loadDoc('program');
    for (const part of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(stored, part);
    expect(readProgram(stored).studios.has('kept')).toBe(true);
    expect(readProgram(stored).studios.has('boom')).toBe(false);
    expect(elsewhere.wsconnected).toBe(true);

    // The devices come back by themselves; the writer sends its pending change again to a
    // document loaded afresh from disk, which saves and confirms it.
    await waitFor(() => confirmations.covers(writer.doc.clientID, clock), 15_000, 'the change confirmed after resync');
    await waitFor(() => readProgram(reader.doc).studios.has('boom'), 15_000, 'the change to reach the reader');
    expect(loaded.rooms.get('program')).not.toBe(live);
    for (const provider of [writer, reader, elsewhere]) provider.destroy();
  });
});
