import type { Program } from '../docs/program.ts';
import { displayName } from '../model/names.ts';
import type { Person } from '../model/types.ts';
import { isStudent } from '../schedule/agenda.ts';
import type { HeatEntryView } from '../schedule/heats.ts';
import { type Assignments, assignmentsOf, type ScoredHeat, scoredHeats } from '../scoring/heats.ts';
import type { HeatScale } from '../scoring/scales.ts';
import { type Competition, competitionsOf } from './competitions.ts';
import { columnGroupOf } from './tally.ts';

/**
 * Student groups of the by-level and by-age summaries (DOMAIN.md §8): a student following a
 * professional, a student leading one, and amateur couples (both students, Open and Closed
 * heats only).
 */
export type StudentGroup = 'Followers' | 'Leaders' | 'Couples';
export const STUDENT_GROUPS: readonly StudentGroup[] = ['Followers', 'Leaders', 'Couples'];

/** The student (or amateur couple) a couple's marks count for. */
export interface StudentSubject {
  group: StudentGroup;
  /** `Leaders|<id>`, `Couples|<lead id>|<follow id>`. */
  key: string;
  studentIds: string[];
  /** The student's level and age; an amateur couple's higher level and older age. */
  levelId?: string;
  ageId?: string;
  /**
   * With strict scoring, only heats entered at the student's own level (and age) count; this
   * is false for the others. Always true without strict scoring.
   */
  counts: boolean;
}

/** Everything the summaries need to know about one couple in one heat (one `Heat` record). */
export interface HeatRow {
  heatId: string;
  /** `entry.heat.entryId`, kept on the row: summaries read it for every row and comment. */
  entryId: string;
  /** Its place in `ResultsIndex.rows` (0, 1, …): what is kept per row is kept in arrays by it. */
  at: number;
  heat: ScoredHeat;
  entry: HeatEntryView;
  scale: HeatScale;
  /** Marks of this row feed the value tables (not solos, scrutineered dances or unscored heats). */
  tabulated: boolean;
  student?: StudentSubject;
  /** Each student's share of the marks (half each for an amateur couple), for the studio summary. */
  shares: Array<{ studentId: string; studioId: string; levelId?: string; share: number }>;
  /** Professionals credited: lead or follow, the entry's instructor, solo formation members. */
  instructors: string[];
  /** A pro-pro heat: the name it is listed under. */
  pro?: string;
}

/** The program as results read it, computed once per program. */
export interface ResultsIndex {
  program: Program;
  heats: ScoredHeat[];
  byLabel: Map<string, ScoredHeat>;
  rows: Map<string, HeatRow>;
  /** Judges of the event, by name. */
  judges: Person[];
  /** Each judge's name as shown (`displayName`), by id: worked out once for every summary. */
  judgeNames: Map<string, string>;
  assignments: Assignments | null;
  competitions: Competition[];
  /** Heat ids each person dances in (students and professionals alike). */
  heatsOf(personId: string): string[];
}

function orderOf<T extends { order: number }>(map: ReadonlyMap<string, T>, id: string | undefined): number {
  return id ? (map.get(id)?.order ?? -1) : -1;
}

function higher<T extends { order: number }>(
  map: ReadonlyMap<string, T>,
  a: string | undefined,
  b: string | undefined,
): string | undefined {
  return orderOf(map, a) >= orderOf(map, b) ? (a ?? b) : (b ?? a);
}

function studentSubject(program: Program, row: Pick<HeatRow, 'entry' | 'heat'>): StudentSubject | undefined {
  const entry = program.entries.get(row.entry.heat.entryId);
  if (!entry) return undefined;
  const lead = program.people.get(entry.leadId);
  const follow = program.people.get(entry.followId);
  const pro = (person: Person | undefined) => person?.type === 'Professional';
  const strict = program.settings.strictScoring;
  const track = program.settings.trackAges;
  const fits = (levelId: string | undefined, ageId: string | undefined) =>
    !strict || (levelId === entry.levelId && (!track || ageId === entry.ageId));
  if (isStudent(lead) && isStudent(follow) && lead && follow) {
    if (row.heat.view.kind !== 'Open' && row.heat.view.kind !== 'Closed') return undefined;
    const levelId = higher(program.levels, lead.levelId, follow.levelId);
    const ageId = higher(program.ages, lead.ageId, follow.ageId);
    return {
      group: 'Couples',
      key: `Couples|${lead.id}|${follow.id}`,
      studentIds: [lead.id, follow.id],
      ...(levelId ? { levelId } : {}),
      ...(ageId ? { ageId } : {}),
      counts: fits(levelId, ageId),
    };
  }
  const single = (group: StudentGroup, student: Person): StudentSubject => ({
    group,
    key: `${group}|${student.id}`,
    studentIds: [student.id],
    ...(student.levelId ? { levelId: student.levelId } : {}),
    ...(student.ageId ? { ageId: student.ageId } : {}),
    counts: fits(student.levelId, student.ageId),
  });
  if (isStudent(follow) && follow && pro(lead)) return single('Followers', follow);
  if (isStudent(lead) && lead && pro(follow)) return single('Leaders', lead);
  return undefined;
}

/** What a row needs to know about its entry, the same for every heat of it. */
interface EntryFacts {
  shares: HeatRow['shares'];
  /** Professionals credited on the entry (solo formations add theirs per heat). */
  instructors: string[];
  pro: boolean;
  /**
   * The student subject of its freestyle heats and of its other heats (amateur couples only
   * count in freestyle), once worked out: null when there is none.
   */
  freestyle: StudentSubject | null | undefined;
  other: StudentSubject | null | undefined;
}

function entryFacts(program: Program, entryId: string): EntryFacts {
  const record = program.entries.get(entryId);
  const lead = record ? program.people.get(record.leadId) : undefined;
  const follow = record ? program.people.get(record.followId) : undefined;
  const students = [lead, follow].filter((p): p is Person => isStudent(p));
  const shares = students.map((p) => ({
    studentId: p.id,
    studioId: p.studioId,
    ...(p.levelId ? { levelId: p.levelId } : {}),
    share: 1 / students.length,
  }));
  const credited = [record?.leadId, record?.followId, record?.instructorId];
  const instructors = [
    ...new Set(credited.filter((id): id is string => !!id && program.people.get(id)?.type === 'Professional')),
  ];
  return {
    shares,
    instructors,
    pro: lead?.type === 'Professional' && follow?.type === 'Professional',
    freestyle: undefined,
    other: undefined,
  };
}

const NOTHING: HeatRow['shares'] = [];

function rowOf(program: Program, heat: ScoredHeat, entry: HeatEntryView, facts: EntryFacts, at: number): HeatRow {
  const tabulated = heat.scale === '#' || heat.scale === '+' || columnGroupOf(heat.scale) !== null;
  const formation = entry.solo?.formation;
  const instructors =
    formation && formation.length > 0
      ? [
          ...new Set([
            ...facts.instructors,
            ...formation.map((d) => d.id).filter((id) => program.people.get(id)?.type === 'Professional'),
          ]),
        ]
      : facts.instructors;
  let student: StudentSubject | null | undefined;
  if (tabulated) {
    const freestyle = heat.view.kind === 'Open' || heat.view.kind === 'Closed';
    student = freestyle ? facts.freestyle : facts.other;
    if (student === undefined) {
      student = studentSubject(program, { entry, heat }) ?? null;
      if (freestyle) facts.freestyle = student;
      else facts.other = student;
    }
  }
  // NOTE: every row has every field, in one literal (those it lacks undefined): rows given a
  // student or a pro after they were made came in four shapes, and every mark of an event
  // reads its row.
  return {
    heatId: entry.heat.id,
    entryId: entry.heat.entryId,
    at,
    heat,
    entry,
    scale: heat.scale,
    tabulated,
    student: student ?? undefined,
    shares: tabulated ? facts.shares : NOTHING,
    instructors,
    pro: facts.pro && tabulated ? (heat.view.heading?.name ?? heat.view.dance) : undefined,
  };
}

/** Who dances where, worked out when a score sheet first asks. */
function lazyHeatsOf(rows: ReadonlyMap<string, HeatRow>): (personId: string) => string[] {
  let byPerson: Map<string, string[]> | undefined;
  return (personId) => {
    if (!byPerson) {
      const map = new Map<string, string[]>();
      for (const row of rows.values()) {
        const dancers = [...row.entry.couple.personIds, ...(row.entry.solo?.formation.map((d) => d.id) ?? [])];
        for (const id of new Set(dancers)) {
          const list = map.get(id) ?? [];
          list.push(row.heatId);
          map.set(id, list);
        }
      }
      byPerson = map;
    }
    return byPerson.get(personId) ?? [];
  };
}

/** Indexes a program for results: every scheduled couple's row, the judges and the scrutineered competitions. */
export function resultsIndex(program: Program): ResultsIndex {
  const heats = scoredHeats(program);
  const rows = new Map<string, HeatRow>();
  const facts = new Map<string, EntryFacts>();
  for (const heat of heats) {
    for (const entry of heat.view.entries) {
      if (entry.scratched) continue;
      let known = facts.get(entry.heat.entryId);
      if (!known) {
        known = entryFacts(program, entry.heat.entryId);
        facts.set(entry.heat.entryId, known);
      }
      rows.set(entry.heat.id, rowOf(program, heat, entry, known, rows.size));
    }
  }
  const judges = [...program.people.values()]
    .filter((p) => p.type === 'Judge')
    .sort((a, b) => displayName(a.name).localeCompare(displayName(b.name)) || a.id.localeCompare(b.id));
  return {
    program,
    heats,
    byLabel: new Map(heats.map((heat) => [heat.view.label, heat])),
    rows,
    judges,
    judgeNames: new Map(judges.map((j) => [j.id, displayName(j.name)])),
    assignments: assignmentsOf(program),
    competitions: competitionsOf(heats),
    heatsOf: lazyHeatsOf(rows),
  };
}
