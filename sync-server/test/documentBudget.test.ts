import { CloseCode, type DocName, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bigRecord } from './support/hostileUpdates.ts';
import { Prober } from './support/prober.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

const DOCUMENT_BYTES = 256 * 1024;
const EVENT_BYTES = 640 * 1024;
const RECORD = 60 * 1024;

/**
 * Issue 11, found 3: a judge grew an event from 45 KB to 162 MB with 20 valid messages. Each
 * document, and each event, has a budget in bytes; an update that would pass it is refused
 * whole, and what was stored stays within it.
 */
describe('document and event budgets', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer({
      ONDECK_MAX_DOCUMENT_BYTES: String(DOCUMENT_BYTES),
      ONDECK_MAX_EVENT_BYTES: String(EVENT_BYTES),
    });
    event = await createTestEvent(server, 'budget');
  });
  afterAll(() => server.close());

  /** Sends 60 KB records from one device until one is refused; returns how many were taken. */
  const fill = async (room: DocName, token: string, clientID: number) => {
    const prober = new Prober(`${server.syncUrl}/${syncRoomName(event.id, room)}?token=${token}`);
    const doc = new Y.Doc();
    doc.clientID = clientID;
    let taken = 0;
    for (let i = 0; i < 20; i++) {
      const outcome = await prober.send(bigRecord(doc, RECORD, 'marks', `r${i}`));
      if (outcome !== 'taken') {
        prober.close();
        return { taken, refusal: outcome };
      }
      taken++;
    }
    prober.close();
    return { taken, refusal: null };
  };

  const storedBytes = async (doc: DocName) => {
    await server.context.registry.unload(event.id);
    const loaded = await server.context.registry.acquire(event.id);
    const bytes = Y.encodeStateAsUpdate(loaded.room(doc).doc).length;
    server.context.registry.release(loaded);
    return bytes;
  };

  it('refuses a judge’s update that would take its scores past the document budget', async () => {
    const { token } = await event.tokenFor('judge', 'jb');
    const { taken, refusal } = await fill(scoresDocName('jb'), token, 7001);
    expect(refusal).toBe(CloseCode.DOCUMENT_TOO_LARGE);
    expect(taken).toBe(4);
    expect(await storedBytes(scoresDocName('jb'))).toBeLessThanOrEqual(DOCUMENT_BYTES);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="document-budget"\} [1-9]/);
  });

  it('refuses an update that would take the event past its budget, counting documents not loaded', async () => {
    const { token } = await event.tokenFor('judge', 'jd');
    // jb's ~240 KB of scores stay on disk, not loaded: the event's budget counts them too.
    await server.context.registry.unload(event.id);
    const second = await fill(scoresDocName('jd'), token, 7002);
    expect(second).toEqual({ taken: 4, refusal: CloseCode.DOCUMENT_TOO_LARGE });
    const third = await fill(scoresDocName('je'), (await event.tokenFor('judge', 'je')).token, 7003);
    expect(third.refusal).toBe(CloseCode.DOCUMENT_TOO_LARGE);
    expect(third.taken).toBeLessThan(4);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="event-budget"\} [1-9]/);
  });
});
