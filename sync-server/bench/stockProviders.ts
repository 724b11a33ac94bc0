import { putMark } from '@ondeck/shared';
import { connectPeers } from '@ondeck/shared/testkit';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerStats } from './ipc.ts';
import type { Server } from './servers.ts';

/**
 * The stock client: an unmodified y-websocket WebsocketProvider in Node, awareness on, as a
 * third-party app would use ondeck; on judge `j`'s scores document (its own token).
 */
function provider(server: Server, j: number, doc = new Y.Doc()): WebsocketProvider {
  const p = new WebsocketProvider(server.providerUrl, server.room(`scores/bj${j + 1}`), doc, {
    // biome-ignore lint/suspicious/noExplicitAny: y-websocket types the polyfill as the DOM WebSocket class
    WebSocketPolyfill: server.socket as any,
    params: tokenParams(server.ready.auth.judges[j] as string),
    disableBc: true,
  });
  p.awareness.setLocalStateField('device', { name: `tablet ${j + 1}` });
  return p;
}

const tokenParams = (auth: string): Record<string, string> => (auth ? { token: auth.slice('token='.length) } : {});

const synced = (p: WebsocketProvider) =>
  new Promise<void>((resolve) => {
    if (p.synced) return resolve();
    p.once('sync', (isSynced: boolean) => isSynced && resolve());
  });

/** How many of its writes a stock writer lets run ahead of what its reader has seen forwarded. */
const WRITER_WINDOW = 10;

/**
 * Stock WebsocketProvider writers, each on its own document, writing marks as fast as the
 * server passes them on: each writer keeps `WRITER_WINDOW` writes in flight, and a raw reader
 * on the same document counts them as the server forwards them (ours forwards a change only
 * after its commit). Writes/s is what the readers saw.
 */
export async function stockWriters(server: Server, writers: number, seconds: number) {
  const providers = Array.from({ length: writers }, (_, j) => provider(server, j));
  await Promise.all(providers.map(synced));
  const readers = await Promise.all(
    providers.map(async (_, j) => {
      const [reader] = await connectPeers(
        server.socket,
        server.url(`scores/bj${j + 1}`, server.ready.auth.judges[j] as string),
        1,
      );
      if (!reader) throw new Error('no reader');
      await reader.sync();
      return reader;
    }),
  );
  // A writer the server closed reconnects and syncs again: a figure with closes in it is not only throughput.
  const closes: string[] = [];
  for (const p of providers)
    p.on('connection-close', (event) => closes.push(`${event?.code ?? '?'} ${event?.reason ?? ''}`.trim()));
  const started = performance.now();
  const until = started + seconds * 1000;
  let seenInTime = 0;
  await Promise.all(
    providers.map(async (p, j) => {
      const reader = readers[j] as (typeof readers)[number];
      let sent = 0;
      let seen = 0;
      let wake: () => void = () => {};
      reader.onFrame = (frame) => {
        if (frame.kind !== 'update') return;
        seen++;
        if (performance.now() < until) seenInTime++;
        wake();
      };
      while (performance.now() < until) {
        while (sent - seen < WRITER_WINDOW) {
          sent++;
          putMark(p.doc, { heatId: `h${sent}`, value: String(sent % 100), updatedAt: Date.now() });
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1_000);
        });
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const closedWhileWriting = closes.slice();
  for (const p of providers) p.destroy();
  await Promise.all(readers.map((r) => r.close()));
  return { perSecond: seenInTime / elapsed, closes: closedWhileWriting };
}

/**
 * Idle stock providers, awareness on, spread over the judges' documents: server memory per
 * provider after a forced garbage collection, once all are synced and have announced themselves.
 */
export async function idleStockProviders(server: Server, count: number, documents: number) {
  // Each provider in Node listens for the process' exit: a thousand of them are expected here.
  process.setMaxListeners(count + 100);
  const before = await server.command<ServerStats>('stats');
  const providers: WebsocketProvider[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, k) => provider(server, (i + k) % documents));
    await Promise.all(batch.map(synced));
    providers.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const after = await server.command<ServerStats>('stats');
  for (const p of providers) p.destroy();
  await new Promise((r) => setTimeout(r, 1_000));
  const heap = after.memory.heapUsed + after.memory.external - before.memory.heapUsed - before.memory.external;
  const rss = after.memory.rss - before.memory.rss;
  const young = after.youngGeneration - before.youngGeneration;
  return { rssPerProvider: rss / count, rssLessYoungPerProvider: (rss - young) / count, heapPerProvider: heap / count };
}
