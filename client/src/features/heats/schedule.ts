import {
  type BallroomLetter,
  ballroomLetters,
  type DancerView,
  entryDancers,
  type HeatNumberView,
  heatNumbers,
  heatTimes,
  type Program,
  type Song,
  songsByHeatNumber,
} from '@ondeck/shared';
import { formatTimeOfDay } from '../../lib/format.ts';

/** The schedule every heat screen reads, worked out once per version of the program. */
export interface Schedule {
  views: HeatNumberView[];
  byNumber: Map<number, HeatNumberView>;
  /** Estimated start time per heat number, when the organiser shows times. */
  times: Map<number, string>;
  /** Ballroom letters; empty on a one-floor event. */
  letters: BallroomLetter[];
  /** Everyone who dances, by name, for "my heats". */
  dancers: DancerView[];
  /** The song of each freestyle heat (DOMAIN.md §6 rotation). */
  songs: Map<number, Song>;
}

const cache = new WeakMap<Program, Schedule>();

function dancersOf(views: readonly HeatNumberView[]): DancerView[] {
  const byId = new Map<string, DancerView>();
  for (const view of views)
    for (const entry of view.entries) for (const dancer of entryDancers(entry)) byId.set(dancer.id, dancer);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `useProgram` returns the same object until the program changes: every screen shares one copy. */
export function scheduleOf(program: Program): Schedule {
  let schedule = cache.get(program);
  if (!schedule) {
    const views = heatNumbers(program);
    schedule = {
      views,
      byNumber: new Map(views.map((view) => [view.number, view])),
      times: program.settings.includeTimes
        ? heatTimes(program, views, (clock) => formatTimeOfDay(clock.seconds))
        : new Map(),
      letters: ballroomLetters(program.settings, views),
      dancers: dancersOf(views),
      songs: songsByHeatNumber(program, views),
    };
    cache.set(program, schedule);
  }
  return schedule;
}
