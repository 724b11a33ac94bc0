import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { putMark, putRecord, readMarks, readProgram, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageSettings } from '../src/objectStore/index.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { api, createTestEvent, startServer, storageEnv } from './support/server.ts';
import { type TestCeph, useCeph } from './support/sharedCeph.ts';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const run = promisify(execFile);

interface UpBody {
  backups: Array<{
    name: string;
    lastGoodBackupAt: string | null;
    pendingSeconds: number | null;
    consecutiveFailures: number;
    lastError?: { message: string };
  }>;
}

function lifecycleSuite(name: string, storage: () => Promise<StorageSettings>) {
  describe(`an event's data outlives its machine (${name})`, () => {
    let settings: StorageSettings;
    beforeAll(async () => {
      settings = await storage();
    });

    it('backs up on unload; a lost event file is restored on the next connection with every change', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-lifecycle-'));
      const env = { ...storageEnv(settings), ONDECK_IDLE_TIMEOUT_MS: '200' };
      const server = await startServer(env, { dataDir });
      const event = await createTestEvent(server, 'lost-file');
      const writer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
      await waitForSynced(writer);
      writer.doc.transact(() => {
        for (let i = 0; i < 40; i++) putRecord(writer.doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
      });
      const judge = await event.tokenFor('judge', 'j1');
      const scores = stockProvider(server.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
      await waitForSynced(scores);
      putMark(scores.doc, { heatId: 'h1', value: 'GH', updatedAt: 1 });
      await Promise.all([waitForConfirmed(writer), waitForConfirmed(scores)]);
      writer.destroy();
      scores.destroy();
      // Idle → unload → backup before the file closes.
      await waitFor(() => server.context.registry.get(event.id) === undefined, 10_000, 'the unload');
      await server.close();

      // The machine's event file is gone (and the index survives): first access restores it.
      rmSync(join(dataDir, 'events', 'lost-file.sqlite'));
      const again = await startServer(env, { dataDir });
      const reader = stockProvider(again.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
      await waitFor(() => readProgram(reader.doc).studios.size === 40, 20_000, 'the restored program');
      const judgeReader = stockProvider(again.syncUrl, syncRoomName(event.id, scoresDocName('j1')), judge.token);
      await waitFor(() => readMarks(judgeReader.doc).get('h/h1/0')?.value === 'GH', 20_000, 'the restored mark');
      reader.destroy();
      judgeReader.destroy();

      // The CLI lists the copies and restores the day's copy on request.
      const cliEnv = { PATH: process.env.PATH, ONDECK_DATA_DIR: dataDir, ...storageEnv(settings) };
      await waitFor(() => again.context.registry.get(event.id) === undefined, 10_000, 'the second unload');
      await again.close();
      const listed = await run(process.execPath, [CLI, 'list-backups', event.id], { env: cliEnv });
      const today = new Date().toISOString().slice(0, 10);
      expect(listed.stdout).toMatch(/^latest\s/m);
      expect(listed.stdout).toContain(today);
      rmSync(join(dataDir, 'events', 'lost-file.sqlite'));
      const restored = await run(process.execPath, [CLI, 'restore', event.id, '--day', today], { env: cliEnv });
      expect(restored.stdout).toMatch(new RegExp(`Restored lost-file from backups/lost-file/daily/${today}`));
      const third = await startServer(env, { dataDir });
      const check = stockProvider(third.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
      await waitFor(() => readProgram(check.doc).studios.size === 40, 20_000, 'the day restored by the CLI');
      check.destroy();
      await third.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  });
}

lifecycleSuite('directory store', async () => ({
  kind: 'dir',
  dir: mkdtempSync(join(tmpdir(), 'ondeck-objects-')),
}));

describe('S3 on a real Ceph gateway', () => {
  let ceph: TestCeph;
  beforeAll(async () => {
    ceph = await useCeph();
  });
  afterAll(() => ceph.release());

  lifecycleSuite('S3', () => ceph.newBucket());

  it('names the setting when the secret is wrong, and keeps serving', async () => {
    const settings = await ceph.newBucket();
    const env = {
      ...storageEnv({ ...settings, secretAccessKey: 'not-the-secret-at-all' }),
      ONDECK_IDLE_TIMEOUT_MS: '200',
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-secret-'));
    const server = await startServer(env, { dataDir });
    const event = await createTestEvent(server, 'wrong-secret');
    const writer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(writer);
    putRecord(writer.doc, 'studios', { id: 'kept', name: 'Kept Locally' });
    await waitForConfirmed(writer);
    writer.destroy();
    await waitFor(() => server.context.registry.get(event.id) === undefined, 10_000, 'the unload');
    const up = await api<UpBody>(server, 'GET', '/up');
    expect(up.status).toBe(200);
    const status = up.body.backups.find((b) => b.name === event.id);
    expect(status?.lastError?.message).toBe(
      'ONDECK_S3_SECRET_ACCESS_KEY is not accepted by the storage service (SignatureDoesNotMatch)',
    );
    expect(status?.pendingSeconds).not.toBeNull();
    await server.close();

    const cli = await run(process.execPath, [CLI, 'backup', event.id], {
      env: { PATH: process.env.PATH, ONDECK_DATA_DIR: dataDir, ...env },
    }).catch((error: { stderr: string; code: number }) => error);
    expect('code' in cli && cli.code).toBe(1);
    expect((cli as { stderr: string }).stderr).toMatch(/ONDECK_S3_SECRET_ACCESS_KEY is not accepted/);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing while the gateway is down mid-run, and backups catch up when it returns', async () => {
    const gateway = await ceph.addGateway();
    const settings = await ceph.newBucket({ endpoint: gateway.endpoint });
    const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-outage-'));
    const env = { ...storageEnv(settings), ONDECK_BACKUP_INTERVAL_MS: '1000' };
    const server = await startServer(env, { dataDir });
    const event = await createTestEvent(server, 'outage');
    const writer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(writer);
    putRecord(writer.doc, 'studios', { id: 'before', name: 'Before the outage' });
    await waitForConfirmed(writer);
    const backedUp = () => server.context.backups.scheduler.status(event.id);
    await waitFor(
      () => backedUp()?.lastGoodBackupAt != null && backedUp()?.pendingSince == null,
      20_000,
      'a first backup',
    );

    await gateway.stop();
    for (let i = 0; i < 20; i++) putRecord(writer.doc, 'studios', { id: `during${i}`, name: `During ${i}` });
    // Saving goes on: the server confirms from its own disk.
    await waitForConfirmed(writer);
    await waitFor(() => (backedUp()?.consecutiveFailures ?? 0) > 0, 20_000, 'a failed backup attempt');
    const during = await api<UpBody>(server, 'GET', '/up');
    expect(during.body.backups.find((b) => b.name === event.id)?.pendingSeconds).not.toBeNull();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`ondeck_backup_consecutive_failures\\{name="${event.id}"\\} [1-9]`));

    await gateway.start();
    await waitFor(
      () => backedUp()?.pendingSince == null && backedUp()?.consecutiveFailures === 0,
      60_000,
      'the catch-up',
    );
    writer.destroy();
    await server.close();

    // What storage holds now is complete: lose the file and come back from the backup.
    rmSync(join(dataDir, 'events', 'outage.sqlite'));
    const again = await startServer(env, { dataDir });
    const reader = stockProvider(again.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitFor(() => readProgram(reader.doc).studios.size === 21, 20_000, 'every change from the backup');
    reader.destroy();
    await again.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
