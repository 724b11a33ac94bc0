import { putMark, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('compaction keeps pace with the size of the document', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer({ ONDECK_COMPACT_AFTER_UPDATES: '10' });
    event = await createTestEvent(server, 'pace');
  });
  afterAll(() => server.close());

  it('compacts a large document only once its log is a quarter of its snapshot', async () => {
    const judge = await event.tokenFor('judge', 'j1');
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
    await waitForSynced(provider);
    const counts = () => {
      const handle = server.context.registry.get(event.id)?.store.handle;
      if (!handle) throw new Error('event not loaded');
      const count = (table: string) =>
        (handle.prepare(`SELECT count(*) AS n FROM ${table} WHERE doc = ?`).get(scoresDocName('j1')) as { n: number })
          .n;
      return { snapshots: count('snapshots'), updates: count('updates') };
    };
    let n = 0;
    /** Marks one at a time, each its own change, confirmed. */
    const tap = async (times: number) => {
      for (let i = 0; i < times; i++) {
        putMark(provider.doc, { heatId: `h${n++}`, value: 'GH', updatedAt: 1 });
        await waitForConfirmed(provider);
      }
    };

    // A small document: compacted every 10 changes, as configured.
    await tap(10);
    expect(counts()).toEqual({ snapshots: 1, updates: 0 });

    // One large change (a whole session's marks at once) and 9 more: compacted, now large.
    provider.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) putMark(provider.doc, { heatId: `big${i}`, value: 'S', updatedAt: 1 });
    });
    await tap(9);
    expect(counts()).toEqual({ snapshots: 2, updates: 0 });

    // 40 more taps are far less than a quarter of that snapshot: they stay in the log.
    await tap(40);
    expect(counts()).toEqual({ snapshots: 2, updates: 40 });

    // Another large change brings the log past a quarter: compacted at the next commit.
    provider.doc.transact(() => {
      for (let i = 0; i < 1_000; i++) putMark(provider.doc, { heatId: `more${i}`, value: 'B', updatedAt: 1 });
    });
    await waitForConfirmed(provider);
    expect(counts()).toEqual({ snapshots: 3, updates: 0 });
    provider.destroy();
  });
});
