import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JoinResponse, putMark, readMarks, scoresDocName, syncRoomName } from '@ondeck/shared';
import { type WebSocketConstructor, WirePeer } from '@ondeck/shared/testkit';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { fmt, median, percentile } from './stats.ts';

/**
 * `pnpm bench:venue`: a venue server's figures, each beside its reference in the same run.
 * The cloud and the venue are `dist/main.js` as child processes on loopback (the LAN here);
 * devices are light wire peers.
 *
 * - latency of a mark from a judge's device to the organiser's: through the venue (both on the
 *   venue's network), through the cloud (the reference: the same path without a venue), and
 *   from the venue's floor to an organiser on the cloud (across the venue's link);
 * - catch-up: 10,000 marks made at the venue while the cloud is down, until the cloud holds them
 *   all once it is back — beside the reference of the same marks sent straight to the cloud by
 *   the judges' devices reconnecting with them.
 */
const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, 'main.js');
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const EVENT = 'bench-venue';
const LATENCY_SAMPLES = 300;
const MARK_GAP_MS = 100;
const JUDGES = 10;
const MARKS_PER_JUDGE = 1_000;
const Ws = WebSocket as unknown as WebSocketConstructor;

interface Server {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

function start(dataDir: string, env: Record<string, string> = {}, port = 0): Promise<Server> {
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      ONDECK_DATA_DIR: dataDir,
      ONDECK_PORT: String(port),
      ONDECK_HOST: '127.0.0.1',
      ONDECK_ADMIN_TOKEN: ADMIN_TOKEN,
      ONDECK_CLIENT_DIR: 'none',
      ONDECK_LOG_LEVEL: 'info',
      // The bench's devices send faster than people do.
      ONDECK_RATE_LIMIT_BURST: '100000',
      ONDECK_TOKEN_RATE_LIMIT_BURST: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
      if (!url) return;
      out = '';
      proc.stdout?.removeAllListeners('data');
      proc.stdout?.resume();
      resolve({
        url,
        proc,
        stop: () =>
          new Promise((done) => {
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function call<T>(base: string, method: string, path: string, body?: unknown, token = ADMIN_TOKEN): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function redeem(base: string, code: string): Promise<string> {
  return (await call<JoinResponse>(base, 'POST', '/api/join', { code })).token;
}

async function invite(base: string, organizer: string, role: string, personId?: string): Promise<string> {
  const { invite: made } = await call<{ invite: { code: string } }>(
    base,
    'POST',
    `/api/events/${EVENT}/invites`,
    { role, ...(personId ? { personId } : {}) },
    organizer,
  );
  return made.code;
}

function peer(server: Server, doc: string, token: string): Promise<WirePeer> {
  const url = `${server.url.replace('http', 'ws')}/sync/${syncRoomName(EVENT, doc as never)}?token=${encodeURIComponent(token)}`;
  return WirePeer.connect(Ws, url);
}

/** A peer whose frames are applied to a document, to count what it holds. */
async function observer(server: Server, doc: string, token: string): Promise<{ doc: Y.Doc; peer: WirePeer }> {
  const copy = new Y.Doc();
  const p = await peer(server, doc, token);
  const previous = p.onFrame;
  p.onFrame = (frame, raw, at) => {
    previous(frame, raw, at);
    if (frame.kind === 'step2' || frame.kind === 'update') Y.applyUpdate(copy, frame.update);
  };
  await p.sync();
  return { doc: copy, peer: p };
}

/** A judge's device: a document whose marks go out one update each. */
function judgeDevice(p: WirePeer, prefix = 'h') {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => p.sendUpdate(update));
  let n = 0;
  return {
    doc,
    mark(): string {
      const heatId = `${prefix}${n++}`;
      putMark(doc, { heatId, value: String(n % 7), updatedAt: Date.now() });
      return `h/${heatId}/0`;
    },
  };
}

function waitUntil(predicate: () => boolean, what: string, timeoutMs = 600_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out: ${what}`));
      setTimeout(tick, 2);
    };
    tick();
  });
}

/** Milliseconds from a judge's mark leaving its device to the organiser's copy holding it, one mark at a time. */
async function latency(
  judgeAt: Server,
  organizerAt: Server,
  judgeToken: string,
  organizer: string,
  doc: string,
  prefix: string,
) {
  // Each run marks heats of its own, so no run finds the last one's marks already there.
  const sender = judgeDevice(await peer(judgeAt, doc, judgeToken), prefix);
  const watcher = await observer(organizerAt, doc, organizer);
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const startedAt = performance.now();
    const key = sender.mark();
    await waitUntil(() => readMarks(watcher.doc).has(key), `mark ${key}`, 30_000);
    samples.push(performance.now() - startedAt);
    // A judge marks a few times a second at most: each mark goes alone, as on the floor (the
    // venue holds a burst for 50 ms to merge it; marks back to back would measure that hold).
    await new Promise((resolve) => setTimeout(resolve, MARK_GAP_MS));
  }
  return samples;
}

function line(label: string, samples: number[], reference?: number[]): string {
  const p50 = median(samples);
  const ratio = reference ? `  (${fmt.ratio(p50, median(reference))} the reference's median)` : '';
  return `${label.padEnd(46)} p50 ${fmt.ms(p50)}  p95 ${fmt.ms(percentile(samples, 95))}  p99 ${fmt.ms(percentile(samples, 99))}${ratio}`;
}

async function main(): Promise<void> {
  const cloudDir = mkdtempSync(join(tmpdir(), 'ondeck-bench-cloud-'));
  const venueDir = mkdtempSync(join(tmpdir(), 'ondeck-bench-venue-'));
  let cloud = await start(cloudDir);
  const cloudPort = Number(new URL(cloud.url).port);
  const created = await call<{ organizerInvite: { code: string } }>(cloud.url, 'POST', '/api/events', {
    id: EVENT,
    name: 'Venue bench',
  });
  const organizer = await redeem(cloud.url, created.organizerInvite.code);
  const judges: string[] = [];
  for (let j = 0; j <= JUDGES; j++)
    judges.push(await redeem(cloud.url, await invite(cloud.url, organizer, 'judge', `j${j}`)));
  const venueLink = `${cloud.url}/join/${await invite(cloud.url, organizer, 'venue')}`;
  const venue = await start(venueDir, { ONDECK_VENUE_FOLLOW: venueLink, ONDECK_VENUE_EXCHANGE_MS: '500' });
  // Followed once the venue answers for the event with the cloud heard from.
  let followed = false;
  const poll = setInterval(() => {
    void call<{ links: Array<{ lastHeardAt: string | null }> }>(
      venue.url,
      'GET',
      `/api/events/${EVENT}/links`,
      undefined,
      organizer,
    ).then(
      (links) => {
        followed ||= typeof links.links[0]?.lastHeardAt === 'string';
      },
      () => {},
    );
  }, 100);
  await waitUntil(() => followed, 'the venue to follow the event', 60_000);
  clearInterval(poll);

  console.log(
    `venue bench: cloud ${cloud.url}, venue ${venue.url}; ${LATENCY_SAMPLES} marks one at a time per path, ${MARK_GAP_MS} ms apart`,
  );
  const judge0 = judges[0] as string;
  const reference = await latency(cloud, cloud, judge0, organizer, scoresDocName('j0'), 'reference');
  const lan = await latency(venue, venue, judge0, organizer, scoresDocName('j0'), 'lan');
  const across = await latency(venue, cloud, judge0, organizer, scoresDocName('j0'), 'across');
  console.log(line('device → cloud → organiser (reference)', reference));
  console.log(line('device → venue → organiser (LAN)', lan, reference));
  console.log(line('device → venue → cloud → organiser at the cloud', across, reference));

  // Catch-up: the cloud goes down; the judges mark at the venue until the venue confirmed all.
  await cloud.stop();
  const total = JUDGES * MARKS_PER_JUDGE;
  const devices = await Promise.all(
    Array.from({ length: JUDGES }, async (_, j) => {
      const p = await peer(venue, scoresDocName(`j${j + 1}`), judges[j + 1] as string);
      await p.sync();
      let confirmed = new Map<number, number>();
      const previous = p.onFrame;
      p.onFrame = (frame, raw, at) => {
        previous(frame, raw, at);
        if (frame.kind === 'step1') confirmed = Y.decodeStateVector(frame.stateVector);
      };
      const device = judgeDevice(p);
      return { p, device, confirmed: () => confirmed.get(device.doc.clientID) ?? 0 };
    }),
  );
  for (let i = 0; i < MARKS_PER_JUDGE; i++) for (const { device } of devices) device.mark();
  await waitUntil(
    () => devices.every(({ device, confirmed }) => confirmed() >= Y.getState(device.doc.store, device.doc.clientID)),
    'the venue to confirm every mark',
  );
  for (const { p } of devices) await p.close();

  const countAtCloud = async (server: Server) => {
    const watchers = await Promise.all(
      Array.from({ length: JUDGES }, (_, j) => observer(server, scoresDocName(`j${j + 1}`), organizer)),
    );
    return {
      held: () => watchers.reduce((n, w) => n + readMarks(w.doc).size, 0),
      close: () => Promise.all(watchers.map((w) => w.peer.close())),
    };
  };
  const backAt = performance.now();
  cloud = await start(cloudDir, {}, cloudPort);
  const listeningMs = performance.now() - backAt;
  const atCloud = await countAtCloud(cloud);
  await waitUntil(() => atCloud.held() === total, 'the cloud to hold every mark');
  const venueCatchUp = performance.now() - backAt;
  await atCloud.close();

  // Reference: the same number of marks, kept by the judges' devices while the cloud was down,
  // sent straight to the cloud as the devices reconnect (fresh judges, fresh documents).
  const referenceDocs = Array.from({ length: JUDGES }, (_, j) => `r${j}`);
  const referenceTokens = await Promise.all(
    referenceDocs.map(async (judge) => redeem(cloud.url, await invite(cloud.url, organizer, 'judge', judge))),
  );
  const backlogs = referenceDocs.map(() => {
    const doc = new Y.Doc();
    for (let i = 0; i < MARKS_PER_JUDGE; i++) putMark(doc, { heatId: `h${i}`, value: String(i % 7), updatedAt: i });
    return doc;
  });
  const watchers = await Promise.all(referenceDocs.map((judge) => observer(cloud, scoresDocName(judge), organizer)));
  const sentAt = performance.now();
  const senders = await Promise.all(
    referenceDocs.map(async (judge, j) => {
      const p = await peer(cloud, scoresDocName(judge), referenceTokens[j] as string);
      // What a reconnecting device sends: its whole backlog in one update.
      p.sendUpdate(Y.encodeStateAsUpdate(backlogs[j] as Y.Doc));
      return p;
    }),
  );
  await waitUntil(() => watchers.reduce((n, w) => n + readMarks(w.doc).size, 0) === total, 'the reference backlog');
  const deviceCatchUp = performance.now() - sentAt;
  for (const p of senders) await p.close();
  for (const w of watchers) await w.peer.close();

  console.log(`catch-up of ${fmt.int(total)} marks (${JUDGES} judges) made at the venue while the cloud was down:`);
  console.log(
    `  cloud back and listening after ${fmt.ms(listeningMs)}; the cloud held every mark ${fmt.s(venueCatchUp / 1000)} after its restart began`,
  );
  console.log(
    `  reference, the judges' devices sending the same backlog straight to the running cloud: ${fmt.s(deviceCatchUp / 1000)} (venue ${fmt.ratio(venueCatchUp - listeningMs, deviceCatchUp)} the reference, counted from listening)`,
  );
  console.log(
    "  (a venue notices the cloud is back at its next exchange round, every ONDECK_VENUE_EXCHANGE_MS — 500 ms here — or its links' next retry, whichever comes first)",
  );

  await venue.stop();
  await cloud.stop();
  rmSync(cloudDir, { recursive: true, force: true });
  rmSync(venueDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
