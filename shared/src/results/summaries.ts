import type { ResultsIndex, StudentGroup } from './eventIndex.ts';
import type { EntryLine, Line, PersonLine, StudentLine, StudioLine, SummaryBook } from './summaryBook.ts';
import { byStanding, type Column, sameStanding, type Tallies, type Tally } from './tally.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One table of a summary: its rows best first, and the rows that stand equal to the first. */
export interface Ranked<R> {
  rows: R[];
  top: R[];
}

class Table<L, R extends Tally> {
  readonly byLine = new Map<L, R>();
  ranked: Ranked<R> = { rows: [], top: [] };
  stale = false;

  sort(tieBreak: (a: R, b: R) => number): void {
    const rows = [...this.byLine.values()].sort((a, b) => byStanding(a, b) || tieBreak(a, b));
    const first = rows[0];
    this.ranked = { rows, top: first ? rows.filter((row) => sameStanding(row, first)) : [] };
    this.stale = false;
  }
}

/**
 * The tables of a summary, kept as lines change: a changed line's row is made again and only
 * its table is sorted again; the other tables keep their rows (and their identity, so a screen
 * can skip them).
 */
class LiveTables<L extends Line, R extends Tally> {
  private readonly tables = new Map<string, Table<L, R>>();
  private readonly changed = new Set<L>();
  /** Every line is still to be read: nothing to note until the first read. */
  private fresh = true;

  constructor(
    private readonly tallies: Tallies,
    lines: Iterable<L>,
    private readonly tableOf: (line: L) => string,
    private readonly rowOf: (line: L) => R,
    private readonly tieBreak: (a: R, b: R) => number,
  ) {
    for (const line of lines) this.changed.add(line);
  }

  touch(line: L): void {
    if (!this.fresh) this.changed.add(line);
  }

  /** Applies the lines changed since; whether any table changed. */
  refresh(): boolean {
    this.fresh = false;
    if (this.changed.size === 0) return false;
    for (const line of this.changed) {
      const key = this.tableOf(line);
      let table = this.tables.get(key);
      if (!table) {
        table = new Table<L, R>();
        this.tables.set(key, table);
      }
      if (this.tallies.used(line.tally)) table.byLine.set(line, this.rowOf(line));
      else table.byLine.delete(line);
      table.stale = true;
    }
    this.changed.clear();
    for (const table of this.tables.values()) if (table.stale) table.sort(this.tieBreak);
    return true;
  }

  /** The non-empty tables, by key. */
  entries(): Array<[string, Ranked<R>]> {
    return [...this.tables].filter(([, t]) => t.ranked.rows.length > 0).map(([key, t]) => [key, t.ranked]);
  }
}

/** A summary a results engine keeps: told which of its lines changed, read when shown. */
export interface LiveSummary<T> {
  touch(line: Line): void;
  read(): T;
}

abstract class Live<L extends Line, R extends Tally, T> implements LiveSummary<T> {
  private readonly tables: LiveTables<L, R>;
  private out: T | undefined;

  constructor(
    protected readonly tallies: Tallies,
    lines: Iterable<L>,
    tableOf: (line: L) => string,
    tieBreak: (a: R, b: R) => number,
  ) {
    this.tables = new LiveTables(tallies, lines, tableOf, (line) => this.rowFor(line), tieBreak);
  }

  /** A line's row, made again only when its tally changed (by level and by age share theirs). */
  private rowFor(line: L): R {
    const version = this.tallies.version(line.tally);
    if (line.row?.version !== version) line.row = { version, value: this.rowOf(line) };
    return line.row.value as R;
  }

  protected abstract rowOf(line: L): R;
  protected abstract build(tables: Array<[string, Ranked<R>]>): T;

  touch(line: Line): void {
    this.tables.touch(line as L);
  }

  read(): T {
    if (this.tables.refresh() || this.out === undefined) this.out = this.build(this.tables.entries());
    return this.out;
  }
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
export class StudentsView extends Live<StudentLine, StudentRow, StudentSummary> {
  constructor(
    private readonly index: ResultsIndex,
    private readonly book: SummaryBook,
    private readonly by: 'level' | 'age',
  ) {
    super(
      book.tallies,
      book.students.values(),
      (line) => `${(by === 'level' ? line.subject.levelId : line.subject.ageId) ?? ''}|${line.subject.group}`,
      (a, b) => byText(a.names, b.names),
    );
  }

  // NOTE: a row lists its tally's fields rather than spreading it (`{ ...tally, key }`): the
  // spread with more fields after it cost ~10 µs a row in V8, 491 rows ~5 ms, most of reading
  // the by-level summary of the largest event from scratch.
  protected rowOf(line: StudentLine): StudentRow {
    const { counts, points, total, marks, good, bad } = this.tallies.tally(line.tally);
    return {
      counts,
      points,
      total,
      marks,
      good,
      bad,
      key: line.subject.key,
      group: line.subject.group,
      studentIds: line.subject.studentIds,
      names: line.names,
      studio: line.studio,
    };
  }

  protected build(tables: Array<[string, Ranked<StudentRow>]>): StudentSummary {
    const { program } = this.index;
    const { by } = this;
    const bands = new Map<string, StudentBand>();
    for (const [key, ranked] of tables) {
      const split = key.lastIndexOf('|');
      const bandId = key.slice(0, split);
      const group = key.slice(split + 1) as StudentGroup;
      let band = bands.get(bandId);
      if (!band) {
        const age = program.ages.get(bandId);
        const name =
          by === 'level'
            ? (program.levels.get(bandId)?.name ?? 'No level')
            : age
              ? `${age.category} (${age.description})`
              : 'No age';
        band = {
          id: bandId,
          name,
          groups: { Followers: [], Leaders: [], Couples: [] },
          top: { Followers: [], Leaders: [], Couples: [] },
        };
        bands.set(bandId, band);
      }
      band.groups[group] = ranked.rows;
      band.top[group] = ranked.top;
    }
    const order = (id: string) =>
      (by === 'level' ? program.levels.get(id)?.order : program.ages.get(id)?.order) ?? Number.POSITIVE_INFINITY;
    return {
      by,
      ...this.book.columns.students,
      bands: [...bands.values()].sort((a, b) => order(a.id) - order(b.id) || byText(a.name, b.name)),
    };
  }
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
export class StudiosView extends Live<StudioLine, StudioRow, StudioSummary> {
  constructor(
    private readonly index: ResultsIndex,
    private readonly book: SummaryBook,
  ) {
    super(
      book.tallies,
      [...book.studioLevels.values(), ...book.studios.values()],
      (line) => line.levelId,
      (a, b) => byText(a.name, b.name),
    );
  }

  protected rowOf(line: StudioLine): StudioRow {
    const { counts, points, total, marks, good, bad } = this.tallies.tally(line.tally);
    return {
      counts,
      points,
      total,
      marks,
      good,
      bad,
      studioId: line.studioId,
      name: line.name,
      average: marks > 0 ? (points + total) / marks : 0,
    };
  }

  protected build(tables: Array<[string, Ranked<StudioRow>]>): StudioSummary {
    const { program } = this.index;
    const order = (id: string) =>
      id === 'total' ? Number.POSITIVE_INFINITY : (program.levels.get(id)?.order ?? Number.MAX_SAFE_INTEGER);
    const bands = tables
      .map(([id, ranked]) => ({
        id,
        name: id === 'total' ? 'Total' : (program.levels.get(id)?.name ?? 'No level'),
        rows: ranked.rows,
      }))
      .sort((a, b) => order(a.id) - order(b.id));
    return { ...this.book.columns.studios, bands };
  }
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
export class InstructorsView extends Live<PersonLine, PersonRow, InstructorSummary> {
  constructor(private readonly book: SummaryBook) {
    super(
      book.tallies,
      book.instructors.values(),
      () => '',
      (a, b) => byText(a.name, b.name),
    );
  }

  protected rowOf(line: PersonLine): PersonRow {
    const { counts, points, total, marks, good, bad } = this.tallies.tally(line.tally);
    return { counts, points, total, marks, good, bad, personId: line.personId, name: line.name, studio: line.studio };
  }

  protected build(tables: Array<[string, Ranked<PersonRow>]>): InstructorSummary {
    const rows = tables[0]?.[1].rows ?? [];
    const feedback = new Set<string>();
    for (const row of rows) for (const abbr of [...Object.keys(row.good), ...Object.keys(row.bad)]) feedback.add(abbr);
    return { ...this.book.columns.instructors, feedback: [...feedback].sort(), rows };
  }
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

export interface EntrySummary {
  columns: Column[];
  numbers: boolean;
  groups: EntryGroup[];
}

/** A summary of couples in named groups: the multi-dances, or the pro-pro agenda items. */
export class EntriesView extends Live<EntryLine, EntryRow, EntrySummary> {
  constructor(
    tallies: Tallies,
    lines: Iterable<EntryLine>,
    private readonly columns: { columns: Column[]; numbers: boolean },
    private readonly nameOf: (groupId: string) => string,
    private readonly orderOf: (groupId: string) => number,
  ) {
    super(
      tallies,
      lines,
      (line) => line.groupId,
      (a, b) => byText(a.names, b.names),
    );
  }

  protected rowOf(line: EntryLine): EntryRow {
    const { couple } = line.entry;
    const { counts, points, total, marks, good, bad } = this.tallies.tally(line.tally);
    const entryId = line.entry.heat.entryId;
    const { back, names, studio } = couple;
    return back === undefined
      ? { counts, points, total, marks, good, bad, entryId, names, studio }
      : { counts, points, total, marks, good, bad, entryId, back, names, studio };
  }

  protected build(tables: Array<[string, Ranked<EntryRow>]>): EntrySummary {
    return {
      ...this.columns,
      groups: tables
        .map(([id, ranked]) => ({ id, name: this.nameOf(id), ...ranked }))
        .sort((a, b) => this.orderOf(a.id) - this.orderOf(b.id) || byText(a.name, b.name)),
    };
  }
}

/**
 * Multi-dance scores that are not scrutineered (DOMAIN.md §8): per multi-dance, and per split
 * under its own name, each couple's counts and points over every judge and dance.
 */
export function multisView(index: ResultsIndex, book: SummaryBook): EntriesView {
  const { program } = index;
  const splitName = new Map<string, string>();
  for (const level of program.multiLevels.values()) splitName.set(level.danceId, level.name);
  return new EntriesView(
    book.tallies,
    book.multis.values(),
    book.columns.multis,
    (danceId) => splitName.get(danceId) ?? program.dances.get(danceId)?.name ?? 'Unknown dance',
    (danceId) => Math.abs(program.dances.get(danceId)?.order ?? Number.POSITIVE_INFINITY),
  );
}

/** Pro scores (DOMAIN.md §8): pro-pro heats, listed by agenda item, each couple's counts and points. */
export function prosView(index: ResultsIndex, book: SummaryBook): EntriesView {
  const firstHeat = new Map<string, number>();
  for (const row of index.rows.values())
    if (row.pro && !firstHeat.has(row.pro)) firstHeat.set(row.pro, row.heat.view.number);
  return new EntriesView(
    book.tallies,
    book.pros.values(),
    book.columns.pros,
    (name) => name,
    (name) => firstHeat.get(name) ?? Number.POSITIVE_INFINITY,
  );
}
