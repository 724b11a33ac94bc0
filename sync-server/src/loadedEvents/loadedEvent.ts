import type { DocName } from '@ondeck/shared';
import { CloseCode, updateFrame } from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Metrics } from '../metrics.ts';
import type { EventDatabase } from '../storage/eventDatabase.ts';
import type { PendingRow } from '../storage/eventStore.ts';
import { DocRoom, LOAD_ORIGIN, type RoomMember } from './docRoom.ts';

interface Queued {
  room: DocRoom;
  update: Uint8Array;
  origin: RoomMember | null;
}

export interface EventOptions {
  compactAfterUpdates: number;
  snapshotsKept: number;
  /** Called after each successful group commit. */
  onCommit?: () => void;
}

export class DocumentUnavailableError extends Error {}

const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 5_000;

/**
 * An event held in memory: its database, its loaded documents and the commit queue.
 *
 * NOTE: "saved" follows the commit. Changes are applied in memory at once, queued, and
 * committed together at the next turn of the event loop (group commit); only after that
 * commit are they sent to other devices and confirmed to their writers, with the document's
 * state vector as a sync step 1. A state vector this server sends never covers an
 * uncommitted change.
 */
export class LoadedEvent {
  readonly rooms = new Map<string, DocRoom>();
  readonly members = new Set<RoomMember>();
  /** HTTP requests using the event right now; it is not idle while they run. */
  holders = 0;
  idleTimer: NodeJS.Timeout | null = null;

  private queue: Queued[] = [];
  /** Members to send the committed state vector after the next commit, with their room. */
  private readonly awaiting = new Map<RoomMember, DocRoom>();
  private flushHandle: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private retryMs = 0;
  private readonly failedDocs = new Set<string>();

  constructor(
    readonly id: string,
    readonly db: EventDatabase,
    private readonly options: EventOptions,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {}

  /** The loaded document, loading it from storage on first use. */
  room(name: DocName): DocRoom {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    if (this.failedDocs.has(name)) throw new DocumentUnavailableError(`document ${name} failed to load`);
    const room = new DocRoom(name);
    try {
      room.load(this.db.loadDoc(name));
    } catch (error) {
      // NOTE: a document whose load failed is never written back: it stays unloaded and
      // refused, so nothing overwrites what might still be recovered from the file.
      this.failedDocs.add(name);
      room.destroy();
      this.log.error({ err: error, event: this.id, doc: name }, 'document failed to load');
      throw new DocumentUnavailableError(`document ${name} failed to load`);
    }
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return;
      room.changed();
      this.queue.push({ room, update, origin: room.members.has(origin as RoomMember) ? (origin as RoomMember) : null });
      this.scheduleFlush();
    });
    this.rooms.set(name, room);
    return room;
  }

  /** Sends a member its room's committed state vector after the next commit. */
  confirmAfterCommit(member: RoomMember, room: DocRoom): void {
    this.awaiting.set(member, room);
    this.scheduleFlush();
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  private scheduleFlush(): void {
    if (this.flushHandle !== null) return;
    this.flushHandle = setImmediate(() => {
      this.flushHandle = null;
      this.flush();
    });
  }

  /** Commits everything queued in one transaction; returns false when the commit failed. */
  flush(): boolean {
    if (this.flushHandle !== null) {
      clearTimeout(this.flushHandle as NodeJS.Timeout);
      clearImmediate(this.flushHandle as NodeJS.Immediate);
      this.flushHandle = null;
    }
    const batch = this.queue;
    if (batch.length > 0) {
      const rows: PendingRow[] = batch.map((q) => ({ doc: q.room.name, data: q.update }));
      const started = process.hrtime.bigint();
      let lastSeq: number;
      try {
        lastSeq = this.db.append(rows);
      } catch (error) {
        this.metrics.commitFailures.inc();
        this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
        this.log.error(
          { err: error, event: this.id, retryInMs: this.retryMs },
          'commit failed; changes kept in memory',
        );
        this.flushHandle = setTimeout(() => {
          this.flushHandle = null;
          this.flush();
        }, this.retryMs);
        return false;
      }
      this.retryMs = 0;
      this.queue = [];
      this.metrics.commitSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.metrics.commits.inc();
      this.metrics.committedUpdates.inc(batch.length);
      this.options.onCommit?.();
      for (const { room, update, origin } of batch) {
        room.updatesSinceSnapshot++;
        const message = updateFrame(update);
        for (const member of room.members) if (member !== origin) member.send(message);
      }
      this.compactIfDue(lastSeq);
      this.db.afterCommit();
    }
    for (const [member, room] of this.awaiting) member.send(room.step1());
    this.awaiting.clear();
    return true;
  }

  private compactIfDue(lastSeq: number): void {
    for (const room of this.rooms.values()) {
      if (room.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.compactRoom(room, lastSeq);
    }
  }

  private compactRoom(room: DocRoom, uptoSeq: number): void {
    try {
      this.db.compact(room.name, room.encodedState(), uptoSeq, this.options.snapshotsKept);
      room.updatesSinceSnapshot = 0;
    } catch (error) {
      this.log.error({ err: error, event: this.id, doc: room.name }, 'compaction failed; the log is kept');
    }
  }

  /** Commits what is pending and folds each document's log into a snapshot. */
  compactAll(): void {
    if (!this.flush()) return;
    const lastSeq = this.db.lastSeq();
    for (const room of this.rooms.values()) if (room.updatesSinceSnapshot > 0) this.compactRoom(room, lastSeq);
  }

  /**
   * Forgets a document whose apply threw half-way: its memory may hold part of a change, so
   * nothing of it still queued is committed, forwarded or confirmed. Its members are sent away
   * to resync (a device keeps what it sent as pending and sends it again), and the next one to
   * join loads the document from disk.
   */
  dropRoom(room: DocRoom): void {
    if (this.rooms.get(room.name) !== room) return;
    this.queue = this.queue.filter((q) => q.room !== room);
    this.rooms.delete(room.name);
    for (const member of room.members) {
      this.awaiting.delete(member);
      member.close(CloseCode.DOCUMENT_RELOADED, 'the server reloads this document; reconnect to catch up');
    }
    room.destroy();
  }

  /** Adds a member to one of this event's rooms. */
  join(member: RoomMember, room: DocRoom): void {
    room.members.add(member);
    this.members.add(member);
  }

  /** Drops a member from its room and the event. */
  leave(member: RoomMember, room: DocRoom): void {
    this.awaiting.delete(member);
    this.members.delete(member);
    room.members.delete(member);
  }

  /** Releases all memory and the file. Callers flush (and back up) first. */
  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
    this.db.close();
  }
}
