import { putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocRoom } from '../src/loadedEvents/docRoom.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('a document its last device just left', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    // Longer than any test here takes, however busy the machine: nothing may rest on its own.
    server = await startServer({ ONDECK_REST_AFTER_MS: '600000' });
    event = await createTestEvent(server, 'grace');
  });
  afterAll(() => server.close());

  const programRoom = () => server.context.registry.get(event.id)?.rooms.get('program') as DocRoom;

  async function device() {
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(provider);
    return provider;
  }

  it('stays live through a Wi-Fi drop: the device back finds it awake, with everything it had', async () => {
    const first = await device();
    first.doc.transact(() => putRecord(first.doc, 'studios', { id: 's1', name: 'Studio 1' }));
    await waitForConfirmed(first);
    const live = programRoom().doc;
    first.destroy();
    await waitFor(() => programRoom().members.size === 0, 10_000, 'the server to see the device leave');

    // A request that reads the document and lets go does not rest it either.
    const res = await fetch(`${server.url}/api/events/${event.id}/docs/program`, {
      headers: { authorization: `Bearer ${event.organizerToken}` },
    });
    expect(res.status).toBe(200);
    expect(programRoom().isLive).toBe(true);

    const back = await device();
    expect(programRoom().doc).toBe(live);
    expect(readProgram(back.doc).studios.get('s1')?.name).toBe('Studio 1');
    back.destroy();
  });

  it('rests with the event when the event unloads, its wait cut short', async () => {
    await waitFor(() => programRoom().members.size === 0, 10_000, 'the server to see the device leave');
    await server.context.registry.unload(event.id);
    expect(server.context.registry.get(event.id)).toBeUndefined();
    const again = await device();
    expect(readProgram(again.doc).studios.size).toBe(1);
    again.destroy();
  });
});
