import { putMark, putRecord, readMarks, readProgram, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('an unmodified y-websocket WebsocketProvider', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'stock');
  });
  afterAll(() => server.close());

  it('syncs every document its token allows, both ways', async () => {
    const organizer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(organizer);
    putRecord(organizer.doc, 'studios', { id: 's1', name: 'Arthur Murray Raleigh' });

    const judge = await event.tokenFor('judge', 'j1');
    const judgeProgram = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), judge.token);
    await waitFor(() => readProgram(judgeProgram.doc).studios.has('s1'), 10_000, 'the studio to reach the judge');

    const judgeScores = stockProvider(server.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
    await waitForSynced(judgeScores);
    putMark(judgeScores.doc, { heatId: 'h1', value: 'GH', updatedAt: 1 });

    const organizerScores = stockProvider(
      server.syncUrl,
      syncRoomName(event.id, scoresDocName('j1')),
      event.organizerToken,
    );
    await waitFor(() => readMarks(organizerScores.doc).size === 1, 10_000, 'the mark to reach the organiser');
    expect([...readMarks(organizerScores.doc).values()][0]?.value).toBe('GH');

    const dj = await event.tokenFor('dj');
    const djLive = stockProvider(server.syncUrl, syncRoomName(event.id, 'live'), dj.token);
    await waitForSynced(djLive);
    djLive.doc.getMap('current').set('', { number: 12, startedAt: 1 });
    const staff = await event.tokenFor('staff');
    const staffLive = stockProvider(server.syncUrl, syncRoomName(event.id, 'live'), staff.token);
    await waitFor(
      () => staffLive.doc.getMap('current').get('') !== undefined,
      10_000,
      'the current heat to reach staff',
    );

    for (const p of [organizer, judgeProgram, judgeScores, organizerScores, djLive, staffLive]) p.destroy();
  });

  it('answers a reconnecting client with only what it lacks', async () => {
    const organizer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(organizer);
    organizer.doc.transact(() => {
      for (let i = 0; i < 2000; i++)
        putRecord(organizer.doc, 'people', {
          id: `p${i}`,
          name: `Dancer, Number ${i}`,
          type: 'Student',
          studioId: 's1',
        });
    });

    // A device that synced once, then went away.
    const device = new Y.Doc();
    const first = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken, device);
    await waitFor(() => readProgram(device).people.size === 2000, 10_000, 'the first sync');
    first.destroy();
    putRecord(organizer.doc, 'people', { id: 'late', name: 'Late, Arrival', type: 'Student', studioId: 's1' });

    const received: number[] = [];
    const again = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken, device, {
      connect: false,
    });
    again.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && again.ws)
        again.ws.addEventListener('message', (m: MessageEvent) => received.push((m.data as ArrayBuffer).byteLength));
    });
    again.connect();
    await waitFor(() => readProgram(device).people.has('late'), 10_000, 'the late change');
    const fullSize = Y.encodeStateAsUpdate(organizer.doc).length;
    expect(fullSize).toBeGreaterThan(50_000);
    // Every message of the reconnect is a small fraction of the whole document.
    expect(Math.max(...received)).toBeLessThan(fullSize / 20);
    again.destroy();
    organizer.destroy();
  });
});
