import type { Program } from '../docs/program.ts';
import type { HeatNumberView } from './heats.ts';

/** A time of day read from an agenda item's free text ("8:00 AM", "10 a.m.", "14:30"). */
export interface ClockTime {
  /** Seconds since midnight. */
  seconds: number;
  /** Written with AM/PM: shown back the same way. */
  twelveHour: boolean;
}

const CLOCK = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?\s*(m\.?)?\s*$/i;

export function parseClock(text: string): ClockTime | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase();
  // "10" alone is a number, not a time; "10 m" is nothing.
  if ((!half && match[2] === undefined) || (match[4] && !half)) return undefined;
  if (minutes > 59 || hours > (half ? 12 : 23) || (half && hours === 0)) return undefined;
  if (half === 'a' && hours === 12) hours = 0;
  if (half === 'p' && hours < 12) hours += 12;
  return { seconds: (hours * 60 + minutes) * 60, twelveHour: Boolean(half) };
}

export function formatClock({ seconds, twelveHour }: ClockTime): string {
  const minutesOfDay = Math.floor(seconds / 60) % (24 * 60);
  const hours = Math.floor(minutesOfDay / 60);
  const minutes = String(minutesOfDay % 60).padStart(2, '0');
  if (!twelveHour) return `${hours}:${minutes}`;
  return `${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** How long a heat number keeps the floor, in seconds (DOMAIN.md §2 events `heat_length`). */
function heatSeconds(program: Program, view: HeatNumberView): number {
  const { heatLength, soloLength } = program.settings;
  if (view.kind === 'Solo') return soloLength;
  if (view.kind === 'Multi') return heatLength * Math.max(1, view.slots?.length ?? 1);
  return heatLength;
}

/**
 * Estimated start time of each heat number, where the schedule gives one: an agenda item with
 * a readable start time starts its first heat then; each heat after it starts when the one
 * before ends (a solo takes `soloLength`, a multi-dance `heatLength` per dance). Heats before
 * the first timed agenda item get none; heats nobody dances take no time. `format` writes each
 * (a screen writes it as the device's locale does).
 */
export function heatTimes(
  program: Program,
  schedule: readonly HeatNumberView[],
  format: (clock: ClockTime) => string = formatClock,
): Map<number, string> {
  const out = new Map<number, string>();
  let clock: ClockTime | undefined;
  let headingKey: string | undefined;
  for (const view of schedule) {
    if (view.heading?.key !== headingKey) {
      headingKey = view.heading?.key;
      const start = view.heading?.time ? parseClock(view.heading.time) : undefined;
      if (start) clock = start;
    }
    if (!clock) continue;
    out.set(view.number, format(clock));
    if (view.onFloor > 0) clock = { ...clock, seconds: clock.seconds + heatSeconds(program, view) };
  }
  return out;
}
