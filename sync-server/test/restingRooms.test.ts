import { putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocRoom } from '../src/loadedEvents/docRoom.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('a document nobody is in', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    // Rests soon after the last device leaves (30 s by default: restGrace.test.ts).
    server = await startServer({ ONDECK_REST_AFTER_MS: '200' });
    event = await createTestEvent(server, 'resting');
  });
  afterAll(() => server.close());

  const programRoom = () => server.context.registry.get(event.id)?.rooms.get('program') as DocRoom;

  /** The program's state over HTTP, uncompressed, with its ETag. */
  async function programOverHttp(token: string) {
    const res = await fetch(`${server.url}/api/events/${event.id}/docs/program`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    return { studios: readProgram(doc).studios.size, etag: res.headers.get('etag') as string };
  }

  /** A stock provider writing `count` studios from `from`, confirmed, then gone. */
  async function writeStudios(from: number, count: number) {
    const writer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(writer);
    expect(programRoom().isLive).toBe(true);
    writer.doc.transact(() => {
      for (let i = from; i < from + count; i++) putRecord(writer.doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
    });
    await waitForConfirmed(writer);
    const seen = readProgram(writer.doc).studios.size;
    writer.destroy();
    return seen;
  }

  it('rests encoded once its last device leaves, serves reads so, and wakes with every change for the next', async () => {
    expect(await writeStudios(0, 100)).toBe(100);
    await waitFor(() => !programRoom().isLive, 5_000, 'the room to rest');

    const staff = (await event.tokenFor('staff')).token;
    const first = await programOverHttp(staff);
    expect(first.studios).toBe(100);
    expect((await programOverHttp(staff)).etag).toBe(first.etag);
    expect(programRoom().isLive).toBe(false);

    // The next device wakes it with all of the first one's changes, and adds its own.
    expect(await writeStudios(100, 1)).toBe(101);
    await waitFor(() => !programRoom().isLive, 5_000, 'the room to rest again');
    const second = await programOverHttp(staff);
    expect(second.studios).toBe(101);
    expect(second.etag).not.toBe(first.etag);

    // What it rested on was the committed state: unloaded and loaded again, the same.
    await server.context.registry.unload(event.id);
    expect(server.context.registry.get(event.id)).toBeUndefined();
    expect((await programOverHttp(staff)).studios).toBe(101);
  });
});
