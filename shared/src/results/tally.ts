import type { EventSettings } from '../model/types.ts';
import type { HeatScale } from '../scoring/scales.ts';

/**
 * What marks are worth in the summaries (DOMAIN.md §8): placements and medals by their place
 * in the scale — WEIGHTS 5, 3, 2, 1 — the 1–5 overall mark by its number, the number scale by
 * its sum. Each value keeps its own count column.
 */
export const WEIGHTS = [5, 3, 2, 1] as const;

/** The kinds of value columns a summary shows, each with its own values best first. */
export type ColumnGroup = 'place' | 'medal' | 'overall';

export interface Column {
  /** Unique across groups: "place:1", "medal:GH", "overall:5" ("1" is a place and an overall mark). */
  id: string;
  group: ColumnGroup;
  value: string;
}

const GROUP_VALUES: Record<ColumnGroup, readonly string[]> = {
  place: ['1', '2', '3', 'F'],
  medal: ['GH', 'G', 'S', 'B'],
  overall: ['5', '4', '3', '2', '1'],
};

export const COLUMN_GROUPS: readonly ColumnGroup[] = ['place', 'medal', 'overall'];

export function columnsOf(group: ColumnGroup): Column[] {
  return GROUP_VALUES[group].map((value) => ({ id: `${group}:${value}`, group, value }));
}

/** Every value column, in the order summaries show them. */
const COLUMNS: readonly Column[] = COLUMN_GROUPS.flatMap(columnsOf);

const PLACE_LABELS: Record<string, string> = { '1': '1st', '2': '2nd', '3': '3rd' };

/**
 * A column's heading: places as "1st", "2nd", "3rd" and F with the event's finalist text (a
 * bare "1" would read like the overall mark 1).
 */
export function columnLabel(column: Column, settings: Pick<EventSettings, 'finalist'>): string {
  if (column.group !== 'place') return column.value;
  return column.value === 'F' ? settings.finalist || 'F' : (PLACE_LABELS[column.value] ?? column.value);
}

/** Which value columns a scale's marks fill; none for numbers, feedback and the rest. */
export function columnGroupOf(scale: HeatScale): ColumnGroup | null {
  switch (scale) {
    case '1':
      return 'place';
    case 'G':
    case '@':
      return 'medal';
    case '&':
      return 'overall';
    default:
      return null;
  }
}

/** One mark as the summaries count it. */
export interface Counted {
  /** The value column it counts in (`Column.id`). */
  column?: string;
  /** Weighted points (placements, medals, overall marks). */
  points: number;
  /** The number of a number-scale mark, summed apart from points. */
  number?: number;
}

/** A mark's worth as the engine adds it: its column's position among all columns (-1: none). */
export interface Lookup extends Counted {
  at: number;
}

/** Each scale's values, looked up once: a mark is counted millions of times over an event. */
const LOOKUP = new Map<ColumnGroup, Map<string, Lookup>>(
  COLUMN_GROUPS.map((group) => [
    group,
    new Map(
      GROUP_VALUES[group].map((value, i) => [
        value,
        {
          column: `${group}:${value}`,
          points: group === 'overall' ? Number(value) : (WEIGHTS[i] as number),
          at: COLUMNS.findIndex((c) => c.id === `${group}:${value}`),
        },
      ]),
    ),
  ]),
);

export function lookup(scale: HeatScale, value: string | undefined): Lookup | null {
  if (value === undefined || value === '') return null;
  if (scale === '#') return /^\d{1,2}$/.test(value) ? { points: 0, number: Number(value), at: -1 } : null;
  const group = columnGroupOf(scale);
  return (group && LOOKUP.get(group)?.get(value)) || null;
}

/**
 * A mark's worth on its heat's scale, or null when it is worth nothing there: feedback only,
 * solos (scored out of 100, a scale these tables cannot hold), scrutineered dances (placed by
 * the Skating System), and values the scale does not know.
 */
export function tabulate(scale: HeatScale, value: string | undefined): Counted | null {
  const found = lookup(scale, value);
  if (!found) return null;
  const { at: _, ...counted } = found;
  return counted;
}

/** Counts, points and feedback of the marks of one row of a summary. */
export interface Tally {
  counts: Record<string, number>;
  points: number;
  /** Sum of number-scale marks. */
  total: number;
  /** Marks counted (each a share: half a mark for each student of an amateur couple). */
  marks: number;
  /** Feedback given, by abbreviation (the `+`, `&` and `@` scales). */
  good: Record<string, number>;
  bad: Record<string, number>;
}

/**
 * The feedback abbreviations of one engine's marks, numbered as they first come, and each
 * space-separated list a mark carries as those numbers (the same few lists come again and
 * again). NOTE: tallies counted feedback in maps by abbreviation, ~84,000 map updates for the
 * largest event's marks; by number they are array slots.
 */
class FeedbackCodes {
  readonly abbreviations: string[] = [];
  private readonly codes = new Map<string, number>();
  private readonly lists = new Map<string, number[] | null>();

  /** A mark's feedback list as codes, or null when there is none. */
  of(list: string | undefined): readonly number[] | null {
    if (!list) return null;
    let codes = this.lists.get(list);
    if (codes === undefined) {
      const abbreviations = list.split(' ').filter(Boolean);
      codes = abbreviations.length > 0 ? abbreviations.map((abbr) => this.code(abbr)) : null;
      this.lists.set(list, codes);
    }
    return codes;
  }

  private code(abbr: string): number {
    let code = this.codes.get(abbr);
    if (code === undefined) {
      code = this.abbreviations.push(abbr) - 1;
      this.codes.set(abbr, code);
    }
    return code;
  }
}

// Where each number of a tally sits in its stretch of `Tallies.values`: the value columns
// (COLUMNS order), then these, then the "good" and the "needs work" counts by feedback code.
const POINTS = COLUMNS.length;
const TOTAL = POINTS + 1;
const MARKS = POINTS + 2;
const VERSION = POINTS + 3;
/** Feedback codes whose count is not zero. */
const GIVEN = POINTS + 4;
const FEEDBACK = POINTS + 5;

/**
 * Every running tally of one engine, changed one mark at a time. NOTE: the numbers of all of
 * them live in one array, a stretch per tally, rather than in an object per tally with its own
 * typed array and feedback arrays: every mark of an event is added to about five tallies, and
 * reaching each through four objects scattered over the heap is time spent waiting on memory.
 * Loading the largest event's 27,000 marks went from 59, 49, 66 ms CPU to 42, 37, 54 ms in
 * alternating runs of both (load average 20; bench/results.bench.ts's event), and no double is
 * boxed on the heap when a tally changes.
 */
export class Tallies {
  readonly codes = new FeedbackCodes();
  /** Feedback codes each tally has room for; doubled (and every tally moved) when one more comes. */
  private room = 8;
  private stride = FEEDBACK + 2 * this.room;
  private size = 0;
  private values = new Float64Array(256 * this.stride);

  /** A new tally, at zero: its number. */
  open(): number {
    if ((this.size + 1) * this.stride > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    return this.size++;
  }

  /** A mark's feedback list as codes (`FeedbackCodes.of`), with room for them in every tally. */
  feedback(list: string | undefined): readonly number[] | null {
    const codes = this.codes.of(list);
    if (this.codes.abbreviations.length > this.room) this.makeRoom();
    return codes;
  }

  private makeRoom(): void {
    const room = Math.max(this.room * 2, this.codes.abbreviations.length);
    const stride = FEEDBACK + 2 * room;
    const values = new Float64Array(Math.max(256, this.size) * stride);
    for (let tally = 0; tally < this.size; tally++) {
      const from = tally * this.stride;
      const to = tally * stride;
      values.set(this.values.subarray(from, from + FEEDBACK + this.room), to);
      values.set(this.values.subarray(from + FEEDBACK + this.room, from + this.stride), to + FEEDBACK + room);
    }
    this.room = room;
    this.stride = stride;
    this.values = values;
  }

  /**
   * Adds (`by` a share) or takes away (minus a share) one mark: its worth (`lookup` of its
   * value on its heat's scale) and its feedback (`feedback`), worked out once per mark.
   */
  add(
    tally: number,
    counted: Lookup | null,
    good: readonly number[] | null,
    bad: readonly number[] | null,
    by: number,
  ): void {
    const { values } = this;
    const at = tally * this.stride;
    values[at + VERSION] = (values[at + VERSION] as number) + 1;
    if (counted) {
      values[at + MARKS] = (values[at + MARKS] as number) + by;
      values[at + POINTS] = (values[at + POINTS] as number) + counted.points * by;
      if (counted.number !== undefined) values[at + TOTAL] = (values[at + TOTAL] as number) + counted.number * by;
      if (counted.at >= 0) values[at + counted.at] = (values[at + counted.at] as number) + by;
    }
    if (good) this.bump(at, at + FEEDBACK, good, by);
    if (bad) this.bump(at, at + FEEDBACK + this.room, bad, by);
  }

  private bump(at: number, first: number, codes: readonly number[], by: number): void {
    const { values } = this;
    for (let i = 0; i < codes.length; i++) {
      const slot = first + (codes[i] as number);
      const before = values[slot] as number;
      const next = before + by;
      values[slot] = next;
      if (before === 0) values[at + GIVEN] = (values[at + GIVEN] as number) + 1;
      else if (next === 0) values[at + GIVEN] = (values[at + GIVEN] as number) - 1;
    }
  }

  /** Bumped by every change, so what is read from a tally can be kept until it changes. */
  version(tally: number): number {
    return this.values[tally * this.stride + VERSION] as number;
  }

  /** Whether anything was counted. */
  used(tally: number): boolean {
    const at = tally * this.stride;
    return this.values[at + MARKS] !== 0 || (this.values[at + GIVEN] as number) > 0;
  }

  tally(tally: number): Tally {
    const { values } = this;
    const at = tally * this.stride;
    const counts: Record<string, number> = {};
    for (let i = 0; i < COLUMNS.length; i++) {
      const n = values[at + i] as number;
      if (n !== 0) counts[(COLUMNS[i] as Column).id] = n;
    }
    return {
      counts,
      points: values[at + POINTS] as number,
      total: values[at + TOTAL] as number,
      marks: values[at + MARKS] as number,
      good: this.named(at + FEEDBACK),
      bad: this.named(at + FEEDBACK + this.room),
    };
  }

  /** Counts by feedback code, read as counts by abbreviation (those not zero). */
  private named(first: number): Record<string, number> {
    const out: Record<string, number> = {};
    const { abbreviations } = this.codes;
    for (let code = 0; code < abbreviations.length; code++) {
      const n = this.values[first + code];
      if (n) out[abbreviations[code] as string] = n;
    }
    return out;
  }
}

/** Orders rows best first: more points, then a higher number total, then more marks. */
export function byStanding(a: Tally, b: Tally): number {
  return b.points - a.points || b.total - a.total || b.marks - a.marks;
}

/** Whether two rows stand equal (so both are top scorers). */
export function sameStanding(a: Tally, b: Tally): boolean {
  return byStanding(a, b) === 0;
}
