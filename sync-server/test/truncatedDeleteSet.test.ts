import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, putRecord, type Role, readProgram, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from './support/childServer.ts';
import { closeOf, rawSocket, stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, type TestEvent } from './support/server.ts';

/**
 * Issue 11, found 1: a sync update whose delete set is cut short (`00 02 04 00 01 01 05`:
 * no structs, one client, then nothing) passed `Y.parseUpdateMeta` and threw in the apply,
 * inside the socket's message handler, and the process exited with code 1.
 */
const TRUNCATED_DELETE_SET = Uint8Array.of(0x00, 0x02, 0x04, 0x00, 0x01, 0x01, 0x05);

describe('the 7-byte frame that ended the process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-frame-'));
  let server: ChildServer;
  let target: TestEvent;
  let other: TestEvent;

  beforeAll(async () => {
    server = await startChildServer(dataDir);
    target = await createTestEvent(server, 'target');
    other = await createTestEvent(server, 'other');
  });
  afterAll(async () => {
    server.proc.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each<Role>(['public', 'staff', 'organizer'])('closes only the %s socket that sent it', async (role) => {
    const token = role === 'organizer' ? target.organizerToken : (await target.tokenFor(role)).token;
    const ws = await rawSocket(`${server.syncUrl}/${syncRoomName(target.id, 'program')}?token=${token}`);
    const closed = closeOf(ws);
    ws.send(TRUNCATED_DELETE_SET);
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.MALFORMED_MESSAGE);
    expect(reason).toMatch(/update could not be decoded/);

    // The process is still serving, and another event still saves and confirms changes.
    expect(server.proc.exitCode).toBeNull();
    const writer = stockProvider(server.syncUrl, syncRoomName(other.id, 'program'), other.organizerToken);
    const reader = stockProvider(server.syncUrl, syncRoomName(other.id, 'program'), other.organizerToken);
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);
    putRecord(writer.doc, 'studios', { id: `after-${role}`, name: 'Still Serving' });
    await waitForConfirmed(writer);
    await waitFor(() => readProgram(reader.doc).studios.has(`after-${role}`), 10_000, 'the change to reach the reader');
    writer.destroy();
    reader.destroy();
    expect(server.proc.exitCode).toBeNull();
  });
});
