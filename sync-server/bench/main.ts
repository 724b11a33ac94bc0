import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { brotliDecompressSync } from 'node:zlib';
import { putMark, startHeat } from '@ondeck/shared';
import { connectPeers, type WirePeer } from '@ondeck/shared/testkit';
import * as Y from 'yjs';
import { BENCH_EVENT, type LoadedEventsStats, type ServerStats } from './ipc.ts';
import { PEERS, type Peer, restingRss, type Server, startServer } from './servers.ts';
import { fmt, median, percentile } from './stats.ts';
import { idleStockProviders, stockWriters } from './stockProviders.ts';

/**
 * `pnpm bench`: the sync server's figures for the large generated event, each beside the same
 * figure for two peers measured in the same run — the reference (@y/websocket-server 0.1.1) and
 * Hocuspocus 3.4.4, both memory-only — with the ratios. All three run as child processes, one
 * after the other, driven by the same clients: light wire peers that do not apply what they
 * receive, and stock y-websocket WebsocketProviders (Hocuspocus' framing added by
 * hocuspocusSocket.ts). The clients share the two cores; the CPU they use is printed.
 * The whole run takes about 8 minutes on a quiet 2-core machine (16 at a load average of 24).
 */
const cpuMs = (before: NodeJS.CpuUsage, after: NodeJS.CpuUsage) =>
  (after.user - before.user + after.system - before.system) / 1000;
/** CPU this process used since `since` (a `process.cpuUsage()` reading). */
const ownCpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** The bench's devices: light peers that speak the protocol without applying what they get. */
const connectMany = (server: Server, path: string, auth: string, count: number) =>
  connectPeers(server.socket, server.url(path, auth), count);

async function closeAll(clients: WirePeer[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
}

// --- scenarios ------------------------------------------------------------------------------

/** Idle connections: server memory growth per connection after a forced GC. */
async function idleMemory(server: Server, count: number) {
  const before = await server.command<ServerStats>('stats');
  const clients = await connectMany(server, 'live', server.ready.auth.staff, count);
  await Promise.all(clients.map((c) => c.sync()));
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await server.command<ServerStats>('stats');
  await closeAll(clients);
  const heap = after.memory.heapUsed + after.memory.external - before.memory.heapUsed - before.memory.external;
  return { rssPerConn: (after.memory.rss - before.memory.rss) / count, heapPerConn: heap / count };
}

/** Devices joining at once over the socket, each asking for the whole program. */
async function joinStorm(server: Server, count: number, stateVector?: Uint8Array) {
  const clients = await connectMany(server, 'program', server.ready.auth.staff, count);
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
    const [client] = await connectMany(server, doc, server.ready.auth.judges[0] as string, 1);
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
    const [client] = await connectMany(server, doc, '', 1);
    if (!client) throw new Error('no client');
    await client.sync();
    await new Promise((r) => setTimeout(r, 50));
    wire += client.bytesIn + client.bytesOut + 600;
    await client.close();
  }
  return { wire };
}

/** One emcee starts heats; `readers` phones watch the live document. */
async function fanOut(server: Server, readers: number, rounds: number) {
  const watchers = await connectMany(server, 'live', server.ready.auth.staff, readers);
  await Promise.all(watchers.map((c) => c.sync()));
  const [writer] = await connectMany(server, 'live', server.ready.auth.emcee, 1);
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
 * confirmation (a step 1 covering it); by a peer's reply to a step 1 sent right after the
 * update (it has applied the update by then — in memory only).
 */
async function judgesWriting(server: Server, mode: 'paced' | 'saturated', seconds: number) {
  const judges = await Promise.all(
    server.ready.auth.judges.map(async (auth, i) => {
      const [client] = await connectMany(server, `scores/bj${i + 1}`, auth, 1);
      if (!client) throw new Error('no client');
      await client.sync();
      return { client, doc: new Y.Doc() };
    }),
  );
  const latencies: number[] = [];
  let confirmed = 0;
  // The server's CPU over the writing alone, the joins left out.
  const serverBefore = await server.command<ServerStats>('stats');
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
          server.kind === 'ours' || server.kind === 'unchecked'
            ? new Promise<void>((resolve) => {
                client.onFrame = (m) => {
                  if (m.kind === 'step1' && (Y.decodeStateVector(m.stateVector).get(doc.clientID) ?? 0) >= clock)
                    resolve();
                };
              })
            : client.next('step2').then(() => undefined);
        const sentAt = performance.now();
        client.sendUpdate(update);
        if (server.kind === 'reference' || server.kind === 'hocuspocus') client.sendStep1(Y.encodeStateVector(doc));
        await acked;
        latencies.push(performance.now() - sentAt);
        confirmed++;
        if (mode === 'paced') await new Promise((r) => setTimeout(r, 20 + ((j * 7 + n) % 30)));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const clientMs = ownCpuMs(clientCpu);
  const serverAfter = await server.command<ServerStats>('stats');
  await closeAll(judges.map((j) => j.client));
  return {
    p50: median(latencies),
    p99: percentile(latencies, 99),
    confirmed,
    perSecond: confirmed / elapsed,
    clientCpuMs: clientMs,
    serverCpuPerWriteUs: (cpuMs(serverBefore.cpu, serverAfter.cpu) * 1000) / confirmed,
  };
}

// --- run ------------------------------------------------------------------------------------

interface ColdLoad {
  ms: number;
  unloadedHeap: number;
  loadedHeap: number;
  afterUnloadHeap: number;
}

const JOINERS = [250, 500, 1_000] as const;
/** `--memory`: only the memory rows (idle connections, loaded events, at rest), a few minutes. */
const memoryOnly = process.argv.includes('--memory');
/** Checked turns in the validation-cost comparison (see validationCost). */
const VALIDATION_TURNS = 12;
const LOADED_EVENTS = [1, 50, 200] as const;
/** Turns of each server in `--writers`. */
const WRITER_TURNS = 5;

interface Results {
  memory: Awaited<ReturnType<typeof idleMemory>>;
  stockIdle: Awaited<ReturnType<typeof idleStockProviders>>;
  firstSync: { wire: number; parts: string[] };
  joins: Awaited<ReturnType<typeof joinStorm>>[];
  httpJoins?: { seconds: number; serverCpuPerJoinMs: number };
  fanOut: Awaited<ReturnType<typeof fanOut>>;
  paced: Awaited<ReturnType<typeof judgesWriting>>;
  saturated: Awaited<ReturnType<typeof judgesWriting>>;
  stockWriters: Awaited<ReturnType<typeof stockWriters>>;
  rest: number;
  coldLoad?: ColdLoad[];
  loadedEvents?: LoadedEventsStats[];
}

/** A table row: the figure, its target, each server's value, and ondeck's ratio to each peer. */
type Row = string[];
const rows: Row[] = [];
const row = (
  figure: string,
  target: string,
  ours: string,
  reference = 'n/a',
  hocuspocus = 'n/a',
  ratios = ['—', '—'],
) => rows.push([figure, target, ours, reference, hocuspocus, ...ratios]);
/** A figure measured on all three servers, each shown by `format`, with ondeck ÷ each peer. */
const compare = (figure: string, target: string, format: (value: number) => string, values: Record<Peer, number>) =>
  row(figure, target, format(values.ours), format(values.reference), format(values.hocuspocus), [
    fmt.ratio(values.ours, values.reference),
    fmt.ratio(values.ours, values.hocuspocus),
  ]);

/**
 * What the checks on updates (reading each one whole, its shape, the documents' budgets, the
 * per-token rates and loop shares) cost: confirmed writes per second of 50 saturating judges, on
 * our server with them and without them (the control, `config.unchecked`, which applies updates
 * unread as the server did before issue 11), after a warm-up turn on each.
 *
 * NOTE: on a shared machine the writes/s of one turn move by 2×–5× with the load, whichever
 * server runs; run one after the other (control, checked, control, …, each checked turn read
 * against the mean of the control turns around it), ten checked turns at a load average of 10–16
 * gave ratios from 0.29 to 2.4, quartiles 0.81–1.28: no reading a 10 % cost from that. So both
 * servers write in every turn at the same time, each with its own 50 judges, and see the same
 * machine: the turn's ratio is taken within it, and the figure is the median of the turns,
 * printed with their spread (quartiles and range). Which server's judges start first alternates.
 * Each server's CPU time per confirmed write, over the writing alone, is what sets its writes/s
 * at a saturated core and moves less with the load: it is compared the same way and printed
 * beside it — the figure to read when the bench client, which shares the cores, is what limits
 * both servers' writes/s alike. `--validation-noise` runs the same with a second checked server
 * as the control: what it prints is the noise floor. NOTE: at a load average of 17–25 two such
 * runs gave medians of 1.26 and 1.05 for writes/s and 1.09 and 1.06 for writes per CPU-second:
 * on this machine, busy, a 10 % cost is within the noise of one run; compare several.
 */
async function validationCost(turns: number, seconds: number, control: 'unchecked' | 'ours' = 'unchecked') {
  type Kind = 'ours' | 'unchecked';
  const perSecond: Record<Kind, number[]> = { ours: [], unchecked: [] };
  const cpuPerWrite: Record<Kind, number[]> = { ours: [], unchecked: [] };
  const servers = { ours: await startServer('ours'), unchecked: await startServer(control) };
  await Promise.all([judgesWriting(servers.ours, 'saturated', 2), judgesWriting(servers.unchecked, 'saturated', 2)]);
  for (let turn = 0; turn < turns; turn++) {
    const order: Kind[] = turn % 2 === 0 ? ['ours', 'unchecked'] : ['unchecked', 'ours'];
    const results = await Promise.all(order.map((kind) => judgesWriting(servers[kind], 'saturated', seconds)));
    order.forEach((kind, i) => {
      const result = results[i] as Awaited<ReturnType<typeof judgesWriting>>;
      perSecond[kind].push(result.perSecond);
      cpuPerWrite[kind].push(result.serverCpuPerWriteUs);
    });
  }
  await Promise.all([servers.ours.stop(), servers.unchecked.stop()]);
  const spread = (ratios: number[]) => {
    const cost = (ratio: number) => `${((1 - ratio) * 100).toFixed(1)} %`;
    const [low, high] = [Math.min(...ratios), Math.max(...ratios)];
    return `median ${median(ratios).toFixed(3)} (${cost(median(ratios))} fewer with the checks; target ≤ 10 %); quartiles ${percentile(ratios, 25).toFixed(3)}–${percentile(ratios, 75).toFixed(3)}, range ${low.toFixed(3)}–${high.toFixed(3)}`;
  };
  const ratios = perSecond.ours.map((checked, i) => checked / (perSecond.unchecked[i] as number));
  const cpuRatios = cpuPerWrite.ours.map((checked, i) => (cpuPerWrite.unchecked[i] as number) / checked);
  const us = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  const title =
    control === 'ours'
      ? 'noise floor: the checked server against a second checked server (both columns have the checks; read the ratios as the noise a figure can hide in)'
      : 'validation cost';
  console.log(
    `\n${title}, 50 judges saturated on each server at once, ${turns} turns of ${seconds} s (confirmed writes/s), load average ${load()}:\n  with the checks:    ${perSecond.ours.map(fmt.int).join(', ')}\n  without the checks: ${perSecond.unchecked.map(fmt.int).join(', ')}\n  with / without, turn by turn: ${spread(ratios)}\nserver CPU per confirmed write (µs, the writing alone):\n  with the checks:    ${us(cpuPerWrite.ours)}\n  without the checks: ${us(cpuPerWrite.unchecked)}\n  writes per CPU-second with / without, turn by turn: ${spread(cpuRatios)}`,
  );
}

/** The ondeck-only part of a run: HTTP first copies, cold loads, and many large events loaded. */
async function oursOnly(server: Server, r: Partial<Results>) {
  const token = (server.ready.auth.staff as string).slice('token='.length);
  const started = performance.now();
  const serverBefore = await server.command<ServerStats>('stats');
  const copies = await Promise.all(Array.from({ length: 1_000 }, () => httpState(server.ready.port, 'program', token)));
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
  const loads: ColdLoad[] = [];
  for (let i = 0; i < 5; i++) loads.push(await server.command('coldLoad'));
  r.coldLoad = loads;
}

/** Many large events loaded, then unloaded: last, since their unloads run backups for a while. */
async function loadedEvents(server: Server, r: Partial<Results>) {
  r.loadedEvents = [];
  for (const count of LOADED_EVENTS) r.loadedEvents.push(await server.command('loadEvents', count));
  console.log(`  ${LOADED_EVENTS.join('/')} loaded events done`);
}

async function measure(kind: Peer): Promise<Results> {
  console.log(`\n▶ ${kind}: starting`);
  const server = await startServer(kind);
  const r: Partial<Results> = {};
  // The stock providers first, on a fresh process: memory freed by another scenario would be
  // reused and hide what they take.
  r.stockIdle = await idleStockProviders(server, 1_000, 50);
  r.memory = await idleMemory(server, 1_000);
  console.log(`  idle memory (raw peers, stock providers) done`);
  if (!memoryOnly) {
    r.firstSync = kind === 'ours' ? await firstSyncOurs(server) : { ...(await firstSyncReference(server)), parts: [] };
    r.joins = [];
    for (const count of JOINERS) r.joins.push(await joinStorm(server, count));
    console.log(`  ${JOINERS.join('/')} joins (socket, whole state) done`);
    if (kind === 'ours') await oursOnly(server, r);
    r.fanOut = await fanOut(server, 1_000, 30);
    console.log(`  fan-out done`);
    r.paced = await judgesWriting(server, 'paced', 5);
    r.saturated = await judgesWriting(server, 'saturated', 5);
    r.stockWriters = await stockWriters(server, 10, 5);
    if (r.stockWriters.closes.length > 0)
      console.log(`  stock writers closed by the server: ${r.stockWriters.closes.join('; ')}`);
    console.log(`  judges and stock writers done`);
  }
  await server.stop();
  if (kind === 'ours') {
    // NOTE: on a fresh process too: pages the other scenarios freed went back to the system on
    // V8's and malloc's schedule, in the middle of these rows (one event "took" -47 MiB).
    const fresh = await startServer(kind);
    await loadedEvents(fresh, r);
    await fresh.stop();
  }
  r.rest = await restingRss(kind);
  return r as Results;
}

/** Every server's value of one figure. */
const eachOf =
  (results: Record<Peer, Results>) =>
  (figure: (r: Results) => number): Record<Peer, number> =>
    Object.fromEntries(PEERS.map((p) => [p, figure(results[p])])) as Record<Peer, number>;

/** The rows of memory: what `--memory` measures alone. */
function memoryRows(results: Record<Peer, Results>) {
  const o = results.ours;
  const each = eachOf(results);
  compare(
    'server memory per idle stock provider (1,000 over 50 docs, awareness on; RSS)',
    '≤ 4 KiB',
    fmt.kb,
    each((r) => r.stockIdle.rssPerProvider),
  );
  compare(
    "  same, RSS less V8's young generation (which grows with allocation, not with what is held)",
    '',
    fmt.kb,
    each((r) => r.stockIdle.rssLessYoungPerProvider),
  );
  compare(
    '  same, JS heap + external',
    '',
    fmt.kb,
    each((r) => r.stockIdle.heapPerProvider),
  );
  compare(
    'RSS at rest (ondeck: dist/main.js, directory storage)',
    '≤ 60 MiB',
    fmt.mb,
    each((r) => r.rest),
  );
  const loaded = o.loadedEvents ?? [];
  const heapAndExternal = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
  for (const l of loaded)
    row(
      `memory per loaded large event, ${l.count} loaded (RSS at once / 5 s later; heap + external)`,
      l.count === 50 ? '≤ 1 MiB' : '',
      `${fmt.mb((l.loaded.rss - l.before.rss) / l.count)} / ${fmt.mb((l.loadedSettledRss - l.before.rss) / l.count)}; ${fmt.mb((heapAndExternal(l.loaded) - heapAndExternal(l.before)) / l.count)}`,
    );
  const last = loaded.at(-1);
  if (last)
    row(
      `RSS above before, ${last.count} large events unloaded: at once / 5 s later (heap)`,
      'back to rest',
      `${fmt.mb(last.unloaded.rss - last.before.rss)} / ${fmt.mb(last.settledRss - last.before.rss)} (${fmt.mb(last.unloaded.heapUsed - last.before.heapUsed)})`,
    );
  compare(
    'memory per idle raw connection (RSS)',
    '≤ 8 KiB',
    fmt.kb,
    each((r) => r.memory.rssPerConn),
  );
  compare(
    'memory per idle raw connection (JS heap + external)',
    '≤ 8 KiB',
    fmt.kb,
    each((r) => r.memory.heapPerConn),
  );
}

function table(results: Record<Peer, Results>) {
  const o = results.ours;
  const each = eachOf(results);
  compare(
    'writes/s, 10 stock WebsocketProvider writers, own documents',
    '≥ 1.2× reference',
    fmt.int,
    each((r) => r.stockWriters.perSecond),
  );
  memoryRows(results);
  compare(
    'fan-out p50, 1 writer → 1,000 raw readers',
    '',
    fmt.ms,
    each((r) => r.fanOut.p50),
  );
  compare(
    'fan-out p99, 1 writer → 1,000 raw readers',
    '≤ 25 ms',
    fmt.ms,
    each((r) => r.fanOut.p99),
  );
  compare(
    'confirm latency p50, 50 judges (paced)',
    '',
    fmt.ms,
    each((r) => r.paced.p50),
  );
  compare(
    'confirm latency p99, 50 judges (paced; peers: no commit)',
    '≤ 5 ms',
    fmt.ms,
    each((r) => r.paced.p99),
  );
  compare(
    'confirm latency p99, 50 judges (saturated)',
    '',
    fmt.ms,
    each((r) => r.saturated.p99),
  );
  compare(
    'confirmed writes/s, 50 judges (saturated)',
    '≥ reference',
    fmt.int,
    each((r) => r.saturated.perSecond),
  );
  JOINERS.forEach((count, i) => {
    const join = (r: Results) => r.joins[i] as Results['joins'][number];
    compare(
      `${count.toLocaleString('en-US')} joins at once, socket only: all synced`,
      count === 1_000 ? '≤ 3 s' : '',
      fmt.s,
      each((r) => join(r).seconds),
    );
    compare(
      '  server CPU per join',
      '',
      fmt.ms,
      each((r) => join(r).serverCpuPerJoinMs),
    );
  });
  const httpJoins = o.httpJoins as NonNullable<Results['httpJoins']>;
  row('1,000 joins at once, HTTP first copy + socket', '≤ 3 s', fmt.s(httpJoins.seconds));
  row('  server CPU per join', '', fmt.ms(httpJoins.serverCpuPerJoinMs));
  compare(
    'new judge tablet first sync, on the wire',
    '≤ 100 KiB',
    fmt.kb,
    each((r) => r.firstSync.wire),
  );
  const loads = o.coldLoad ?? [];
  row(
    'cold load of the large event (median of 5)',
    '≤ 50 ms',
    fmt.ms(median(loads.map((l) => l.ms))),
    'n/a (memory only)',
    'n/a (memory only)',
  );
  row(
    'heap held by the event: loaded / after unload',
    '0 after',
    `${fmt.mb(median(loads.map((l) => l.loadedHeap - l.unloadedHeap)))} / ${fmt.kb(median(loads.map((l) => l.afterUnloadHeap - l.unloadedHeap)))}`,
  );
  row('offline cold open of the large event; tap → IndexedDB p95', 'client', 'playwright test -c e2e/bench');
  printRows();
  console.log(`\nfirst sync breakdown (ondeck): ${o.firstSync.parts.join('; ')}`);
  const cpu = (figure: (r: Results) => number) => PEERS.map((p) => fmt.ms(figure(results[p]))).join(' / ');
  console.log(
    `bench client CPU (shares the cores), ondeck / reference / Hocuspocus runs: 1,000 joins ${cpu((r) => (r.joins.at(-1) as Results['joins'][number]).clientCpuMs)}, fan-out ${cpu((r) => r.fanOut.clientCpuMs)}, saturated judges ${cpu((r) => r.saturated.clientCpuMs)}`,
  );
}

function printRows() {
  const header = ['figure', 'target', 'ondeck', 'reference', 'Hocuspocus', '÷ reference', '÷ Hocuspocus'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(`\n${line(header)}`);
  for (const r of rows) console.log(line(r));
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/**
 * `--writers`: only the stock-writer row, the three servers started at once and measured in
 * turns, the order rotating each turn — a minute, for work on that figure (and, with
 * BENCH_CPU_PROF, its profile).
 */
async function writersOnly(turns: number) {
  const servers = await Promise.all(PEERS.map((kind) => startServer(kind)));
  const perSecond: Record<Peer, number[]> = { ours: [], reference: [], hocuspocus: [] };
  for (let turn = 0; turn < turns; turn++)
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(turn + i) % servers.length] as Server;
      const result = await stockWriters(server, 10, 5);
      perSecond[server.kind as Peer].push(result.perSecond);
      if (result.closes.length > 0)
        console.log(`  ${server.kind}, turn ${turn + 1}: writers closed — ${result.closes.join('; ')}`);
    }
  await Promise.all(servers.map((s) => s.stop()));
  console.log(`\nwrites/s, 10 stock WebsocketProvider writers, own documents, ${turns} turns, load average ${load()}:`);
  for (const kind of PEERS)
    console.log(
      `  ${kind.padEnd(10)} ${perSecond[kind].map(fmt.int).join(', ')}  (median ${fmt.int(median(perSecond[kind]))})`,
    );
  const ratios = perSecond.ours.map((ours, i) => ours / (perSecond.reference[i] as number));
  console.log(`  ondeck ÷ reference, turn by turn: median ${median(ratios).toFixed(2)}× (target ≥ 1.2×)`);
}

async function run() {
  if (process.argv.includes('--writers')) return writersOnly(WRITER_TURNS);
  if (process.argv.includes('--validation-noise')) return validationCost(VALIDATION_TURNS, 3, 'ours');
  if (process.argv.includes('--validation')) return validationCost(VALIDATION_TURNS, 3);
  const started = performance.now();
  console.log(
    `ondeck sync-server bench — ${cpus().length} cores, Node ${process.version}, SQLite synchronous=${process.env.ONDECK_SQLITE_SYNCHRONOUS ?? 'normal'}, load average ${load()}; about 8 minutes when the machine is quiet`,
  );
  const results: Partial<Record<Peer, Results>> = {};
  for (const kind of PEERS) results[kind] = await measure(kind);
  if (memoryOnly) {
    memoryRows(results as Record<Peer, Results>);
    printRows();
    console.log(`\ntook ${fmt.s((performance.now() - started) / 1000)}; load average at the end ${load()}`);
    return;
  }
  table(results as Record<Peer, Results>);
  await validationCost(VALIDATION_TURNS, 3);
  console.log(`\ntook ${fmt.s((performance.now() - started) / 1000)}; load average at the end ${load()}`);
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
