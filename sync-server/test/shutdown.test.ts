import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from './support/childServer.ts';
import { nextClose, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { createTestEvent } from './support/server.ts';

describe('SIGTERM', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('commits what is pending, closes sockets with "restarting" and exits 0; clients come back by themselves', async () => {
    const server = await startChildServer(dataDir, { ONDECK_PORT: '0' });
    const event = await createTestEvent(server, 'term');
    const room = syncRoomName(event.id, 'program');
    const writer = stockProvider(server.syncUrl, room, event.organizerToken);
    const reader = stockProvider(server.syncUrl, room, (await event.tokenFor('staff')).token);
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);

    const closes = [nextClose(writer), nextClose(reader)];
    writer.doc.transact(() => {
      for (let i = 0; i < 200; i++) putRecord(writer.doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
    });
    server.proc.kill('SIGTERM');
    const codes = await Promise.all(closes);
    expect(codes.map((c) => c.code)).toEqual([CloseCode.SERVER_RESTARTING, CloseCode.SERVER_RESTARTING]);
    expect((await server.exited).code).toBe(0);
    expect(server.output()).toMatch(/"msg":"shutting down"/);
    // Nothing was lost in the stop: a fresh device on the restarted server sees every change.
    const port = new URL(server.url).port;
    const restarted = await startChildServer(dataDir, { ONDECK_PORT: port });
    const fresh = stockProvider(restarted.syncUrl, room, event.organizerToken);
    await waitFor(() => readProgram(fresh.doc).studios.size === 200, 10_000, 'every change after the restart');
    // The clients that were cut off reconnect on their own (jittered backoff) and resync.
    await Promise.all([waitForSynced(writer, 15_000), waitForSynced(reader, 15_000)]);
    expect(readProgram(reader.doc).studios.size).toBe(200);
    for (const p of [writer, reader, fresh]) p.destroy();
    restarted.proc.kill('SIGTERM');
    await restarted.exited;
  });
});
