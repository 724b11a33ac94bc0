import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BackupError,
  BackupScheduler,
  backupDatabase,
  dailyKey,
  latestKey,
  listBackups,
  pruneDailyBackups,
  restoreBackup,
  restoreIfMissing,
} from '../src/backup/index.ts';
import { createObjectStore, DirectoryStore, type ObjectStore, S3Store } from '../src/objectStore/index.ts';
import { EventDatabase } from '../src/storage/eventDatabase.ts';
import { type TestCeph, useCeph } from './support/sharedCeph.ts';

const DAY_1 = new Date('2026-11-20T21:30:00Z');
const DAY_2 = new Date('2026-11-21T09:15:00Z');

/** A real event database with `count` updates of the program document, numbered from `from`. */
function appendUpdates(db: EventDatabase, from: number, count: number): void {
  db.append(
    Array.from({ length: count }, (_, i) => ({ doc: 'program', data: new TextEncoder().encode(`change ${from + i}`) })),
  );
}

/** The program document's updates in a database file, as text; the file is closed again. */
function readUpdates(path: string): string[] {
  const db = new EventDatabase(path);
  try {
    return db.loadDoc('program').updates.map((u) => new TextDecoder().decode(u));
  } finally {
    db.close();
  }
}

const changes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `change ${from + i}`);

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
}

async function rejection(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

/** Flips a few bytes in the middle of a stored object, keeping its manifest, as bit rot would. */
async function corrupt(store: ObjectStore, key: string): Promise<void> {
  const head = await store.head(key);
  if (!head) throw new Error(`no ${key} to corrupt`);
  if (store instanceof DirectoryStore) {
    const path = join(store.root, ...key.split('/'));
    await writeFile(path, flipMiddle(await readFile(path)));
    return;
  }
  await store.put(key, flipMiddle(await store.get(key)), { contentType: head.contentType, metadata: head.metadata });
}

function flipMiddle(bytes: Uint8Array): Uint8Array {
  const middle = bytes.length >> 1;
  for (let i = middle; i < middle + 4; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
  return bytes;
}

function backupAndRestore(storeName: string, open: () => Promise<ObjectStore>) {
  describe(`backups on ${storeName}`, () => {
    let store: ObjectStore;
    let work: string;
    beforeAll(async () => {
      store = await open();
      work = await mkdtemp(join(tmpdir(), 'ondeck-backup-test-'));
    });
    afterAll(async () => {
      await rm(work, { recursive: true, force: true });
    });

    it('backs up, loses the local file, and restores the latest copy and a given day', async () => {
      const path = join(work, 'spring-show.sqlite');
      const db = new EventDatabase(path);
      appendUpdates(db, 1, 3);
      const first = await backupDatabase(db.handle, store, { name: 'spring-show', now: DAY_1 });
      expect(first.keys).toEqual(['backups/spring-show/latest', 'backups/spring-show/daily/2026-11-20']);
      appendUpdates(db, 4, 2);
      const second = await backupDatabase(db.handle, store, { name: 'spring-show', now: DAY_2 });
      expect(second.manifest).toMatchObject({
        format: 'ondeck-sqlite-backup/1',
        name: 'spring-show',
        createdAt: DAY_2.toISOString(),
        compression: 'gzip',
        schemaVersion: 1,
      });
      expect(second.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(second.manifest.rawSize).toBeGreaterThan(second.manifest.size);
      db.close();

      await removeDatabase(path);
      expect(await restoreIfMissing(store, 'spring-show', path)).toMatchObject({ key: 'backups/spring-show/latest' });
      expect(readUpdates(path)).toEqual(changes(1, 5));
      expect(await restoreIfMissing(store, 'spring-show', path), 'a present file is left alone').toBeNull();

      const dayPath = join(work, 'day-one.sqlite');
      const restored = await restoreBackup(store, 'spring-show', { day: '2026-11-20', targetPath: dayPath });
      expect(restored.manifest.createdAt).toBe(DAY_1.toISOString());
      expect(readUpdates(dayPath)).toEqual(changes(1, 3));

      const listed = await listBackups(store, 'spring-show');
      expect(listed.map((b) => [b.day, b.manifest?.createdAt])).toEqual([
        ['latest', DAY_2.toISOString()],
        ['2026-11-21', DAY_2.toISOString()],
        ['2026-11-20', DAY_1.toISOString()],
      ]);
      expect(listed[0]?.size).toBe(second.manifest.size);
    });

    it('says clearly when there is no backup, and a new event restores nothing', async () => {
      const path = join(work, 'brand-new.sqlite');
      expect(await restoreIfMissing(store, 'brand-new', path)).toBeNull();
      expect(existsSync(path)).toBe(false);
      const error = await rejection(restoreBackup(store, 'brand-new', { day: '2026-11-20', targetPath: path }));
      expect(error.code).toBe('BACKUP_NOT_FOUND');
      expect(error.message).toContain('backups/brand-new/daily/2026-11-20');
      expect((await rejection(restoreBackup(store, 'x', { day: '2026-13-01', targetPath: path }))).code).toBe(
        'BACKUP_INVALID_DAY',
      );
      expect((await rejection(restoreBackup(store, '../x', { targetPath: path }))).code).toBe('BACKUP_INVALID_NAME');
    });

    it('refuses a corrupted backup by name, writes nothing, and restores the previous day instead', async () => {
      const path = join(work, 'corrupt.sqlite');
      const db = new EventDatabase(path);
      appendUpdates(db, 1, 20);
      await backupDatabase(db.handle, store, { name: 'corrupt', now: DAY_1 });
      appendUpdates(db, 21, 20);
      await backupDatabase(db.handle, store, { name: 'corrupt', now: DAY_2 });
      db.close();
      await removeDatabase(path);

      await corrupt(store, latestKey('corrupt'));
      await corrupt(store, dailyKey('corrupt', '2026-11-21'));
      for (const day of ['latest', '2026-11-21']) {
        const error = await rejection(restoreBackup(store, 'corrupt', { day, targetPath: path }));
        expect(error.code).toBe('BACKUP_CORRUPTED');
        expect(error.message).toContain(
          day === 'latest' ? 'backups/corrupt/latest' : 'backups/corrupt/daily/2026-11-21',
        );
        expect(error.message).toContain('is corrupted: the SHA-256 of the stored bytes does not match its manifest');
        expect(existsSync(path), 'nothing written').toBe(false);
      }
      expect((await rejection(restoreIfMissing(store, 'corrupt', path))).code).toBe('BACKUP_CORRUPTED');

      await restoreBackup(store, 'corrupt', { day: '2026-11-20', targetPath: path });
      expect(readUpdates(path)).toEqual(changes(1, 20));
    });

    it('refuses to replace a local file changed after the backup unless forced, and keeps it aside', async () => {
      const path = join(work, 'newer.sqlite');
      const db = new EventDatabase(path);
      appendUpdates(db, 1, 2);
      await backupDatabase(db.handle, store, { name: 'newer', now: new Date(Date.now() - 60_000) });
      appendUpdates(db, 3, 1);
      db.close();

      const error = await rejection(restoreBackup(store, 'newer', { targetPath: path }));
      expect(error.code).toBe('BACKUP_LOCAL_NEWER');
      expect(error.message).toContain(path);
      expect(readUpdates(path)).toEqual(changes(1, 3));

      const forced = await restoreBackup(store, 'newer', { targetPath: path, force: true });
      expect(readUpdates(path)).toEqual(changes(1, 2));
      const keptAside = forced.setAside.find((p) => !p.endsWith('-wal') && !p.endsWith('-shm'));
      expect(keptAside).toMatch(/newer\.sqlite\.replaced-/);
      expect(readUpdates(keptAside as string)).toEqual(changes(1, 3));

      // An older local file may be replaced without force (it is still kept aside).
      const old = new Date(Date.now() - 3_600_000);
      await utimes(path, old, old);
      const replaced = await restoreBackup(store, 'newer', { targetPath: path });
      expect(replaced.setAside.length).toBeGreaterThan(0);
    });

    it('prunes only the daily copies beyond the retention setting', async () => {
      const path = join(work, 'retained.sqlite');
      const db = new EventDatabase(path);
      appendUpdates(db, 1, 1);
      const today = new Date('2026-11-22T12:00:00Z');
      for (let back = 9; back >= 0; back--)
        await backupDatabase(db.handle, store, {
          name: 'retained',
          now: new Date(today.getTime() - back * 86_400_000),
        });
      db.close();

      expect(await pruneDailyBackups(store, 'retained', null, today), 'keep all by default').toEqual([]);
      const deleted = await pruneDailyBackups(store, 'retained', 7, today);
      expect(deleted).toEqual([
        'backups/retained/daily/2026-11-13',
        'backups/retained/daily/2026-11-14',
        'backups/retained/daily/2026-11-15',
      ]);
      const left = (await listBackups(store, 'retained')).map((b) => b.day);
      expect(left).toEqual([
        'latest',
        '2026-11-22',
        '2026-11-21',
        '2026-11-20',
        '2026-11-19',
        '2026-11-18',
        '2026-11-17',
        '2026-11-16',
      ]);
      expect((await listBackups(store, 'spring-show')).length, 'other events untouched').toBe(3);
      expect(existsSync(path), 'nothing local deleted').toBe(true);
    });

    it('schedules a backup after a change, and reports its status', async () => {
      const path = join(work, 'scheduled.sqlite');
      const db = new EventDatabase(path);
      appendUpdates(db, 1, 2);
      const scheduler = new BackupScheduler({
        store,
        open: () => ({ db: db.handle, release: () => {} }),
        intervalMs: 100,
        retentionDays: null,
      });
      await scheduler.track('scheduled');
      expect(scheduler.status('scheduled')).toMatchObject({ lastGoodBackupAt: null, pendingSince: null });
      scheduler.markChanged('scheduled');
      expect(scheduler.status('scheduled')?.pendingSince).toBeInstanceOf(Date);
      expect(scheduler.status('scheduled')?.nextAttemptAt).toBeInstanceOf(Date);
      await waitUntil(() => scheduler.status('scheduled')?.pendingSince === null);
      const status = scheduler.status('scheduled');
      expect(status).toMatchObject({ lastError: null, consecutiveFailures: 0, running: false, nextAttemptAt: null });
      expect(status?.lastGoodBackupAt).toBeInstanceOf(Date);
      expect(scheduler.forget('scheduled')).toBe(true);
      await scheduler.track('scheduled');
      expect(scheduler.status('scheduled')?.lastGoodBackupAt, 'learnt back from storage').toEqual(
        status?.lastGoodBackupAt,
      );

      appendUpdates(db, 3, 1);
      scheduler.markChanged('scheduled');
      const [outcome] = await scheduler.flush();
      expect(outcome?.ok).toBe(true);
      scheduler.close();
      db.close();
      const restoredPath = join(work, 'scheduled-restored.sqlite');
      await restoreBackup(store, 'scheduled', { targetPath: restoredPath });
      expect(readUpdates(restoredPath)).toEqual(changes(1, 3));
    });
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('directory store', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ondeck-backup-objects-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  backupAndRestore('a directory', async () => createObjectStore({ kind: 'dir', dir: root }));
});

describe('S3 on Ceph', () => {
  let ceph: TestCeph;
  beforeAll(async () => {
    ceph = await useCeph();
  });
  afterAll(async () => {
    await ceph?.release();
  });
  backupAndRestore('S3 (Ceph)', async () => createObjectStore(await ceph.newBucket()));

  it('keeps serving while the gateway is down, retries with backoff, and catches up when it returns', async () => {
    const gateway = await ceph.addGateway();
    const store = new S3Store({
      ...(await ceph.newBucket({ endpoint: gateway.endpoint })),
      maxAttempts: 1,
      connectionTimeoutMs: 1_000,
    });
    const work = await mkdtemp(join(tmpdir(), 'ondeck-outage-'));
    const path = join(work, 'outage.sqlite');
    const db = new EventDatabase(path);
    const scheduler = new BackupScheduler({
      store,
      open: () => ({ db: db.handle, release: () => {} }),
      intervalMs: 100,
      retentionDays: 7,
      retry: { baseDelayMs: 100, maxDelayMs: 400 },
    });
    const status = () => scheduler.status('outage');
    try {
      appendUpdates(db, 1, 5);
      scheduler.markChanged('outage');
      await waitUntil(() => status()?.pendingSince === null);
      const firstGood = status()?.lastGoodBackupAt as Date;
      expect(firstGood).toBeInstanceOf(Date);

      await gateway.stop();
      appendUpdates(db, 6, 5);
      scheduler.markChanged('outage');
      await waitUntil(() => (status()?.consecutiveFailures ?? 0) >= 3);
      // The server keeps committing while storage is away.
      appendUpdates(db, 11, 5);
      scheduler.markChanged('outage');
      const during = status();
      expect(during?.lastError?.code).toBe('STORAGE_UNREACHABLE');
      expect(during?.lastError?.message).toContain('ONDECK_S3_ENDPOINT');
      expect(during?.pendingSince).toBeInstanceOf(Date);
      expect(during?.nextAttemptAt).toBeInstanceOf(Date);
      expect(during?.lastGoodBackupAt).toEqual(firstGood);
      const failed = await scheduler.backupNow('outage');
      expect(failed.ok).toBe(false);
      expect(existsSync(path), 'nothing local is deleted').toBe(true);
      expect(db.loadDoc('program').updates.length).toBe(15);

      await gateway.start();
      await waitUntil(() => status()?.pendingSince === null);
      const after = status();
      expect(after?.lastError).toBeNull();
      expect(after?.consecutiveFailures).toBe(0);
      expect(after?.lastGoodBackupAt?.getTime()).toBeGreaterThan(firstGood.getTime());

      const restoredPath = join(work, 'restored.sqlite');
      await restoreBackup(store, 'outage', { targetPath: restoredPath });
      expect(readUpdates(restoredPath)).toEqual(changes(1, 15));
    } finally {
      scheduler.close();
      db.close();
      store.destroy();
      await rm(work, { recursive: true, force: true });
    }
  });
});
