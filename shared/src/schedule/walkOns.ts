import type { Program } from '../docs/program.ts';
import type { BallroomLetter, Heat } from '../model/types.ts';
import { agendaPlace, extensionsByCategory } from './agenda.ts';
import { stamp } from './scratch.ts';

/**
 * How many couples a heat of this dance may hold (DOMAIN.md §2): the dance's own limit, else
 * its agenda item's `max_heat_size`, else the event's. A solo is alone on the floor.
 */
export function heatLimit(program: Program, heat: Heat): number {
  if (heat.category === 'Solo') return 1;
  const dance = program.dances.get(heat.danceId);
  const place = agendaPlace(program, heat, undefined, extensionsByCategory(program));
  return dance?.limit ?? place?.category.maxHeatSize ?? program.settings.maxHeatSize;
}

/** Why a couple cannot join a heat number, or null when it can. */
export type NoRoom = 'other dance' | 'full' | 'dancing';

function dancers(program: Program, heat: Heat): string[] {
  const entry = program.entries.get(heat.entryId);
  return entry ? [entry.leadId, entry.followId] : [];
}

/** The couples (heat records) on the floor under a heat number, scratched ones left out. */
export function onFloorAt(program: Program, number: number, except?: string): Heat[] {
  return [...program.heats.values()].filter((h) => h.number === number && h.id !== except);
}

/**
 * Whether a couple may join heat `number`: every couple there dances the same dance in the same
 * kind (Open, Closed, …), there is room under the heat-size limit, and none of its dancers is
 * already on that floor. An empty number takes anyone.
 */
export function roomIn(program: Program, heat: Heat, number: number): NoRoom | null {
  const there = onFloorAt(program, number, heat.id);
  const scratchedThere = [...program.heats.values()].filter((h) => h.number === -number);
  if ([...there, ...scratchedThere].some((h) => h.danceId !== heat.danceId || h.category !== heat.category))
    return 'other dance';
  if (there.length >= heatLimit(program, heat)) return 'full';
  const mine = new Set(dancers(program, heat));
  if (there.some((h) => dancers(program, h).some((id) => mine.has(id)))) return 'dancing';
  return null;
}

/** The first heat number after the last one in the program. */
export function nextHeatNumber(program: Program): number {
  let max = 0;
  for (const heat of program.heats.values()) max = Math.max(max, Math.abs(heat.number));
  return Math.floor(max) + 1;
}

/**
 * Where "Schedule" puts a walk-on (DOMAIN.md §7): the first heat after `after` (the heat on the
 * floor now) of the same dance and kind with room, or a new heat number after the last.
 */
export function walkOnNumber(program: Program, heat: Heat, after: number): number {
  const numbers = [...new Set([...program.heats.values()].map((h) => h.number))]
    .filter((n) => n > after)
    .sort((a, b) => a - b);
  return numbers.find((n) => roomIn(program, heat, n) === null) ?? nextHeatNumber(program);
}

/** A couple moved to another heat number (keeping where it was, for undo). */
export function moveHeat(heat: Heat, number: number, now: number): Heat {
  const sign = heat.number < 0 ? -1 : 1;
  return { ...heat, number: sign * number, prevNumber: heat.number, movedAt: stamp(now, heat.movedAt) };
}

/** A couple's ballroom set by hand, or back to the event's rule (undefined). */
export function setHeatBallroom(heat: Heat, ballroom: BallroomLetter | undefined, now: number): Heat {
  const { ballroom: _, ...rest } = heat;
  return { ...rest, ...(ballroom ? { ballroom } : {}), movedAt: stamp(now, heat.movedAt) };
}

/**
 * "Renumber" (DOMAIN.md §1): heat numbers in order as 1, 2, 3…, closing the gaps left by
 * moves and fractional splits; each couple keeps its previous number for undo. Unscheduled
 * couples stay unscheduled; scratched ones move with their heat number.
 */
export function renumberHeats(program: Program, now: number): Heat[] {
  const numbers = [...new Set([...program.heats.values()].map((h) => Math.abs(h.number)).filter((n) => n > 0))].sort(
    (a, b) => a - b,
  );
  const to = new Map(numbers.map((n, i) => [n, i + 1]));
  const out: Heat[] = [];
  for (const heat of program.heats.values()) {
    const next = to.get(Math.abs(heat.number));
    if (next === undefined || next === Math.abs(heat.number)) continue;
    out.push(moveHeat(heat, next, now));
  }
  return out;
}
