// A well-behaved writer and reader on one document, in a process of their own, so what they
// measure is the server's latency and not the test's own work. Plain JavaScript: it runs under
// `node` as it is (forked with an IPC channel by support/latencyProbe.ts).
//
// The writer sends a small update (one record, as the emcee starting a heat does); the time
// until the reader receives it is one sample; then it waits 20 ms and sends the next. On
// "lap" (once at least `min` samples were taken since the last one) and on "stop" it answers with
// every sample since the last lap, in milliseconds, and the number of updates that never arrived
// within 5 s.
import WebSocket from 'ws';
import * as Y from 'yjs';

const [writerUrl, readerUrl] = process.argv.slice(2);

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function varUint(n) {
  const out = [];
  let rest = n;
  while (rest > 127) {
    out.push((rest & 127) | 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

const frame = (step, payload) => Buffer.from([0, step, ...varUint(payload.length), ...payload]);

/** Resolves with the socket's first sync step 2: the server has it in the document's room. */
function synced(ws) {
  return new Promise((resolve) => {
    const onMessage = (data) => {
      if (data[0] !== 0 || data[1] !== 1) return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
  });
}

const writer = await open(writerUrl);
const reader = await open(readerUrl);
// Handshakes: an empty state vector each.
// NOTE: the first update waits for both answers: sent before the reader was in the room (the
// server still loading the event on a busy machine), it never reached the reader and counted as lost.
const handshakes = [synced(writer), synced(reader)];
writer.send(frame(0, [0]));
reader.send(frame(0, [0]));
await Promise.all(handshakes);

const doc = new Y.Doc();
let samples = [];
let lost = 0;
let stopping = false;
let arrived = null;
reader.on('message', (data) => {
  // A forwarded update: sync (0), update (2). The only writer on this document is ours.
  if (data[0] === 0 && data[1] === 2) arrived?.();
});

let lapAt = null;
function lapIfDue() {
  if (lapAt === null || samples.length < lapAt) return;
  lapAt = null;
  process.send?.({ samples, lost });
  samples = [];
  lost = 0;
}

process.on('message', (message) => {
  if (message === 'stop') stopping = true;
  if (typeof message === 'object' && message !== null && 'lap' in message) {
    lapAt = message.lap;
    lapIfDue();
  }
});

process.send?.('ready');
for (let n = 1; !stopping; n++) {
  const before = Y.encodeStateVector(doc);
  doc.getMap('current').set('', { number: n, startedAt: Date.now() });
  const update = Y.encodeStateAsUpdate(doc, before);
  const received = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    arrived = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });
  const sentAt = performance.now();
  writer.send(frame(2, update));
  if (await received) samples.push(performance.now() - sentAt);
  else lost++;
  arrived = null;
  lapIfDue();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.send?.({ samples, lost });
writer.close();
reader.close();
