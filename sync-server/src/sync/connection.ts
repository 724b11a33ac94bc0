import type { Duplex } from 'node:stream';
import { type Access, CloseCode, type DocName, type Role } from '@ondeck/shared';
import type { WebSocket } from 'ws';
import type { DocRoom, RoomMember, SharedMessage } from '../loadedEvents/docRoom.ts';
import type { LoadedEvent } from '../loadedEvents/loadedEvent.ts';
import type { Metrics } from '../metrics.ts';
import { KEEPALIVE_MESSAGE } from './messages.ts';
import { type SharedBucket, TokenBucket } from './rateLimit.ts';
import { binaryFrame } from './wsFrame.ts';

/** A shared message as a WebSocket frame, framed by the first connection that sends it. */
function frameOf(message: SharedMessage): Uint8Array {
  message.encoded ??= binaryFrame(message.message);
  return message.encoded;
}

/** Who is on the other end, from their token, and what they may do with the document. */
export interface Admission {
  role: Role;
  personId?: string;
  inviteId: string;
  access: Access;
  /** When the token expires (seconds since the epoch): the connection is closed then. */
  expiresAt: number;
}

/** A connection in its document's room. */
export interface Membership {
  admission: Admission;
  event: LoadedEvent;
  room: DocRoom;
}

/**
 * Where a connection is in its life. Only `Connection` moves it on: authenticating → loading →
 * joined, and to closing from any of them.
 */
export type ConnectionState =
  /** Its token is being checked; what it sends waits. */
  | { phase: 'authenticating'; early: Uint8Array[] | null }
  /** Let in; its event and document are loading; what it sends waits. */
  | { phase: 'loading'; admission: Admission; early: Uint8Array[] | null }
  /** In its document's room: what it sends is handled. */
  | ({ phase: 'joined' } & Membership)
  /** Sent away, or gone: nothing more is handled. It leaves its room once its socket has closed. */
  | { phase: 'closing'; admission: Admission | null; membership: Membership | null };

export interface ConnectionLimits {
  /** Sustained messages per second, and the burst allowed above that. */
  perSecond: number;
  burst: number;
  /** A socket with this much still waiting to be sent is dropped (it resyncs). */
  maxBufferedBytes: number;
}

/**
 * One WebSocket syncing one document, and the one owner of its state.
 *
 * NOTE: kept deliberately small — a venue can hold a thousand idle phones, and each
 * connection's memory counts. Optional state (messages waiting for authentication) is
 * allocated only when used.
 */
export class Connection implements RoomMember {
  private current: ConnectionState = { phase: 'authenticating', early: null };
  /** Set by a pong; cleared at each heartbeat. */
  private alive = true;
  private lastSentAt = Date.now();
  private readonly rate: TokenBucket;
  /** Its token's bucket, shared with the token's other connections, once the token is accepted. */
  private tokenRate: SharedBucket | null = null;
  /** Whether it was sent the refusal of a change for read-only access: it is sent once. */
  toldReadOnly = false;
  /** Messages waiting their turn once it has joined (`backlog`); null when none wait. */
  private waiting: Uint8Array[] | null = null;

  constructor(
    private readonly ws: WebSocket,
    /** The socket under `ws`, for frames encoded once for many connections (`sendAll`). */
    private readonly socket: Duplex,
    readonly eventId: string,
    readonly docName: DocName,
    private readonly limit: ConnectionLimits,
    private readonly metrics: Metrics,
  ) {
    this.rate = new TokenBucket(limit.perSecond, limit.burst);
  }

  get state(): Readonly<ConnectionState> {
    return this.current;
  }

  /** Who is on the other end, once their token was accepted. */
  get admission(): Admission | null {
    const state = this.current;
    return state.phase === 'authenticating' ? null : state.admission;
  }

  /** Its room, while it is joined. */
  get membership(): Membership | null {
    return this.current.phase === 'joined' ? this.current : null;
  }

  /**
   * The token was accepted: authenticating → loading; its messages now count against the
   * token's bucket too. False when the connection is closing — also when what it sent while
   * its token was checked passed the token's allowance (it is then closed as rate-limited).
   */
  admit(admission: Admission, tokenRate: SharedBucket | null): boolean {
    const state = this.current;
    if (state.phase !== 'authenticating') return false;
    this.tokenRate = tokenRate;
    this.current = { phase: 'loading', admission, early: state.early };
    if (!tokenRate) return true;
    tokenRate.connections++;
    // What it sent while its token was checked counts against the token too.
    let within = true;
    for (const message of state.early ?? []) within = tokenRate.spend(message.length) && within;
    if (within) return true;
    this.metrics.refusedMessages.inc({ reason: 'token-rate' });
    this.close(CloseCode.RATE_LIMITED, 'too many messages on this token; slow down');
    return false;
  }

  /**
   * In its room: loading → joined. What it sent while it waited becomes its backlog, handled
   * one message per turn (`next`). False when the connection is closing.
   */
  join(event: LoadedEvent, room: DocRoom): boolean {
    const state = this.current;
    if (state.phase !== 'loading') return false;
    this.current = { phase: 'joined', admission: state.admission, event, room };
    if (state.early?.length) this.backlog(state.early);
    return true;
  }

  /**
   * Keeps a message to handle later, in order: while the connection authenticates or loads, and
   * once it has joined while earlier ones wait their turn. False when it can be handled now (or
   * never: the connection is closing).
   */
  hold(message: Uint8Array): boolean {
    const state = this.current;
    if (state.phase === 'authenticating' || state.phase === 'loading') {
      state.early ??= [];
      state.early.push(message);
      return true;
    }
    if (state.phase !== 'joined' || !this.waiting) return false;
    this.waiting.push(message);
    return true;
  }

  /**
   * Makes these messages its backlog and stops reading its socket until they are handled: what
   * it sends meanwhile waits in the kernel (TCP pushes back on the sender), costing no CPU.
   */
  backlog(messages: Uint8Array[]): void {
    this.waiting = messages;
    this.ws.pause();
  }

  /** Whether messages wait their turn. */
  get hasBacklog(): boolean {
    return this.waiting !== null;
  }

  /** Its oldest waiting message; when none is left, reading its socket resumes and it is null. */
  next(): Uint8Array | null {
    const message = this.waiting?.shift();
    if (message) return message;
    this.waiting = null;
    this.ws.resume();
    return null;
  }

  /** Handling one of its messages took `ms`: its token pays for it out of its share of the event loop. */
  charge(ms: number): void {
    this.tokenRate?.cpu.spend(ms);
  }

  /** What its token's share is kept under: its token's allowance, shared by its connections. */
  get tokenKey(): unknown {
    return this.tokenRate ?? this;
  }

  /** How long its token must wait before its next message is handled (0: now). */
  get waitMs(): number {
    return this.tokenRate?.cpu.waitMs() ?? 0;
  }

  /** Sends it away with a close code: any phase → closing. */
  close(code: number, reason: string): void {
    this.toClosing();
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close(code, reason.slice(0, 120));
  }

  /** Drops the socket without a close handshake (a dead peer, or shutdown's end). */
  terminate(): void {
    this.toClosing();
    this.ws.terminate();
  }

  /** Its socket has closed: returns the room it must leave, once; null when it never joined (or has already left). */
  closed(): Membership | null {
    this.toClosing();
    const state = this.current as Extract<ConnectionState, { phase: 'closing' }>;
    const { membership } = state;
    if (!membership) return null;
    state.membership = null;
    return membership;
  }

  private toClosing(): void {
    const state = this.current;
    if (state.phase === 'closing') return;
    if (this.waiting) {
      // What waits is dropped; its socket is read again, so the close handshake can finish.
      this.waiting = null;
      this.ws.resume();
    }
    if (this.tokenRate) this.tokenRate.connections--;
    const admission = state.phase === 'authenticating' ? null : state.admission;
    const membership =
      state.phase === 'joined' ? { admission: state.admission, event: state.event, room: state.room } : null;
    this.current = { phase: 'closing', admission, membership };
  }

  send(message: Uint8Array): void {
    if (!this.writable()) return;
    this.ws.send(message);
  }

  /**
   * NOTE: framed here once per message for every member, and written straight to the socket,
   * corked so that several go as one write: what `ws.send` does per message and per socket
   * (a header, two writes) is what a fan-out to a thousand phones spent its time on (issue 19).
   * Safe beside `ws.send` because without compression ws writes each message at once, in order.
   */
  sendAll(messages: readonly SharedMessage[]): void {
    if (messages.length === 0 || !this.writable()) return;
    if (messages.length === 1) {
      this.socket.write(frameOf(messages[0] as SharedMessage));
      return;
    }
    this.socket.cork();
    for (const message of messages) this.socket.write(frameOf(message));
    this.socket.uncork();
  }

  /** Whether a message may be sent now; a socket too far behind is closed instead. */
  private writable(): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    // NOTE: the cap is on what already waits, not on this message: a whole-document sync larger
    // than the cap must still reach a client that keeps up, or it could never catch up.
    if (this.ws.bufferedAmount > this.limit.maxBufferedBytes) {
      this.metrics.refusedMessages.inc({ reason: 'slow-client' });
      this.close(CloseCode.SLOW_CLIENT, 'the connection fell too far behind; reconnect to catch up');
      return false;
    }
    this.lastSentAt = Date.now();
    return true;
  }

  ponged(): void {
    this.alive = true;
  }

  /**
   * Each heartbeat: a socket that did not answer the last ping is dropped; the others are
   * pinged, and a joined one that has heard nothing since `idleBefore` gets a keep-alive.
   */
  heartbeat(idleBefore: number): void {
    if (!this.alive) {
      this.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
    if (this.current.phase === 'joined' && this.lastSentAt < idleBefore) this.send(KEEPALIVE_MESSAGE);
  }

  /**
   * Spends a message of `bytes` from this connection's bucket and its token's: names the one it
   * went over, if any.
   */
  spend(bytes: number): 'connection' | 'token' | null {
    const now = performance.now();
    if (!this.rate.spend(bytes, now)) return 'connection';
    if (this.tokenRate && !this.tokenRate.spend(bytes, now)) return 'token';
    return null;
  }
}
