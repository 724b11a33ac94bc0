import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncRoomName } from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from './support/childServer.ts';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { ADMIN_TOKEN, api, createTestEvent } from './support/server.ts';

describe('the server’s logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-logs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are JSON lines that never contain a token, an invite code or a secret', async () => {
    const secret = 'a-signing-secret-that-must-never-be-logged';
    const server = await startChildServer(dataDir, { ONDECK_SECRET: secret, ONDECK_LOG_LEVEL: 'debug' });
    const event = await createTestEvent(server, 'quiet');
    const invite = await event.inviteFor('judge', 'j1');
    const joined = await api<{ token: string }>(server, 'POST', '/api/join', { code: invite.code });
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, 'scores/j1'), joined.body.token);
    await waitForSynced(provider);
    provider.destroy();
    await api(server, 'GET', `/api/events/${event.id}/invites`, undefined, 'not-a-real-token');
    server.proc.kill('SIGTERM');
    await server.exited;

    const output = server.output();
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    for (const secretValue of [ADMIN_TOKEN, secret, event.organizerToken, joined.body.token, invite.code]) {
      expect(output).not.toContain(secretValue);
    }
  });
});
