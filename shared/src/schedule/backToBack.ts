import { entryDancers } from './find.ts';
import type { HeatNumberView } from './heats.ts';

/** Dancers of a heat who also dance in the heat just before or just after (DOMAIN.md §7 emcee heat book). */
export interface BackToBack {
  previous?: HeatNumberView;
  next?: HeatNumberView;
  /** Person ids on the floor in this heat and in the previous one. */
  fromPrevious: Set<string>;
  /** Person ids on the floor in this heat and in the next one. */
  intoNext: Set<string>;
}

function dancing(view: HeatNumberView): Set<string> {
  const ids = new Set<string>();
  for (const entry of view.entries) {
    if (entry.scratched) continue;
    for (const dancer of entryDancers(entry)) ids.add(dancer.id);
  }
  return ids;
}

function shared(a: Set<string>, b: Set<string> | undefined): Set<string> {
  return new Set(b ? [...a].filter((id) => b.has(id)) : []);
}

/** Neighbours are the nearest heats with someone on the floor; scratched couples do not count. */
export function backToBack(schedule: readonly HeatNumberView[], number: number): BackToBack {
  const index = schedule.findIndex((view) => view.number === number);
  const here = index >= 0 ? dancing(schedule[index] as HeatNumberView) : new Set<string>();
  const previous = index > 0 ? schedule.slice(0, index).findLast((view) => view.onFloor > 0) : undefined;
  const next = index >= 0 ? schedule.slice(index + 1).find((view) => view.onFloor > 0) : undefined;
  return {
    ...(previous ? { previous } : {}),
    ...(next ? { next } : {}),
    fromPrevious: shared(here, previous && dancing(previous)),
    intoNext: shared(here, next && dancing(next)),
  };
}
