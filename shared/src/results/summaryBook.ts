import { displayName } from '../model/names.ts';
import type { HeatEntryView } from '../schedule/heats.ts';
import type { HeatRow, ResultsIndex, StudentSubject } from './eventIndex.ts';
import { COLUMN_GROUPS, type Column, type ColumnGroup, columnGroupOf, columnsOf, Tallies } from './tally.ts';

/** The summaries of DOMAIN.md §8 a results screen shows. */
export type SummaryName = 'students' | 'studios' | 'instructors' | 'multis' | 'pros';
export const SUMMARIES: readonly SummaryName[] = ['students', 'studios', 'instructors', 'multis', 'pros'];

export interface Line {
  /** Its running tally in `SummaryBook.tallies`. */
  tally: number;
  /** The row a summary last made of it, and the tally version it was made from. */
  row: { version: number; value: unknown } | undefined;
}

export interface StudentLine extends Line {
  subject: StudentSubject;
  names: string;
  studio: string;
}

export interface StudioLine extends Line {
  studioId: string;
  name: string;
  levelId: string;
}

export interface PersonLine extends Line {
  personId: string;
  name: string;
  studio: string;
}

export interface EntryLine extends Line {
  groupId: string;
  entry: HeatEntryView;
}

/** Where one couple's marks in one heat are added up: a running tally, the share it takes, the summary it feeds. */
export interface Target {
  line: Line;
  /** `line.tally`, read without reaching for the line. */
  tally: number;
  share: number;
  summary: SummaryName;
}

/**
 * Everything about the summaries that follows from the program alone, worked out once: a
 * running tally for every line of every summary, the tallies each couple's marks add to, the
 * names shown, the value columns each summary needs.
 */
export interface SummaryBook {
  students: Map<string, StudentLine>;
  /** Per level (`<level id>|<studio id>`), and in total (studio id). */
  studioLevels: Map<string, StudioLine>;
  studios: Map<string, StudioLine>;
  instructors: Map<string, PersonLine>;
  /** Non-scrutineered multi-dances (`<dance id>|<entry id>`). */
  multis: Map<string, EntryLine>;
  /** Pro-pro heats (`<listed name>|<entry id>`). */
  pros: Map<string, EntryLine>;
  /** By row (`HeatRow.at`). */
  targets: Target[][];
  /** Every line's running tally, and the feedback abbreviations they count. */
  tallies: Tallies;
  columns: Record<SummaryName, { columns: Column[]; numbers: boolean }>;
  /** The heats each summary is made of (for how complete it is). */
  heats: Record<SummaryName, string[]>;
}

/**
 * The line of a key, made on first use around a new tally. NOTE: `make` returns the whole line
 * as one literal: a line made as `{ ...fields, tally }` (a spread with more after it) is an
 * object V8 reads and extends slowly.
 */
function line<T extends Line>(tallies: Tallies, map: Map<string, T>, key: string, make: (tally: number) => T): T {
  let found = map.get(key);
  if (!found) {
    found = make(tallies.open());
    map.set(key, found);
  }
  return found;
}

const NO_TARGETS: Target[] = [];

export function summaryBook(index: ResultsIndex): SummaryBook {
  const { program } = index;
  const name = (id: string) => {
    const person = program.people.get(id);
    return person ? displayName(person.name) : 'Unknown dancer';
  };
  const studioName = (id: string | undefined) => (id ? program.studios.get(id)?.name : undefined) ?? '';
  const book: SummaryBook = {
    students: new Map(),
    studioLevels: new Map(),
    studios: new Map(),
    instructors: new Map(),
    multis: new Map(),
    pros: new Map(),
    targets: [],
    tallies: new Tallies(),
    columns: {} as SummaryBook['columns'],
    heats: {} as SummaryBook['heats'],
  };
  const groups = Object.fromEntries(SUMMARIES.map((s) => [s, new Set<ColumnGroup>()])) as Record<
    SummaryName,
    Set<ColumnGroup>
  >;
  const numbers = new Set<SummaryName>();
  const heats = Object.fromEntries(SUMMARIES.map((s) => [s, new Set<string>()])) as Record<SummaryName, Set<string>>;

  /** The student, studio and instructor lines a couple's marks feed: the same for all its heats of a kind. */
  const baseTargets = (row: HeatRow): Target[] => {
    const targets: Target[] = [];
    const { student } = row;
    if (student?.counts) {
      const studentLine = line(book.tallies, book.students, student.key, (tally): StudentLine => {
        const people = student.studentIds.map((id) => program.people.get(id));
        return {
          tally,
          row: undefined,
          subject: student,
          names: student.studentIds.map(name).join(' & '),
          studio: [...new Set(people.map((p) => studioName(p?.studioId)))].filter(Boolean).join(' / '),
        };
      });
      targets.push({ line: studentLine, tally: studentLine.tally, share: 1, summary: 'students' });
    }
    for (const share of row.shares) {
      const levelId = share.levelId ?? '';
      const studioLine = (map: Map<string, StudioLine>, key: string, level: string) =>
        line(book.tallies, map, key, (tally) => ({
          tally,
          row: undefined,
          studioId: share.studioId,
          name: studioName(share.studioId) || 'Unknown studio',
          levelId: level,
        }));
      const level = studioLine(book.studioLevels, `${levelId}|${share.studioId}`, levelId);
      targets.push({ line: level, tally: level.tally, share: share.share, summary: 'studios' });
      const total = studioLine(book.studios, share.studioId, 'total');
      targets.push({ line: total, tally: total.tally, share: share.share, summary: 'studios' });
    }
    for (const personId of row.instructors) {
      const person = program.people.get(personId);
      const personLine = line(book.tallies, book.instructors, personId, (tally) => ({
        tally,
        row: undefined,
        personId,
        name: person ? displayName(person.name) : 'Unknown professional',
        studio: studioName(person?.studioId),
      }));
      targets.push({ line: personLine, tally: personLine.tally, share: 1, summary: 'instructors' });
    }
    return targets;
  };
  // NOTE: a couple dances many heats of one kind; working out its lines once per entry (not
  // per heat) halved the time to build this for the largest event.
  const byEntry = new Map<string, Record<string, Target[]>>();
  /** The heat each summary last added (rows come heat by heat). */
  const lastHeat: Partial<Record<SummaryName, string>> = {};
  for (const row of index.rows.values()) {
    book.targets.push(NO_TARGETS);
    if (!row.tabulated) continue;
    const { kind } = row.heat.view;
    const kindKey = kind === 'Open' || kind === 'Closed' ? 'freestyle' : kind;
    let kinds = byEntry.get(row.entryId);
    if (!kinds) {
      kinds = {};
      byEntry.set(row.entryId, kinds);
    }
    let targets = kinds[kindKey];
    if (!targets) {
      targets = baseTargets(row);
      kinds[kindKey] = targets;
    }
    const entryLine = (map: Map<string, EntryLine>, groupId: string): Target => {
      const found = line(book.tallies, map, `${groupId}|${row.entryId}`, (tally) => ({
        tally,
        row: undefined,
        groupId,
        entry: row.entry,
      }));
      return { line: found, tally: found.tally, share: 1, summary: map === book.pros ? 'pros' : 'multis' };
    };
    if (row.pro || row.heat.view.kind === 'Multi') {
      targets = [...targets];
      if (row.pro) targets.push(entryLine(book.pros, row.pro));
      if (row.heat.view.kind === 'Multi') targets.push(entryLine(book.multis, row.entry.heat.danceId));
    }
    if (targets.length === 0) continue;
    book.targets[row.at] = targets;
    const group = columnGroupOf(row.scale);
    const label = row.heat.view.label;
    for (const { summary } of targets) {
      if (lastHeat[summary] === label) continue;
      lastHeat[summary] = label;
      if (group) groups[summary].add(group);
      if (row.scale === '#') numbers.add(summary);
      heats[summary].add(label);
    }
  }
  for (const summary of SUMMARIES) {
    book.columns[summary] = {
      columns: COLUMN_GROUPS.filter((g) => groups[summary].has(g)).flatMap(columnsOf),
      numbers: numbers.has(summary),
    };
    book.heats[summary] = [...heats[summary]];
  }
  return book;
}
