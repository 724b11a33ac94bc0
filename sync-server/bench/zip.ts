import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toneWav } from '@ondeck/shared/testkit';
import { ZIP_BENCH_EVENT, type ZipBenchReady, type ZipBenchRequest } from './zipIpc.ts';

/**
 * `pnpm --filter @ondeck/sync-server bench:zip`: the server's memory while it streams the DJ's
 * playlist ZIP of a 200-song event. The server runs as a child process (directory store); the
 * songs (8 s WAV tones, ~350 KB each) go in through the upload API; then one client downloads
 * the ZIP while the server's RSS and heap are sampled every 20 ms. Prints the growth over the
 * idle server (after a GC) and fails when it reaches the target.
 */
const SONGS = Number(process.env.ZIP_BENCH_SONGS ?? 200);
const TARGET_MB = 50;
const MB = 1_048_576;

const here = dirname(fileURLToPath(import.meta.url));
const child = fork(join(here, 'bench-zip-server.js'), [], { execArgv: ['--expose-gc'], stdio: 'inherit' });
const ready = await new Promise<ZipBenchReady>((resolve) => child.once('message', (m) => resolve(m as ZipBenchReady)));
const base = `http://127.0.0.1:${ready.port}/api/events/${ZIP_BENCH_EVENT}`;

let nextId = 0;
function ask<T>(request: Omit<Extract<ZipBenchRequest, { cmd: 'program' }>, 'id'> | { cmd: 'memory'; gc: boolean }) {
  const id = ++nextId;
  return new Promise<T>((resolve) => {
    const onMessage = (message: { id?: number; result: T }) => {
      if (message.id !== id) return;
      child.off('message', onMessage);
      resolve(message.result);
    };
    child.on('message', onMessage);
    child.send({ ...request, id });
  });
}

try {
  const songs = Array.from({ length: SONGS }, (_, i) => toneWav({ seconds: 8, frequency: 220 + i * 3 }));
  const hashes = songs.map((song) => createHash('sha256').update(song).digest('hex'));
  await ask({ cmd: 'program', hashes });
  let uploaded = 0;
  for (const song of songs) {
    const response = await fetch(`${base}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.organizer}` },
      body: song,
    });
    if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
    uploaded += song.byteLength;
  }
  console.log(`${SONGS} songs uploaded (${(uploaded / MB).toFixed(1)} MB)`);

  const idle = await ask<NodeJS.MemoryUsage>({ cmd: 'memory', gc: true });
  let peak = { rss: idle.rss, heapUsed: idle.heapUsed, external: idle.external + idle.arrayBuffers };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const now = await ask<NodeJS.MemoryUsage>({ cmd: 'memory', gc: false });
      peak = {
        rss: Math.max(peak.rss, now.rss),
        heapUsed: Math.max(peak.heapUsed, now.heapUsed),
        external: Math.max(peak.external, now.external + now.arrayBuffers),
      };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  const started = performance.now();
  const response = await fetch(`${base}/playlist.zip?token=${ready.dj}`);
  if (!response.ok || !response.body) throw new Error(`ZIP failed: ${response.status} ${await response.text()}`);
  let received = 0;
  for await (const chunk of response.body) received += chunk.byteLength;
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;

  const declared = Number(response.headers.get('content-length'));
  if (received !== declared) throw new Error(`ZIP was ${received} bytes, Content-Length said ${declared}`);
  const growth = (peak.rss - idle.rss) / MB;
  console.log(
    `ZIP: ${(received / MB).toFixed(1)} MB in ${seconds.toFixed(2)} s (${(received / MB / seconds).toFixed(0)} MB/s)`,
  );
  console.log(`server RSS: ${(idle.rss / MB).toFixed(1)} MB idle, ${(peak.rss / MB).toFixed(1)} MB peak`);
  console.log(
    `server heap used: ${(idle.heapUsed / MB).toFixed(1)} MB idle, ${(peak.heapUsed / MB).toFixed(1)} MB peak; ` +
      `buffers: ${((idle.external + idle.arrayBuffers) / MB).toFixed(1)} → ${(peak.external / MB).toFixed(1)} MB`,
  );
  console.log(`server memory growth while streaming: ${growth.toFixed(1)} MB RSS (target < ${TARGET_MB} MB)`);
  if (growth >= TARGET_MB) process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
}
