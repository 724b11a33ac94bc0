import { EMPTY_STATE_VECTOR, readServerFrame, type ServerFrame, syncStep1Frame, updateFrame } from './wire.ts';

/** The part of the WebSocket API a peer needs: the browser's, or the `ws` package's in Node. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: ArrayBuffer }) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const CLOSED = 3;

/**
 * A minimal peer of the sync protocol that does not apply what it receives. Benchmarks run a
 * thousand of them beside the server, and tests use one to send exactly the bytes a device
 * would, with no app in between.
 */
export class WirePeer {
  bytesIn = 0;
  bytesOut = 0;
  /** Every frame as it arrives, with the time it arrived (`performance.now()`). */
  onFrame: (frame: ServerFrame, raw: Uint8Array, at: number) => void = () => {};

  private constructor(readonly socket: WebSocketLike) {
    socket.addEventListener('message', (event) => {
      const raw = new Uint8Array(event.data);
      this.bytesIn += raw.length;
      this.onFrame(readServerFrame(raw), raw, performance.now());
    });
  }

  static connect(WebSocketImpl: WebSocketConstructor, url: string): Promise<WirePeer> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocketImpl(url);
      socket.binaryType = 'arraybuffer';
      const peer = new WirePeer(socket);
      socket.addEventListener('open', () => resolve(peer));
      socket.addEventListener('error', () => reject(new Error(`could not connect to ${url.split('?')[0]}`)));
    });
  }

  send(frame: Uint8Array): void {
    this.bytesOut += frame.length;
    this.socket.send(frame);
  }

  sendStep1(stateVector: Uint8Array = EMPTY_STATE_VECTOR): void {
    this.send(syncStep1Frame(stateVector));
  }

  /** Sends a sync step 1 and resolves with the server's step 2 answering it. */
  sync(stateVector: Uint8Array = EMPTY_STATE_VECTOR): Promise<Extract<ServerFrame, { kind: 'step2' }>> {
    // NOTE: listening starts before sending, so an answer cannot slip past unseen.
    const answer = this.next('step2');
    this.sendStep1(stateVector);
    return answer;
  }

  sendUpdate(update: Uint8Array): void {
    this.send(updateFrame(update));
  }

  /** Resolves with the next frame of this kind. */
  next<K extends ServerFrame['kind']>(kind: K): Promise<Extract<ServerFrame, { kind: K }>> {
    return new Promise((resolve) => {
      const previous = this.onFrame;
      this.onFrame = (frame, raw, at) => {
        previous(frame, raw, at);
        if (frame.kind === kind) {
          this.onFrame = previous;
          resolve(frame as Extract<ServerFrame, { kind: K }>);
        }
      };
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === CLOSED) return resolve();
      this.socket.addEventListener('close', () => resolve());
      this.socket.close();
    });
  }
}

/** Opens `count` peers, at most `parallel` handshakes at a time. */
export async function connectPeers(
  WebSocketImpl: WebSocketConstructor,
  url: string,
  count: number,
  parallel = 200,
): Promise<WirePeer[]> {
  const peers: WirePeer[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, count - i) }, () => WirePeer.connect(WebSocketImpl, url)),
    );
    peers.push(...batch);
  }
  return peers;
}
