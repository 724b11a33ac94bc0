import type { Program } from '../docs/program.ts';
import type { BallroomLetter, Entry, Heat } from '../model/types.ts';
import { type AgendaPlace, isStudent } from './agenda.ts';

/** DOMAIN.md §2 events `ballrooms`: 2 splits the floor by the student's role. */
const SPLIT_BY_ROLE = 2;

/**
 * The ballroom a couple dances in (DOMAIN.md §7): the one set on the heat by hand; otherwise,
 * when its agenda item (or the event) splits two ballrooms by role, the studio's preferred
 * ballroom, else B for a student leader (amateur couples included) and A for the others. The
 * rule reads the program, so an imported event is split as a generated one is.
 */
export function heatBallroom(
  program: Program,
  heat: Heat,
  entry: Entry | undefined,
  placeOf: () => AgendaPlace | undefined,
): BallroomLetter | undefined {
  if (heat.ballroom) return heat.ballroom;
  if (heat.category === 'Solo' || !entry) return undefined;
  // NOTE: the agenda item is looked up only for couples not placed by hand, and only then.
  const ballrooms = placeOf()?.category.ballrooms ?? program.settings.ballrooms;
  if (ballrooms !== SPLIT_BY_ROLE) return undefined;
  const lead = program.people.get(entry.leadId);
  const studioId = entry.studioId ?? lead?.studioId;
  const preferred = studioId ? program.studios.get(studioId)?.ballroom : undefined;
  if (preferred === 'A' || preferred === 'B') return preferred;
  return isStudent(lead) ? 'B' : 'A';
}
