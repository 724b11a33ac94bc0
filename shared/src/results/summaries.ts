import { displayName } from '../model/names.ts';
import type { HeatEntryView } from '../schedule/heats.ts';
import type { HeatRow, ResultsIndex, StudentGroup, StudentSubject } from './eventIndex.ts';
import { STUDENT_GROUPS } from './eventIndex.ts';
import {
  byStanding,
  COLUMN_GROUPS,
  type Column,
  type ColumnGroup,
  columnGroupOf,
  columnsOf,
  sameStanding,
  type Tally,
} from './tally.ts';

/** The running totals the summaries are read from, kept by the results engine. */
export interface Tallies {
  /** By `StudentSubject.key`. */
  students: Map<string, Tally>;
  /** By `<level id>|<studio id>`, and by studio id for the totals. */
  studioLevels: Map<string, Tally>;
  studios: Map<string, Tally>;
  /** By professional's person id. */
  instructors: Map<string, Tally>;
  /** Non-scrutineered multi-dances, by `<dance id>|<entry id>`. */
  multis: Map<string, Tally>;
  /** Pro-pro heats, by `<listed name>|<entry id>`. */
  pros: Map<string, Tally>;
}

export function emptyTallies(): Tallies {
  return {
    students: new Map(),
    studioLevels: new Map(),
    studios: new Map(),
    instructors: new Map(),
    multis: new Map(),
    pros: new Map(),
  };
}

function counted(tally: Tally): boolean {
  return tally.marks > 0 || Object.keys(tally.good).length > 0 || Object.keys(tally.bad).length > 0;
}

/** Best first; rows that stand equal to the first are all top scorers. */
function ranked<T extends Tally>(rows: T[]): { rows: T[]; top: T[] } {
  rows.sort(byStanding);
  const first = rows[0];
  return { rows, top: first ? rows.filter((row) => sameStanding(row, first)) : [] };
}

/** The value columns of the scales a set of rows is marked on, in a fixed order. */
function columnsFor(index: ResultsIndex, include: (row: HeatRow) => boolean): Column[] {
  const groups = new Set<ColumnGroup>();
  for (const row of index.rows.values()) {
    const group = columnGroupOf(row.scale);
    if (group && include(row)) groups.add(group);
  }
  return COLUMN_GROUPS.filter((g) => groups.has(g)).flatMap(columnsOf);
}

/** Whether any row of the set is marked on the number scale (a "Total" column). */
function numbersFor(index: ResultsIndex, include: (row: HeatRow) => boolean): boolean {
  for (const row of index.rows.values()) if (row.scale === '#' && include(row)) return true;
  return false;
}

export interface StudentRow extends Tally {
  key: string;
  group: StudentGroup;
  studentIds: string[];
  /** "Ann Smith", or "Ann Smith & Bob Jones" for an amateur couple. */
  names: string;
  studio: string;
}

/** One level (or age) of the by-level (by-age) summary. */
export interface StudentBand {
  id: string;
  name: string;
  groups: Record<StudentGroup, StudentRow[]>;
  /** The top scorers of each group: more than one when they stand equal. */
  top: Record<StudentGroup, StudentRow[]>;
}

export interface StudentSummary {
  by: 'level' | 'age';
  columns: Column[];
  numbers: boolean;
  bands: StudentBand[];
}

/**
 * "Top scores by level / by age" (DOMAIN.md §8): students as followers, leaders and amateur
 * couples, in their level (or age) — an amateur couple in its higher level and older age —
 * everyone's counts per value and points, best first. Strict scoring is applied when the
 * marks are counted (`StudentSubject.counts`).
 */
export function studentSummary(index: ResultsIndex, tallies: Tallies, by: 'level' | 'age'): StudentSummary {
  const { program } = index;
  const subjects = new Map<string, StudentSubject>();
  for (const row of index.rows.values()) if (row.student?.counts) subjects.set(row.student.key, row.student);
  const bands = new Map<string, StudentBand>();
  const bandOf = (id: string | undefined): StudentBand => {
    const key = id ?? '';
    let band = bands.get(key);
    if (!band) {
      const name =
        (by === 'level'
          ? program.levels.get(key)?.name
          : (() => {
              const age = program.ages.get(key);
              return age ? `${age.category} (${age.description})` : undefined;
            })()) ?? (by === 'level' ? 'No level' : 'No age');
      band = {
        id: key,
        name,
        groups: { Followers: [], Leaders: [], Couples: [] },
        top: { Followers: [], Leaders: [], Couples: [] },
      };
      bands.set(key, band);
    }
    return band;
  };
  for (const [key, tally] of tallies.students) {
    const subject = subjects.get(key);
    if (!subject || !counted(tally)) continue;
    const people = subject.studentIds.map((id) => program.people.get(id));
    const studios = [...new Set(people.map((p) => (p ? program.studios.get(p.studioId)?.name : undefined)))];
    bandOf(by === 'level' ? subject.levelId : subject.ageId).groups[subject.group].push({
      ...tally,
      key,
      group: subject.group,
      studentIds: subject.studentIds,
      names: people.map((p) => (p ? displayName(p.name) : 'Unknown dancer')).join(' & '),
      studio: studios.filter(Boolean).join(' / '),
    });
  }
  const order = (id: string) =>
    (by === 'level' ? program.levels.get(id)?.order : program.ages.get(id)?.order) ?? Infinity;
  for (const band of bands.values())
    for (const group of STUDENT_GROUPS) {
      const { rows, top } = ranked(band.groups[group]);
      band.groups[group] = rows;
      band.top[group] = top;
    }
  const include = (row: HeatRow) => !!row.student?.counts;
  return {
    by,
    columns: columnsFor(index, include),
    numbers: numbersFor(index, include),
    bands: [...bands.values()].sort((a, b) => order(a.id) - order(b.id) || a.name.localeCompare(b.name)),
  };
}

export interface StudioRow extends Tally {
  studioId: string;
  name: string;
  /** Points per mark (numbers count their value). */
  average: number;
}

export interface StudioBand {
  /** A level id, or "total". */
  id: string;
  name: string;
  rows: StudioRow[];
}

export interface StudioSummary {
  columns: Column[];
  numbers: boolean;
  bands: StudioBand[];
}

/**
 * By studio (DOMAIN.md §8): per level and in total, each studio's counts, points, marks and
 * average, an amateur couple's marks split between its two students (half a mark each).
 */
export function studioSummary(index: ResultsIndex, tallies: Tallies): StudioSummary {
  const { program } = index;
  const rowOf = (studioId: string, tally: Tally): StudioRow => ({
    ...tally,
    studioId,
    name: program.studios.get(studioId)?.name ?? 'Unknown studio',
    average: tally.marks > 0 ? (tally.points + tally.total) / tally.marks : 0,
  });
  const byLevel = new Map<string, StudioRow[]>();
  for (const [key, tally] of tallies.studioLevels) {
    if (!counted(tally)) continue;
    const [levelId = '', studioId = ''] = key.split('|');
    const rows = byLevel.get(levelId) ?? [];
    rows.push(rowOf(studioId, tally));
    byLevel.set(levelId, rows);
  }
  const sortRows = (rows: StudioRow[]) => rows.sort((a, b) => byStanding(a, b) || a.name.localeCompare(b.name));
  const bands: StudioBand[] = [...byLevel]
    .sort(([a], [b]) => (program.levels.get(a)?.order ?? Infinity) - (program.levels.get(b)?.order ?? Infinity))
    .map(([id, rows]) => ({ id, name: program.levels.get(id)?.name ?? 'No level', rows: sortRows(rows) }));
  const totals = [...tallies.studios].filter(([, t]) => counted(t)).map(([id, t]) => rowOf(id, t));
  if (totals.length > 0) bands.push({ id: 'total', name: 'Total', rows: sortRows(totals) });
  const include = (row: HeatRow) => row.shares.length > 0;
  return { columns: columnsFor(index, include), numbers: numbersFor(index, include), bands };
}

export interface PersonRow extends Tally {
  personId: string;
  name: string;
  studio: string;
}

export interface InstructorSummary {
  columns: Column[];
  numbers: boolean;
  /** Feedback abbreviations given to any instructor's couples, for their count columns. */
  feedback: string[];
  rows: PersonRow[];
}

/**
 * Instructor scores (DOMAIN.md §8): professionals credited as lead or follow, as an entry's
 * instructor, or as a formation member — counts and points, and in the feedback scales how
 * often each "good" and "needs work" was given.
 */
export function instructorSummary(index: ResultsIndex, tallies: Tallies): InstructorSummary {
  const { program } = index;
  const rows: PersonRow[] = [];
  const feedback = new Set<string>();
  for (const [personId, tally] of tallies.instructors) {
    if (!counted(tally)) continue;
    const person = program.people.get(personId);
    for (const abbr of [...Object.keys(tally.good), ...Object.keys(tally.bad)]) feedback.add(abbr);
    rows.push({
      ...tally,
      personId,
      name: person ? displayName(person.name) : 'Unknown professional',
      studio: (person ? program.studios.get(person.studioId)?.name : undefined) ?? '',
    });
  }
  rows.sort((a, b) => byStanding(a, b) || a.name.localeCompare(b.name));
  const include = (row: HeatRow) => row.instructors.length > 0;
  return {
    columns: columnsFor(index, include),
    numbers: numbersFor(index, include),
    feedback: [...feedback].sort(),
    rows,
  };
}

/** One couple's line in a multi-dance or pro summary. */
export interface EntryRow extends Tally {
  entryId: string;
  back?: number;
  names: string;
  studio: string;
}

export interface EntryGroup {
  id: string;
  name: string;
  rows: EntryRow[];
  top: EntryRow[];
}

function entryGroups(
  index: ResultsIndex,
  tallies: Map<string, Tally>,
  nameOf: (groupId: string) => string,
  orderOf: (groupId: string) => number,
): EntryGroup[] {
  const couples = new Map<string, HeatEntryView>();
  for (const row of index.rows.values()) couples.set(row.entry.heat.entryId, row.entry);
  const groups = new Map<string, EntryRow[]>();
  for (const [key, tally] of tallies) {
    if (!counted(tally)) continue;
    const split = key.lastIndexOf('|');
    const groupId = key.slice(0, split);
    const entryId = key.slice(split + 1);
    const entry = couples.get(entryId);
    const rows = groups.get(groupId) ?? [];
    rows.push({
      ...tally,
      entryId,
      ...(entry?.couple.back === undefined ? {} : { back: entry.couple.back }),
      names: entry?.couple.names ?? 'Unknown entry',
      studio: entry?.couple.studio ?? '',
    });
    groups.set(groupId, rows);
  }
  return [...groups]
    .map(([id, rows]) => ({ id, name: nameOf(id), ...ranked(rows) }))
    .sort((a, b) => orderOf(a.id) - orderOf(b.id) || a.name.localeCompare(b.name));
}

export interface EntrySummary {
  columns: Column[];
  numbers: boolean;
  groups: EntryGroup[];
}

/**
 * Multi-dance scores that are not scrutineered (DOMAIN.md §8): per multi-dance, and per split
 * under its own name, each couple's counts and points over every judge and dance.
 */
export function multiSummary(index: ResultsIndex, tallies: Tallies): EntrySummary {
  const { program } = index;
  const splitName = new Map<string, string>();
  for (const level of program.multiLevels.values()) splitName.set(level.danceId, level.name);
  const include = (row: HeatRow) => row.heat.view.kind === 'Multi' && row.tabulated;
  return {
    columns: columnsFor(index, include),
    numbers: numbersFor(index, include),
    groups: entryGroups(
      index,
      tallies.multis,
      (danceId) => splitName.get(danceId) ?? program.dances.get(danceId)?.name ?? 'Unknown dance',
      (danceId) => Math.abs(program.dances.get(danceId)?.order ?? Infinity),
    ),
  };
}

/** Pro scores (DOMAIN.md §8): pro-pro heats, listed by agenda item, each couple's counts and points. */
export function proSummary(index: ResultsIndex, tallies: Tallies): EntrySummary {
  const firstHeat = new Map<string, number>();
  for (const row of index.rows.values())
    if (row.pro && !firstHeat.has(row.pro)) firstHeat.set(row.pro, row.heat.view.number);
  const include = (row: HeatRow) => !!row.pro;
  return {
    columns: columnsFor(index, include),
    numbers: numbersFor(index, include),
    groups: entryGroups(
      index,
      tallies.pros,
      (name) => name,
      (name) => firstHeat.get(name) ?? Infinity,
    ),
  };
}
