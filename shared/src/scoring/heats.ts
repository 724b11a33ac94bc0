import type { Program } from '../docs/program.ts';
import { heatScoreKey } from '../docs/scores.ts';
import type { JudgePrefs, Score } from '../model/types.ts';
import { type HeatNumberView, heatNumbers } from '../schedule/heats.ts';
import { hasContent } from './marks.ts';
import { type HeatScale, heatScale } from './scales.ts';
import { CALLBACKS_REQUIRED, type Split, skatingSlot, slotCount, splitsOf } from './skating.ts';

/** A heat number as a judge scores it: its scale, its pages (slots) and, when scrutineered, its splits. */
export interface ScoredHeat {
  view: HeatNumberView;
  scale: HeatScale;
  /** Pages of a multi-dance (slots 1..n); 0 when the heat is one page without slots. */
  slots: number;
  /** Dances danced in it (1 unless a multi-dance). */
  dances: number;
  /** Scrutineered heats: the competition splits. */
  splits: Split[];
  /** Scrutineered heats: a semi-final comes first (slots 1..dances), then the final. */
  semiFinal: boolean;
}

/** Every scheduled heat number with how it is scored (computed once per program). */
export function scoredHeats(program: Program): ScoredHeat[] {
  return heatNumbers(program).map((view) => {
    const scale = heatScale(program, view);
    const dances = view.kind === 'Multi' ? (view.slots?.length ?? 1) : 1;
    const splits = scale === 'skating' ? splitsOf(program, view) : [];
    const semiFinal = splits.some((split) => split.semiFinal);
    const slots = view.kind === 'Multi' ? slotCount(dances, scale === 'skating', semiFinal) : 0;
    return { view, scale, slots, dances, splits, semiFinal };
  });
}

/** The slot a mark of this heat is stored under: undefined for a heat of one page. */
export function markSlot(heat: ScoredHeat, slot: number): number | undefined {
  return heat.slots > 0 ? slot : undefined;
}

/** Which couples (heat ids) each judge is assigned to, when the organiser assigns judges. */
export interface Assignments {
  /** Judges per heat id (one couple in one heat). */
  byHeat: Map<string, Set<string>>;
  /** Judges with at least one assignment. */
  judges: Set<string>;
}

/**
 * The assignments that apply (DOMAIN.md §4 judge assignment): only with `assignJudges` on and
 * more than one judge; otherwise null and every judge scores every couple.
 */
export function assignmentsOf(program: Program): Assignments | null {
  if (!program.settings.assignJudges) return null;
  let judges = 0;
  for (const person of program.people.values()) if (person.type === 'Judge') judges++;
  if (judges < 2) return null;
  const out: Assignments = { byHeat: new Map(), judges: new Set() };
  for (const assignment of program.assignments.values()) {
    const set = out.byHeat.get(assignment.heatId) ?? new Set();
    set.add(assignment.judgeId);
    out.byHeat.set(assignment.heatId, set);
    out.judges.add(assignment.judgeId);
  }
  return out;
}

/** The couples (heat ids) of a heat assigned to this judge, or undefined when assignments do not apply. */
export function assignedTo(
  heat: HeatNumberView,
  assignments: Assignments | null,
  judgeId: string,
): Set<string> | undefined {
  if (!assignments || heat.kind === 'Solo' || !assignments.judges.has(judgeId)) return undefined;
  return new Set(heat.entries.filter((e) => assignments.byHeat.get(e.heat.id)?.has(judgeId)).map((e) => e.heat.id));
}

/**
 * A heat on the judge's list (DOMAIN.md §4): `scored` — nothing is missing; `partly` — some
 * marks, some missing; `todo` — nothing marked yet; `unassigned` — couples on the floor that no
 * judge is assigned to, and nothing marked by this judge.
 */
export type HeatState = 'scored' | 'partly' | 'todo' | 'unassigned';

type Marks = ReadonlyMap<string, Score>;

function marked(marks: Marks, heatId: string, slot: number | undefined): boolean {
  return hasContent(marks.get(heatScoreKey(heatId, slot)));
}

/** [done, of] units of work in a scrutineered heat, and whether anything is marked. */
function skatingProgress(heat: ScoredHeat, marks: Marks): { done: number; of: number; any: boolean } {
  let done = 0;
  let of = 0;
  let any = false;
  for (let slot = 1; slot <= heat.slots; slot++) {
    const { round } = skatingSlot(heat.dances, heat.semiFinal, slot);
    for (const split of heat.splits) {
      if (round === 'semi') {
        if (!split.semiFinal) continue;
        const called = split.entries.filter((e) => marked(marks, e.heat.id, slot)).length;
        of++;
        if (called === CALLBACKS_REQUIRED) done++;
        if (called > 0) any = true;
        continue;
      }
      // A final after a semi-final waits for its published finalists: until then it cannot be done.
      const couples = split.finalists ?? [];
      const ranked = couples.filter((e) => marked(marks, e.heat.id, slot)).length;
      of++;
      if (couples.length > 0 && ranked === couples.length) done++;
      if (ranked > 0) any = true;
    }
  }
  return { done, of, any };
}

/** One page of one couple still dancing in a heat, and the key of its mark. */
interface Unit {
  heatId: string;
  key: string;
}

const unitsCache = new WeakMap<ScoredHeat, Unit[]>();

/**
 * Every couple on the floor on every page of a heat, with its mark key, made once per heat:
 * NOTE: the organiser's device asks for every judge's state of every heat; building the keys
 * again each time was a third of that work on the largest event.
 */
function unitsOf(heat: ScoredHeat): Unit[] {
  let units = unitsCache.get(heat);
  if (!units) {
    const slots = heat.slots > 0 ? Array.from({ length: heat.slots }, (_, i) => i + 1) : [undefined];
    units = heat.view.entries
      .filter((e) => !e.scratched)
      .flatMap((e) => slots.map((slot) => ({ heatId: e.heat.id, key: heatScoreKey(e.heat.id, slot) })));
    unitsCache.set(heat, units);
  }
  return units;
}

/** How far this judge is with a heat, from their marks and the organiser's assignments. */
export function heatState(heat: ScoredHeat, marks: Marks, judgeId: string, assignments: Assignments | null): HeatState {
  let done = 0;
  let of = 0;
  let any = false;
  if (heat.scale === 'skating') ({ done, of, any } = skatingProgress(heat, marks));
  else if (heat.scale !== '0') {
    const mine = assignedTo(heat.view, assignments, judgeId);
    for (const unit of unitsOf(heat)) {
      const has = hasContent(marks.get(unit.key));
      if (has) any = true;
      if (mine && !mine.has(unit.heatId)) continue;
      of++;
      if (has) done++;
    }
  }
  if (assignments && !any && heat.view.kind !== 'Solo') {
    if (heat.view.entries.some((e) => !e.scratched && !assignments.byHeat.get(e.heat.id)?.size)) return 'unassigned';
  }
  if (done === of) return 'scored';
  return any ? 'partly' : 'todo';
}

/** Whether a judge reviews this solo (`reviewSolos`: All, Even or Odd heat numbers, or None). */
export function reviewsSolo(filter: JudgePrefs['reviewSolos'], number: number): boolean {
  switch (filter) {
    case 'All':
      return true;
    case 'None':
      return false;
    case 'Even':
      return Math.floor(number) % 2 === 0;
    case 'Odd':
      return Math.floor(number) % 2 === 1;
  }
}

/** One page a judge steps through: a heat number, and a slot of a multi-dance. */
export interface Stop {
  heat: ScoredHeat;
  /** 1-based slot of a multi-dance; undefined for a heat of one page. */
  slot?: number;
}

/**
 * The pages a judge steps through with previous/next, arrows and swipes: ascending heat
 * numbers, every slot of a multi-dance (semi-final and final of a scrutineered one), solos
 * only as the judge's `reviewSolos` says.
 */
export function judgeStops(heats: readonly ScoredHeat[], reviewSolos: JudgePrefs['reviewSolos']): Stop[] {
  const out: Stop[] = [];
  for (const heat of heats) {
    if (heat.view.kind === 'Solo' && !reviewsSolo(reviewSolos, heat.view.number)) continue;
    if (heat.slots === 0) out.push({ heat });
    else for (let slot = 1; slot <= heat.slots; slot++) out.push({ heat, slot });
  }
  return out;
}
