import { type ProgramData, writeProgram } from '@ondeck/shared';
import { createEvent } from '../src/events/createEvent.ts';
import { startBenchApp } from './benchApp.ts';
import { ZIP_BENCH_EVENT, type ZipBenchReady, type ZipBenchRequest } from './zipIpc.ts';

// The server under test for bench/zip.ts: a child process with --expose-gc, the directory store,
// and an event whose program lists one song per heat (the hashes come from the parent).
const { context, dataDir, port, token } = await startBenchApp('ondeck-zip-bench-');
createEvent(dataDir, context.catalog, { id: ZIP_BENCH_EVENT, name: 'ZIP bench', template: 'empty' });

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
    const event = await context.registry.acquire(ZIP_BENCH_EVENT);
    writeProgram(event.room('program').doc, program(message.hashes));
    event.flush();
    context.registry.release(event);
    process.send?.({ id: message.id, result: null });
  } else {
    if (message.gc) (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ id: message.id, result: process.memoryUsage() });
  }
});

const ready: ZipBenchReady = {
  ready: true,
  port,
  organizer: await token(ZIP_BENCH_EVENT, 'organizer'),
  dj: await token(ZIP_BENCH_EVENT, 'dj'),
};
process.send?.(ready);
