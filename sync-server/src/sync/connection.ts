import type { Access, DocName, Role } from '@ondeck/shared';
import type { WebSocket } from 'ws';
import type { DocRoom } from '../loadedEvents/docRoom.ts';

/** Who is on the other end, from their token. */
export interface ConnectionIdentity {
  role: Role;
  personId?: string;
  inviteId: string;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * One WebSocket syncing one document.
 *
 * NOTE: kept deliberately small — a venue can hold a thousand idle phones, and each
 * connection's memory counts. Optional state (awareness ids, messages waiting for
 * authentication) is allocated only when used.
 */
export class Connection {
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
    private readonly limit: RateLimit,
  ) {
    this.allowance = limit.burst;
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
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
