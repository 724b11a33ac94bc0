import { type ChildProcess, fork } from 'node:child_process';
import { request } from 'node:http';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { putMark, startHeat } from '@ondeck/shared';
import { connectPeers, type WebSocketConstructor, type WirePeer } from '@ondeck/shared/testkit';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BENCH_EVENT, type ReadyMessage, type ServerStats } from './ipc.ts';
import { fmt, median, percentile } from './stats.ts';

/**
 * `pnpm bench`: the sync server's figures for the large generated event, each beside the same
 * figure for the reference server (@y/websocket-server 0.1.1, memory-only) in the same run.
 * Both servers run as child processes; the bench's own clients are lightweight (they do not
 * apply what they receive) and the CPU they use is printed, since they share the two cores.
 */
const here = dirname(fileURLToPath(import.meta.url));
type Kind = 'ours' | 'reference' | 'unchecked';

interface Server {
  kind: Kind;
  proc: ChildProcess;
  ready: ReadyMessage;
  url(path: string, auth: string): string;
  command<T>(cmd: 'stats' | 'coldLoad'): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(kind: Kind): Promise<Server> {
  const script = kind === 'reference' ? 'bench-reference.js' : 'bench-ours.js';
  const proc = fork(join(here, script), kind === 'unchecked' ? ['unchecked'] : [], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as ReadyMessage));
    proc.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  proc.on('message', (m: { id?: number; result?: unknown }) => {
    if (m.id !== undefined) pending.get(m.id)?.(m.result);
  });
  return {
    kind,
    proc,
    ready,
    url: (path, auth) => `ws://127.0.0.1:${ready.port}/sync/${BENCH_EVENT}/${path}${auth ? `?${auth}` : ''}`,
    command<T>(cmd: 'stats' | 'coldLoad') {
      const id = nextId++;
      return new Promise<T>((resolve) => {
        pending.set(id, resolve as (value: unknown) => void);
        proc.send({ id, cmd });
      });
    },
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

const cpuMs = (before: NodeJS.CpuUsage, after: NodeJS.CpuUsage) =>
  (after.user - before.user + after.system - before.system) / 1000;
/** CPU this process used since `since` (a `process.cpuUsage()` reading). */
const ownCpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** The bench's devices: light peers that speak the protocol without applying what they get. */
const connectMany = (url: string, count: number) =>
  connectPeers(WebSocket as unknown as WebSocketConstructor, url, count);

async function closeAll(clients: WirePeer[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
}

// --- scenarios ------------------------------------------------------------------------------

/** Idle connections: server memory growth per connection after a forced GC. */
async function idleMemory(server: Server, count: number) {
  const before = await server.command<ServerStats>('stats');
  const clients = await connectMany(server.url('live', server.ready.auth.staff), count);
  await Promise.all(clients.map((c) => c.sync()));
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await server.command<ServerStats>('stats');
  await closeAll(clients);
  const heap = after.memory.heapUsed + after.memory.external - before.memory.heapUsed - before.memory.external;
  return { rssPerConn: (after.memory.rss - before.memory.rss) / count, heapPerConn: heap / count };
}

/** Devices joining at once over the socket, each asking for the whole program. */
async function joinStorm(server: Server, count: number, stateVector?: Uint8Array) {
  const clients = await connectMany(server.url('program', server.ready.auth.staff), count);
  const before = await server.command<ServerStats>('stats');
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  await Promise.all(
    clients.map(async (c) => {
      const reply = await c.sync(stateVector);
      bytes += reply.update.length;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await server.command<ServerStats>('stats');
  const clientMs = ownCpuMs(clientCpu);
  await closeAll(clients);
  return { seconds, serverCpuPerJoinMs: cpuMs(before.cpu, after.cpu) / count, clientCpuMs: clientMs, bytes };
}

/** HTTP GET of a document's state, as sent on the wire (compressed), with header bytes. */
function httpState(port: number, path: string, token: string): Promise<{ body: Buffer; wire: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/events/${BENCH_EVENT}/docs/${path}`,
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const headerBytes = res.rawHeaders.reduce((n, h) => n + h.length + 2, 0) + 20;
          resolve({ body, wire: body.length + headerBytes });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A new judge's tablet: program, live and its own scores, as our client does it. */
async function firstSyncOurs(server: Server) {
  const token = (server.ready.auth.judges[0] as string).slice('token='.length);
  const judgeDocs = ['program', 'live', 'scores/bj1'];
  let wire = 0;
  const parts: string[] = [];
  for (const doc of judgeDocs) {
    const { body, wire: httpWire } = await httpState(server.ready.port, doc, token);
    const state = body.length > 0 ? brotliDecompressSync(body) : Buffer.alloc(0);
    const local = new Y.Doc();
    if (state.length > 0) Y.applyUpdate(local, state);
    const [client] = await connectMany(server.url(doc, server.ready.auth.judges[0] as string), 1);
    if (!client) throw new Error('no client');
    await client.sync(Y.encodeStateVector(local));
    await new Promise((r) => setTimeout(r, 50));
    const wsWire = client.bytesIn + client.bytesOut + 600; // + upgrade request and response headers
    await client.close();
    wire += httpWire + wsWire;
    parts.push(`${doc} ${fmt.kb(httpWire)} HTTP + ${fmt.kb(wsWire)} WS`);
  }
  return { wire, parts };
}

async function firstSyncReference(server: Server) {
  let wire = 0;
  for (const doc of ['program', 'live', 'scores/bj1']) {
    const [client] = await connectMany(server.url(doc, ''), 1);
    if (!client) throw new Error('no client');
    await client.sync();
    await new Promise((r) => setTimeout(r, 50));
    wire += client.bytesIn + client.bytesOut + 600;
    await client.close();
  }
  return { wire };
}

/** One emcee starts heats; 200 phones watch the live document. */
async function fanOut(server: Server, readers: number, rounds: number) {
  const watchers = await connectMany(server.url('live', server.ready.auth.staff), readers);
  await Promise.all(watchers.map((c) => c.sync()));
  const [writer] = await connectMany(server.url('live', server.ready.auth.emcee), 1);
  if (!writer) throw new Error('no writer');
  const doc = new Y.Doc();
  let sentAt = 0;
  const latencies: number[] = [];
  for (const w of watchers) {
    w.onFrame = (frame, _raw, at) => {
      if (frame.kind === 'update') latencies.push(at - sentAt);
    };
  }
  const clientCpu = process.cpuUsage();
  for (let round = 1; round <= rounds; round++) {
    const before = Y.encodeStateVector(doc);
    startHeat(doc, '', { number: round, startedAt: Date.now() });
    const update = Y.encodeStateAsUpdate(doc, before);
    const expected = latencies.length + readers;
    sentAt = performance.now();
    writer.sendUpdate(update);
    const deadline = Date.now() + 5_000;
    while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
  }
  const clientMs = ownCpuMs(clientCpu);
  await closeAll([...watchers, writer]);
  return { p50: median(latencies), p99: percentile(latencies, 99), delivered: latencies.length, clientCpuMs: clientMs };
}

/**
 * Fifty judges on their own documents. Each write is acknowledged: by our server's commit
 * confirmation (a step 1 covering it); by the reference's reply to a step 1 sent right after
 * the update (it has applied the update by then — in memory only).
 */
async function judgesWriting(server: Server, mode: 'paced' | 'saturated', seconds: number) {
  const judges = await Promise.all(
    server.ready.auth.judges.map(async (auth, i) => {
      const [client] = await connectMany(server.url(`scores/bj${i + 1}`, auth), 1);
      if (!client) throw new Error('no client');
      await client.sync();
      return { client, doc: new Y.Doc() };
    }),
  );
  const latencies: number[] = [];
  let confirmed = 0;
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    judges.map(async ({ client, doc }, j) => {
      let n = 0;
      while (performance.now() < until) {
        const before = Y.encodeStateVector(doc);
        putMark(doc, { heatId: `h${n++}`, value: String(n % 100), updatedAt: Date.now() });
        const update = Y.encodeStateAsUpdate(doc, before);
        const clock = Y.getState(doc.store, doc.clientID);
        const acked =
          server.kind !== 'reference'
            ? new Promise<void>((resolve) => {
                client.onFrame = (m) => {
                  if (m.kind === 'step1' && (Y.decodeStateVector(m.stateVector).get(doc.clientID) ?? 0) >= clock)
                    resolve();
                };
              })
            : client.next('step2').then(() => undefined);
        const sentAt = performance.now();
        client.sendUpdate(update);
        if (server.kind === 'reference') client.sendStep1(Y.encodeStateVector(doc));
        await acked;
        latencies.push(performance.now() - sentAt);
        confirmed++;
        if (mode === 'paced') await new Promise((r) => setTimeout(r, 20 + ((j * 7 + n) % 30)));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const clientMs = ownCpuMs(clientCpu);
  await closeAll(judges.map((j) => j.client));
  return {
    p50: median(latencies),
    p99: percentile(latencies, 99),
    confirmed,
    perSecond: confirmed / elapsed,
    clientCpuMs: clientMs,
  };
}

// --- run ------------------------------------------------------------------------------------

interface ColdLoad {
  ms: number;
  unloadedHeap: number;
  loadedHeap: number;
  afterUnloadHeap: number;
}

interface Results {
  memory: Awaited<ReturnType<typeof idleMemory>>;
  firstSync: { wire: number; parts: string[] };
  joins: Awaited<ReturnType<typeof joinStorm>>;
  httpJoins?: { seconds: number; serverCpuPerJoinMs: number };
  fanOut: Awaited<ReturnType<typeof fanOut>>;
  paced: Awaited<ReturnType<typeof judgesWriting>>;
  saturated: Awaited<ReturnType<typeof judgesWriting>>;
  coldLoad?: ColdLoad[];
}

type Row = [string, string, string, string, string];
const rows: Row[] = [];
const row = (figure: string, target: string, ours: string, reference: string, ratio = '—') =>
  rows.push([figure, target, ours, reference, ratio]);
/** A row of one figure measured on both servers, each shown by `format`, and their ratio. */
const compare = (figure: string, target: string, format: (value: number) => string, ours: number, reference: number) =>
  row(figure, target, format(ours), format(reference), fmt.ratio(ours, reference));

/**
 * What the checks on updates (reading each one whole, its shape, the documents' budgets, the
 * per-token rates and loop shares) cost: confirmed writes per second of 50 saturating judges, on
 * our server with them and without them (the control, `config.unchecked`, which applies updates
 * unread as the server did before issue 11), in adjacent turns so each pair sees the same
 * machine; the figure is the median of the pairs' ratios, after a warm-up turn on each.
 *
 * NOTE: on a shared machine the writes/s of one turn move by 2× with the load, whichever server
 * runs; the server's CPU time per confirmed write moves far less, and at a saturated core it is
 * what sets the writes/s — so both are printed, the CPU figure as the writes/s it allows.
 */
async function validationCost(pairs: number, seconds: number) {
  const perSecond: Record<'ours' | 'unchecked', number[]> = { ours: [], unchecked: [] };
  const cpuPerWrite: Record<'ours' | 'unchecked', number[]> = { ours: [], unchecked: [] };
  const servers = { ours: await startServer('ours'), unchecked: await startServer('unchecked') };
  for (const kind of ['ours', 'unchecked'] as const) await judgesWriting(servers[kind], 'saturated', 2);
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? (['ours', 'unchecked'] as const) : (['unchecked', 'ours'] as const);
    for (const kind of order) {
      const before = await servers[kind].command<ServerStats>('stats');
      const turn = await judgesWriting(servers[kind], 'saturated', seconds);
      const after = await servers[kind].command<ServerStats>('stats');
      perSecond[kind].push(turn.perSecond);
      cpuPerWrite[kind].push((cpuMs(before.cpu, after.cpu) * 1000) / turn.confirmed);
    }
  }
  await Promise.all([servers.ours.stop(), servers.unchecked.stop()]);
  const ratio = median(perSecond.ours.map((checked, i) => checked / (perSecond.unchecked[i] as number)));
  const cpuRatio = median(cpuPerWrite.unchecked.map((unchecked, i) => unchecked / (cpuPerWrite.ours[i] as number)));
  const us = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  console.log(
    `\nvalidation cost, 50 judges saturated, ${pairs} pairs of ${seconds} s turns (confirmed writes/s):\n  with the checks:    ${perSecond.ours.map(fmt.int).join(', ')}\n  without the checks: ${perSecond.unchecked.map(fmt.int).join(', ')}\n  with / without, median of the pairs: ${ratio.toFixed(3)} (${((1 - ratio) * 100).toFixed(1)} % fewer with the checks; target ≤ 10 %)\nserver CPU per confirmed write (µs, each turn's joins included):\n  with the checks:    ${us(cpuPerWrite.ours)}\n  without the checks: ${us(cpuPerWrite.unchecked)}\n  writes per CPU-second with / without, median of the pairs: ${cpuRatio.toFixed(3)} (${((1 - cpuRatio) * 100).toFixed(1)} % fewer with the checks; target ≤ 10 %)`,
  );
}

async function run() {
  if (process.argv.includes('--validation')) return validationCost(8, 3);
  console.log(
    `ondeck sync-server bench — ${cpus().length} cores, Node ${process.version}, SQLite synchronous=${process.env.ONDECK_SQLITE_SYNCHRONOUS ?? 'normal'}`,
  );
  const results: Partial<Record<Kind, Results>> = {};
  for (const kind of ['ours', 'reference'] as const) {
    console.log(`\n▶ ${kind}: starting`);
    const server = await startServer(kind);
    const r: Partial<Results> = {};
    r.memory = await idleMemory(server, 1_000);
    console.log(`  idle memory done`);
    r.firstSync = kind === 'ours' ? await firstSyncOurs(server) : { ...(await firstSyncReference(server)), parts: [] };
    r.joins = await joinStorm(server, 1_000);
    console.log(`  1,000 joins (socket, whole state) done`);
    if (kind === 'ours') {
      const token = (server.ready.auth.staff as string).slice('token='.length);
      const started = performance.now();
      const serverBefore = await server.command<ServerStats>('stats');
      const copies = await Promise.all(
        Array.from({ length: 1_000 }, () => httpState(server.ready.port, 'program', token)),
      );
      const first = copies[0] as { body: Buffer };
      const local = new Y.Doc();
      Y.applyUpdate(local, brotliDecompressSync(first.body));
      const httpSeconds = (performance.now() - started) / 1000;
      const serverAfter = await server.command<ServerStats>('stats');
      const ws = await joinStorm(server, 1_000, Y.encodeStateVector(local));
      r.httpJoins = {
        seconds: httpSeconds + ws.seconds,
        serverCpuPerJoinMs: cpuMs(serverBefore.cpu, serverAfter.cpu) / 1_000 + ws.serverCpuPerJoinMs,
      };
      console.log(`  1,000 joins (HTTP first copy + socket) done`);
    }
    r.fanOut = await fanOut(server, 200, 50);
    console.log(`  fan-out done`);
    r.paced = await judgesWriting(server, 'paced', 5);
    r.saturated = await judgesWriting(server, 'saturated', 5);
    console.log(`  judges done`);
    if (kind === 'ours') {
      const loads: ColdLoad[] = [];
      for (let i = 0; i < 5; i++) loads.push(await server.command('coldLoad'));
      r.coldLoad = loads;
    }
    await server.stop();
    results[kind] = r as Results;
  }

  const o = results.ours as Results;
  const f = results.reference as Results;
  const httpJoins = o.httpJoins as NonNullable<Results['httpJoins']>;
  compare('confirm latency p50, 50 judges (paced)', '', fmt.ms, o.paced.p50, f.paced.p50);
  compare('confirm latency p99, 50 judges (paced)', '≤ 10 ms', fmt.ms, o.paced.p99, f.paced.p99);
  compare('confirm latency p99, 50 judges (saturated)', '', fmt.ms, o.saturated.p99, f.saturated.p99);
  compare(
    'confirmed writes/s, 50 judges (saturated)',
    '≥ reference',
    fmt.int,
    o.saturated.perSecond,
    f.saturated.perSecond,
  );
  compare('fan-out p50, 1 writer → 200 readers', '', fmt.ms, o.fanOut.p50, f.fanOut.p50);
  compare('fan-out p99, 1 writer → 200 readers', '≤ 20 ms', fmt.ms, o.fanOut.p99, f.fanOut.p99);
  compare('1,000 joins at once, socket only: all synced', '≤ 3 s', fmt.s, o.joins.seconds, f.joins.seconds);
  compare('  server CPU per join', '', fmt.ms, o.joins.serverCpuPerJoinMs, f.joins.serverCpuPerJoinMs);
  row('1,000 joins at once, HTTP first copy + socket', '≤ 3 s', fmt.s(httpJoins.seconds), 'n/a');
  row('  server CPU per join', '', fmt.ms(httpJoins.serverCpuPerJoinMs), 'n/a');
  compare('new judge tablet first sync, on the wire', '≤ 100 KiB', fmt.kb, o.firstSync.wire, f.firstSync.wire);
  const loads = o.coldLoad ?? [];
  row(
    'cold load of the large event (median of 5)',
    '≤ 50 ms',
    fmt.ms(median(loads.map((l) => l.ms))),
    'n/a (memory only)',
  );
  row(
    'heap held by the event: loaded / after unload',
    '0 after',
    `${fmt.mb(median(loads.map((l) => l.loadedHeap - l.unloadedHeap)))} / ${fmt.kb(median(loads.map((l) => l.afterUnloadHeap - l.unloadedHeap)))}`,
    'n/a',
  );
  compare('memory per idle connection (RSS)', '≤ 8 KiB', fmt.kb, o.memory.rssPerConn, f.memory.rssPerConn);
  compare(
    'memory per idle connection (JS heap + external)',
    '≤ 8 KiB',
    fmt.kb,
    o.memory.heapPerConn,
    f.memory.heapPerConn,
  );

  const widths = [0, 1, 2, 3, 4].map((i) =>
    Math.max(...[['figure', 'target', 'ondeck', 'reference', 'ratio'], ...rows].map((r) => (r[i] as string).length)),
  );
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(`\n${line(['figure', 'target', 'ondeck', 'reference', 'ratio'])}`);
  for (const r of rows) console.log(line(r));
  console.log(`\nfirst sync breakdown (ondeck): ${o.firstSync.parts.join('; ')}`);
  await validationCost(8, 3);
  console.log(
    `bench client CPU (shares the cores): joins ${fmt.ms(o.joins.clientCpuMs)} / ${fmt.ms(f.joins.clientCpuMs)}, fan-out ${fmt.ms(o.fanOut.clientCpuMs)} / ${fmt.ms(f.fanOut.clientCpuMs)}, saturated judges ${fmt.ms(o.saturated.clientCpuMs)} / ${fmt.ms(f.saturated.clientCpuMs)} (ondeck / reference runs)`,
  );
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
