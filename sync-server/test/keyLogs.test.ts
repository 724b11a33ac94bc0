import { execFile } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { syncRoomName } from '@ondeck/shared';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from './support/childServer.ts';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { api, createTestEvent } from './support/server.ts';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const SECRET = 'an-hs256-secret-that-must-never-be-logged';

/** Every way a private key could show up in text: its PEM body, lines of it, its `d` in base64url and hex. */
function formsOf(pem: string): string[] {
  const body = pem.replace(/-----[A-Z ]+-----|\s/g, '');
  const { d } = createPrivateKey(pem).export({ format: 'jwk' });
  return [body, ...(body.match(/.{16}/g) ?? []), d as string, Buffer.from(d as string, 'base64url').toString('hex')];
}

describe('keys in the logs', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondeck-key-logs-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts at trace, joins, syncs, revokes and tries a bad token; returns all it logged. */
  async function traceRun(dataDir: string, env: Record<string, string>): Promise<string> {
    const server = await startChildServer(dataDir, { ONDECK_LOG_LEVEL: 'trace', ONDECK_SECRET: SECRET, ...env });
    const event = await createTestEvent(server, 'keys');
    const invite = await event.inviteFor('judge', 'j1');
    const joined = await api<{ token: string }>(server, 'POST', '/api/join', { code: invite.code });
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, 'scores/j1'), joined.body.token);
    await waitForSynced(provider);
    provider.destroy();
    await api(server, 'GET', '/api/keys');
    await api(server, 'DELETE', `/api/events/${event.id}/invites/${invite.id}`, undefined, event.organizerToken);
    await api(server, 'GET', `/api/events/${event.id}/invites`, undefined, joined.body.token);
    server.proc.kill('SIGTERM');
    await server.exited;
    const output = server.output();
    expect(output).toMatch(/"msg":"event tokens are signed Ed25519"/);
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain(joined.body.token);
    return output;
  }

  it('never hold the configured signing key, even at trace', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const output = await traceRun(tempDir(), { ONDECK_SIGNING_KEY: pem });
    expect(output).toMatch(/"from":"ONDECK_SIGNING_KEY"/);
    for (const form of formsOf(pem)) expect(output).not.toContain(form);
  });

  it('never hold the key the server generated and keeps, even at trace', async () => {
    const dataDir = tempDir();
    const output = await traceRun(dataDir, {});
    const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'signing_key_pkcs8'").get() as { value: string };
    db.close();
    expect(output).toMatch(/"from":"index database"/);
    for (const form of formsOf(stored.value)) expect(output).not.toContain(form);
  });

  it('refuse a bad ONDECK_SIGNING_KEY at start without repeating it', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const failed = await promisify(execFile)(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, ONDECK_DATA_DIR: tempDir(), ONDECK_LOG_LEVEL: 'trace', ONDECK_SIGNING_KEY: pem },
    }).then(
      () => {
        throw new Error('the server started with an EC key');
      },
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed.code).toBe(78);
    expect(failed.stderr).toMatch(/ONDECK_SIGNING_KEY must be an Ed25519 private key, not ec key/);
    const body = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    for (const line of body.match(/.{16}/g) ?? []) expect(`${failed.stdout}${failed.stderr}`).not.toContain(line);
  });
});
