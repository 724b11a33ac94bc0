import { CloseCode, isFinalCloseCode, SYNC_PATH, updateFrame } from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { DocRoom, RoomMember, SharedMessage } from '../loadedEvents/docRoom.ts';
import type { LoadedEvent } from '../loadedEvents/loadedEvent.ts';
import { parseClientMessage } from '../sync/messages.ts';

/** Where a document's cloud copy is, and the credential to reach it. */
export interface CloudTarget {
  cloudUrl: string;
  eventId: string;
  token: string;
}

/** What a link tells the event that follows: the cloud spoke, or refused for good. */
export interface DocLinkEvents {
  heard(): void;
  refused(code: number, reason: string): void;
  /** The venue's room dropped the link (its document was reloaded): make a new one. */
  detached(link: DocLink): void;
}

/**
 * NOTE: changes from the venue's devices go up merged, at most one message per document per
 * interval: a venue relays a whole floor through one token, and the cloud's per-token rate
 * limit (200 messages/s by default) must not see a message per mark. The first change after a
 * quiet interval goes at once (bench:venue measured a fixed 50 ms wait as most of the
 * venue → cloud latency).
 */
const FORWARD_INTERVAL_MS = 50;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** A cloud that answers no ping for this long is gone (a cut cable closes nothing). */
const PING_MS = 10_000;

/**
 * One document of a followed event, kept in step with the cloud: the venue server is a Yjs peer
 * of the cloud, speaking the very protocol devices speak.
 *
 * In the venue it is a member of the document's room, so it hears every change its devices make
 * once the venue has committed it, and forwards it up. Towards the cloud it is a WebSocket
 * client: on each connect it sends the venue's committed state vector and the cloud answers
 * with only what the venue lacks; the cloud sends its own state vector, and the link answers
 * with only what the cloud lacks — so after a cut both sides resume by state vector, nothing
 * is sent twice, and Yjs drops whatever arrives twice anyway. What comes down is applied to the
 * venue's room like a device's change: checked, committed before the venue confirms or forwards
 * it to its devices, and never echoed back up.
 */
export class DocLink implements RoomMember {
  /** The cloud's committed state vector, as it last sent it; null before it ever did. */
  private cloudState: Map<number, number> | null = null;
  private socket: WebSocket | null = null;
  private outbox: Uint8Array[] = [];
  private forwardTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private retryMs = 0;
  private awaitingPong = false;
  /** Whether the cloud's first state vector since this connect was answered. */
  private handshakeDone = false;
  private stopped = false;

  constructor(
    private readonly event: LoadedEvent,
    readonly room: DocRoom,
    private readonly target: CloudTarget,
    private readonly log: Logger,
    private readonly events: DocLinkEvents,
  ) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.event.join(this, this.room);
    this.connect();
  }

  /**
   * The cloud answered something else (an exchange round): a link waiting for its next retry
   * tries now, so a long cut does not cost the backoff's last wait once the link works again.
   */
  retryNow(): void {
    if (this.stopped || this.socket || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.event.leave(this, this.room);
    this.socket?.close(1000, 'the venue stops following');
    this.socket = null;
  }

  /**
   * Changes this venue holds that the cloud has not confirmed: for each writer, the clock the
   * venue has past the one the cloud said it has. Until the cloud has said anything since this
   * venue started, everything the document holds counts (an upper bound, never an
   * understatement).
   */
  waiting(): number {
    let waiting = 0;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.room.doc)))
      waiting += Math.max(0, clock - (this.cloudState?.get(client) ?? 0));
    return waiting;
  }

  // --- the venue's side: a member of the room --------------------------------------------

  /** What the venue's room sends its members: committed changes of its devices go up. */
  /** Committed changes forwarded to the link: each taken as `send` takes it. */
  sendAll(messages: readonly SharedMessage[]): void {
    for (const { message } of messages) this.send(message);
  }

  send(message: Uint8Array): void {
    let parsed: ReturnType<typeof parseClientMessage>;
    try {
      parsed = parseClientMessage(message);
    } catch {
      return;
    }
    if (parsed.kind !== 'update') return;
    this.outbox.push(parsed.update);
    if (!this.forwardTimer) this.forward();
  }

  close(code: number, reason: string): void {
    this.log.warn(
      { event: this.target.eventId, doc: this.room.name, code, reason },
      'venue room dropped its cloud link',
    );
    this.stop();
    this.events.detached(this);
  }

  /**
   * Sends what waits at once, then holds what comes next for the interval and sends it merged:
   * a lone mark goes up without delay, a burst as one message per interval.
   */
  private forward(): void {
    const updates = this.outbox;
    this.outbox = [];
    // Not connected: the next connect's state vectors carry it all.
    if (!this.connected || updates.length === 0) return;
    this.socket?.send(updateFrame(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)));
    this.forwardTimer = setTimeout(() => {
      this.forwardTimer = null;
      this.forward();
    }, FORWARD_INTERVAL_MS);
  }

  // --- the cloud's side: a WebSocket client -----------------------------------------------

  private connect(): void {
    if (this.stopped) return;
    const { cloudUrl, eventId, token } = this.target;
    const url = `${cloudUrl.replace(/^http/, 'ws')}${SYNC_PATH}/${eventId}/${this.room.name}?token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket = socket;
    socket.binaryType = 'nodebuffer';
    this.handshakeDone = false;
    socket.on('open', () => {
      this.retryMs = 0;
      this.events.heard();
      // What the venue has committed: the cloud answers with only what it lacks.
      socket.send(this.room.step1());
      this.pingTimer = setInterval(() => this.ping(socket), PING_MS);
    });
    socket.on('message', (data: Buffer) => {
      this.events.heard();
      try {
        this.receive(socket, data);
      } catch (error) {
        this.log.error({ err: error, event: eventId, doc: this.room.name }, 'a message from the cloud failed');
      }
    });
    socket.on('pong', () => {
      this.awaitingPong = false;
    });
    socket.on('error', (error) =>
      this.log.debug({ err: error, event: eventId, doc: this.room.name }, 'cloud link error'),
    );
    socket.on('close', (code: number, reason: Buffer) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      if (this.stopped) return;
      if (isFinalCloseCode(code)) {
        this.events.refused(code, reason.toString() || 'the cloud refused the venue credential');
        return;
      }
      this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
      // Jitter, so a venue's many links do not all knock at once when the cloud comes back.
      this.retryTimer = setTimeout(
        () => {
          this.retryTimer = null;
          this.connect();
        },
        this.retryMs * (0.5 + Math.random() / 2),
      );
    });
  }

  private ping(socket: WebSocket): void {
    if (this.awaitingPong) {
      socket.terminate();
      return;
    }
    this.awaitingPong = true;
    socket.ping();
  }

  private receive(socket: WebSocket, data: Buffer): void {
    let message: ReturnType<typeof parseClientMessage>;
    try {
      message = parseClientMessage(data);
    } catch (error) {
      // The cloud's permission-denied frame is not one a device sends; nothing else is expected.
      this.log.warn(
        { event: this.target.eventId, doc: this.room.name, reason: (error as Error).message },
        'the cloud sent a frame the venue does not read',
      );
      return;
    }
    switch (message.kind) {
      case 'sync-step1': {
        // The cloud's committed state: it confirms what went up. The first one since the connect
        // is its handshake, answered with what it lacks; after it, changes go up as they commit.
        this.cloudState = Y.decodeStateVector(message.stateVector);
        if (this.handshakeDone) return;
        this.handshakeDone = true;
        if (this.waiting() > 0) socket.send(this.room.step2For(message.stateVector));
        return;
      }
      case 'update':
        this.applyFromCloud(message.update);
        return;
      default:
        return;
    }
  }

  /** A change from the cloud, taken like a device's: checked, applied, committed, then forwarded. */
  private applyFromCloud(update: Uint8Array): void {
    try {
      const decoded = this.event.check(this.room, update);
      if (this.event.holds(this.room, decoded)) return;
      this.event.admit(this.room, decoded);
      this.event.apply(this.room, decoded, this);
    } catch (error) {
      this.log.error(
        { err: error, event: this.target.eventId, doc: this.room.name },
        'a change from the cloud was refused here; the link resyncs',
      );
      this.socket?.close(CloseCode.DOCUMENT_RELOADED, 'the venue refused a change');
    }
  }

  private clearTimers(): void {
    for (const timer of [this.forwardTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.forwardTimer = this.retryTimer = this.pingTimer = null;
  }
}
