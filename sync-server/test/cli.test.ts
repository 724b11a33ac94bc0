import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { putMark, readMarks, scoresDocName, syncRoomName } from '@ondeck/shared';
import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { startServer } from './support/server.ts';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const run = promisify(execFile);

describe('the operator CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH, ONDECK_DATA_DIR: dataDir, ONDECK_PUBLIC_URL: 'https://floor.example.com' };
  const cli = (...args: string[]) => run(process.execPath, [CLI, ...args], { env });
  const failing = async (args: string[], extraEnv: Record<string, string> = {}) => {
    try {
      await run(process.execPath, [CLI, ...args], { env: { ...env, ...extraEnv } });
    } catch (error) {
      return error as { code: number; stderr: string };
    }
    throw new Error(`${args.join(' ')} succeeded`);
  };

  it('creates an event, makes invites whose tokens work, lists and compacts', async () => {
    const created = await cli('create-event', 'autumn-ball', '--name', 'Autumn Ball', '--template', 'demo');
    expect(created.stdout).toMatch(/Created event autumn-ball \(Autumn Ball\)/);
    expect(created.stdout).toMatch(/Organiser invite: https:\/\/floor\.example\.com\/join\/[\w-]+/);

    const invite = await cli('invite', 'autumn-ball', '--role', 'judge', '--person', 'j1', '--label', 'Judge One');
    expect(invite.stdout).toMatch(/Invite link: https:\/\/floor\.example\.com\/join\/[\w-]+/);
    const token = /Token: (\S+)/.exec(invite.stdout)?.[1] as string;

    const listed = await cli('list-events');
    expect(listed.stdout).toMatch(/^autumn-ball\tAutumn Ball\t/m);

    // The token the CLI printed syncs the judge's own document on a server over the same data.
    const server = await startServer({}, { dataDir });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'Ed25519', typ: 'JWT', kid: server.context.tokens.kid });
    const provider = stockProvider(server.syncUrl, syncRoomName('autumn-ball', scoresDocName('j1')), token);
    await waitForSynced(provider);
    for (let i = 0; i < 30; i++) putMark(provider.doc, { heatId: `h${i}`, value: 'G', updatedAt: i });
    await waitForConfirmed(provider);
    provider.destroy();
    await server.close();

    const compacted = await cli('compact', 'autumn-ball');
    expect(compacted.stdout).toMatch(/Compacted \d+ document\(s\) of autumn-ball/);
    const again = await startServer({}, { dataDir });
    const reader = stockProvider(again.syncUrl, syncRoomName('autumn-ball', scoresDocName('j1')), token);
    await waitFor(() => readMarks(reader.doc).size === 30, 10_000, 'the marks after compaction');
    reader.destroy();
    await again.close();
  });

  it('explains what is wrong with a command', async () => {
    expect((await failing(['fly'])).stderr).toMatch(/unknown command "fly"/);
    expect((await failing(['invite', 'autumn-ball', '--role', 'king'])).stderr).toMatch(/--role must be a role/);
    expect((await failing(['invite', 'autumn-ball', '--role', 'judge'])).stderr).toMatch(/needs --person/);
    expect((await failing(['create-event', '../etc', '--name', 'x'])).stderr).toMatch(/event ids are/);
    const config = await failing(['list-events'], { ONDECK_PORT: 'x' });
    expect(config.code).toBe(78);
    expect(config.stderr).toMatch(/ONDECK_PORT must be a whole number/);
  });
});
