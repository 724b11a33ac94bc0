import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './paths.ts';

/**
 * Frames of the y-websocket wire protocol (y-protocols), for code that speaks it directly:
 * the server, and the light peers of benchmarks and end-to-end tests.
 */
export const SyncStep = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;
const AUTH_PERMISSION_DENIED = 0;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** "Here is my state vector": the answer is a step 2 with what it lacks. */
export const syncStep1Frame = (stateVector: Uint8Array) => syncFrame(SyncStep.STEP1, stateVector);
export const syncStep2Frame = (update: Uint8Array) => syncFrame(SyncStep.STEP2, update);
export const updateFrame = (update: Uint8Array) => syncFrame(SyncStep.UPDATE, update);

export function awarenessFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** y-protocols auth "permission denied": the standard answer to a refused write. */
export function permissionDeniedFrame(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.AUTH);
    encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
    encoding.writeVarString(e, reason);
  });
}

/** The state vector of an empty document: what a new device sends in its step 1. */
export const EMPTY_STATE_VECTOR = Uint8Array.of(0);

export type ServerFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'denied'; reason: string }
  | { kind: 'other' };

/** Reads a frame the server sent (trusted input: no defensive checks). */
export function readServerFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.AWARENESS) return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  if (type === MessageType.AUTH) {
    decoding.readVarUint(decoder);
    return { kind: 'denied', reason: decoding.readVarString(decoder) };
  }
  if (type !== MessageType.SYNC) return { kind: 'other' };
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (step === SyncStep.STEP1) return { kind: 'step1', stateVector: payload };
  return step === SyncStep.STEP2 ? { kind: 'step2', update: payload } : { kind: 'update', update: payload };
}
