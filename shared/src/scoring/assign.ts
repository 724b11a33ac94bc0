import type { Assignment, Program } from '../docs/program.ts';
import { type JudgeChoices, parseScoreKey } from '../docs/scores.ts';
import type { BallroomLetter, JudgePrefs, Score } from '../model/types.ts';
import { heatNumbers } from '../schedule/heats.ts';
import { hasContent } from './marks.ts';

/**
 * Heat numbers some judge has marked a couple in: they have been danced and judged, so the
 * day's changes (scratching a person, assigning judges again) leave them as they are.
 */
export function markedHeatNumbers(program: Program, marksOfJudges: Iterable<ReadonlyMap<string, Score>>): Set<number> {
  const out = new Set<number>();
  for (const marks of marksOfJudges) {
    for (const [key, mark] of marks) {
      if (!hasContent(mark)) continue;
      const target = parseScoreKey(key);
      if (!target || !('heatId' in target)) continue;
      const heat = program.heats.get(target.heatId);
      if (heat) out.add(Math.abs(heat.number));
    }
  }
  return out;
}

/** Whether a judge is on the floor: their own device's toggle, else the organiser's default. */
export function judgePresent(prefs: JudgePrefs | undefined, choices: JudgeChoices | undefined): boolean {
  return choices?.present ?? prefs?.present ?? true;
}

/** A judge who can take couples: where they judge and whom they dance with. */
export interface JudgeOnFloor {
  id: string;
  ballroom: 'Both' | BallroomLetter;
  /** A dancing judge's partner (`excludeId`): never assigned a couple this person dances in. */
  partnerId?: string;
}

/** The judges on the floor now (DOMAIN.md §4), from the program and each judge's own choices. */
export function judgesOnFloor(
  program: Program,
  choices: ReadonlyMap<string, JudgeChoices | undefined>,
): JudgeOnFloor[] {
  return [...program.people.values()]
    .filter((p) => p.type === 'Judge' && judgePresent(program.judges.get(p.id), choices.get(p.id)))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((p) => ({
      id: p.id,
      ballroom: program.judges.get(p.id)?.ballroom ?? 'Both',
      ...(p.excludeId ? { partnerId: p.excludeId } : {}),
    }));
}

/** What "Assign judges" changes in the program's assignments. */
export interface AssignmentChange {
  put: Assignment[];
  remove: string[];
}

/** The one assignment record of a couple: one id per couple, so two laptops cannot give it two judges. */
export function assignmentId(heatId: string): string {
  return `a-${heatId}`;
}

/**
 * "Assign judges" (DOMAIN.md §4): every couple still dancing in a heat no judge has marked yet
 * (solos aside) gets exactly one judge among those on the floor — one who judges its ballroom
 * (or both), is not dancing in it and is not the partner of someone dancing in it — the one
 * with the fewest couples so far (then the fewest in this heat, then by id: the same program
 * gives the same assignment on every laptop). Heats already marked keep theirs, so running it
 * again after a judge goes on break moves only couples not yet judged. A couple no judge may
 * take stays unassigned (the judges' lists show the heat red).
 */
export function assignJudges(
  program: Program,
  marked: ReadonlySet<number>,
  judges: readonly JudgeOnFloor[],
): AssignmentChange {
  const heatNumberOf = (heatId: string) => Math.abs(program.heats.get(heatId)?.number ?? 0);
  const remove: string[] = [];
  const load = new Map(judges.map((j) => [j.id, 0]));
  for (const assignment of program.assignments.values()) {
    const number = heatNumberOf(assignment.heatId);
    if (number > 0 && marked.has(number)) load.set(assignment.judgeId, (load.get(assignment.judgeId) ?? 0) + 1);
    else remove.push(assignment.id);
  }
  const put: Assignment[] = [];
  for (const view of heatNumbers(program)) {
    if (view.kind === 'Solo' || marked.has(view.number)) continue;
    const inHeat = new Map<string, number>();
    for (const entry of view.entries) {
      if (entry.scratched) continue;
      const dancing = new Set(entry.couple.personIds);
      const eligible = judges.filter(
        (j) =>
          (j.ballroom === 'Both' || !entry.ballroom || j.ballroom === entry.ballroom) &&
          !dancing.has(j.id) &&
          !(j.partnerId && dancing.has(j.partnerId)),
      );
      const weight = (j: JudgeOnFloor) => (load.get(j.id) ?? 0) * 1_000_000 + (inHeat.get(j.id) ?? 0);
      let best: JudgeOnFloor | undefined;
      for (const judge of eligible) if (!best || weight(judge) < weight(best)) best = judge;
      if (!best) continue;
      load.set(best.id, (load.get(best.id) ?? 0) + 1);
      inHeat.set(best.id, (inHeat.get(best.id) ?? 0) + 1);
      put.push({ id: assignmentId(entry.heat.id), judgeId: best.id, heatId: entry.heat.id });
    }
  }
  const replaced = new Set(put.map((a) => a.id));
  return { put, remove: remove.filter((id) => !replaced.has(id)) };
}
