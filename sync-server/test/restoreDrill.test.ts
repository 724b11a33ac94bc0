import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { putMark, putRecord, readMarks, readProgram, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from './support/childServer.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent } from './support/server.ts';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(SERVER, 'dist', 'cli.js');
const ROOT = join(SERVER, '..');
const run = promisify(execFile);

async function stop(server: ChildServer): Promise<void> {
  server.proc.kill('SIGTERM');
  expect(await server.exited).toEqual({ code: 0, signal: null });
}

/**
 * README "Restoring — a lost machine", step by step as written: the same storage settings on a
 * new machine, `npm run ondeck -- restore index` (that very command), then start the server
 * (`dist/main.js`, what `npm start` runs after its build); devices reconnect with the tokens
 * they hold and get everything back.
 */
describe('the lost-machine drill of the README', () => {
  const objects = mkdtempSync(join(tmpdir(), 'ondeck-drill-objects-'));
  const dirs: string[] = [objects];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const storage = { ONDECK_STORAGE: 'dir', ONDECK_STORAGE_DIR: objects };
  const newMachine = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondeck-drill-data-'));
    dirs.push(dir);
    return dir;
  };
  const cli = (dataDir: string, ...args: string[]) =>
    run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ONDECK_DATA_DIR: dataDir, ...storage } });

  it('restores the index on a new machine, and every event comes back with its marks and tokens', {
    timeout: 180_000,
  }, async () => {
    // The old machine: an event with a program and a judge's marks, backed up as it stops.
    const oldMachine = newMachine();
    const first = await startChildServer(oldMachine, storage);
    const event = await createTestEvent(first, 'drill');
    const judge = await event.tokenFor('judge', 'j1');
    const program = stockProvider(first.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    const tablet = stockProvider(first.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
    await Promise.all([waitForSynced(program), waitForSynced(tablet)]);
    program.doc.transact(() => {
      for (let i = 0; i < 25; i++) putRecord(program.doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
    });
    for (let i = 0; i < 10; i++) putMark(tablet.doc, { heatId: `h${i}`, value: 'G', updatedAt: i + 1 });
    await Promise.all([waitForConfirmed(program), waitForConfirmed(tablet)]);
    program.destroy();
    tablet.destroy();
    await stop(first);
    expect((await cli(oldMachine, 'list-backups', 'index')).stdout).toMatch(/^latest\s/m);
    expect((await cli(oldMachine, 'list-backups', 'drill')).stdout).toMatch(/^latest\s/m);

    // The machine is lost. On the new one, an operator looks around first (which used to leave a
    // fresh index behind that the restore then refused as BACKUP_LOCAL_NEWER), then restores.
    rmSync(oldMachine, { recursive: true, force: true });
    const replacement = newMachine();
    expect((await cli(replacement, 'list-events')).stdout).toBe('');
    const restored = await run('npm', ['run', '--silent', 'ondeck', '--', 'restore', 'index'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ONDECK_DATA_DIR: replacement, ...storage },
    });
    expect(restored.stdout).toMatch(/^Restored index from backups\/index\/latest/m);
    expect((await cli(replacement, 'list-events')).stdout).toMatch(/^drill\t/m);
    expect(existsSync(join(replacement, 'events', 'drill.sqlite'))).toBe(false);

    // Start the server: the devices' tokens still work, and the event comes back on first use.
    const second = await startChildServer(replacement, storage);
    try {
      const laptop = stockProvider(second.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
      const judgeTablet = stockProvider(second.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
      await waitFor(() => readProgram(laptop.doc).studios.size === 25, 20_000, 'the restored program');
      await waitFor(() => readMarks(judgeTablet.doc).size === 10, 20_000, 'the restored marks');
      laptop.destroy();
      judgeTablet.destroy();
    } finally {
      await stop(second);
    }
  });

  it('still refuses to replace an index that holds events, unless forced', { timeout: 120_000 }, async () => {
    const machine = newMachine();
    await cli(machine, 'create-event', 'other', '--name', 'Another event');
    const refused = await cli(machine, 'restore', 'index').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/^BACKUP_LOCAL_NEWER: /m);
    expect((await cli(machine, 'list-events')).stdout).toMatch(/^other\t/m);
    const forced = await cli(machine, 'restore', 'index', '--force');
    expect(forced.stdout).toMatch(/The files it replaced were kept as .*index\.sqlite\.replaced-/);
    expect((await cli(machine, 'list-events')).stdout).toMatch(/^drill\t/m);
  });
});
