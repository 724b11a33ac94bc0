import { CloseCode, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nestedChain, replaceEntry } from './support/hostileUpdates.ts';
import { Prober } from './support/prober.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/**
 * Issue 11, found 2: a judge sent a 2,000-deep chain of nested maps (22 KB), then a small
 * update replacing it; Yjs deletes a type's content recursively, and the stack overflowed.
 * The documents nest no types (records are JSON values in root maps), so a few levels are all
 * an update may build.
 */
describe('nested Yjs types', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'nested');
  });
  afterAll(() => server.close());

  const judgeProber = async () => {
    const { token } = await event.tokenFor('judge', 'jn');
    return new Prober(`${server.syncUrl}/${syncRoomName(event.id, scoresDocName('jn'))}?token=${token}`);
  };

  it('refuses a 2,000-deep chain before it is applied, so there is nothing to replace', async () => {
    const prober = await judgeProber();
    const chain = nestedChain(2_000);
    expect(await prober.send(chain.update)).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    // The replacing update refers to the chain the server never took: it waits, harmless.
    expect(await prober.send(replaceEntry(chain.doc))).toBe('taken');
    prober.close();

    const loaded = await server.context.registry.acquire(event.id);
    const marks = loaded.room(scoresDocName('jn')).doc.getMap('marks');
    expect(marks.get('chain')).toBeUndefined();
    server.context.registry.release(loaded);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="types-too-deep"\} [1-9]/);
  });

  it('takes a few levels, and their replacement', async () => {
    const prober = await judgeProber();
    const chain = nestedChain(3, 'marks', 'shallow', 4343);
    expect(await prober.send(chain.update)).toBe('taken');
    expect(await prober.send(replaceEntry(chain.doc, 'marks', 'shallow'))).toBe('taken');
    prober.close();
    const loaded = await server.context.registry.acquire(event.id);
    expect(loaded.room(scoresDocName('jn')).doc.getMap('marks').get('shallow')).toBeNull();
    server.context.registry.release(loaded);
  });

  it('refuses a type nested under one the document does not hold yet', async () => {
    const prober = await judgeProber();
    const chain = nestedChain(2, 'marks', 'orphan', 4444);
    // Only the inner level: its parent (the chain's first struct) is missing, so how deep it
    // would sit cannot be known.
    const inner = Y.diffUpdate(chain.update, Y.encodeStateVector(new Map([[4444, 1]])));
    expect(await prober.send(inner)).toBe(CloseCode.UPDATE_OUT_OF_SHAPE);
    prober.close();
  });
});
