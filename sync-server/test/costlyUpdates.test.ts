import { CloseCode, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainWithChangePerLevel,
  deepRecord,
  manyCollections,
  manyEntries,
  nestedChain,
} from './support/hostileUpdates.ts';
import { Prober } from './support/prober.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/**
 * Issue 11, found 3: one message stalled every event — a 110 KB update (a 10,000-deep chain,
 * then one change per level) blocked the event loop 9.8 s; 200,000 map entries in 3.9 MB
 * blocked it 1.1 s. Each is refused, unapplied, by the limits that follow from the documents'
 * shape, while a judge's whole day of marks in one update (4,573 in the large event) is taken.
 */
describe('updates that would cost the server more than the documents ever need', () => {
  let server: TestServer;
  let event: TestEvent;
  let prober: Prober;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'costly');
    const { token } = await event.tokenFor('judge', 'jc');
    prober = new Prober(`${server.syncUrl}/${syncRoomName(event.id, scoresDocName('jc'))}?token=${token}`);
  });
  afterAll(async () => {
    prober.close();
    await server.close();
  });

  const refusedFor = async (reason: string) => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`ondeck_refused_messages_total\\{reason="${reason}"\\} [1-9]`));
  };

  it('refuses a 10,000-deep chain with a change on every level', async () => {
    const update = chainWithChangePerLevel(10_000);
    expect(update.length).toBeGreaterThan(100_000);
    expect(await prober.send(update)).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    // 20,000 changes, within the per-update count a whole document's backlog needs: refused for their depth.
    await refusedFor('types-too-deep');
  });

  it('refuses 200,000 entries in one message', async () => {
    expect(await prober.send(manyEntries(200_000))).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    await refusedFor('too-many-structs');
  });

  it('refuses a record nested deeper than JSON records are, and a document of too many collections', async () => {
    expect(await prober.send(deepRecord(1_000))).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    await refusedFor('record-too-deep');
    expect(await prober.send(manyCollections(100))).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    await refusedFor('too-many-collections');
  });

  it('takes a whole day of a judge’s marks at once, and a shallow nesting', async () => {
    expect(await prober.send(manyEntries(5_000, 'marks', 5151))).toBe('taken');
    expect(await prober.send(nestedChain(3, 'marks', 'three', 5252).update)).toBe('taken');
    const loaded = await server.context.registry.acquire(event.id);
    const marks = loaded.room(scoresDocName('jc')).doc.getMap('marks');
    expect(marks.size).toBe(5_001);
    server.context.registry.release(loaded);
  });
});
