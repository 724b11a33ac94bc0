import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { type HolderState, probeHolder } from './holderProbe.ts';
import { LeaseConflict, type LeaseRecord, type LeaseStore, type StoredLease } from './leaseStore.ts';

/** What the node does as ownership of an event changes hands (clusterNode.ts). */
export interface OwnershipActions {
  /**
   * After the lease is won, before anything is served. `fresh`: another node (or an earlier run
   * of this one) may have served the event since this process last did, so the local copy is stale.
   */
  acquired(eventId: string, fresh: boolean): Promise<void>;
  /** Stop serving and put everything in storage; false when storage did not take it (keep the lease). */
  handOver(eventId: string): Promise<boolean>;
  /** The lease is gone (taken, or not renewed in time): stop serving at once, upload nothing. */
  lost(eventId: string): void;
  /** Whether the event is loaded here (an unloaded one's lease is released). */
  loaded(eventId: string): boolean;
}

export type LeaseState = 'held' | 'releasing';

interface Held {
  etag: string;
  record: LeaseRecord;
  /** `performance.now()` until which this node may serve: the last good write's start plus the lease time. */
  validUntil: number;
  /** The last time a request for the event passed the gate. */
  lastUsed: number;
  state: LeaseState;
  /** Settles once `acquired` ran: requests wait for it. */
  ready: Promise<void>;
  /** `acquired` ran: the event's catalogue record and files are in place. */
  isReady: boolean;
}

/** Another node's lease as this node first saw it: unchanged for a whole lease time means dead. */
interface Observed {
  etag: string;
  since: number;
}

export class EventElsewhere extends Error {
  constructor(eventId: string, holder: string) {
    super(`event ${eventId} is served by node ${holder} and was not handed over in time; try again in a moment`);
    this.name = 'EventElsewhere';
  }
}

/**
 * At most one node serves an event: the one holding its lease in the bucket (leaseStore.ts).
 *
 * - A node takes an event when a request for it arrives (the proxy sent it here): it creates the
 *   lease, takes a released one at once, or asks the holder to hand over (`handoverTo`) and takes
 *   the lease over once it has seen it unchanged for a whole lease time — the holder is then dead,
 *   since a live holder rewrites it every third of that time.
 * - The holder renews every third of the lease time, and serves only until its last good write's
 *   start plus the lease time (its own monotonic clock; no clocks are compared between nodes).
 *   A renewal that loses its condition means the lease was taken, or a handover is asked for.
 * - Handing over (asked, idle, or shutdown): stop serving, back up, then write `released`.
 */
export class Ownership {
  readonly incarnation = randomUUID();
  private readonly held = new Map<string, Held>();
  private readonly claims = new Map<string, Promise<void>>();
  /** Releases under way (handover, idle, shutdown), so that shutdown waits for each. */
  private readonly releases = new Map<string, Promise<void>>();
  private readonly observed = new Map<string, Observed>();
  /** The ETag of this process's last write of each lease, held or released. */
  private readonly lastWritten = new Map<string, string>();
  private readonly renewTimer: NodeJS.Timeout;
  private readonly expiryTimer: NodeJS.Timeout;
  private closed = false;
  /** The actions, given once the parts they use exist. */
  private actions: OwnershipActions | null = null;

  constructor(
    private readonly leases: LeaseStore,
    private readonly options: {
      node: string;
      /** ONDECK_CLUSTER_URL: written into this node's leases so that a taker can find it gone. */
      url: string | null;
      leaseMs: number;
      log: FastifyBaseLogger;
      /** Whether a lease's holder is gone (holderProbe.ts); tests may give another. */
      probe?: (url: string, incarnation: string) => Promise<HolderState>;
      now?: () => number;
    },
  ) {
    this.renewTimer = setInterval(() => void this.renewAll(), options.leaseMs / 3);
    this.renewTimer.unref();
    // NOTE: a fine-grained check, so that serving stops within a fraction of a second of the lease's end.
    this.expiryTimer = setInterval(() => this.expire(), Math.min(200, options.leaseMs / 10));
    this.expiryTimer.unref();
  }

  attach(actions: OwnershipActions): void {
    this.actions = actions;
  }

  private get now(): number {
    return this.options.now?.() ?? performance.now();
  }

  /**
   * Whether this node may serve the event now.
   * NOTE: not before `acquired` ran: a connection let through then found the event missing from
   * the catalogue (its record not yet read) and was closed with "unknown event", which devices
   * do not retry.
   */
  holds(eventId: string): boolean {
    const held = this.held.get(eventId);
    return held?.isReady === true && held.state === 'held' && this.now < held.validUntil;
  }

  /** Whether this node may write the event's backup: it holds the lease, or is handing the event over. */
  mayBackUp(eventId: string): boolean {
    const held = this.held.get(eventId);
    return held !== undefined && this.now < held.validUntil;
  }

  /** Every lease this node holds, for /up and /metrics. */
  leasesHeld(): Array<{ event: string; state: LeaseState; generation: number; validForMs: number }> {
    return [...this.held.entries()].map(([event, h]) => ({
      event,
      state: h.state,
      generation: h.record.generation,
      validForMs: Math.max(0, Math.round(h.validUntil - this.now)),
    }));
  }

  /** Resolves once this node holds the event and is ready to serve it; throws when it cannot. */
  async claim(eventId: string): Promise<void> {
    if (this.closed) throw new EventElsewhere(eventId, 'another node: this one is stopping');
    const held = this.held.get(eventId);
    if (held && held.state === 'held') {
      held.lastUsed = this.now;
      return held.ready;
    }
    let claim = this.claims.get(eventId);
    if (!claim) {
      claim = this.acquire(eventId).finally(() => this.claims.delete(eventId));
      this.claims.set(eventId, claim);
    }
    return claim;
  }

  private async acquire(eventId: string): Promise<void> {
    // NOTE: long enough for a dead holder's lease to run out after this node first saw it, or
    // for a live one to back up and release; devices retry after that anyway.
    const deadline = this.now + this.options.leaseMs * 2 + 5_000;
    // NOTE: every waiting node reads the lease this often; more often only loads the storage.
    const poll = Math.min(500, this.options.leaseMs / 10);
    let holder = 'unknown';
    while (this.now < deadline && !this.closed) {
      const releasing = this.held.get(eventId);
      if (releasing?.state === 'releasing') {
        await sleep(poll);
        continue;
      }
      try {
        const current = await this.leases.read(eventId);
        const won = await this.tryTake(eventId, current);
        if (won) return await this.start(eventId, won.lease, won.fresh, won.writtenFrom);
        holder = current?.record.holder ?? holder;
      } catch (error) {
        if (!(error instanceof LeaseConflict)) {
          this.options.log.warn({ err: error, event: eventId }, 'lease could not be read or written; retrying');
        }
        continue;
      }
      await sleep(poll);
    }
    throw new EventElsewhere(eventId, holder);
  }

  /** One conditional write towards the lease; the lease won (and whether it comes from elsewhere), or null. */
  private async tryTake(
    eventId: string,
    current: StoredLease | null,
  ): Promise<{ lease: StoredLease; fresh: boolean; writtenFrom: number } | null> {
    const { node } = this.options;
    const mine = current !== null && current.etag === this.lastWritten.get(eventId);
    const take = async (generation: number, fresh: boolean) => {
      const record = this.record(eventId, generation, (current?.record.sequence ?? 0) + 1);
      const writtenFrom = this.now;
      const etag = await this.leases.write(record, current?.etag ?? null);
      return { lease: { record, etag }, fresh, writtenFrom };
    };
    if (current === null) return take(1, true);
    const { record } = current;
    // A lease this process wrote last (renewed or released) hides no one else's changes.
    if (mine) return take(record.generation, false);
    if (record.released) return take(record.generation + 1, true);
    // An earlier run of this very node is dead: this process replaced it.
    if (record.holder === node) return take(record.generation + 1, true);
    const seen = this.observed.get(eventId);
    if (!seen || seen.etag !== current.etag) {
      if (record.url && (await (this.options.probe ?? probeHolder)(record.url, record.incarnation)) === 'gone') {
        this.options.log.warn(
          { cluster: 'takeover', event: eventId, holder: record.holder },
          'the lease holder is gone (nothing listens at its URL, or a new run does): taking the event over',
        );
        return take(record.generation + 1, true);
      }
      this.observed.set(eventId, { etag: current.etag, since: this.now });
      if (record.handoverTo !== node) {
        const asked = { ...record, handoverTo: node, sequence: record.sequence + 1 };
        const etag = await this.leases.write(asked, current.etag);
        this.observed.set(eventId, { etag, since: this.now });
        this.options.log.info({ cluster: 'handover-asked', event: eventId, holder: record.holder }, 'handover asked');
      }
      return null;
    }
    if (this.now - seen.since < this.options.leaseMs) return null;
    this.options.log.warn(
      { cluster: 'takeover', event: eventId, holder: record.holder },
      'lease not renewed for a whole lease time: taking the event over',
    );
    return take(record.generation + 1, true);
  }

  private async start(eventId: string, lease: StoredLease, fresh: boolean, writtenFrom: number): Promise<void> {
    this.observed.delete(eventId);
    this.lastWritten.set(eventId, lease.etag);
    let settle: (error?: unknown) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    ready.catch(() => {});
    const entry: Held = {
      etag: lease.etag,
      record: lease.record,
      validUntil: this.validFrom(writtenFrom),
      lastUsed: this.now,
      state: 'held',
      ready,
      isReady: false,
    };
    this.held.set(eventId, entry);
    this.options.log.info(
      { cluster: 'acquired', event: eventId, node: this.options.node, generation: lease.record.generation, fresh },
      'lease acquired: serving the event',
    );
    try {
      await this.actions?.acquired(eventId, fresh);
      entry.isReady = true;
      settle();
    } catch (error) {
      settle(error);
      this.options.log.error({ err: error, event: eventId }, 'taking the event failed; releasing it');
      this.held.delete(eventId);
      this.options.log.info({ cluster: 'released', event: eventId, node: this.options.node }, 'lease released');
      await this.writeReleased(eventId, lease).catch(() => {});
      throw error;
    }
  }

  /**
   * Until when a lease written from `writeStart` on may be served. A taker waits a whole lease
   * time from its own read of that write, which came after `writeStart`.
   * NOTE: 10 % kept back for the time between checking the lease and acting on a message, and
   * for two machines' clocks running at slightly different rates.
   */
  private validFrom(writeStart: number): number {
    return writeStart + this.options.leaseMs * 0.9;
  }

  private record(eventId: string, generation: number, sequence: number, released = false): LeaseRecord {
    return {
      event: eventId,
      holder: this.options.node,
      incarnation: this.incarnation,
      generation,
      sequence,
      writtenAt: new Date().toISOString(),
      released,
      ...(this.options.url ? { url: this.options.url } : {}),
    };
  }

  private async renewAll(): Promise<void> {
    await Promise.all(
      [...this.held.entries()].map(async ([eventId, held]) => {
        if (!this.closed && held.state === 'held' && !this.actions?.loaded(eventId)) {
          // Claimed but not loaded (an HTTP request), or unloaded after its idle time: let it go.
          if (this.now - held.lastUsed > this.options.leaseMs) return this.release(eventId);
        }
        return this.renew(eventId, held);
      }),
    );
  }

  private async renew(eventId: string, held: Held): Promise<void> {
    const startedAt = this.now;
    const record = { ...this.record(eventId, held.record.generation, held.record.sequence + 1) };
    try {
      const etag = await this.leases.write(record, held.etag);
      if (this.held.get(eventId) !== held) return;
      held.etag = etag;
      held.record = record;
      held.validUntil = this.validFrom(startedAt);
      this.lastWritten.set(eventId, etag);
    } catch (error) {
      if (!(error instanceof LeaseConflict)) {
        this.options.log.warn({ err: error, event: eventId }, 'lease renewal failed; the event stops when it runs out');
        return;
      }
      await this.onConflict(eventId, held);
    }
  }

  /** A renewal lost its condition: another node asks for the event, or took it. */
  private async onConflict(eventId: string, held: Held): Promise<void> {
    let current: StoredLease | null;
    try {
      current = await this.leases.read(eventId);
    } catch (error) {
      this.options.log.warn({ err: error, event: eventId }, 'lease could not be read after a conflict');
      return;
    }
    if (this.held.get(eventId) !== held) return;
    const ours = current?.record.holder === this.options.node && current.record.incarnation === this.incarnation;
    if (!current || !ours || current.record.released) return this.lose(eventId, current?.record.holder ?? 'nobody');
    // Asked to hand over: the asker's write is now the lease to renew.
    held.etag = current.etag;
    held.record = current.record;
    this.lastWritten.set(eventId, current.etag);
    if (current.record.handoverTo && held.state === 'held') {
      this.options.log.info({ cluster: 'handover', event: eventId, to: current.record.handoverTo }, 'handing over');
      void this.release(eventId);
    }
  }

  private expire(): void {
    for (const [eventId, held] of this.held) {
      if (this.now >= held.validUntil) this.lose(eventId, 'nobody: the lease ran out');
    }
  }

  private lose(eventId: string, to: string): void {
    if (!this.held.delete(eventId)) return;
    this.actions?.lost(eventId);
    this.options.log.warn(
      { cluster: 'lost', event: eventId, node: this.options.node, to },
      'lease lost: stopped serving',
    );
  }

  /** Stops serving the event, backs it up and releases its lease (kept, and renewed, while storage refuses the backup). */
  release(eventId: string): Promise<void> {
    const under = this.releases.get(eventId);
    if (under) return under;
    const held = this.held.get(eventId);
    if (held?.state !== 'held') return Promise.resolve();
    const release = this.handOverAndRelease(eventId, held).finally(() => this.releases.delete(eventId));
    this.releases.set(eventId, release);
    return release;
  }

  private async handOverAndRelease(eventId: string, held: Held): Promise<void> {
    held.state = 'releasing';
    let handedOver = false;
    try {
      handedOver = (await this.actions?.handOver(eventId)) ?? true;
    } catch (error) {
      this.options.log.error({ err: error, event: eventId }, 'handing the event over failed');
    }
    if (this.held.get(eventId) !== held) return;
    if (!handedOver) {
      held.state = 'held';
      return;
    }
    this.held.delete(eventId);
    this.options.log.info({ cluster: 'released', event: eventId, node: this.options.node }, 'lease released');
    await this.writeReleased(eventId, { etag: held.etag, record: held.record }).catch((error: unknown) =>
      this.options.log.warn(
        { err: error, event: eventId },
        'the release could not be written; the lease runs out instead',
      ),
    );
  }

  private async writeReleased(eventId: string, lease: StoredLease): Promise<void> {
    let current = lease;
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = this.record(eventId, current.record.generation, current.record.sequence + 1, true);
      try {
        this.lastWritten.set(eventId, await this.leases.write(record, current.etag));
        return;
      } catch (error) {
        if (!(error instanceof LeaseConflict)) throw error;
        const read = await this.leases.read(eventId);
        // Only an asker's `handoverTo` may have changed it; anything else is not ours to release.
        if (!read || read.record.incarnation !== this.incarnation || read.record.released) return;
        current = read;
      }
    }
  }

  /** Shutdown: releases every lease (the events were unloaded, hence backed up, first). */
  async releaseAll(): Promise<void> {
    // NOTE: no new claims from here on, and the ones under way finish first: a claim that won its
    // lease while shutdown released the others was left held, unlogged, until the lease ran out
    // (the cluster test's node logs showed an event held "until the end" by a node long stopped).
    this.closed = true;
    await Promise.allSettled([...this.claims.values()]);
    await Promise.all([...this.held.keys()].map((eventId) => this.release(eventId)));
    await Promise.allSettled([...this.releases.values()]);
    this.close();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.renewTimer);
    clearInterval(this.expiryTimer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
