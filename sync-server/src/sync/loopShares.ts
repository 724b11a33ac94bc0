/**
 * Shares of the event loop: how long handling a token's or an event's messages may take, so
 * that what one device or one event sends never holds the loop others wait for. Going over a
 * share slows the sender (its socket is not read until it is back within it); nothing is
 * refused for it.
 *
 * NOTE: measured in wall time around each message's handling, so on a machine too busy to give
 * the server a core, a sender's messages cost it more and it is slowed sooner — the sender, not
 * everyone else. In the hostile suite beside a CPU hog, every turn the attacked event's messages
 * took was a turn the bystander's update waited for, and the OS then gave the server its CPU in
 * slices: the attacked event held the loop ~75 % of the time and the bystander's p99 went to
 * 150–340 ms.
 */

/**
 * A token's messages may take a quarter of the loop, with 100 ms of credit — only while another
 * token's messages were handled in the last second. NOTE: enforced always, one organiser
 * writing 36 MB into a program on an idle server was held to a quarter of it and the rest of the
 * loop stood idle (walCheckpoint.test went from 60 s to past its 300 s limit).
 */
export const TOKEN_LOOP_SHARE = 0.25;
export const TOKEN_LOOP_BURST_MS = 100;
/**
 * An event's messages may take a tenth of the loop, with 50 ms of credit — only while another
 * event's messages were handled in the last second: alone on the server, an event takes what it
 * needs. NOTE: its commits and forwards are not counted here and take about as long again; at a
 * quarter, the attacked event in the hostile suite beside a CPU hog still kept the server busy
 * enough that the OS made the bystander's updates wait (one run in three added 180 ms to its p99).
 */
export const EVENT_LOOP_SHARE = 0.1;
export const EVENT_LOOP_BURST_MS = 50;
const CONTENDED_MS = 1_000;

/**
 * An allowance refilled at `perMs` of the (monotonic) time that passes, up to `burst`: a token
 * bucket. In debt, its holder waits until it has earned it back. The rate limits spend messages
 * from one (rateLimit.ts); a loop share spends milliseconds of handling.
 */
export class Allowance {
  private allowance: number;
  private refilledAt = performance.now();

  constructor(
    private readonly perMs: number,
    private readonly burst: number,
  ) {
    this.allowance = burst;
  }

  /** Takes `amount`; false when that put it in debt. */
  spend(amount: number, now = performance.now()): boolean {
    this.refill(now);
    this.allowance -= amount;
    return this.allowance >= 0;
  }

  /** Milliseconds until it is out of debt; 0 when it is. */
  waitMs(now = performance.now()): number {
    this.refill(now);
    return this.allowance >= 0 ? 0 : -this.allowance / this.perMs;
  }

  /** Whether it has refilled completely, so that forgetting it changes nothing. */
  full(now = performance.now()): boolean {
    this.refill(now);
    return this.allowance >= this.burst;
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    this.allowance = Math.min(this.burst, this.allowance + (now - this.refilledAt) * this.perMs);
    this.refilledAt = now;
  }
}

/**
 * Who was served lately: the two most recent distinct senders and when. Whether anyone but `key`
 * was served in the last second needs no more — if the latest is `key`, the one before it is
 * the latest other.
 */
export class RecentSenders {
  private latest: { key: unknown; at: number } | null = null;
  private before: { key: unknown; at: number } | null = null;

  served(key: unknown, now = performance.now()): void {
    const { latest } = this;
    if (latest !== null && latest.key === key) latest.at = now;
    else {
      this.before = this.latest;
      this.latest = { key, at: now };
    }
  }

  /** Whether a sender other than `key` was served in the last second. */
  othersThan(key: unknown, now = performance.now()): boolean {
    const other = this.latest?.key === key ? this.before : this.latest;
    return other !== null && other.at > now - CONTENDED_MS;
  }
}

/** Each event's share of the loop, enforced while another event is being served too. */
export class EventShares {
  private readonly events = new Map<string, { share: Allowance; handledAt: number }>();

  /** Handling one of the event's messages took `ms`. */
  charge(eventId: string, ms: number, now = performance.now()): void {
    let entry = this.events.get(eventId);
    if (!entry) {
      entry = { share: new Allowance(EVENT_LOOP_SHARE, EVENT_LOOP_BURST_MS), handledAt: now };
      this.events.set(eventId, entry);
    }
    entry.share.spend(ms, now);
    entry.handledAt = now;
  }

  /** How long the event's next message must wait (0: now): only while another event was served lately. */
  waitMs(eventId: string, now = performance.now()): number {
    const entry = this.events.get(eventId);
    if (!entry) return 0;
    const wait = entry.share.waitMs(now);
    if (wait === 0) return 0;
    for (const [other, { handledAt }] of this.events)
      if (other !== eventId && handledAt > now - CONTENDED_MS) return wait;
    return 0;
  }

  /** Forgets events not served lately that are out of debt (each heartbeat). */
  sweep(now = performance.now()): void {
    for (const [eventId, { share, handledAt }] of this.events)
      if (handledAt <= now - CONTENDED_MS && share.full(now)) this.events.delete(eventId);
  }
}
