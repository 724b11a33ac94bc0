import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/**
 * A lightweight device for the benchmark: it speaks the y-websocket protocol but does not
 * apply what it receives (the bench runs a thousand of them on the same two cores as the
 * server, so they must cost as little as possible).
 */
export type Incoming =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'other' };

export function parseIncoming(data: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== 0) return { kind: 'other' };
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (step === 0) return { kind: 'step1', stateVector: payload };
  return step === 1 ? { kind: 'step2', update: payload } : { kind: 'update', update: payload };
}

function frame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

export class LightClient {
  bytesIn = 0;
  bytesOut = 0;
  onMessage: (message: Uint8Array, at: number) => void = () => {};

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.bytesIn += data.length;
      this.onMessage(data, performance.now());
    });
  }

  static connect(url: string): Promise<LightClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const client = new LightClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(message: Uint8Array): void {
    this.bytesOut += message.length;
    this.ws.send(message);
  }

  sendStep1(stateVector: Uint8Array = EMPTY_STATE_VECTOR): void {
    this.send(frame(0, 0, stateVector));
  }

  sendUpdate(update: Uint8Array): void {
    this.send(frame(0, 2, update));
  }

  /** Resolves with the first message matching `kind`. */
  next(kind: Incoming['kind']): Promise<Incoming> {
    return new Promise((resolve) => {
      const previous = this.onMessage;
      this.onMessage = (data, at) => {
        previous(data, at);
        const parsed = parseIncoming(data);
        if (parsed.kind === kind) {
          this.onMessage = previous;
          resolve(parsed);
        }
      };
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === this.ws.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Opens `count` clients, at most `parallel` handshakes at a time. */
export async function connectMany(url: string, count: number, parallel = 200): Promise<LightClient[]> {
  const clients: LightClient[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, count - i) }, () => LightClient.connect(url)),
    );
    clients.push(...batch);
  }
  return clients;
}
