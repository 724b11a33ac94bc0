import { readdirSync, readlinkSync } from 'node:fs';
import { putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/** Files this process has open, from /proc: the proof that a database file was closed. */
function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

describe('an idle event', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer({ ONDECK_IDLE_TIMEOUT_MS: '300' });
    event = await createTestEvent(server, 'idle');
  });
  afterAll(() => server.close());

  it('leaves memory and closes its file after the timeout, and loads again with nothing lost', async () => {
    const room = syncRoomName(event.id, 'program');
    const first = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitForSynced(first);
    first.doc.transact(() => {
      for (let i = 0; i < 50; i++) putRecord(first.doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
    });
    await waitForConfirmed(first);
    expect(openFiles().some((f) => f.endsWith('/events/idle.sqlite'))).toBe(true);
    first.destroy();

    await waitFor(() => server.context.registry.get(event.id) === undefined, 5_000, 'the unload');
    expect(server.context.registry.all()).toHaveLength(0);
    expect(openFiles().filter((f) => f.includes('/events/idle.sqlite'))).toEqual([]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^ondeck_loaded_events 0$/m);

    const second = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitFor(() => readProgram(second.doc).studios.size === 50, 10_000, 'the reload');
    expect(server.context.registry.get(event.id)).toBeDefined();
    second.destroy();
  });

  it('stays loaded while anyone is connected', async () => {
    const room = syncRoomName(event.id, 'live');
    const provider = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitForSynced(provider);
    await new Promise((r) => setTimeout(r, 900));
    expect(server.context.registry.get(event.id)).toBeDefined();
    provider.destroy();
  });
});
