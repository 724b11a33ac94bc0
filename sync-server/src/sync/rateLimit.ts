import { Allowance, TOKEN_LOOP_BURST_MS, TOKEN_LOOP_SHARE } from './loopShares.ts';

/**
 * Token buckets: a sustained rate and a burst above it. Each message costs one unit plus one per
 * 16 KiB, so a few large messages weigh like many small ones.
 */
export class TokenBucket {
  private readonly allowance: Allowance;

  constructor(perSecond: number, burst: number) {
    this.allowance = new Allowance(perSecond / 1000, burst);
  }

  /** Takes what a message of `bytes` costs; false when the bucket has gone over its allowance. */
  spend(bytes: number, now = performance.now()): boolean {
    return this.allowance.spend(messageCost(bytes), now);
  }

  /** Whether it has refilled completely, so that forgetting it changes nothing. */
  full(now = performance.now()): boolean {
    return this.allowance.full(now);
  }
}

/** A token's bucket, its share of the event loop, and how many connections use them now. */
export class SharedBucket extends TokenBucket {
  connections = 0;
  readonly cpu = new Allowance(TOKEN_LOOP_SHARE, TOKEN_LOOP_BURST_MS);
}

export function messageCost(bytes: number): number {
  return 1 + Math.floor(bytes / 16_384);
}

/**
 * One bucket per token, shared by every connection opened with it: a device (or anyone holding
 * its token) that opens more sockets gets no more allowance.
 *
 * NOTE: keyed by the token itself, not by its invite (`jti`): one printed public QR code is one
 * invite that hundreds of phones join through, each getting a token of its own, and they must
 * not share one allowance. How many tokens one address may get is the join rate limit's job. A
 * bucket outlives its connections until it has refilled, so closing and reopening sockets does
 * not reset it.
 */
export class TokenRates {
  private readonly buckets = new Map<string, SharedBucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** The token's bucket; the connection that takes it counts itself on it (`connections`). */
  of(token: string): SharedBucket {
    let bucket = this.buckets.get(token);
    if (!bucket) {
      bucket = new SharedBucket(this.perSecond, this.burst);
      this.buckets.set(token, bucket);
    }
    return bucket;
  }

  /** Forgets the buckets of tokens with no connection that have refilled (each heartbeat). */
  sweep(now = performance.now()): void {
    for (const [token, bucket] of this.buckets)
      if (bucket.connections <= 0 && bucket.full(now) && bucket.cpu.full()) this.buckets.delete(token);
  }
}
