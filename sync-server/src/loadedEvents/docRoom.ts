import { createHash } from 'node:crypto';
import type { DocName } from '@ondeck/shared';
import { syncStep1Frame, syncStep2Frame } from '@ondeck/shared';
import * as Y from 'yjs';
import type { StoredDoc } from '../storage/eventStore.ts';
import { replayStoredDoc } from '../storage/replayStoredDoc.ts';
import { appliedAsSent, continuesDocument } from './appliedAsSent.ts';
import { checkAgainst, type DecodedUpdate, decodeUpdate, isContainedIn } from './decodeUpdate.ts';
import { KnownDeletions } from './knownDeletions.ts';
import type { UpdateLimits } from './updateLimits.ts';

/** Origin of transactions that replay storage; they are not new changes. */
export const LOAD_ORIGIN = Symbol('load');

/**
 * A device in a room, as the room and its event see it: somewhere to send, and a way to send it
 * off. The sync server's connections are members.
 */
export interface RoomMember {
  send(message: Uint8Array): void;
  /**
   * Sends these messages in order, as one write where it can. The same messages go to many
   * members: a member may keep what it encodes of one in `encoded`, for the next member.
   */
  sendAll(messages: readonly SharedMessage[]): void;
  close(code: number, reason: string): void;
}

/** A message the room sends to many members (see RoomMember.sendAll). */
export class SharedMessage {
  /** The message as its members' transport sends it, encoded once for all of them. */
  encoded: Uint8Array | null = null;

  constructor(readonly message: Uint8Array) {}
}

const DIFF_CACHE_LIMIT = 32;
const MEASURE_INTERVAL_MS = 5_000;

/**
 * One loaded Yjs document and the devices syncing it. It holds no presence (awareness): no role
 * needs it (see the sync server's awareness NOTE).
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
 *
 * NOTE: a room nobody is in rests: it holds its committed state encoded, not a live Y.Doc, and
 * serves joiners' copies, HTTP and compaction from those bytes. The live document is made again
 * from them (`wake`) when a member joins or something reads or writes `doc`, and dropped once
 * nobody has been in the room for `ONDECK_REST_AFTER_MS` (LoadedEvent.leave), nothing waits for
 * its commit and no request holds the event (LoadedEvent.settle). The large event's program
 * takes 3.8 MiB of heap live and 0.5 MiB encoded: with fifty such events loaded, each took
 * 3.5 MiB resident (3.8 MiB of heap and external memory) and now takes 0.7–1.0 MiB (0.5 MiB);
 * `bench -- --memory`. Waking costs one apply (60–70 ms for that program here), once per first
 * member; the bytes it applies are ones Yjs read or wrote before, so it cannot fail where the
 * load did not.
 */
export class DocRoom {
  readonly members = new Set<RoomMember>();
  /** Changes since load; bumps invalidate the caches. */
  version = 0;
  /** Committed updates since the last snapshot, and their bytes: when to compact (`dueForCompaction`). */
  private updatesSinceSnapshot = 0;
  private logBytes = 0;
  /** Bytes of the last snapshot. */
  private snapshotBytes = 0;
  /** Changes applied to the live document and not committed yet. */
  pending = 0;
  /** Bumped by each commit of this room's changes: confirmations go out when it moves. */
  committedVersion = 0;

  /** The live document; null while the room rests (see the class note). */
  private live: Y.Doc | null = null;
  /** Deletions found in the live document (see KnownDeletions); made again with it. */
  private knownDeletions = new KnownDeletions();
  private destroyed = false;
  /** The committed state while changes wait (see the class note); null when none wait. */
  private committedCopy: Y.Doc | null = null;
  /**
   * Bytes the document takes, at most: what storage held when it loaded plus every change
   * applied since, until `measure` replaces the estimate with its encoded size.
   */
  bytes = 0;
  private measuredVersion = -1;
  private measuredAt = Number.NEGATIVE_INFINITY;

  /** The encoded state: always held while the room rests, since it is then all the room holds. */
  private cachedState: Uint8Array | null = null;
  private cachedEtag: string | null = null;
  private cachedStep1: Uint8Array | null = null;
  private readonly diffs = new Map<string, Uint8Array>();
  private readonly compressed = new Map<string, Promise<Buffer>>();

  constructor(
    readonly name: DocName,
    /** What storage holds of this document: the committed state. */
    private readonly readCommitted: () => StoredDoc,
    /** Each change to the live document, with its origin (not called for loads and wakes). */
    private readonly onChange: (update: Uint8Array, origin: unknown) => void,
  ) {}

  /** Replays what storage holds into a live document. Throws when any of it cannot be decoded. */
  load(stored: StoredDoc): void {
    replayStoredDoc(this.newDoc(), stored, LOAD_ORIGIN);
    // NOTE: a snapshot alone is this version's encoded state (compaction wrote it from a live
    // document, garbage-collected), so a room left alone rests on it without encoding; a log
    // merged with it is not, since merging keeps what was deleted.
    if (stored.updates.length === 0) this.cachedState = stored.snapshot;
    this.updatesSinceSnapshot = stored.updates.length;
    this.bytes = storedBytes(stored);
    this.snapshotBytes = stored.snapshot?.length ?? 0;
    this.logBytes = this.bytes - this.snapshotBytes;
  }

  /** The live document, made again from the encoded state if the room rests. */
  get doc(): Y.Doc {
    return this.wake();
  }

  /** Whether the room holds a live document (it does not while it rests). */
  get isLive(): boolean {
    return this.live !== null;
  }

  /** Makes the live document again from the encoded state, if the room rests; returns it. */
  wake(): Y.Doc {
    if (this.live) return this.live;
    if (this.destroyed) throw new Error(`document ${this.name} was dropped`);
    const doc = this.newDoc();
    if (this.cachedState) Y.applyUpdate(doc, this.cachedState, LOAD_ORIGIN);
    return doc;
  }

  private newDoc(): Y.Doc {
    const doc = new Y.Doc();
    this.knownDeletions = new KnownDeletions();
    doc.on('update', this.changedBy);
    this.live = doc;
    return doc;
  }

  private readonly changedBy = (update: Uint8Array, origin: unknown): void => {
    if (origin !== LOAD_ORIGIN) this.onChange(update, origin);
  };

  /**
   * Applies a checked update from `origin`. Throws when Yjs fails half-way.
   *
   * NOTE: Yjs encodes each transaction again for the document's update listeners, and that
   * encoding (of what an update integrated) is what is committed and forwarded. An update that
   * continues the document and is integrated exactly as sent — a device's new change, nearly
   * every update — is its own encoding: it goes on as received, and the listener is off while
   * it applies. Re-encoding was 6 % of the server's time with ten stock writers (CPU profile,
   * `bench -- --writers`). Anything else (a struct already held, a deletion already made, one a
   * concurrent change made besides) goes the listener's way, as Yjs encodes it.
   */
  apply(decoded: DecodedUpdate, origin: unknown): void {
    const doc = this.doc;
    if (!continuesDocument(decoded, doc)) {
      Y.applyUpdate(doc, decoded.bytes, origin);
      return;
    }
    let asSent = false;
    doc.off('update', this.changedBy);
    try {
      Y.transact(
        doc,
        (transaction) => {
          Y.applyUpdate(doc, decoded.bytes, origin);
          asSent = appliedAsSent(decoded, doc, transaction);
          // Otherwise the listener has it as Yjs encodes it, as the transaction ends.
          if (!asSent) doc.on('update', this.changedBy);
        },
        origin,
        false,
      );
    } finally {
      doc.on('update', this.changedBy);
    }
    if (asSent) this.onChange(decoded.bytes, origin);
  }

  /**
   * Drops the live document and keeps the committed state encoded (see the class note), unless
   * changes wait for their commit, or for changes they depend on (Yjs's pending structs, never
   * stored nor counted in the cached state): the live document is then the only place they are.
   */
  rest(): void {
    if (!this.live || this.pending > 0) return;
    const { pendingStructs, pendingDs } = this.live.store;
    if (pendingStructs || pendingDs) return;
    const state = this.encodedState();
    this.live.destroy();
    this.live = null;
    this.knownDeletions = new KnownDeletions();
    const etag = this.cachedEtag;
    this.clearCaches();
    this.cachedState = state;
    this.cachedEtag = etag;
  }

  /**
   * An update read completely (structs and deletions) and checked against this document, before
   * anything of it is applied. Throws InvalidUpdate with the reason, or UpdateOverLimit when it
   * holds more than `limits` allow.
   */
  check(update: Uint8Array, limits: UpdateLimits): DecodedUpdate {
    const decoded = decodeUpdate(update, limits);
    checkAgainst(decoded, this.doc);
    return decoded;
  }

  /** Whether this document already holds everything in a checked update. */
  holds(update: DecodedUpdate): boolean {
    return isContainedIn(update, this.doc, this.knownDeletions);
  }

  /** A change was applied to the live document; it waits for its commit. */
  queued(size: number): void {
    this.pending++;
    this.changed(size);
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

  /** A change of this room went into the log. */
  logged(bytes: number): void {
    this.updatesSinceSnapshot++;
    this.logBytes += bytes;
  }

  /** Whether anything was logged since the last snapshot. */
  get hasLog(): boolean {
    return this.updatesSinceSnapshot > 0;
  }

  /**
   * Whether the log since the last snapshot is due to become one: at least `minUpdates` long
   * and at least a quarter of the snapshot's bytes.
   *
   * NOTE: compacting encodes the whole document, so at a fixed count of updates its cost grew
   * with the document: with ten stock writers on documents of a few thousand marks, compaction
   * every 1,000 updates was 15 % of the server's time (CPU profile, `bench -- --writers`). Tied
   * to the snapshot's size, a large document is compacted less often and each logged byte pays
   * for at most four bytes of encoding; a load replays at most a quarter of the snapshot as log.
   */
  dueForCompaction(minUpdates: number): boolean {
    return this.updatesSinceSnapshot >= minUpdates && this.logBytes * 4 >= this.snapshotBytes;
  }

  /** The log up to here became a snapshot of `bytes`. */
  compacted(bytes: number): void {
    this.updatesSinceSnapshot = 0;
    this.logBytes = 0;
    this.snapshotBytes = bytes;
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

  /**
   * The document's encoded size, when the estimate has grown past `atMost`; the estimate
   * otherwise. NOTE: encoding is what a joiner's first copy costs (~17 ms for the 0.5 MB
   * program, so ~270 ms at the default 8 MiB budget), so it runs only when the estimate nears
   * a budget, once per version and at most every `MEASURE_INTERVAL_MS`: a device keeping its
   * document at the brim of its budget cannot make the server encode it on every message. In
   * between, the estimate (which only over-counts) decides. The encoded state is cached, and
   * the next joiner or compaction reuses it.
   */
  measure(atMost: number, now = Date.now()): number {
    if (this.bytes > atMost && this.measuredVersion !== this.version && now - this.measuredAt >= MEASURE_INTERVAL_MS) {
      this.bytes = this.encodedState().length;
      this.measuredVersion = this.version;
      this.measuredAt = now;
    }
    return this.bytes;
  }

  /** A change was applied: `size` is what Yjs integrated of it, encoded. */
  changed(size = 0): void {
    this.bytes += size;
    this.version++;
    this.clearCaches();
  }

  private clearCaches(): void {
    this.cachedState = null;
    this.cachedEtag = null;
    this.cachedStep1 = null;
    // NOTE: called for every change; clearing the maps when empty was 2.5 % of the server's time
    // with ten stock writers (CPU profile, `bench -- --writers`).
    if (this.diffs.size > 0) this.diffs.clear();
    if (this.compressed.size > 0) this.compressed.clear();
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
    this.cachedStep1 ??= syncStep1Frame(
      this.live ? Y.encodeStateVector(this.served()) : Y.encodeStateVectorFromUpdate(this.encodedState()),
    );
    return this.cachedStep1;
  }

  /** The sync step 2 answering a client's state vector: only what it lacks of the committed state. */
  step2For(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector).toString('latin1');
    const hit = this.diffs.get(key);
    if (hit) return hit;
    // NOTE: from the live document, only what the device lacks is encoded (and the deletions);
    // from the encoded state, all of it is read again to find that. A resting room answers from
    // its encoded state rather than wake. With ten stock writers, each document tens of
    // thousands of marks, answering step 1s took 2.6 s of the server's 26.8 s, now 0.8 s of
    // 24.3 s (CPU profiles of `bench -- --writers`).
    // Throws on a malformed state vector; the caller refuses the message.
    const diff = this.live
      ? Y.encodeStateAsUpdate(this.served(), stateVector)
      : Y.diffUpdate(this.encodedState(), stateVector);
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
    this.live?.destroy();
    this.live = null;
    this.destroyed = true;
    this.changed();
  }
}

/** What a stored document takes: its snapshot and the updates after it. */
export function storedBytes(stored: StoredDoc): number {
  let bytes = stored.snapshot?.length ?? 0;
  for (const update of stored.updates) bytes += update.length;
  return bytes;
}
