import { statSync } from 'node:fs';
import { join } from 'node:path';
import { putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

describe('WAL checkpoints off the event loop', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    // 12,000 records of 3 KB: ~36 MB, past the default document and event budgets.
    server = await startServer({
      ONDECK_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024),
      ONDECK_MAX_EVENT_BYTES: String(64 * 1024 * 1024),
    });
    event = await createTestEvent(server, 'busy');
  });
  afterAll(() => server.close());

  // A fixed amount of writing, not a fixed time: on a busy machine fewer commits fit in a
  // second, and the WAL would never grow enough to need restarting. Enough of it that the
  // bound leaves room for the WAL to pass its 16 MiB restart threshold while a checkpoint on
  // a busy worker catches up (34.7 MB seen with the whole suite running at load 20).
  it('keep the WAL bounded under a steady stream of commits, losing nothing', { timeout: 300_000 }, async () => {
    const room = syncRoomName(event.id, 'program');
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitForSynced(writer);
    const wal = join(server.dataDir, 'events', 'busy.sqlite-wal');
    let largest = 0;
    const records = 12_000;
    let n = 0;
    while (n < records) {
      putRecord(writer.doc, 'people', {
        id: `p${n}`,
        name: `${'x'.repeat(3000)}, Dancer ${n}`,
        type: 'Student',
        studioId: 's',
      });
      n++;
      if (n % 20 === 0) {
        await waitForConfirmed(writer);
        largest = Math.max(largest, statSync(wal).size);
      }
    }
    await waitForConfirmed(writer);
    // Without restarts the WAL would hold every commit's pages (three or more each); it must
    // have started over many times instead.
    const withoutRestarts = n * 3 * 4096;
    expect(withoutRestarts).toBeGreaterThan(40 * 1024 * 1024);
    expect(largest).toBeLessThan(withoutRestarts / 3);
    writer.destroy();
    await server.context.registry.unload(event.id);
    const reader = stockProvider(server.syncUrl, room, event.organizerToken);
    await waitFor(() => readProgram(reader.doc).people.size === n, 20_000, 'every record after reload');
    reader.destroy();
  });
});
