import type { Program } from '../docs/program.ts';
import { displayName } from '../model/names.ts';
import type { Score } from '../model/types.ts';
import { hasContent } from '../scoring/marks.ts';
import { writeCsv } from './csv.ts';
import { showcaseRowId } from './showcase.ts';

/**
 * A `scores` row as Showcase stores it (DOMAIN.md §2 scores): the mark of a couple in a heat
 * (and a slot of a multi-dance), or a category score — `heat_id` minus the category's id,
 * `person_id` the student, the mark in `good`.
 */
export interface ShowcaseScoreRow {
  judge_id: number;
  heat_id: number;
  slot: number | null;
  person_id: number | null;
  value: string | null;
  good: string | null;
  bad: string | null;
  comments: string | null;
  /** Rails' UTC timestamp text, `2025-03-14 10:00:00.123000`. */
  updated_at: string;
}

/** A Rails datetime column value (UTC, microseconds) for milliseconds since the epoch. */
export function railsTime(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 23)}000`;
}

/**
 * The Showcase row for one of a judge's marks — the exact inverse of how an import reads it —
 * or why it has none: a judge, heat, category or student added in ondeck has no Showcase id.
 */
export function showcaseScoreRow(judgeId: string, mark: Score): ShowcaseScoreRow | { skipped: string } {
  const judge = showcaseRowId('people', judgeId);
  if (judge === undefined) return { skipped: `judge ${judgeId} was added in ondeck, not in Showcase` };
  const text = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  if (mark.categoryId !== undefined) {
    const category = showcaseRowId('categories', mark.categoryId);
    const person = mark.personId === undefined ? undefined : showcaseRowId('people', mark.personId);
    if (category === undefined || category === 0)
      return { skipped: `category ${mark.categoryId} was added in ondeck, not in Showcase` };
    if (person === undefined)
      return { skipped: `student ${mark.personId ?? '?'} was added in ondeck, not in Showcase` };
    return {
      judge_id: judge,
      heat_id: -category,
      slot: null,
      person_id: person,
      value: null,
      good: text(mark.value),
      bad: null,
      comments: text(mark.comments),
      updated_at: railsTime(mark.updatedAt),
    };
  }
  const heat = showcaseRowId('heats', mark.heatId);
  if (heat === undefined) return { skipped: `heat ${mark.heatId} was added in ondeck, not in Showcase` };
  return {
    judge_id: judge,
    heat_id: heat,
    slot: mark.slot ?? null,
    person_id: null,
    value: text(mark.value),
    good: text(mark.good),
    bad: text(mark.bad),
    comments: text(mark.comments),
    updated_at: railsTime(mark.updatedAt),
  };
}

/** The heading of the marks CSV. */
export const MARKS_CSV_HEADINGS = [
  'Judge',
  'Heat',
  'Slot',
  'Kind',
  'Dance',
  'Back',
  'Lead',
  'Follow',
  'Studio',
  'Category',
  'Student',
  'Value',
  'Good',
  'Bad',
  'Comments',
  'Updated (UTC)',
] as const;

/**
 * Every mark and comment of every judge as CSV, one line per mark, in judge and heat order:
 * what the organiser takes home from an event that did not come from Showcase (or keeps as a
 * record of one that did).
 */
export function marksCsv(program: Program, marksByJudge: ReadonlyMap<string, ReadonlyMap<string, Score>>): string {
  const name = (id: string | undefined) => {
    const person = id === undefined ? undefined : program.people.get(id);
    return person ? displayName(person.name) : (id ?? '');
  };
  const rows: Array<Array<string | number | undefined>> = [];
  const judges = [...marksByJudge.keys()].sort((a, b) => name(a).localeCompare(name(b)) || a.localeCompare(b));
  for (const judgeId of judges) {
    const marks = [...(marksByJudge.get(judgeId)?.values() ?? [])].filter((mark) => hasContent(mark));
    const line = (mark: Score) => {
      const heat = program.heats.get(mark.heatId);
      const entry = heat ? program.entries.get(heat.entryId) : undefined;
      const lead = entry ? program.people.get(entry.leadId) : undefined;
      const studioId = entry?.studioId ?? lead?.studioId;
      return [
        name(judgeId),
        heat?.number,
        mark.slot,
        heat?.category,
        heat ? program.dances.get(heat.danceId)?.name : undefined,
        lead?.back,
        entry ? name(entry.leadId) : undefined,
        entry ? name(entry.followId) : undefined,
        studioId === undefined ? undefined : program.studios.get(studioId)?.name,
        mark.categoryId === undefined ? undefined : (program.categories.get(mark.categoryId)?.name ?? mark.categoryId),
        mark.personId === undefined ? undefined : name(mark.personId),
        mark.value,
        mark.good,
        mark.bad,
        mark.comments,
        new Date(mark.updatedAt).toISOString(),
      ];
    };
    // Category scores (no heat) come after the heats.
    const order = (mark: Score) => [
      Math.abs(program.heats.get(mark.heatId)?.number ?? Number.MAX_SAFE_INTEGER),
      mark.slot ?? 0,
    ];
    marks.sort((a, b) => {
      const [ha, sa] = order(a) as [number, number];
      const [hb, sb] = order(b) as [number, number];
      return ha - hb || sa - sb || a.heatId.localeCompare(b.heatId);
    });
    for (const mark of marks) rows.push(line(mark));
  }
  return writeCsv([[...MARKS_CSV_HEADINGS], ...rows]);
}
