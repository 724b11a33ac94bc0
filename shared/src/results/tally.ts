import type { EventSettings, Score } from '../model/types.ts';
import type { HeatScale } from '../scoring/scales.ts';
import { feedbackSet } from '../scoring/scales.ts';

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

/** A column's heading: F is shown with the event's finalist text. */
export function columnLabel(column: Column, settings: Pick<EventSettings, 'finalist'>): string {
  return column.group === 'place' && column.value === 'F' ? settings.finalist || 'F' : column.value;
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
  /** The value column it counts in. */
  column?: string;
  /** Weighted points (placements, medals, overall marks). */
  points: number;
  /** The number of a number-scale mark, summed apart from points. */
  number?: number;
}

/**
 * A mark's worth on its heat's scale, or null when it is worth nothing there: feedback only,
 * solos (scored out of 100, a scale these tables cannot hold), scrutineered dances (placed by
 * the Skating System), and values the scale does not know.
 */
export function tabulate(scale: HeatScale, value: string | undefined): Counted | null {
  if (value === undefined || value === '') return null;
  if (scale === '#') {
    if (!/^\d{1,2}$/.test(value)) return null;
    return { points: 0, number: Number(value) };
  }
  const group = columnGroupOf(scale);
  if (!group) return null;
  const index = GROUP_VALUES[group].indexOf(value);
  if (index < 0) return null;
  const points = group === 'overall' ? Number(value) : (WEIGHTS[index] as number);
  return { column: `${group}:${value}`, points };
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

export function emptyTally(): Tally {
  return { counts: {}, points: 0, total: 0, marks: 0, good: {}, bad: {} };
}

function bump(record: Record<string, number>, key: string, by: number): void {
  const next = (record[key] ?? 0) + by;
  if (next === 0) delete record[key];
  else record[key] = next;
}

/** Adds (`sign` 1) or takes away (-1) one mark's worth, times a share. */
export function addToTally(
  tally: Tally,
  counted: Counted | null,
  score: Pick<Score, 'good' | 'bad'>,
  share: number,
  sign: 1 | -1,
): void {
  const by = share * sign;
  if (counted) {
    tally.marks += by;
    tally.points += counted.points * by;
    if (counted.number !== undefined) tally.total += counted.number * by;
    if (counted.column) bump(tally.counts, counted.column, by);
  }
  for (const abbr of feedbackSet(score.good)) bump(tally.good, abbr, by);
  for (const abbr of feedbackSet(score.bad)) bump(tally.bad, abbr, by);
}

/** Orders rows best first: more points, then a higher number total, then more marks. */
export function byStanding(a: Tally, b: Tally): number {
  return b.points - a.points || b.total - a.total || b.marks - a.marks;
}

/** Whether two rows stand equal (so both are top scorers). */
export function sameStanding(a: Tally, b: Tally): boolean {
  return byStanding(a, b) === 0;
}
