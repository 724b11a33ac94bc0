import { updateFrame } from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Metrics } from '../metrics.ts';
import type { EventStore } from '../storage/eventStore.ts';
import { isStorageFull, WalBusyError } from '../storage/storageErrors.ts';
import { type DocRoom, type RoomMember, SharedMessage } from './docRoom.ts';

/** A change applied in memory and waiting for the commit: its room, the update, who sent it. */
export interface QueuedUpdate {
  room: DocRoom;
  update: Uint8Array;
  origin: RoomMember | null;
}

const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 5_000;
/** A WAL waiting for its checkpoint is retried soon, and without counting as a failure. */
const WAL_BUSY_RETRY_MS = 20;
/** The most changes one transaction commits. */
export const MAX_BATCH_UPDATES = 256;
/** The most bytes of changes one transaction commits (a single larger change goes alone). */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** The least time between two confirmations to a member that answers them (see `confirm`). */
export const CONFIRM_SPACING_MS = 20;

/**
 * An event's group commit: queue, commit in bounded batches, retry, then confirm and forward.
 *
 * NOTE: "saved" follows the commit. Changes applied in memory queue here and are committed at
 * the next turn of the event loop, in order, in transactions of at most 256 changes and 1 MiB
 * — so a backlog that built up while the disk was full goes in as space returns, batch by
 * batch, rather than as one transaction too big for the space there is (1,058 waiting changes
 * on a full disk: freeing 4 MB committed none of them as one transaction). A failed commit
 * halves the batch and tries again at once, down to a single change; then it keeps the
 * changes and tries again with backoff (50 ms doubling to 5 s); nothing of them has left the
 * server. Only after its commit is a change forwarded to the other members of its room, and
 * each waiting member is sent its room's committed state vector (a sync step 1) whenever that
 * moved — so a state vector this server sends never covers an uncommitted change, and the
 * part of a backlog that did commit is confirmed and forwarded while the rest waits.
 */
export class GroupCommit {
  private queue: QueuedUpdate[] = [];
  /** Members to send their room's committed state vector, and the room version they were last sent. */
  private readonly awaiting = new Map<RoomMember, { room: DocRoom; sentVersion: number }>();
  /** Members that answer confirmations, and when they were last sent one. */
  private readonly answering = new Map<RoomMember, number>();
  /** The confirmations held back by `CONFIRM_SPACING_MS`, sent when it has passed. */
  private spaced: NodeJS.Timeout | null = null;
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private retryMs = 0;
  private batchLimit = MAX_BATCH_UPDATES;
  /** Since when commits fail because the disk is full; null while they succeed. */
  private fullSince: Date | null = null;

  constructor(
    private readonly eventId: string,
    private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    /** After each committed batch, once it is forwarded: the caller's upkeep. */
    private readonly afterCommit: (batch: readonly QueuedUpdate[], lastSeq: number) => void,
  ) {}

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  /** How many changes wait for their commit. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /** Since when this event's commits fail on a full disk, or null. */
  get storageFullSince(): Date | null {
    return this.fullSince;
  }

  push(entry: QueuedUpdate): void {
    this.queue.push(entry);
    this.schedule();
  }

  /** Sends a member its room's committed state vector after the next commit. */
  confirmAfterCommit(member: RoomMember, room: DocRoom): void {
    this.awaiting.set(member, { room, sentVersion: -1 });
    this.schedule();
  }

  /**
   * A member answered a state vector with what it holds beyond it (a sync step 2): it will
   * answer each confirmation so, and each answer costs it an encoding of its document.
   */
  answered(member: RoomMember): void {
    if (!this.answering.has(member)) this.answering.set(member, Number.NEGATIVE_INFINITY);
  }

  /** A member left: nothing more is sent to it. */
  forget(member: RoomMember): void {
    this.awaiting.delete(member);
    this.answering.delete(member);
  }

  /** Drops a room's queued changes and its members' confirmations: nothing of them is saved. */
  discard(room: DocRoom): void {
    this.queue = this.queue.filter((q) => q.room !== room);
    for (const member of room.members) this.awaiting.delete(member);
  }

  /**
   * Commits everything queued, batch by batch, forwarding each batch once it is committed;
   * then confirms. Returns false when a commit failed (a retry is scheduled; what committed
   * before it is forwarded and confirmed, the rest is not).
   */
  flush(): boolean {
    this.cancel();
    let committedAny = false;
    while (this.queue.length > 0) {
      const batch = this.nextBatch();
      const outcome = this.commit(batch);
      if (outcome === 'smaller') continue;
      // NOTE: a WAL at its bound is retried in a few milliseconds, and confirming before then
      // what did not move would answer from a copy of the committed state read back from
      // storage (DocRoom.served): ~1 s of the server's time in a minute of ten stock writers.
      if (outcome === 'busy') {
        if (committedAny) this.confirm();
        return false;
      }
      if (outcome === 'failed') {
        this.confirm();
        return false;
      }
      committedAny = true;
      this.queue.splice(0, batch.length);
      for (const { room, update } of batch) room.committed(update);
      this.forward(batch);
      this.afterCommit(batch, outcome);
    }
    this.confirm();
    return true;
  }

  /** Stops the scheduled flush or retry (the event is closing). */
  cancel(): void {
    if (this.spaced !== null) clearTimeout(this.spaced);
    this.spaced = null;
    if (this.scheduled === null) return;
    clearTimeout(this.scheduled as NodeJS.Timeout);
    clearImmediate(this.scheduled as NodeJS.Immediate);
    this.scheduled = null;
  }

  private schedule(): void {
    if (this.scheduled !== null) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      this.flush();
    });
  }

  private retryIn(ms: number): void {
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      this.flush();
    }, ms);
  }

  /** The oldest queued changes, up to the batch limits (at least one). */
  private nextBatch(): QueuedUpdate[] {
    let bytes = 0;
    let end = 0;
    while (end < this.queue.length && end < this.batchLimit) {
      const size = (this.queue[end] as QueuedUpdate).update.byteLength;
      if (end > 0 && bytes + size > MAX_BATCH_BYTES) break;
      bytes += size;
      end++;
    }
    return this.queue.slice(0, end);
  }

  /**
   * Commits one batch: its last sequence number; `smaller` when it failed and a smaller batch
   * is worth trying at once; `failed` when a retry is set; `busy` when the WAL waits for its
   * checkpoint (a retry is set, soon).
   */
  private commit(batch: readonly QueuedUpdate[]): number | 'smaller' | 'failed' | 'busy' {
    const started = process.hrtime.bigint();
    try {
      const lastSeq = this.store.append(batch.map((q) => ({ doc: q.room.name, data: q.update })));
      this.committed(batch.length, started);
      return lastSeq;
    } catch (error) {
      if (error instanceof WalBusyError) {
        // Not a failure: the WAL is at its bound and its checkpoint is still running.
        this.retryIn(WAL_BUSY_RETRY_MS);
        return 'busy';
      }
      this.metrics.commitFailures.inc();
      if (isStorageFull(error)) this.fullSince ??= new Date();
      if (batch.length > 1) {
        // A smaller batch may fit in what space there is.
        this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
        return 'smaller';
      }
      this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
      this.log.error(
        {
          err: error,
          event: this.eventId,
          retryInMs: this.retryMs,
          waiting: this.queue.length,
          storageFull: this.fullSince !== null,
        },
        'commit failed; changes kept in memory, not confirmed',
      );
      this.retryIn(this.retryMs);
      return 'failed';
    }
  }

  private committed(count: number, started: bigint): void {
    if (this.fullSince) this.log.info({ event: this.eventId, waiting: this.queue.length }, 'commits succeed again');
    this.fullSince = null;
    this.retryMs = 0;
    this.batchLimit = Math.min(MAX_BATCH_UPDATES, this.batchLimit * 2);
    this.metrics.commitSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    this.metrics.commits.inc();
    this.metrics.committedUpdates.inc(count);
  }

  /**
   * NOTE: each room's committed changes go to each of its members as one write, and each change
   * is encoded once for every member (a thousand phones on the live document: one frame, a
   * thousand writes of the same buffer; issue 19). A member gets all but its own changes.
   */
  private forward(batch: readonly QueuedUpdate[]): void {
    const byRoom = new Map<DocRoom, QueuedUpdate[]>();
    for (const queued of batch) {
      const changes = byRoom.get(queued.room);
      if (changes) changes.push(queued);
      else byRoom.set(queued.room, [queued]);
    }
    for (const [room, changes] of byRoom) {
      const messages = changes.map((q) => new SharedMessage(updateFrame(q.update)));
      const senders = new Set(changes.map((q) => q.origin));
      for (const member of room.members) {
        if (!senders.has(member)) member.sendAll(messages);
        else if (changes.length > 1) member.sendAll(messages.filter((_, i) => changes[i]?.origin !== member));
      }
    }
  }

  /**
   * Sends each waiting member its room's committed state vector if it moved since they were
   * last sent it; a member stays waiting while its room still has changes to commit.
   *
   * NOTE: a member that answers confirmations (a stock provider, and our writing clients) is
   * sent at most one per `CONFIRM_SPACING_MS`; one held back goes when the time has passed,
   * with the state vector committed by then, which covers everything it would have. Each
   * answer costs the device an encoding of its document's whole delete set and the server a
   * reading of it: with ten stock writers each sent a confirmation at every commit, those
   * answers held the server to 0.5× the reference's writes per second, falling with each turn
   * as the documents grew, against 0.9× with no confirmations at all (`bench -- --writers`).
   * A judge or organiser tapping slower than that is confirmed at the commit, as before.
   */
  private confirm(): void {
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [member, waiting] of this.awaiting) {
      const { room } = waiting;
      if (waiting.sentVersion !== room.committedVersion) {
        const lastSent = this.answering.get(member);
        if (lastSent !== undefined && now - lastSent < CONFIRM_SPACING_MS) {
          next = Math.min(next, lastSent + CONFIRM_SPACING_MS);
          continue;
        }
        try {
          member.send(room.step1());
        } catch (error) {
          // The committed copy could not be read back: the member waits for the next commit.
          this.log.error({ err: error, event: this.eventId, doc: room.name }, 'committed state could not be read');
          continue;
        }
        waiting.sentVersion = room.committedVersion;
        if (lastSent !== undefined) this.answering.set(member, now);
      }
      if (room.pending === 0) this.awaiting.delete(member);
    }
    if (next !== Number.POSITIVE_INFINITY && this.spaced === null)
      this.spaced = setTimeout(
        () => {
          this.spaced = null;
          // Changes waiting for their commit are confirmed by it, at the end of this turn.
          if (this.queue.length === 0) this.confirm();
        },
        Math.max(1, next - now),
      );
  }
}
