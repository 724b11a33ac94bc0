import { type Access, CloseCode, type DocName, type Role } from '@ondeck/shared';
import type { WebSocket } from 'ws';
import type { AwarenessChange, DocRoom, RoomMember } from '../loadedEvents/docRoom.ts';
import type { Metrics } from '../metrics.ts';

/** Who is on the other end, from their token. */
export interface ConnectionIdentity {
  role: Role;
  personId?: string;
  inviteId: string;
}

export interface ConnectionLimits {
  /** Sustained messages per second, and the burst allowed above that. */
  perSecond: number;
  burst: number;
  /** A socket with this much still waiting to be sent is dropped (it resyncs). */
  maxBufferedBytes: number;
}

/**
 * One WebSocket syncing one document.
 *
 * NOTE: kept deliberately small — a venue can hold a thousand idle phones, and each
 * connection's memory counts. Optional state (awareness ids, messages waiting for
 * authentication) is allocated only when used.
 */
export class Connection implements RoomMember {
  room: DocRoom | null = null;
  identity: ConnectionIdentity | null = null;
  access: Access = 'none';
  /** Set by a pong; cleared at each heartbeat. */
  alive = true;
  lastSentAt = Date.now();
  /** Messages that arrived before authentication finished. */
  early: Uint8Array[] | null = [];
  /** Awareness client ids this connection announced, removed when it closes. */
  awarenessIds: Set<number> | null = null;
  private allowance: number;
  private refilledAt = Date.now();

  constructor(
    readonly ws: WebSocket,
    readonly eventId: string,
    readonly docName: DocName,
    private readonly limit: ConnectionLimits,
    private readonly metrics: Metrics,
  ) {
    this.allowance = limit.burst;
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    // NOTE: the cap is on what already waits, not on this message: a whole-document sync larger
    // than the cap must still reach a client that keeps up, or it could never catch up.
    if (this.ws.bufferedAmount > this.limit.maxBufferedBytes) {
      this.metrics.refusedMessages.inc({ reason: 'slow-client' });
      this.close(CloseCode.SLOW_CLIENT, 'the connection fell too far behind; reconnect to catch up');
      return;
    }
    this.lastSentAt = Date.now();
    this.ws.send(message);
  }

  announced({ added, updated, removed }: AwarenessChange): void {
    this.awarenessIds ??= new Set();
    for (const id of added) this.awarenessIds.add(id);
    for (const id of updated) this.awarenessIds.add(id);
    for (const id of removed) this.awarenessIds.delete(id);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close(code, reason.slice(0, 120));
  }

  /**
   * Token bucket: each message costs one unit plus one per 16 KiB. Returns false when the
   * connection has gone over its allowance.
   */
  spend(bytes: number): boolean {
    const now = Date.now();
    this.allowance = Math.min(
      this.limit.burst,
      this.allowance + ((now - this.refilledAt) / 1000) * this.limit.perSecond,
    );
    this.refilledAt = now;
    this.allowance -= 1 + Math.floor(bytes / 16_384);
    return this.allowance >= 0;
  }
}
