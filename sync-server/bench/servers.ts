import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebSocketConstructor } from '@ondeck/shared/testkit';
import WebSocket from 'ws';
import { HocuspocusSocket } from './hocuspocusSocket.ts';
import { BENCH_EVENT, type ReadyMessage } from './ipc.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** malloc as the start script and the image run the server (MALLOC_ENV in scripts/ondeck.mjs). */
const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

/** The servers under test: ondeck, its control run without the checks, and the two peers. */
export type Kind = 'ours' | 'reference' | 'hocuspocus' | 'unchecked';
export const PEERS = ['ours', 'reference', 'hocuspocus'] as const;
export type Peer = (typeof PEERS)[number];

export interface Server {
  kind: Kind;
  proc: ChildProcess;
  ready: ReadyMessage;
  /** The WebSocket class the clients use with this server (Hocuspocus needs its framing). */
  socket: WebSocketConstructor;
  /** Base URL and room of a document, as a stock WebsocketProvider takes them. */
  providerUrl: string;
  room(path: string): string;
  url(path: string, auth: string): string;
  command<T>(cmd: 'stats' | 'coldLoad' | 'loadEvents', count?: number): Promise<T>;
  stop(): Promise<void>;
}

const scripts: Record<Kind, string> = {
  ours: 'bench-ours.js',
  unchecked: 'bench-ours.js',
  reference: 'bench-reference.js',
  hocuspocus: 'bench-hocuspocus.js',
};

function forkServer(
  kind: Kind,
  args: string[],
  execArgv: string[],
): Promise<{ proc: ChildProcess; ready: ReadyMessage }> {
  const proc = fork(join(here, scripts[kind]), args, {
    execArgv,
    // Ours as the start script and the image run it; the peers are given the same.
    env: { ...process.env, ...MALLOC_ENV },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve({ proc, ready: m as ReadyMessage }));
    proc.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

const stopped = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });

/**
 * `BENCH_CPU_PROF=<dir>`: each server under test writes V8 CPU profiles to `<dir>/<kind>` as it
 * stops, one per thread (named by V8: date, pid, thread).
 */
const profileArgs = (kind: Kind) => {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, kind)}`] : [];
};

export async function startServer(kind: Kind): Promise<Server> {
  const { proc, ready } = await forkServer(kind, kind === 'unchecked' ? ['unchecked'] : [], [
    '--expose-gc',
    ...profileArgs(kind),
  ]);
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  proc.on('message', (m: { id?: number; result?: unknown }) => {
    if (m.id !== undefined) pending.get(m.id)?.(m.result);
  });
  const providerUrl = `ws://127.0.0.1:${ready.port}/sync`;
  const room = (path: string) => `${BENCH_EVENT}/${path}`;
  return {
    kind,
    proc,
    ready,
    socket: (kind === 'hocuspocus' ? HocuspocusSocket : WebSocket) as unknown as WebSocketConstructor,
    providerUrl,
    room,
    url: (path, auth) => `${providerUrl}/${room(path)}${auth ? `?${auth}` : ''}`,
    command<T>(cmd: 'stats' | 'coldLoad' | 'loadEvents', count?: number) {
      const id = nextId++;
      return new Promise<T>((resolve) => {
        pending.set(id, resolve as (value: unknown) => void);
        proc.send({ id, cmd, count });
      });
    },
    stop: () => stopped(proc),
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** How long a fresh server sits before its resident memory is read. */
const SETTLE_MS = 3_000;

/**
 * Resident memory of a fresh server with nothing loaded, a few seconds after it is ready. Ours
 * is the production entry (`dist/main.js`, as the start script and the image run it) with
 * directory storage and an empty data directory; the peers are their bench servers, unseeded.
 */
export async function restingRss(kind: Peer): Promise<number> {
  if (kind !== 'ours') {
    const { proc } = await forkServer(kind, ['at-rest'], []);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const rss = rssOf(proc.pid as number);
    await stopped(proc);
    return rss;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-rest-'));
  const proc = spawn(process.execPath, [join(here, 'main.js')], {
    env: {
      PATH: process.env.PATH,
      ...MALLOC_ENV,
      ONDECK_DATA_DIR: dataDir,
      ONDECK_PORT: '0',
      ONDECK_HOST: '127.0.0.1',
      ONDECK_CLIENT_DIR: 'none',
      ONDECK_LOG_LEVEL: 'info',
      ONDECK_ADMIN_TOKEN: 'bench-admin-token-0123456789',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"listening"')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`dist/main.js exited with ${code}: ${out}`)));
    });
    proc.stdout?.resume();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return rssOf(proc.pid as number);
  } finally {
    await stopped(proc);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
