import { statSync } from 'node:fs';
import { join } from 'node:path';
import { putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_BATCH_BYTES } from '../src/loadedEvents/groupCommit.ts';
import { WAL_HARD_LIMIT_BYTES } from '../src/storage/walPolicy.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/**
 * The most a WAL file may hold between compactions: its hard limit plus one commit's pages. A
 * commit carries at most MAX_BATCH_BYTES of changes; each change is a row plus its index entry
 * and the tree pages above them: twice its bytes and a megabyte of pages bound it.
 */
const WAL_BOUND = WAL_HARD_LIMIT_BYTES + 2 * MAX_BATCH_BYTES + 1024 * 1024;
const NAME_PADDING = 'x'.repeat(3000);

function walSize(server: TestServer, eventId: string): number {
  try {
    return statSync(join(server.dataDir, 'events', `${eventId}.sqlite-wal`)).size;
  } catch {
    return 0;
  }
}

describe('the WAL of an event', () => {
  let server: TestServer;

  beforeAll(async () => {
    // Tens of megabytes of 3 KB records: past the default document and event budgets.
    server = await startServer({
      ONDECK_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024),
      ONDECK_MAX_EVENT_BYTES: String(64 * 1024 * 1024),
    });
  });
  afterAll(() => server.close());

  // A fixed amount of writing, not a fixed time: on a busy machine fewer commits fit in a
  // second. Enough that the WAL would reach ~150 MB without restarts.
  it('stays within its bound under a steady stream of commits, losing nothing', { timeout: 300_000 }, async () => {
    const event: TestEvent = await createTestEvent(server, 'busy');
    const room = syncRoomName(event.id, 'program');
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitForSynced(writer);
    let largest = 0;
    const records = 12_000;
    let n = 0;
    while (n < records) {
      putRecord(writer.doc, 'people', {
        id: `p${n}`,
        name: `${NAME_PADDING}, Dancer ${n}`,
        type: 'Student',
        studioId: 's',
      });
      n++;
      if (n % 20 === 0) {
        await waitForConfirmed(writer, 60_000);
        largest = Math.max(largest, walSize(server, event.id));
      }
    }
    await waitForConfirmed(writer, 60_000);
    // Compaction writes the document's snapshot in one transaction: the bound allows the
    // largest, the whole document at the end.
    const bound = WAL_BOUND + Y.encodeStateAsUpdate(writer.doc).byteLength;
    // Without restarts the WAL would hold every commit's pages (three or more each).
    expect(n * 3 * 4096).toBeGreaterThan(2 * bound);
    expect(largest).toBeLessThanOrEqual(bound);
    writer.destroy();
    await server.context.registry.unload(event.id);
    const reader = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitFor(() => readProgram(reader.doc).people.size === n, 60_000, 'every record after reload');
    reader.destroy();
  });

  // The hard bound holds whatever the checkpoints manage: here none can get past a reader that
  // keeps the WAL's first frames, so the WAL cannot start over and commits wait, unconfirmed.
  // The changes are made on the server, as an import makes them, so that no rate limit paces them.
  it('holds its bound when no checkpoint can finish: commits wait until one can', { timeout: 600_000 }, async () => {
    const event: TestEvent = await createTestEvent(server, 'pinned');
    const room = syncRoomName(event.id, 'program');
    const device = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitForSynced(device);
    const loaded = server.context.registry.get(event.id);
    if (!loaded) throw new Error('event not loaded');
    const doc = loaded.room('program').doc;
    putRecord(doc, 'people', { id: 'first', name: 'First, Dancer', type: 'Student', studioId: 's' });
    await waitFor(() => !loaded.hasPending, 10_000, 'the first change committed');

    const pin = new Database(join(server.dataDir, 'events', 'pinned.sqlite'), { readonly: true });
    pin.exec('BEGIN');
    pin.prepare('SELECT count(*) FROM updates').get();
    let largest = 0;
    const sample = (): number => {
      largest = Math.max(largest, walSize(server, event.id));
      return largest;
    };
    try {
      // Well past the bound in changes, 50 records to a change.
      let n = 0;
      while (n * NAME_PADDING.length < 1.3 * WAL_BOUND) {
        doc.transact(() => {
          for (let i = 0; i < 50; i++, n++)
            putRecord(doc, 'people', {
              id: `q${n}`,
              name: `${NAME_PADDING}, Dancer ${n}`,
              type: 'Student',
              studioId: 's',
            });
        });
        await new Promise((r) => setImmediate(r));
        sample();
      }
      await waitFor(() => sample() > WAL_HARD_LIMIT_BYTES, 120_000, 'the WAL to reach its hard limit');
      // Stopped there: it does not grow further, and what did not fit waits.
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 50));
        sample();
      }
      expect(largest).toBeLessThanOrEqual(WAL_BOUND);
      expect(loaded.pendingCount).toBeGreaterThan(0);

      pin.exec('COMMIT');
      await waitFor(
        () => {
          sample();
          return !loaded.hasPending;
        },
        120_000,
        'every change committed',
      );
      expect(largest).toBeLessThanOrEqual(WAL_BOUND);
      device.destroy();
      await server.context.registry.unload(event.id);
      const reader = stockProvider(server.syncUrl, room, event.organizerToken);
      // A 36 MB document: under two CPU hogs its reload took over a minute.
      await waitFor(() => readProgram(reader.doc).people.size === n + 1, 240_000, 'every record after reload');
      reader.destroy();
    } finally {
      pin.close();
    }
  });
});
