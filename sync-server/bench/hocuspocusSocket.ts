import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/** Hocuspocus' message types that differ from y-websocket's (@hocuspocus/common). */
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;

/**
 * A `ws` WebSocket that lets y-websocket clients — the stock WebsocketProvider and the bench's
 * wire peers — talk to Hocuspocus, so all three servers are measured with the same clients.
 * Hocuspocus multiplexes documents on a socket: every message starts with its document's name
 * (here the URL's path, as y-websocket names rooms), and each document opens with an
 * authentication message. Its own frames (authenticated, sync status) are dropped; its
 * sync reply is an ordinary sync message to y-websocket.
 */
export class HocuspocusSocket extends WebSocket {
  private readonly documentName: string;

  constructor(url: string | URL) {
    super(url);
    this.documentName = new URL(url).pathname.slice(1);
  }

  override send(data: Uint8Array | ArrayBuffer): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    encoding.writeUint8Array(encoder, data instanceof Uint8Array ? data : new Uint8Array(data));
    super.send(encoding.toUint8Array(encoder));
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'open') {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, this.documentName);
      encoding.writeVarUint(encoder, AUTH);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarString(encoder, '');
      super.send(encoding.toUint8Array(encoder));
    }
    if (event === 'message') {
      const [data] = args as [Buffer | ArrayBuffer];
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      const decoder = decoding.createDecoder(bytes);
      decoding.readVarString(decoder);
      const start = decoder.pos;
      const type = decoding.readVarUint(decoder);
      if (type !== SYNC && type !== SYNC_REPLY && type !== AWARENESS && type !== QUERY_AWARENESS) return true;
      const message = new Uint8Array(bytes.subarray(start));
      if (type === SYNC_REPLY) message[0] = SYNC;
      return super.emit('message', data instanceof ArrayBuffer ? message.buffer : Buffer.from(message.buffer), true);
    }
    return super.emit(event, ...args);
  }
}
