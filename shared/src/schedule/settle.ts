import { groupBy } from '../collections/groupBy.ts';
import type { Program } from '../docs/program.ts';
import type { Heat, ProgramNotice } from '../model/types.ts';
import { coupleView } from './couples.ts';
import { stamp } from './scratch.ts';
import { heatLimit, nextHeatNumber } from './walkOns.ts';

/** Of two times, which is later: 1 for `a`, -1 for `b`, 0 when equal or both unknown. */
function later(a: number | undefined, b: number | undefined): number {
  return Math.sign((a ?? 0) - (b ?? 0));
}

function placement(heat: Heat): string {
  return JSON.stringify([Math.abs(heat.number), heat.ballroom ?? '', heat.prevNumber ?? null]);
}

/**
 * One couple changed on two laptops while apart (issue 15 point 6): Yjs keeps one whole record,
 * so the other change would be lost. This keeps both — the place (number, ballroom) of the later
 * move and the scratch or restore made later; when a scratch and a restore carry one time the
 * scratch stays (no scratch is lost). The result is the same whichever laptop computes it, in
 * whichever order the two arrived, and a change made after seeing the other wins outright.
 */
export function mergeHeat(a: Heat, b: Heat): Heat {
  const moved = later(a.movedAt, b.movedAt);
  const place = moved > 0 ? a : moved < 0 ? b : placement(a) <= placement(b) ? a : b;
  const scratchedAt = later(a.scratchedAt, b.scratchedAt);
  const scratched = scratchedAt > 0 ? a.number < 0 : scratchedAt < 0 ? b.number < 0 : a.number < 0 || b.number < 0;
  const number = Math.abs(place.number) * (scratched && place.number !== 0 ? -1 : 1);
  const times = Math.max(a.scratchedAt ?? 0, b.scratchedAt ?? 0);
  return { ...place, number, ...(times > 0 ? { scratchedAt: times } : {}) };
}

/** What settling changed: couples to write back, and notices for the organiser. */
export interface Settlement {
  heats: Heat[];
  notices: ProgramNotice[];
}

/** When a couple was put in its heat: 0 for the schedule as made. */
function placedAt(heat: Heat): number {
  return heat.movedAt ?? 0;
}

function byFirstPlaced(a: Heat[], b: Heat[]): number {
  const first = (group: Heat[]) => Math.min(...group.map(placedAt));
  const id = (group: Heat[]) => group.map((h) => h.id).sort()[0] ?? '';
  return first(a) - first(b) || id(a).localeCompare(id(b));
}

function byLastPlaced(a: Heat, b: Heat): number {
  return (b.movedAt ?? 0) - (a.movedAt ?? 0) || b.id.localeCompare(a.id);
}

/**
 * After two organisers' laptops rejoin (issue 15 point 6), the rule that keeps the program
 * sound, applied the same way on every organiser's device:
 * - one dance per heat number: couples moved into a number that another dance holds (two
 *   laptops each made "heat 31") go to a new number after the last, the first placed staying;
 * - no heat past its size limit: the couples placed there last go back to unscheduled (heat 0)
 *   — which heat they should dance is the organiser's call, so each such case is a notice.
 * Only couples placed after the others of their heat are moved again: the schedule as made,
 * and one renumbered as a whole, are left as they are. Returns nothing when the program is sound.
 */
export function settleProgram(program: Program, now: number): Settlement {
  const heats: Heat[] = [];
  const notices: ProgramNotice[] = [];
  let next = nextHeatNumber(program);
  const names = (list: Heat[]) =>
    list
      .map((h) => {
        const entry = program.entries.get(h.entryId);
        return entry ? coupleView(program, entry).names : 'an unknown couple';
      })
      .join(', ');
  const scheduled = groupBy(
    [...program.heats.values()].filter((h) => h.number > 0),
    (h) => h.number,
  );
  for (const number of [...scheduled.keys()].sort((a, b) => a - b)) {
    let there = scheduled.get(number) as Heat[];
    const dances = [...groupBy(there, (h) => `${h.danceId}/${h.category}`).values()].sort(byFirstPlaced);
    const firstPlaced = Math.min(...(dances[0] ?? []).map(placedAt));
    for (const group of dances.slice(1)) {
      // NOTE: strictly later only: a renumbering places every couple at one time, and a heat
      // that mixed dances from the start stays as it was made.
      const moved = group.filter((h) => placedAt(h) > firstPlaced);
      if (moved.length === 0) continue;
      const to = next++;
      for (const h of moved) heats.push({ ...h, number: to, prevNumber: number, movedAt: stamp(now, h.movedAt) });
      there = there.filter((h) => !moved.includes(h));
      notices.push({
        id: `dance:${number}:${moved
          .map((h) => h.id)
          .sort()
          .join(',')}`,
        at: now,
        text: `Heat ${number} was given two dances on two laptops: ${names(moved)} moved to heat ${to}.`,
        heatIds: moved.map((h) => h.id),
      });
    }
    const first = there[0];
    if (!first) continue;
    const limit = heatLimit(program, first);
    const excess = there.length - limit;
    if (excess <= 0) continue;
    const earliest = Math.min(...there.map(placedAt));
    const out = there
      .filter((h) => placedAt(h) > earliest)
      .sort(byLastPlaced)
      .slice(0, excess);
    if (out.length === 0) continue;
    for (const h of out) heats.push({ ...h, number: 0, prevNumber: number, movedAt: stamp(now, h.movedAt) });
    notices.push({
      id: `full:${number}:${out
        .map((h) => h.id)
        .sort()
        .join(',')}`,
      at: now,
      text: `Heat ${number} was filled past ${limit} couples on two laptops: ${names(out)} ${out.length === 1 ? 'is' : 'are'} unscheduled again — schedule ${out.length === 1 ? 'it' : 'them'} into another heat.`,
      heatIds: out.map((h) => h.id),
    });
  }
  return { heats, notices };
}
