import { MessageType } from '@ondeck/shared';

/**
 * How soon a server that stopped answering is noticed: a socket silent for `pingAfterMs` sends
 * a ping, and one silent `pingAfterMs + answerWithinMs + graceMs` in all says so — within 5 s of
 * the last thing the server said, whatever the browser's own socket still believes.
 * NOTE: y-websocket's own watchdog waits 30 s; a process stopped (SIGSTOP), a server machine
 * gone to sleep or a half-open connection after a Wi-Fi hand-over all keep the TCP socket open,
 * so the browser reports nothing. An idle socket costs one 1-byte ping and a 3-byte answer
 * every ~2 s: a ballroom of 1,000 devices with two documents each is ~1,000 tiny messages a
 * second for the server.
 */
export const LIVENESS = {
  pingAfterMs: 2_000,
  answerWithinMs: 2_500,
  /**
   * A timer that fires this late means the device itself was stalled (a starved CPU, a tab in
   * the background, a laptop lid closed): whatever the server sent may still be queued behind
   * the timer, so silence measured across the stall says nothing about the server.
   */
  stallMs: 1_000,
  /** One more short wait before saying so, for messages queued behind the timer itself. */
  graceMs: 250,
} as const;

/**
 * y-protocols' query-awareness message. It is standard (any y-websocket server understands it)
 * and our server answers every one with an awareness frame, so it serves as the ping.
 */
export const PING_FRAME = Uint8Array.of(MessageType.QUERY_AWARENESS);

export interface LivenessProbe {
  /** The socket is open, so a ping can go (during a handshake it cannot). */
  canPing(): boolean;
  ping(): void;
  /** Nothing heard from the server for the whole limit. */
  silent(): void;
}

/**
 * Watches one socket for silence with a single lazy timer: messages only record the time, and
 * the timer, when it fires, works out from that time what is due.
 */
export class Liveness {
  private heardAt = 0;
  private pingedAt = 0;
  private dueAt = 0;
  private graced = false;
  private reported = false;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly probe: LivenessProbe) {}

  /** A connection attempt began: silence counts from now. */
  start(): void {
    this.running = true;
    this.heardAt = Date.now();
    this.pingedAt = 0;
    this.graced = false;
    this.reported = false;
    this.schedule(LIVENESS.pingAfterMs);
  }

  /** Something arrived from the server. */
  heard(): void {
    this.heardAt = Date.now();
    this.graced = false;
    this.reported = false;
    if (this.running && this.timer === undefined) this.schedule(LIVENESS.pingAfterMs);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.dueAt = Date.now() + Math.max(0, delay);
    this.timer = setTimeout(this.check, Math.max(0, delay));
  }

  private readonly check = (): void => {
    this.timer = undefined;
    if (!this.running) return;
    const now = Date.now();
    if (now - this.dueAt >= LIVENESS.stallMs) {
      // NOTE: with the machine at load 30+, screens of a live server said "not answering"; a
      // timer that fires a second late shows the page itself was starved, and the server's
      // answer may be queued behind it. Ask again and give it the whole answer time.
      this.heardAt = Math.max(this.heardAt, now - LIVENESS.pingAfterMs);
      this.pingedAt = 0;
      this.graced = false;
    }
    const silence = now - this.heardAt;
    const limit = LIVENESS.pingAfterMs + LIVENESS.answerWithinMs;
    if (silence >= limit) {
      if (!this.graced) {
        this.graced = true;
        this.schedule(LIVENESS.graceMs);
        return;
      }
      // Reported once; the next thing heard re-arms the timer.
      if (!this.reported) {
        this.reported = true;
        this.probe.silent();
      }
      return;
    }
    if (silence >= LIVENESS.pingAfterMs) {
      if (this.pingedAt <= this.heardAt && this.probe.canPing()) {
        this.pingedAt = now;
        this.probe.ping();
      }
      this.schedule(limit - silence);
      return;
    }
    this.schedule(LIVENESS.pingAfterMs - silence);
  };
}
