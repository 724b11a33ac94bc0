import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type HealthReport,
  MAIN_FLOOR,
  putRecord,
  readCurrentHeats,
  readProgram,
  startHeat,
  syncRoomName,
} from '@ondeck/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { replayStoredDoc } from '../src/storage/replayStoredDoc.ts';
import { type ChildServer, startChildServer } from './support/childServer.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { trackConfirmations } from './support/confirmations.ts';
import { api, createTestEvent, type TestEvent } from './support/server.ts';

const MOUNT_SIZE = '32m';
/** Kept free while the disk is filled, then freed first: room for part of the backlog only. */
const RESERVE_BYTES = 1024 * 1024;
const BASELINE_DANCERS = 10;
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

/** The committed state of one document, read from the event's SQLite file by another connection. */
function committedDoc(dataDir: string, eventId: string, docName: string): Y.Doc {
  const db = new Database(join(dataDir, 'events', `${eventId}.sqlite`), { readonly: true, fileMustExist: true });
  try {
    const snap = db
      .prepare('SELECT data, upto_seq AS uptoSeq FROM snapshots WHERE doc = ? ORDER BY id DESC LIMIT 1')
      .get(docName) as { data: Buffer; uptoSeq: number } | undefined;
    const updates = db
      .prepare('SELECT data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq')
      .all(docName, snap?.uptoSeq ?? 0) as Array<{ data: Buffer }>;
    const doc = new Y.Doc();
    replayStoredDoc(doc, { snapshot: snap?.data ?? null, updates: updates.map((u) => u.data), lastSeq: 0 });
    return doc;
  } finally {
    db.close();
  }
}

/** Writes `path` until the file system refuses (or `limit` bytes); returns the bytes written. */
function fill(path: string, limit = Number.POSITIVE_INFINITY): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    while (written < limit) {
      try {
        written += writeSync(fd, CHUNK, 0, Math.min(CHUNK.length, limit - written));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/** Whether the server confirmed every change of `provider`'s own client up to `clock`. */
function confirmedUpTo(provider: WebsocketProvider): number {
  const confirmations = trackConfirmations(provider);
  const { clientID } = provider.doc;
  let low = 0;
  let high = Y.getState(provider.doc.store, clientID);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (confirmations.covers(clientID, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function clockOf(doc: Y.Doc, client: number): number {
  return Y.getState(doc.store, client);
}

describe('a full disk', () => {
  const mount = mkdtempSync(join(tmpdir(), 'ondeck-diskfull-'));
  const filler = join(mount, 'filler');
  const reserve = join(mount, 'reserve');
  let mounted = false;
  let server: ChildServer;
  let event: TestEvent;

  beforeAll(async () => {
    if (process.getuid?.() !== 0)
      throw new Error(
        'the disk-full test mounts a small tmpfs, which needs root: run the sync-server tests as root (CI does)',
      );
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${MOUNT_SIZE}`, 'tmpfs', mount]);
    mounted = true;
    // The backlog is written to outgrow the disk, so it may pass the default document budget
    // (8 MiB): that refusal is the limits' business, not this test's.
    server = await startChildServer(mount, {
      ONDECK_MAX_DOCUMENT_BYTES: String(256 * 1024 * 1024),
      ONDECK_MAX_EVENT_BYTES: String(256 * 1024 * 1024),
    });
    event = await createTestEvent(server, 'full');
  });

  afterAll(async () => {
    if (server) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    // Lazily: a process that failed to start may still hold a file there.
    if (mounted) execFileSync('umount', ['--lazy', mount]);
    rmSync(mount, { recursive: true, force: true });
  });

  it('confirms only what it saved, keeps serving and forwarding it, and saves the backlog as space returns', {
    timeout: 180_000,
  }, async () => {
    const live = syncRoomName(event.id, 'live');
    const program = syncRoomName(event.id, 'program');
    const emcee = stockProvider(server.syncUrl, live, (await event.tokenFor('emcee')).token);
    const screen = stockProvider(server.syncUrl, live, (await event.tokenFor('staff')).token);
    const organiser = stockProvider(server.syncUrl, program, event.organizerToken);
    const staffToken = (await event.tokenFor('staff')).token;
    await Promise.all([emcee, screen, organiser].map((p) => waitForSynced(p)));
    const emceeId = emcee.doc.clientID;
    const organiserId = organiser.doc.clientID;

    startHeat(emcee.doc, MAIN_FLOOR, { number: 1, startedAt: Date.now() });
    await waitFor(() => confirmedUpTo(emcee) === clockOf(emcee.doc, emceeId), 10_000, 'heat 1 confirmed');
    await waitFor(() => readCurrentHeats(screen.doc).get(MAIN_FLOOR)?.number === 1, 10_000, 'heat 1 on the screen');
    for (let i = 0; i < BASELINE_DANCERS; i++)
      putRecord(organiser.doc, 'people', { id: `b${i}`, name: `Before, ${i}`, type: 'Student', studioId: 's' });
    const baseline = clockOf(organiser.doc, organiserId);
    await waitFor(() => confirmedUpTo(organiser) === baseline, 10_000, 'the first dancers confirmed');

    // --- fill the disk, leaving nothing but a reserve to free later
    fill(reserve, RESERVE_BYTES);
    fill(filler);
    const walBytes = statSync(join(mount, 'events', 'full.sqlite-wal')).size;
    const up = await api<HealthReport>(server, 'GET', '/up');
    expect(up.status).toBe(200);
    expect(up.body.status).toBe('storage-full');
    expect(up.body.error?.code).toBe('STORAGE_FULL');

    // Creating an invite writes the index database: a clear refusal, not a 500.
    const invite = await api<{ error: { code: string; message: string } }>(
      server,
      'POST',
      `/api/events/${event.id}/invites`,
      { role: 'staff' },
      event.organizerToken,
    );
    expect([507, 503]).toContain(invite.status);
    expect(invite.body.error.code).toBe('STORAGE_FULL');

    // --- write while full: the organiser far more than the WAL's reusable space, the emcee a heat
    // A SQLite WAL that started over reuses its file, so a little may still commit: whatever does
    // is saved and may be confirmed. The backlog is sized so that most of it cannot.
    const backlogBytes = walBytes + 2 * RESERVE_BYTES + 2 * 1024 * 1024;
    let written = 0;
    let n = 0;
    while (written < backlogBytes) {
      organiser.doc.transact(() => {
        for (let i = 0; i < 20; i++, n++) {
          const name = `Dancer ${n}, ${'x'.repeat(400)}`;
          putRecord(organiser.doc, 'people', { id: `p${n}`, name, type: 'Student', studioId: 's' });
          written += name.length;
        }
      });
      await new Promise((r) => setImmediate(r));
    }
    startHeat(emcee.doc, MAIN_FLOOR, { number: 2, startedAt: Date.now() });
    const emceeClock = clockOf(emcee.doc, emceeId);
    const organiserClock = clockOf(organiser.doc, organiserId);
    // Long enough for several retries (50 ms doubling) to fail.
    await new Promise((r) => setTimeout(r, 1_500));

    /**
     * Every confirmation, every forwarded change and every read stays within what is on disk.
     * What the devices hold is taken first: the disk only gains while it is read.
     */
    const checkNothingUnsaved = (what: string, liveReaders: Y.Doc[], programReaders: Y.Doc[] = []) => {
      const confirmed = { emcee: confirmedUpTo(emcee), organiser: confirmedUpTo(organiser) };
      const sent = {
        live: liveReaders.map((doc) => clockOf(doc, emceeId)),
        program: programReaders.map((doc) => clockOf(doc, organiserId)),
      };
      const onDiskLive = committedDoc(mount, event.id, 'live');
      const onDiskProgram = committedDoc(mount, event.id, 'program');
      expect(confirmed.emcee, `${what}: emcee confirmation`).toBeLessThanOrEqual(clockOf(onDiskLive, emceeId));
      expect(confirmed.organiser, `${what}: organiser confirmation`).toBeLessThanOrEqual(
        clockOf(onDiskProgram, organiserId),
      );
      for (const clock of sent.live)
        expect(clock, `${what}: what a screen was sent`).toBeLessThanOrEqual(clockOf(onDiskLive, emceeId));
      for (const clock of sent.program)
        expect(clock, `${what}: what a reader was sent`).toBeLessThanOrEqual(clockOf(onDiskProgram, organiserId));
      return { onDiskLive, onDiskProgram };
    };

    const whileFull = checkNothingUnsaved('while full', [screen.doc]);
    expect(confirmedUpTo(organiser)).toBeLessThan(organiserClock);
    expect(clockOf(whileFull.onDiskProgram, organiserId)).toBeLessThan(organiserClock);

    // A screen that joins now is sent only what is saved, and so is a reader over HTTP.
    const joiner = stockProvider(server.syncUrl, live, staffToken);
    const joinerProgram = stockProvider(server.syncUrl, program, staffToken);
    await Promise.all([waitForSynced(joiner), waitForSynced(joinerProgram)]);
    checkNothingUnsaved('a joiner while full', [joiner.doc], [joinerProgram.doc]);
    expect(clockOf(joinerProgram.doc, organiserId)).toBeGreaterThanOrEqual(baseline);
    expect(readCurrentHeats(joiner.doc).get(MAIN_FLOOR)?.number).toBe(1);
    const rest = await fetch(`${server.url}/api/events/${event.id}/docs/program`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(rest.status).toBe(200);
    const overHttp = new Y.Doc();
    Y.applyUpdate(overHttp, new Uint8Array(await rest.arrayBuffer()));
    checkNothingUnsaved('read over HTTP while full', [], [overHttp]);
    expect(clockOf(overHttp, organiserId)).toBeGreaterThanOrEqual(baseline);

    // --- free a little: part of the backlog goes in, is confirmed and forwarded; the rest waits
    const before = clockOf(committedDoc(mount, event.id, 'program'), organiserId);
    unlinkSync(reserve);
    await waitFor(
      () => clockOf(committedDoc(mount, event.id, 'program'), organiserId) > before,
      20_000,
      'part of the backlog to commit once some space is free',
    );
    await waitFor(() => confirmedUpTo(organiser) > before, 20_000, 'the committed part to be confirmed');
    await waitFor(
      () => clockOf(joinerProgram.doc, organiserId) > before,
      20_000,
      'the committed part to reach a connected reader',
    );
    const partly = checkNothingUnsaved('partly freed', [screen.doc, joiner.doc], [joinerProgram.doc]);
    expect(clockOf(partly.onDiskProgram, organiserId)).toBeLessThan(organiserClock);

    // --- free the rest: everything commits, is confirmed, reaches every screen
    unlinkSync(filler);
    await waitFor(() => confirmedUpTo(organiser) === organiserClock, 30_000, 'the whole backlog confirmed');
    await waitFor(() => confirmedUpTo(emcee) === emceeClock, 30_000, 'heat 2 confirmed');
    for (const reader of [screen, joiner])
      await waitFor(() => readCurrentHeats(reader.doc).get(MAIN_FLOOR)?.number === 2, 30_000, 'heat 2 on every screen');
    await waitFor(
      () => readProgram(joinerProgram.doc).people.size === BASELINE_DANCERS + n,
      30_000,
      'every dancer on the reader',
    );
    checkNothingUnsaved('after freeing', [screen.doc, joiner.doc], [joinerProgram.doc]);
    expect(readProgram(committedDoc(mount, event.id, 'program')).people.size).toBe(BASELINE_DANCERS + n);

    const recovered = await api<HealthReport>(server, 'GET', '/up');
    expect(recovered.body.status).toBe('ok');
    expect(recovered.body.storageFull).toEqual([]);
    const inviteAfter = await api(
      server,
      'POST',
      `/api/events/${event.id}/invites`,
      { role: 'staff' },
      event.organizerToken,
    );
    expect(inviteAfter.status).toBe(201);

    for (const p of [emcee, screen, organiser, joiner, joinerProgram]) p.destroy();
  });
});
