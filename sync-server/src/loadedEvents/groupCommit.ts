import { updateFrame } from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Metrics } from '../metrics.ts';
import type { EventStore } from '../storage/eventStore.ts';
import type { DocRoom, RoomMember } from './docRoom.ts';

/** A change applied in memory and waiting for the commit: its room, the update, who sent it. */
export interface QueuedUpdate {
  room: DocRoom;
  update: Uint8Array;
  origin: RoomMember | null;
}

const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 5_000;

/**
 * An event's group commit: queue, commit, retry, then confirm and forward.
 *
 * NOTE: "saved" follows the commit. Changes applied in memory queue here and are committed
 * together, in one transaction, at the next turn of the event loop. A failed commit keeps
 * them and tries again with backoff (50 ms doubling to 5 s); nothing of them has left the
 * server. Only after a commit are they forwarded to the other members of their room and
 * confirmed — each waiting member gets its room's state vector as a sync step 1 — so a state
 * vector this server sends never covers an uncommitted change.
 */
export class GroupCommit {
  private queue: QueuedUpdate[] = [];
  /** Members to send the committed state vector after the next commit, with their room. */
  private readonly awaiting = new Map<RoomMember, DocRoom>();
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private retryMs = 0;

  constructor(
    private readonly eventId: string,
    private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    /** After each commit, once it is forwarded and confirmed: the caller's upkeep. */
    private readonly afterCommit: (batch: readonly QueuedUpdate[], lastSeq: number) => void,
  ) {}

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  push(entry: QueuedUpdate): void {
    this.queue.push(entry);
    this.schedule();
  }

  /** Sends a member its room's committed state vector after the next commit. */
  confirmAfterCommit(member: RoomMember, room: DocRoom): void {
    this.awaiting.set(member, room);
    this.schedule();
  }

  /** A member left: nothing more is sent to it. */
  forget(member: RoomMember): void {
    this.awaiting.delete(member);
  }

  /** Drops a room's queued changes and its members' confirmations: nothing of them is saved. */
  discard(room: DocRoom): void {
    this.queue = this.queue.filter((q) => q.room !== room);
    for (const member of room.members) this.awaiting.delete(member);
  }

  /**
   * Commits everything queued in one transaction, then forwards and confirms; returns false
   * when the commit failed (a retry is scheduled and nothing is sent).
   */
  flush(): boolean {
    this.cancel();
    // NOTE: the whole queue is one batch. Committing in bounded batches (so that progress
    // resumes as space returns on a full disk) changes this line and the confirmation, which
    // must then cover only the batches committed.
    const batch = this.queue;
    if (batch.length > 0) {
      const lastSeq = this.commit(batch);
      if (lastSeq === null) return false;
      this.queue = [];
      this.forward(batch);
      this.confirm();
      this.afterCommit(batch, lastSeq);
    } else {
      this.confirm();
    }
    return true;
  }

  /** Stops the scheduled flush or retry (the event is closing). */
  cancel(): void {
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

  private commit(batch: readonly QueuedUpdate[]): number | null {
    const started = process.hrtime.bigint();
    try {
      const lastSeq = this.store.append(batch.map((q) => ({ doc: q.room.name, data: q.update })));
      this.retryMs = 0;
      this.metrics.commitSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.metrics.commits.inc();
      this.metrics.committedUpdates.inc(batch.length);
      return lastSeq;
    } catch (error) {
      this.metrics.commitFailures.inc();
      this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
      this.log.error(
        { err: error, event: this.eventId, retryInMs: this.retryMs },
        'commit failed; changes kept in memory',
      );
      this.scheduled = setTimeout(() => {
        this.scheduled = null;
        this.flush();
      }, this.retryMs);
      return null;
    }
  }

  private forward(batch: readonly QueuedUpdate[]): void {
    for (const { room, update, origin } of batch) {
      const message = updateFrame(update);
      for (const member of room.members) if (member !== origin) member.send(message);
    }
  }

  private confirm(): void {
    for (const [member, room] of this.awaiting) member.send(room.step1());
    this.awaiting.clear();
  }
}
