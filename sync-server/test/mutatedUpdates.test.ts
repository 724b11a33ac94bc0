import { CloseCode, putRecord, syncRoomName } from '@ondeck/shared';
import { seededRandom } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { Prober } from './support/prober.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';
import { mutate, validUpdates } from './support/updateCorpus.ts';

const SEEDS = [11, 12];
const MUTATIONS_PER_UPDATE = 3;
/** What the server may answer a hostile update with, besides taking it. */
const REFUSALS: readonly number[] = [CloseCode.MALFORMED_MESSAGE, CloseCode.DOCUMENT_RELOADED];

describe('mutated valid updates, sent by a writer and by a reader', () => {
  let server: TestServer;
  let target: TestEvent;
  let other: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    target = await createTestEvent(server, 'fuzzed');
    other = await createTestEvent(server, 'bystander');
  });
  afterAll(() => server.close());

  it('closes only the sender, stores only what Yjs could apply, and reloads to the same state', async () => {
    const room = syncRoomName(target.id, 'program');
    const writer = new Prober(`${server.syncUrl}/${room}?token=${target.organizerToken}`);
    const reader = new Prober(`${server.syncUrl}/${room}?token=${(await target.tokenFor('public')).token}`);
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

    for (const seed of SEEDS) {
      const rng = seededRandom(seed);
      const { updates } = validUpdates(seed, 40);
      for (const { update } of updates) {
        for (let m = 0; m < MUTATIONS_PER_UPDATE; m++) {
          const prober = m === 0 ? reader : writer;
          const outcome = await prober.send(mutate(update, rng.pick(updates).update, rng));
          if (outcome !== 'taken') expect(REFUSALS).toContain(outcome);
          count(`${m === 0 ? 'reader' : 'writer'} ${outcome === 'taken' ? 'taken' : 'refused'}`);
        }
        // The valid update itself, so the next mutations meet the state they were made for.
        expect(await writer.send(update)).toBe('taken');
      }
    }
    writer.close();
    reader.close();
    expect(outcomes.get('writer refused')).toBeGreaterThan(30);
    expect(outcomes.get('writer taken')).toBeGreaterThan(10);
    expect(outcomes.get('reader refused')).toBeGreaterThan(15);

    // What is in memory is what was stored: the document reloads from disk to the same state.
    const loaded = server.context.registry.get(target.id);
    const live = loaded?.rooms.get('program')?.doc;
    if (!live) throw new Error('the program is not loaded');
    const inMemory = Y.snapshot(live);
    await server.context.registry.unload(target.id);
    const reloaded = await server.context.registry.acquire(target.id);
    expect(Y.equalSnapshots(Y.snapshot(reloaded.room('program').doc), inMemory)).toBe(true);
    server.context.registry.release(reloaded);

    // Another event was never disturbed.
    const bystander = stockProvider(server.syncUrl, syncRoomName(other.id, 'program'), other.organizerToken);
    await waitForSynced(bystander);
    putRecord(bystander.doc, 'studios', { id: 'still', name: 'Still Saving' });
    await waitForConfirmed(bystander);
    bystander.destroy();
  });
});
