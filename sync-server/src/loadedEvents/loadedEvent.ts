import type { DocName } from '@ondeck/shared';
import { CloseCode } from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Metrics } from '../metrics.ts';
import type { EventStore } from '../storage/eventStore.ts';
import { WalBusyError } from '../storage/storageErrors.ts';
import { type DecodedUpdate, unreadUpdate, wouldWait } from './decodeUpdate.ts';
import { DocRoom, type RoomMember, storedBytes } from './docRoom.ts';
import { checkShape } from './documentShape.ts';
import { GroupCommit, type QueuedUpdate } from './groupCommit.ts';
import type { UpdateLimits } from './updateLimits.ts';
import { UpdateOverLimit } from './updateLimits.ts';

/** What a writer's update may hold and what an event's documents may take. */
export interface EventLimits {
  update: UpdateLimits;
  /** Bytes one document may take (its encoded state). */
  maxDocumentBytes: number;
  /** Bytes all of an event's documents may take together. */
  maxEventBytes: number;
}

export interface EventOptions {
  compactAfterUpdates: number;
  /** How long a room its last member left stays live before it rests (`leave`). */
  restAfterMs: number;
  snapshotsKept: number;
  /** Null enforces none: only the bench's control run, which measures what the checks cost. */
  limits: EventLimits | null;
  /** Called after each successful group commit. */
  onCommit?: () => void;
}

export class DocumentUnavailableError extends Error {}

/**
 * An event held in memory: its store, its loaded documents (rooms) and their members, and the
 * group commit every change goes through before anyone hears of it (groupCommit.ts). After a
 * commit it keeps the store in shape: documents whose log grew long are compacted into a
 * snapshot, and the store does its own upkeep.
 */
export class LoadedEvent<Store extends EventStore = EventStore> {
  readonly rooms = new Map<string, DocRoom>();
  readonly members = new Set<RoomMember>();
  /** HTTP requests using the event right now; it is not idle while they run. */
  holders = 0;
  idleTimer: NodeJS.Timeout | null = null;

  private readonly commits: GroupCommit;
  /** Rooms whose last member left, and when: they rest once `restAfterMs` has passed. */
  private readonly emptied = new Map<DocRoom, number>();
  private restTimer: NodeJS.Timeout | null = null;
  private readonly failedDocs = new Set<string>();
  /** Bytes of the stored documents not loaded, counted when the event's budget is first needed. */
  private unloadedBytes: number | null = null;

  constructor(
    readonly id: string,
    readonly store: Store,
    private readonly options: EventOptions,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {
    this.commits = new GroupCommit(id, store, metrics, log, (batch, lastSeq) => this.afterCommit(batch, lastSeq));
  }

  /** The loaded document, loading it from storage on first use. */
  room(name: DocName): DocRoom {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    if (this.failedDocs.has(name)) throw new DocumentUnavailableError(`document ${name} failed to load`);
    const room: DocRoom = new DocRoom(
      name,
      () => this.store.loadDoc(name),
      (update, origin) => {
        room.queued(update.length);
        const sender = room.members.has(origin as RoomMember) ? (origin as RoomMember) : null;
        this.commits.push({ room, update, origin: sender });
      },
    );
    try {
      room.load(this.store.loadDoc(name));
    } catch (error) {
      // NOTE: a document whose load failed is never written back: it stays unloaded and
      // refused, so nothing overwrites what might still be recovered from the file.
      this.failedDocs.add(name);
      room.destroy();
      this.log.error({ err: error, event: this.id, doc: name }, 'document failed to load');
      throw new DocumentUnavailableError(`document ${name} failed to load`);
    }
    if (this.unloadedBytes !== null) this.unloadedBytes -= room.bytes;
    this.rooms.set(name, room);
    return room;
  }

  /**
   * A member's update, read whole and checked against its room's document (see DocRoom.check) —
   * except in the bench's control run (no limits), which takes it unread (`unreadUpdate`).
   */
  check(room: DocRoom, update: Uint8Array): DecodedUpdate {
    const limits = this.options.limits;
    return limits ? room.check(update, limits.update) : unreadUpdate(update);
  }

  /**
   * Whether the room's document already holds everything in a checked update. The bench's
   * control run (no limits) has not read the update, so it never knows: it applies every one,
   * as the server did before issue 11.
   */
  holds(room: DocRoom, update: DecodedUpdate): boolean {
    return this.options.limits !== null && room.holds(update);
  }

  /**
   * Refuses, with UpdateOverLimit, a writer's checked update that would take its document past
   * the shape its layout allows (documentShape.ts), or the document or the event past its
   * budget in bytes. Changes the document already holds pass: a device re-sending them is not
   * growing anything.
   */
  admit(room: DocRoom, update: DecodedUpdate): void {
    const limits = this.options.limits;
    if (!limits) return;
    checkShape(update, room.doc, limits.update);
    const size = update.bytes.length;
    const { pendingStructs, pendingDs } = room.doc.store;
    const waiting = (pendingStructs?.update.length ?? 0) + (pendingDs?.length ?? 0);
    if (waiting + size > limits.update.maxPendingBytes && wouldWait(update, room.doc))
      throw new UpdateOverLimit(
        'too-much-waiting',
        `changes waiting for ones the server lacks may take at most ${limits.update.maxPendingBytes} bytes; send what they depend on first`,
      );
    const { maxDocumentBytes, maxEventBytes } = limits;
    if (room.measure(maxDocumentBytes - size) + size > maxDocumentBytes && !room.holds(update))
      throw new UpdateOverLimit(
        'document-budget',
        `${room.name} would pass its budget of ${maxDocumentBytes} bytes; change refused`,
      );
    if (this.measure(maxEventBytes - size) + size > maxEventBytes && !room.holds(update))
      throw new UpdateOverLimit(
        'event-budget',
        `the event would pass its budget of ${maxEventBytes} bytes; change refused`,
      );
  }

  /** What the event's documents take, loaded or not; each loaded one measured when the total passes `atMost`. */
  private measure(atMost: number): number {
    this.unloadedBytes ??= this.storedBytesOfUnloaded();
    let total = this.unloadedBytes;
    for (const room of this.rooms.values()) total += room.bytes;
    if (total <= atMost) return total;
    total = this.unloadedBytes;
    for (const room of this.rooms.values()) total += room.measure(0);
    return total;
  }

  /**
   * NOTE: reads every stored document not loaded, at the event's first write after it loads (a
   * few milliseconds for the largest real event; budgets bound it), then follows them as they load.
   */
  private storedBytesOfUnloaded(): number {
    let bytes = 0;
    for (const name of this.store.docNames()) if (!this.rooms.has(name)) bytes += storedBytes(this.store.loadDoc(name));
    return bytes;
  }

  /**
   * Applies a member's checked update to its room's live document. Returns false when Yjs threw
   * anyway: the room has then been dropped (`dropRoom`) and its members sent away.
   */
  apply(room: DocRoom, update: DecodedUpdate, origin: RoomMember): boolean {
    try {
      room.apply(update, origin);
      return true;
    } catch (error) {
      this.metrics.refusedMessages.inc({ reason: 'apply-failed' });
      this.log.error({ err: error, event: this.id, doc: room.name }, 'an update failed half-way; document reloaded');
      this.dropRoom(room);
      return false;
    }
  }

  /** Sends a member its room's committed state vector after the next commit. */
  confirmAfterCommit(member: RoomMember, room: DocRoom): void {
    this.commits.confirmAfterCommit(member, room);
  }

  /** A member answered a state vector (a sync step 2): its confirmations are spaced (GroupCommit.confirm). */
  answered(member: RoomMember): void {
    this.commits.answered(member);
  }

  get hasPending(): boolean {
    return this.commits.hasPending;
  }

  /** How many changes wait for their commit. */
  get pendingCount(): number {
    return this.commits.pendingCount;
  }

  /** Since when this event's commits fail on a full disk, or null. */
  get storageFullSince(): Date | null {
    return this.commits.storageFullSince;
  }

  /** Commits what is queued now; returns false when the commit failed (it is retried). */
  flush(): boolean {
    return this.commits.flush();
  }

  private afterCommit(batch: readonly QueuedUpdate[], lastSeq: number): void {
    for (const { room, update } of batch) room.logged(update.byteLength);
    // A room with changes still waiting is compacted once they are in: its snapshot would
    // have to be read back from storage meanwhile.
    for (const room of this.rooms.values()) {
      if (room.pending === 0 && room.dueForCompaction(this.options.compactAfterUpdates))
        this.compactRoom(room, lastSeq);
    }
    // A change made with nobody in the room (an import, an HTTP write) is committed: it may rest.
    this.settle();
    this.store.afterCommit();
    this.options.onCommit?.();
  }

  private compactRoom(room: DocRoom, uptoSeq: number): void {
    try {
      const state = room.encodedState();
      this.store.compact(room.name, state, uptoSeq, this.options.snapshotsKept);
      room.compacted(state.byteLength);
    } catch (error) {
      // A WAL at its bound: compacted after a later commit, once it has started over.
      if (error instanceof WalBusyError) return;
      this.log.error({ err: error, event: this.id, doc: room.name }, 'compaction failed; the log is kept');
    }
  }

  /** Commits what is pending and folds each document's log into a snapshot. */
  compactAll(): void {
    if (!this.flush()) return;
    const lastSeq = this.store.lastSeq();
    for (const room of this.rooms.values()) if (room.hasLog) this.compactRoom(room, lastSeq);
  }

  /**
   * Forgets a document whose apply threw half-way: its memory may hold part of a change, so
   * nothing of it still queued is committed, forwarded or confirmed. Its members are sent away
   * to resync (a device keeps what it sent as pending and sends it again), and the next one to
   * join loads the document from disk.
   */
  dropRoom(room: DocRoom): void {
    if (this.rooms.get(room.name) !== room) return;
    this.commits.discard(room);
    this.rooms.delete(room.name);
    this.emptied.delete(room);
    // What it takes on disk is counted again when the budget is next needed.
    this.unloadedBytes = null;
    for (const member of room.members)
      member.close(CloseCode.DOCUMENT_RELOADED, 'the server reloads this document; reconnect to catch up');
    room.destroy();
  }

  /** Adds a member to one of this event's rooms, waking the room if it rests. */
  join(member: RoomMember, room: DocRoom): void {
    room.wake();
    this.emptied.delete(room);
    room.members.add(member);
    this.members.add(member);
  }

  /**
   * Drops a member from its room and the event. A room its last member left rests
   * `restAfterMs` later, unless someone joins it meanwhile.
   *
   * NOTE: when a venue's Wi-Fi drops, every device leaves at once and comes back within seconds:
   * resting at once made the server encode each document as they left and apply it again for
   * the first to come back (60–70 ms for the large program; DocRoom's note), all at the moment
   * everyone reconnects. With ten stock writers returning every ~15 s, waking was 8 % of the
   * server's time (CPU profile, `bench -- --writers`).
   */
  leave(member: RoomMember, room: DocRoom): void {
    this.commits.forget(member);
    this.members.delete(member);
    room.members.delete(member);
    if (room.members.size > 0) return;
    this.emptied.set(room, Date.now());
    if (this.options.restAfterMs === 0) this.settle();
    else this.restTimer ??= setTimeout(() => this.restDue(), this.options.restAfterMs).unref();
  }

  /**
   * Rests the rooms whose wait is over, and waits for the next one to be. A room whose wait is
   * over but which a request holds rests when the request lets go (`settle`), not by polling.
   */
  private restDue(): void {
    this.restTimer = null;
    this.settle();
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const leftAt of this.emptied.values()) {
      const due = leftAt + this.options.restAfterMs;
      if (due > now) next = Math.min(next, due);
    }
    if (Number.isFinite(next)) this.restTimer = setTimeout(() => this.restDue(), next - now).unref();
  }

  /**
   * Lets every room nobody is in rest (DocRoom's note) — a room its last member left only once
   * `restAfterMs` has passed — when no request holds the event: a request may be reading or
   * writing a room's live document.
   */
  settle(): void {
    if (this.holders > 0) return;
    const now = Date.now();
    for (const room of this.rooms.values()) {
      if (room.members.size > 0) continue;
      const leftAt = this.emptied.get(room);
      if (leftAt !== undefined && now - leftAt < this.options.restAfterMs) continue;
      this.emptied.delete(room);
      room.rest();
    }
  }

  /** Releases all memory and the store. Callers flush (and back up) first. */
  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.restTimer) clearTimeout(this.restTimer);
    this.commits.cancel();
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
    this.store.close();
  }
}
