import { getHeapSpaceStatistics } from 'node:v8';

/** The bench talks to each server under test (a child process) over Node's IPC channel. */
export interface ServerStats {
  /** After a forced garbage collection. */
  memory: NodeJS.MemoryUsage;
  /**
   * Resident bytes of V8's young generation (new space): it grows with the rate of allocation,
   * not with what is held, and stays grown — a scenario that first makes a lean process
   * allocate fast adds up to 32 MiB of RSS that no connection holds.
   */
  youngGeneration: number;
  /** Microseconds of CPU since the process started. */
  cpu: NodeJS.CpuUsage;
}

export interface ReadyMessage {
  ready: true;
  port: number;
  /** Query string to append to a sync URL for each role ('' for the reference server). */
  auth: { organizer: string; emcee: string; staff: string; judges: string[] };
}

export type Command = { id: number; cmd: 'stats' | 'coldLoad' | 'loadEvents'; count?: number };

/** What `loadEvents` answers: memory with that many large events loaded, then after they unload. */
export interface LoadedEventsStats {
  count: number;
  before: NodeJS.MemoryUsage;
  loaded: NodeJS.MemoryUsage;
  /** Resident memory five seconds after they all loaded, still loaded. */
  loadedSettledRss: number;
  /** Right after the unload, after a forced collection. */
  unloaded: NodeJS.MemoryUsage;
  /** Resident memory five seconds later. */
  settledRss: number;
}

export function serveCommands(handlers: Record<Command['cmd'], (count: number) => Promise<unknown> | unknown>): void {
  // NOTE: the bench stops its servers with SIGTERM, which ends a process without running its
  // exit hooks: a server started with `--cpu-prof` (BENCH_CPU_PROF) would never write its profile.
  process.once('SIGTERM', () => process.exit(0));
  process.on('message', async (message: Command) => {
    const result = await handlers[message.cmd](message.count ?? 0);
    process.send?.({ id: message.id, result });
  });
}

export function stats(): ServerStats {
  (globalThis as { gc?: () => void }).gc?.();
  const youngGeneration = getHeapSpaceStatistics()
    .filter((space) => space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
    .reduce((bytes, space) => bytes + space.physical_space_size, 0);
  return { memory: process.memoryUsage(), youngGeneration, cpu: process.cpuUsage() };
}

export const BENCH_JUDGES = 50;
export const BENCH_EVENT = 'large';
