import { putMark, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CONFIRM_SPACING_MS } from '../src/loadedEvents/groupCommit.ts';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { trackConfirmations, waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('confirmations to a device that answers them', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'spacing');
  });
  afterAll(() => server.close());

  it('come at most once per spacing while it writes fast, and the last covers every change', async () => {
    const judge = await event.tokenFor('judge', 'j1');
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
    await waitForSynced(provider);
    // A stock provider answers each confirmation with its whole delete set: give it one.
    for (let i = 0; i < 20; i++) putMark(provider.doc, { heatId: 'h0', value: String(i), updatedAt: i });
    await waitForConfirmed(provider);

    let confirmations = 0;
    const off = trackConfirmations(provider).onConfirm(() => confirmations++);
    const started = performance.now();
    for (let i = 1; i <= 300; i++) {
      putMark(provider.doc, { heatId: `h${i}`, value: 'GH', updatedAt: i });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitForConfirmed(provider);
    const elapsed = performance.now() - started;
    off();

    // Every change is confirmed; one confirmation per commit would have been dozens more.
    const { clientID } = provider.doc;
    expect(trackConfirmations(provider).covers(clientID, Y.getState(provider.doc.store, clientID))).toBe(true);
    expect(confirmations).toBeGreaterThan(0);
    expect(confirmations).toBeLessThanOrEqual(Math.ceil(elapsed / CONFIRM_SPACING_MS) + 1);
    provider.destroy();
  });
});
