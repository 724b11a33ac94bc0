import { parseClock, plural } from '@ondeck/shared';

/** "1.4 MB": sizes for people, in decimal units like the operating system's storage screen. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}

/**
 * Every clock on every screen, as the device's locale writes one: "2:32 PM", or "14:32".
 * NOTE: the locale's own short time, not `hour: 'numeric'`, which wrote "9:46" and "0:46" where
 * a British device writes "09:46" (small-things.spec failed so on a fresh clone run after midnight).
 */
const CLOCK: Intl.DateTimeFormatOptions = { timeStyle: 'short' };

/** A moment: "2:32 PM" today, "Mar 14, 2:32 PM" another day (in the device's locale). */
export function formatTime(at: number | string): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString([], CLOCK);
  if (date.toDateString() === new Date().toDateString()) return time;
  return `${date.toLocaleDateString([], { month: 'short', day: 'numeric' })}, ${time}`;
}

/**
 * NOTE: one formatter for every time of the schedule: `toLocaleTimeString` with options builds
 * a new one per call, and the heat list of the large event wrote 4,326 times with it — 114 ms
 * of a phone's 2 s offline open (CPU profile of `offline-open.bench.ts`).
 */
let scheduleClock: Intl.DateTimeFormat | undefined;

/** A time of the event's schedule (seconds since midnight, on the venue's clock), written like `formatTime`. */
export function formatTimeOfDay(seconds: number): string {
  scheduleClock ??= new Intl.DateTimeFormat([], { ...CLOCK, timeZone: 'UTC' });
  return scheduleClock.format(seconds * 1000);
}

/** An agenda item's start as the organiser typed it ("10 a.m."), written like every other clock when it reads as one. */
export function formatAgendaTime(text: string): string {
  const clock = parseClock(text);
  return clock ? formatTimeOfDay(clock.seconds) : text;
}

export function changesNotOnServer(pending: number): string {
  return `${plural(pending, 'change')} not yet on the server`;
}
