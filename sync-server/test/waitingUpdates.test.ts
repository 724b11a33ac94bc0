import { CloseCode, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bigRecord } from './support/hostileUpdates.ts';
import { Prober } from './support/prober.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/**
 * Found by this branch's hostile suite: changes sent ahead of what they depend on wait in the
 * server's copy (Yjs's pending structs), unstored and outside every budget, and Yjs merges all
 * that waits into each later update — a few writers sending out of order made that merge most
 * of the server's time. What may wait is bounded; what arrives in order is never refused.
 */
describe('changes that wait for what they depend on', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'waiting');
  });
  afterAll(() => server.close());

  it('may take 16 KiB at most, and integrate once what they lack arrives', async () => {
    const { token } = await event.tokenFor('judge', 'jw');
    const prober = new Prober(`${server.syncUrl}/${syncRoomName(event.id, scoresDocName('jw'))}?token=${token}`);
    const device = new Y.Doc();
    device.clientID = 8080;
    const [first, ...later] = Array.from({ length: 4 }, (_, i) => bigRecord(device, 6 * 1024, 'marks', `r${i}`));
    // Without the first, each later one waits: two fit in 16 KiB, the third does not.
    expect(await prober.send(later[0] as Uint8Array)).toBe('taken');
    expect(await prober.send(later[1] as Uint8Array)).toBe('taken');
    expect(await prober.send(later[2] as Uint8Array)).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    expect(await prober.send(first as Uint8Array)).toBe('taken');
    expect(await prober.send(later[2] as Uint8Array)).toBe('taken');
    prober.close();
    const loaded = await server.context.registry.acquire(event.id);
    expect(loaded.room(scoresDocName('jw')).doc.getMap('marks').size).toBe(4);
    server.context.registry.release(loaded);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="too-much-waiting"\} [1-9]/);
  });
});
