import type { Role } from '@ondeck/shared';
import { generateEvent } from '@ondeck/shared/testkit';
import { createEvent } from '../src/events/createEvent.ts';
import { startBenchApp } from './benchApp.ts';
import { BENCH_EVENT, BENCH_JUDGES, type LoadedEventsStats, serveCommands, stats } from './ipc.ts';

// The ondeck server under test, as a child process with --expose-gc; `unchecked` runs it
// without the limits on updates, budgets and per-token rates (the validation-cost control).
const {
  context,
  dataDir,
  port,
  token: mint,
} = await startBenchApp(
  'ondeck-bench-',
  {
    // The bench writes as fast as it can: that is load, not a flood.
    ONDECK_RATE_LIMIT_PER_SECOND: '100000',
    ONDECK_RATE_LIMIT_BURST: '1000000',
    // NOTE: and so is a stock writer sending 800 changes a second on its judge's token: at the
    // default 200 a second (burst 4,000) the token ran dry in the third turn of `--writers` and
    // every writer was closed and synced again, halving that turn's figure.
    ONDECK_TOKEN_RATE_LIMIT_PER_SECOND: '1000000',
    ONDECK_TOKEN_RATE_LIMIT_BURST: '10000000',
    ONDECK_SQLITE_SYNCHRONOUS: process.env.ONDECK_SQLITE_SYNCHRONOUS ?? 'normal',
  },
  { unchecked: process.argv[2] === 'unchecked' },
);
/** How long V8 takes to give freed pages back to the system, here (see `loadEvents`). */
const SETTLE_MS = 5_000;

const program = generateEvent({ size: 'large' });
createEvent(dataDir, context.catalog, { id: BENCH_EVENT, name: 'Large bench event', program });

/** The query string of a sync URL for this role. */
const token = async (role: Role, personId?: string) => `token=${await mint(BENCH_EVENT, role, personId)}`;

const judges: string[] = [];
for (let i = 1; i <= BENCH_JUDGES; i++) judges.push(await token('judge', `bj${i}`));

serveCommands({
  stats,
  async coldLoad() {
    await context.registry.unload(BENCH_EVENT);
    const unloaded = stats().memory;
    const started = performance.now();
    const event = await context.registry.acquire(BENCH_EVENT);
    event.room('program');
    const ms = performance.now() - started;
    const loaded = stats().memory;
    context.registry.release(event);
    await context.registry.unload(BENCH_EVENT);
    const after = stats().memory;
    return { ms, unloadedHeap: unloaded.heapUsed, loadedHeap: loaded.heapUsed, afterUnloadHeap: after.heapUsed };
  },
  /** Loads `count` copies of the large event (program open), then unloads them all. */
  async loadEvents(count): Promise<LoadedEventsStats> {
    const ids = Array.from({ length: count }, (_, i) => `large-copy-${i + 1}`);
    for (const id of ids)
      if (!context.catalog.getEvent(id)) createEvent(dataDir, context.catalog, { id, name: id, program });
    const before = stats().memory;
    for (const id of ids) {
      const event = await context.registry.acquire(id);
      event.room('program');
      context.registry.release(event);
    }
    const loaded = stats().memory;
    // NOTE: loading a document makes its live Y.Doc before the room rests (DocRoom's note): the
    // pages that garbage took go back to the system seconds after the collection (see below).
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const loadedSettledRss = process.memoryUsage().rss;
    for (const id of ids) await context.registry.unload(id);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const unloaded = stats().memory;
    // NOTE: V8 gives the pages a collection freed back to the system from a background task,
    // seconds later: read right after the collection, RSS still holds them (issue 19's "333 MiB
    // held" was read so).
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { count, before, loaded, loadedSettledRss, unloaded, settledRss: process.memoryUsage().rss };
  },
});

process.send?.({
  ready: true,
  port,
  auth: { organizer: await token('organizer'), emcee: await token('emcee'), staff: await token('staff'), judges },
});
