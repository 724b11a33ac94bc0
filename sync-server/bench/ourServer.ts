import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@ondeck/shared';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createEvent } from '../src/events/createEvent.ts';
import { BENCH_EVENT, BENCH_JUDGES, serveCommands, stats } from './ipc.ts';

// The ondeck server under test, as a child process with --expose-gc.
const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-bench-'));
const config = loadConfig(
  {
    ONDECK_DATA_DIR: dataDir,
    ONDECK_PORT: '0',
    ONDECK_HOST: '127.0.0.1',
    ONDECK_LOG_LEVEL: 'silent',
    ONDECK_CLIENT_DIR: 'none',
    ONDECK_ADMIN_TOKEN: 'bench-admin-token-0123456789',
    // The bench writes as fast as it can: that is load, not a flood.
    ONDECK_RATE_LIMIT_PER_SECOND: '100000',
    ONDECK_RATE_LIMIT_BURST: '1000000',
    ONDECK_SQLITE_SYNCHRONOUS: process.env.ONDECK_SQLITE_SYNCHRONOUS ?? 'normal',
  },
  { defaultClientDir: null },
);
const { app, context } = await buildApp(config);
createEvent(dataDir, context.catalog, { id: BENCH_EVENT, name: 'Large bench event', template: 'large' });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();

async function token(role: Role, personId?: string): Promise<string> {
  const invite = context.catalog.createInvite({
    eventId: BENCH_EVENT,
    role,
    label: role,
    ...(personId === undefined ? {} : { personId }),
  });
  const signed = await context.tokens.sign({
    eventId: BENCH_EVENT,
    role,
    inviteId: invite.id,
    ...(personId === undefined ? {} : { personId }),
  });
  return `token=${signed.token}`;
}

const judges: string[] = [];
for (let i = 1; i <= BENCH_JUDGES; i++) judges.push(await token('judge', `bj${i}`));

serveCommands({
  stats,
  async coldLoad() {
    await context.sync.registry.unload(BENCH_EVENT);
    const unloaded = stats().memory;
    const started = performance.now();
    const event = await context.sync.registry.acquire(BENCH_EVENT);
    event.room('program');
    const ms = performance.now() - started;
    const loaded = stats().memory;
    context.sync.registry.release(event);
    await context.sync.registry.unload(BENCH_EVENT);
    const after = stats().memory;
    return { ms, unloadedHeap: unloaded.heapUsed, loadedHeap: loaded.heapUsed, afterUnloadHeap: after.heapUsed };
  },
});

process.send?.({
  ready: true,
  port: typeof address === 'object' && address ? address.port : 0,
  auth: { organizer: await token('organizer'), emcee: await token('emcee'), staff: await token('staff'), judges },
});
