import type { Program } from '../docs/program.ts';
import type { Heat, Person } from '../model/types.ts';

/**
 * A time for a change to a record: now, or just after the record's last change when this
 * laptop's clock is behind the one that made it, so a later change always carries a later time.
 */
export function stamp(now: number, previous: number | undefined): number {
  return Math.max(now, (previous ?? 0) + 1);
}

/** A heat entry scratched (DOMAIN.md §1: its number negated, kept on the list). Unscheduled and scratched heats stay as they are. */
export function scratchHeat(heat: Heat, now: number): Heat {
  if (heat.number <= 0) return heat;
  return { ...heat, number: -heat.number, scratchedAt: stamp(now, heat.scratchedAt) };
}

/** A scratched heat entry back on the floor under its number. */
export function restoreHeat(heat: Heat, now: number): Heat {
  if (heat.number >= 0) return heat;
  return { ...heat, number: -heat.number, scratchedAt: stamp(now, heat.scratchedAt) };
}

/** The couples (heat records) a person dances in: as lead or follow, or on the floor in a solo's formation. */
export function personHeats(program: Program, personId: string): Heat[] {
  const entries = new Set<string>();
  for (const entry of program.entries.values())
    if (entry.leadId === personId || entry.followId === personId) entries.add(entry.id);
  const formationSolos = new Set<string>();
  for (const f of program.formations.values()) if (f.onFloor && f.personId === personId) formationSolos.add(f.soloId);
  const soloHeats = new Set<string>();
  for (const solo of program.solos.values()) if (formationSolos.has(solo.id)) soloHeats.add(solo.heatId);
  return [...program.heats.values()].filter((heat) => entries.has(heat.entryId) || soloHeats.has(heat.id));
}

/** What removing or restoring a person changes: the person and their heats. */
export interface PersonChange {
  person: Person;
  heats: Heat[];
}

/**
 * Removing a person on the day (DOMAIN.md §7): every heat of theirs still to dance — scheduled
 * and not in a heat number any judge has marked — is scratched, and the person is kept, marked
 * scratched, so the removal can be undone.
 */
export function scratchPerson(
  program: Program,
  personId: string,
  markedNumbers: ReadonlySet<number>,
  now: number,
): PersonChange | null {
  const person = program.people.get(personId);
  if (!person) return null;
  const heats = personHeats(program, personId)
    .filter((heat) => heat.number > 0 && !markedNumbers.has(heat.number))
    .map((heat) => scratchHeat(heat, now));
  return { person: { ...person, scratched: true }, heats };
}

/** Undoing a removal: the person's scratched heats back on the floor, unless their partner is scratched too. */
export function restorePerson(program: Program, personId: string, now: number): PersonChange | null {
  const person = program.people.get(personId);
  if (!person) return null;
  const { scratched: _, ...restored } = person;
  const heats = personHeats(program, personId)
    .filter((heat) => heat.number < 0 && !partnerScratched(program, heat, personId))
    .map((heat) => restoreHeat(heat, now));
  return { person: restored, heats };
}

function partnerScratched(program: Program, heat: Heat, personId: string): boolean {
  const entry = program.entries.get(heat.entryId);
  if (!entry) return false;
  return [entry.leadId, entry.followId].some((id) => id !== personId && program.people.get(id)?.scratched === true);
}
