import { createHash } from 'node:crypto';
import type { DocName } from '@ondeck/shared';
import { awarenessFrame, syncStep1Frame, syncStep2Frame } from '@ondeck/shared';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { StoredDoc } from '../storage/eventStore.ts';
import { replayStoredDoc } from '../storage/replayStoredDoc.ts';
import { checkAgainst, type DecodedUpdate, decodeUpdate, isContainedIn } from './decodeUpdate.ts';

/** Origin of transactions that replay storage; they are not new changes. */
export const LOAD_ORIGIN = Symbol('load');

/** Awareness client ids a change added, updated and removed (y-protocols' own shape). */
export interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * A device in a room, as the room and its event see it: somewhere to send, the presence it
 * announced, and a way to send it off. The sync server's connections are members.
 */
export interface RoomMember {
  send(message: Uint8Array): void;
  /** The awareness change this member sent, applied: it keeps the ids it announced. */
  announced(change: AwarenessChange): void;
  close(code: number, reason: string): void;
}

const DIFF_CACHE_LIMIT = 32;

/**
 * One loaded Yjs document and the devices syncing it; presence (awareness) is relayed among them.
 *
 * NOTE: what the room serves is what is committed. The live document also holds changes applied
 * and waiting for their commit (`pending`); while any wait, every answer — a joiner's sync
 * step 2, a state vector, the state over HTTP — comes from a copy of the committed state, read
 * from storage the first time one is asked for and kept up to date by each commit until none
 * waits. Normally nothing waits past the next turn of the event loop and no copy is made; on a
 * full disk the copy is what lets the room keep serving reads without handing out unsaved work.
 *
 * NOTE: joining is the expensive moment. Encoded answers (the full state, the diff for a given
 * state vector, the server's own step 1) are cached until the document changes, so a thousand
 * devices joining at the same version cost one encoding, not a thousand.
 */
export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly members = new Set<RoomMember>();
  /** Changes since load; bumps invalidate the caches. */
  version = 0;
  /** Committed updates since the last snapshot, to decide when to compact. */
  updatesSinceSnapshot = 0;
  /** Changes applied to the live document and not committed yet. */
  pending = 0;
  /** Bumped by each commit of this room's changes: confirmations go out when it moves. */
  committedVersion = 0;

  /** The committed state while changes wait (see the class note); null when none wait. */
  private committedCopy: Y.Doc | null = null;

  private cachedState: Uint8Array | null = null;
  private cachedEtag: string | null = null;
  private cachedStep1: Uint8Array | null = null;
  private readonly diffs = new Map<string, Uint8Array>();
  private readonly compressed = new Map<string, Promise<Buffer>>();

  constructor(
    readonly name: DocName,
    /** What storage holds of this document: the committed state. */
    private readonly readCommitted: () => StoredDoc,
  ) {
    this.awareness = new Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.relayAwareness(change, origin));
  }

  /** Relays presence changes to the room's other members, and tells the sender what it announced. */
  private relayAwareness(change: AwarenessChange, origin: unknown): void {
    const sender = this.members.has(origin as RoomMember) ? (origin as RoomMember) : null;
    sender?.announced(change);
    const { added, updated, removed } = change;
    const message = awarenessFrame(encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
    for (const member of this.members) if (member !== sender) member.send(message);
  }

  /** Replays what storage holds. Throws when any of it cannot be decoded. */
  load(stored: StoredDoc): void {
    replayStoredDoc(this.doc, stored, LOAD_ORIGIN);
    this.updatesSinceSnapshot = stored.updates.length;
  }

  /**
   * An update read completely (structs and deletions) and checked against this document, before
   * anything of it is applied. Throws InvalidUpdate with the reason.
   */
  check(update: Uint8Array): DecodedUpdate {
    const decoded = decodeUpdate(update);
    checkAgainst(decoded, this.doc);
    return decoded;
  }

  /** Whether this document already holds everything in a checked update. */
  holds(update: DecodedUpdate): boolean {
    return isContainedIn(update, this.doc);
  }

  /** A change was applied to the live document; it waits for its commit. */
  queued(): void {
    this.pending++;
    this.changed();
  }

  /** One of the waiting changes, in the order they were queued, was committed. */
  committed(update: Uint8Array): void {
    this.pending--;
    this.committedVersion++;
    if (this.pending === 0) {
      // The live document is the committed state again.
      this.committedCopy?.destroy();
      this.committedCopy = null;
    } else if (this.committedCopy) {
      Y.applyUpdate(this.committedCopy, update, LOAD_ORIGIN);
    }
    this.clearCaches();
  }

  /** The document answers are made from: the live one, or the committed copy while changes wait. */
  private served(): Y.Doc {
    if (this.pending === 0) return this.doc;
    if (!this.committedCopy) {
      const copy = new Y.Doc();
      try {
        replayStoredDoc(copy, this.readCommitted());
      } catch (error) {
        copy.destroy();
        throw error;
      }
      this.committedCopy = copy;
    }
    return this.committedCopy;
  }

  changed(): void {
    this.version++;
    this.clearCaches();
  }

  private clearCaches(): void {
    this.cachedState = null;
    this.cachedEtag = null;
    this.cachedStep1 = null;
    this.diffs.clear();
    this.compressed.clear();
  }

  encodedState(): Uint8Array {
    this.cachedState ??= Y.encodeStateAsUpdate(this.served());
    return this.cachedState;
  }

  etag(): string {
    this.cachedEtag ??= `"${createHash('sha256').update(this.encodedState()).digest('base64url').slice(0, 27)}"`;
    return this.cachedEtag;
  }

  /** The server's committed state vector as a sync step 1. */
  step1(): Uint8Array {
    this.cachedStep1 ??= syncStep1Frame(Y.encodeStateVector(this.served()));
    return this.cachedStep1;
  }

  /** The sync step 2 answering a client's state vector: only what it lacks of the committed state. */
  step2For(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector).toString('latin1');
    const hit = this.diffs.get(key);
    if (hit) return hit;
    // Throws on a malformed state vector; the caller refuses the message.
    const diff = Y.diffUpdate(this.encodedState(), stateVector);
    const message = syncStep2Frame(diff);
    if (this.diffs.size >= DIFF_CACHE_LIMIT) this.diffs.delete(this.diffs.keys().next().value as string);
    this.diffs.set(key, message);
    return message;
  }

  /** The encoded state compressed once per version and encoding. */
  compressedState(encoding: string, compress: (data: Uint8Array) => Promise<Buffer>): Promise<Buffer> {
    let pending = this.compressed.get(encoding);
    if (!pending) {
      pending = compress(this.encodedState());
      this.compressed.set(encoding, pending);
    }
    return pending;
  }

  destroy(): void {
    this.committedCopy?.destroy();
    this.committedCopy = null;
    this.awareness.destroy();
    this.doc.destroy();
    this.changed();
  }
}
