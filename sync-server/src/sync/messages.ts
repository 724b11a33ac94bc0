import { MessageType } from '@ondeck/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-websocket wire format (y-protocols), read defensively: every length is checked against
 * the message itself, so a truncated or lying message is refused instead of reading past it.
 */
export const SyncStep = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;
const AUTH_PERMISSION_DENIED = 0;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

export class ProtocolError extends Error {}

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
        if (step === SyncStep.STEP2 || step === SyncStep.UPDATE) return { kind: 'update', update: readBytes(decoder) };
        throw new ProtocolError(`unknown sync message type ${step}`);
      }
      case MessageType.AWARENESS:
        return { kind: 'awareness', update: readBytes(decoder) };
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

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncStep.STEP1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncStep.STEP2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncStep.UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** y-protocols auth "permission denied": the standard way to answer a refused write. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.AUTH);
    encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
    encoding.writeVarString(e, reason);
  });
}

/**
 * An awareness update about zero clients: a valid no-op for every y-websocket client.
 * NOTE: stock clients drop a connection that received nothing for 30 s; pings are invisible
 * to browser code, so idle sockets get this instead.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = awarenessMessage(
  message((e) => {
    encoding.writeVarUint(e, 0);
  }),
);

/** Whether a Yjs v1 update carries any structs (new content), read from its first varuint. */
export function updateHasStructs(update: Uint8Array): boolean {
  return update.length > 0 && update[0] !== 0;
}
