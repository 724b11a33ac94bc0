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
export class FeedbackCodes {
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

/** Counts by feedback code, read as counts by abbreviation (those not zero). */
function named(counts: readonly number[], codes: FeedbackCodes): Record<string, number> {
  const out: Record<string, number> = {};
  for (let code = 0; code < counts.length; code++) {
    const n = counts[code];
    if (n) out[codes.abbreviations[code] as string] = n;
  }
  return out;
}

/** A running tally, changed one mark at a time. */
export class Accumulator {
  readonly counts = new Float64Array(COLUMNS.length);
  points = 0;
  total = 0;
  marks = 0;
  /** Feedback given, by code (`FeedbackCodes`). */
  private readonly good: number[] = [];
  private readonly bad: number[] = [];
  /** Feedback codes whose count is not zero. */
  private given = 0;
  /** Bumped by every change, so what is read from it can be kept until it changes. */
  version = 0;
  private read: { version: number; tally: Tally } | undefined;

  constructor(private readonly codes: FeedbackCodes) {}

  /**
   * Adds (`by` a share) or takes away (minus a share) one mark: its worth (`lookup` of its
   * value on its heat's scale) and its feedback (`FeedbackCodes.of`), worked out once per mark.
   */
  add(counted: Lookup | null, good: readonly number[] | null, bad: readonly number[] | null, by: number): void {
    this.version++;
    if (counted) {
      this.marks += by;
      this.points += counted.points * by;
      if (counted.number !== undefined) this.total += counted.number * by;
      if (counted.at >= 0) this.counts[counted.at] = (this.counts[counted.at] as number) + by;
    }
    if (good) this.bump(this.good, good, by);
    if (bad) this.bump(this.bad, bad, by);
  }

  private bump(counts: number[], codes: readonly number[], by: number): void {
    for (const code of codes) {
      const before = counts[code] ?? 0;
      const next = before + by;
      counts[code] = next;
      if (before === 0) this.given++;
      else if (next === 0) this.given--;
    }
  }

  /** Whether anything was counted. */
  get used(): boolean {
    return this.marks !== 0 || this.given > 0;
  }

  tally(): Tally {
    if (this.read?.version === this.version) return this.read.tally;
    const counts: Record<string, number> = {};
    this.counts.forEach((n, i) => {
      if (n !== 0) counts[(COLUMNS[i] as Column).id] = n;
    });
    const tally = {
      counts,
      points: this.points,
      total: this.total,
      marks: this.marks,
      good: named(this.good, this.codes),
      bad: named(this.bad, this.codes),
    };
    this.read = { version: this.version, tally };
    return tally;
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
