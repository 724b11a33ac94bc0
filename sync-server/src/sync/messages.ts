import { awarenessFrame, MessageType, SyncStep } from '@ondeck/shared';
import * as decoding from 'lib0/decoding';

/**
 * What clients send, in the y-websocket wire format (y-protocols), read defensively: every
 * length is checked against the message itself, so a truncated or lying message is refused
 * instead of reading past it. The frames the server sends come from shared's `wire.ts`.
 */

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /** `reply`: a sync step 2, a client's answer to a state vector; else a change as it happened. */
  | { kind: 'update'; update: Uint8Array; reply: boolean }
  | { kind: 'awareness' }
  | { kind: 'query-awareness' };

export class ProtocolError extends Error {
  constructor(
    message: string,
    /** The close code it earns: a malformed message, or one too large for its kind. */
    readonly code: 'malformed' | 'too-large' = 'malformed',
  ) {
    super(message);
  }
}

/**
 * NOTE: an awareness update is a few client states; a stock y-websocket provider announces an
 * empty one (~20 bytes). Nothing relays them (see the sync server), so a larger one is refused
 * before it is read: issue 11 found a 0.9 MB frame from a public token copied to every reader.
 */
export const MAX_AWARENESS_BYTES = 1024;

/**
 * The payload where it lies: a view into the message, not a copy. NOTE: a socket's message is
 * itself often a view into a larger buffer (a Node Buffer's `slice`, like `subarray`, is a view:
 * an earlier note here took it for a copy "with a buffer of its own"), so nothing may rely on the
 * end of the underlying ArrayBuffer to stop a read: the length is checked against the message
 * here, and each reader after checks its own against the payload — the update reader
 * (loadedEvents/decodeUpdate.ts) and lib0 0.2.120's, which Yjs and the awareness reader use.
 */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (decoder.pos + length > decoder.arr.length) throw new ProtocolError('a length runs past the end of the message');
  const bytes = decoder.arr.subarray(decoder.pos, decoder.pos + length);
  decoder.pos += length;
  return bytes;
}

export function parseClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.SYNC: {
        const step = decoding.readVarUint(decoder);
        if (step === SyncStep.STEP1) return { kind: 'sync-step1', stateVector: readBytes(decoder) };
        if (step === SyncStep.STEP2 || step === SyncStep.UPDATE)
          return { kind: 'update', update: readBytes(decoder), reply: step === SyncStep.STEP2 };
        throw new ProtocolError(`unknown sync message type ${step}`);
      }
      case MessageType.AWARENESS: {
        const start = decoder.pos;
        if (decoding.readVarUint(decoder) > MAX_AWARENESS_BYTES)
          throw new ProtocolError(`an awareness update holds at most ${MAX_AWARENESS_BYTES} bytes`, 'too-large');
        decoder.pos = start;
        readAwareness(decoding.createDecoder(readBytes(decoder)));
        return { kind: 'awareness' };
      }
      case MessageType.QUERY_AWARENESS:
        return { kind: 'query-awareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('the message is truncated');
  }
}

/** Reads an awareness update as y-protocols writes it: client, clock and JSON state for each. */
function readAwareness(decoder: decoding.Decoder): void {
  try {
    const clients = decoding.readVarUint(decoder);
    for (let i = 0; i < clients; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      JSON.parse(decoding.readVarString(decoder));
    }
    if (decoding.hasContent(decoder)) throw new Error('bytes left over');
  } catch {
    throw new ProtocolError('the awareness update could not be decoded');
  }
}

/**
 * An awareness update about zero clients: a valid no-op for every y-websocket client.
 * NOTE: stock clients drop a connection that received nothing for 30 s; pings are invisible
 * to browser code, so idle sockets get this instead.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = awarenessFrame(Uint8Array.of(0));
