import { type CurrentHeat, type FloorKey, MAIN_FLOOR } from '../docs/live.ts';
import type { BallroomLetter, EventSettings } from '../model/types.ts';
import type { HeatEntryView, HeatNumberView } from './heats.ts';

const LETTERS: Record<EventSettings['ballrooms'], BallroomLetter[]> = {
  1: [],
  2: ['A', 'B'],
  3: ['A', 'B'],
  4: ['A', 'B'],
  5: ['A', 'B', 'C'],
  6: ['A', 'B', 'C', 'D'],
};

/**
 * The ballrooms of an event (DOMAIN.md §2 events `ballrooms`), with any letter a heat was put
 * in by hand. Empty when the event dances on one floor.
 */
export function ballroomLetters(settings: EventSettings, schedule: readonly HeatNumberView[]): BallroomLetter[] {
  const letters = new Set<BallroomLetter>(LETTERS[settings.ballrooms] ?? []);
  for (const view of schedule) for (const letter of view.ballrooms) letters.add(letter);
  return [...letters].sort();
}

/**
 * The heat on one floor. One emcee for the whole room starts heats on `MAIN_FLOOR`; an emcee
 * per ballroom starts them on its letter. A ballroom shows whichever was started last.
 */
export function currentOn(current: ReadonlyMap<string, CurrentHeat>, floor: FloorKey): CurrentHeat | undefined {
  const main = current.get(MAIN_FLOOR);
  const own = floor === MAIN_FLOOR ? undefined : current.get(floor);
  const latest = own && (!main || own.startedAt >= main.startedAt) ? own : main;
  // Heat 0 resets the counter (DOMAIN.md §2 events `current_heat`).
  return latest && latest.number > 0 ? latest : undefined;
}

/** What is on each floor: one line when every ballroom dances the same heat. */
export interface FloorNow {
  floor: FloorKey;
  heat?: CurrentHeat;
}

export function floorsNow(current: ReadonlyMap<string, CurrentHeat>, letters: readonly BallroomLetter[]): FloorNow[] {
  const main: FloorNow = { floor: MAIN_FLOOR, ...withHeat(currentOn(current, MAIN_FLOOR)) };
  if (letters.length === 0) return [main];
  const floors = letters.map((floor): FloorNow => ({ floor, ...withHeat(currentOn(current, floor)) }));
  const numbers = new Set(floors.map((f) => f.heat?.number));
  if (numbers.size > 1) return floors;
  const newest = floors.reduce<CurrentHeat | undefined>(
    (a, f) => (f.heat && (!a || f.heat.startedAt > a.startedAt) ? f.heat : a),
    undefined,
  );
  return [{ floor: MAIN_FLOOR, ...withHeat(newest) }];
}

function withHeat(heat: CurrentHeat | undefined): { heat?: CurrentHeat } {
  return heat ? { heat } : {};
}

/** The couples a floor sees of a heat: its ballroom's, and those with no ballroom (everyone's). */
export function entriesOn(view: HeatNumberView, floor: FloorKey): HeatEntryView[] {
  if (floor === MAIN_FLOOR) return view.entries;
  return view.entries.filter((entry) => !entry.ballroom || entry.ballroom === floor);
}

/** The next heats with couples on the floor after `number` ("on deck"), on one floor or all. */
export function heatsAfter(
  schedule: readonly HeatNumberView[],
  number: number,
  count: number,
  floor: FloorKey = MAIN_FLOOR,
): HeatNumberView[] {
  const out: HeatNumberView[] = [];
  for (const view of schedule) {
    if (out.length >= count) break;
    if (view.number > number && entriesOn(view, floor).some((entry) => !entry.scratched)) out.push(view);
  }
  return out;
}
