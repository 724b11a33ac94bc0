/** Reconnect timing: exponential, capped, with jitter so a room of tablets does not return at once. */
export const BACKOFF = {
  firstMs: 500,
  maxMs: 30_000,
} as const;

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): "equal jitter" — half of the
 * exponential step is fixed, half random. After a server restart a thousand devices spread over
 * the window instead of arriving in the same millisecond, and none waits longer than the cap.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + random() * (step / 2));
}
