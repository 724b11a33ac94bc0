import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProgramData, writeProgram } from '@ondeck/shared';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createEvent } from '../src/events/createEvent.ts';
import { ZIP_BENCH_EVENT, type ZipBenchReady, type ZipBenchRequest } from './zipIpc.ts';

// The server under test for bench/zip.ts: a child process with --expose-gc, the directory store,
// and an event whose program lists one song per heat (the hashes come from the parent).
const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-zip-bench-'));
const config = loadConfig(
  {
    ONDECK_DATA_DIR: dataDir,
    ONDECK_PORT: '0',
    ONDECK_HOST: '127.0.0.1',
    ONDECK_LOG_LEVEL: 'silent',
    ONDECK_CLIENT_DIR: 'none',
    ONDECK_ADMIN_TOKEN: 'bench-admin-token-0123456789',
  },
  { defaultClientDir: null },
);
const { app, context } = await buildApp(config);
createEvent(dataDir, context.catalog, { id: ZIP_BENCH_EVENT, name: 'ZIP bench', template: 'empty' });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();

const DANCES = ['Waltz', 'Tango', 'Fox Trot', 'Quickstep', 'Rumba', 'Cha Cha', 'Samba', 'Swing', 'Bolero', 'Mambo'];

/** One heat per song: each dance has as many heats as songs, so the rotation plays every song once. */
function program(hashes: string[]): ProgramData {
  const danceId = (i: number) => `d${(i % DANCES.length) + 1}`;
  return {
    settings: { name: 'ZIP bench' },
    dances: DANCES.map((name, i) => ({ id: `d${i + 1}`, name, order: i + 1 })),
    studios: [{ id: 's1', name: 'Bench Studio' }],
    levels: [{ id: 'l1', name: 'Newcomer', order: 1 }],
    people: [
      { id: 'p1', name: 'Pro, Paula', type: 'Professional', studioId: 's1', back: 101 },
      { id: 'p2', name: 'Student, Sam', type: 'Student', studioId: 's1', levelId: 'l1' },
    ],
    entries: [{ id: 'e1', leadId: 'p2', followId: 'p1', levelId: 'l1' }],
    heats: hashes.map((_, i) => ({
      id: `h${i + 1}`,
      number: i + 1,
      category: 'Open',
      danceId: danceId(i),
      entryId: 'e1',
    })),
    songs: hashes.map((songFile, i) => ({
      id: `sg${i + 1}`,
      danceId: danceId(i),
      title: `Bench song ${i + 1}`,
      artist: 'The Benchmarks',
      order: i + 1,
      songFile,
    })),
  };
}

process.on('message', async (message: ZipBenchRequest) => {
  if (message.cmd === 'program') {
    const event = await context.sync.registry.acquire(ZIP_BENCH_EVENT);
    writeProgram(event.room('program').doc, program(message.hashes));
    event.flush();
    context.sync.registry.release(event);
    process.send?.({ id: message.id, result: null });
  } else {
    if (message.gc) (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ id: message.id, result: process.memoryUsage() });
  }
});

async function token(role: 'organizer' | 'dj'): Promise<string> {
  const invite = context.catalog.createInvite({ eventId: ZIP_BENCH_EVENT, role, label: role });
  return (await context.tokens.sign({ eventId: ZIP_BENCH_EVENT, role, inviteId: invite.id })).token;
}

const ready: ZipBenchReady = {
  ready: true,
  port: typeof address === 'object' && address ? address.port : 0,
  organizer: await token('organizer'),
  dj: await token('dj'),
};
process.send?.(ready);
