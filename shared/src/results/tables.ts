import type { EventSettings } from '../model/types.ts';
import type { CompetitionResult } from './engine.ts';
import { STUDENT_GROUPS, type StudentGroup } from './eventIndex.ts';
import type { CommentRow, UnscoredRow } from './reports.ts';
import { formatPlace } from './skatingSystem.ts';
import type { EntrySummary, InstructorSummary, StudentSummary, StudioSummary } from './summaries.ts';
import { type Column, columnLabel, type Tally } from './tally.ts';

/**
 * A results table as text: what a CSV export holds, what the organiser publishes for the
 * public role, what an award list prints. Built from the live summaries.
 */
export interface ResultTable {
  id: string;
  /** "By level", "Multi-dance", … */
  section: string;
  title: string;
  note?: string;
  columns: string[];
  rows: string[][];
}

type Settings = Pick<EventSettings, 'finalist'>;

/** 3, or 1.5 for half marks (an amateur couple's shares). */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

const GROUP_NAMES: Record<StudentGroup, string> = {
  Followers: 'Followers',
  Leaders: 'Leaders',
  Couples: 'Amateur couples',
};

export function groupName(group: StudentGroup): string {
  return GROUP_NAMES[group];
}

function valueColumns(columns: readonly Column[], numbers: boolean, settings: Settings): string[] {
  return [...columns.map((c) => columnLabel(c, settings)), 'Points', ...(numbers ? ['Total'] : []), 'Marks'];
}

function values(tally: Tally, columns: readonly Column[], numbers: boolean): string[] {
  return [
    ...columns.map((c) => formatCount(tally.counts[c.id] ?? 0)),
    formatCount(tally.points),
    ...(numbers ? [formatCount(tally.total)] : []),
    formatCount(tally.marks),
  ];
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'none';

/**
 * By level or by age: the award list (the top scorers of each group in each band) or the
 * details (everyone, best first).
 */
export function studentTables(summary: StudentSummary, settings: Settings, details: boolean): ResultTable[] {
  const section = summary.by === 'level' ? 'By level' : 'By age';
  const { columns, numbers } = summary;
  if (!details) {
    return [
      {
        id: `${summary.by}-awards`,
        section,
        title: `Top scores ${summary.by === 'level' ? 'by level' : 'by age'}`,
        columns: [summary.by === 'level' ? 'Level' : 'Age', 'Group', 'Top scorer', 'Studio', 'Points'],
        rows: summary.bands.flatMap((band) =>
          STUDENT_GROUPS.flatMap((group) =>
            band.top[group].map((row) => [band.name, groupName(group), row.names, row.studio, formatCount(row.points)]),
          ),
        ),
      },
    ];
  }
  return summary.bands.map((band) => ({
    id: `${summary.by}-${slug(band.id)}`,
    section,
    title: band.name,
    columns: ['Group', 'Student', 'Studio', ...valueColumns(columns, numbers, settings)],
    rows: STUDENT_GROUPS.flatMap((group) =>
      band.groups[group].map((row) => [groupName(group), row.names, row.studio, ...values(row, columns, numbers)]),
    ),
  }));
}

export function studioTables(summary: StudioSummary, settings: Settings): ResultTable[] {
  const { columns, numbers } = summary;
  return summary.bands.map((band) => ({
    id: `studio-${slug(band.id)}`,
    section: 'By studio',
    title: band.name,
    columns: ['Studio', ...valueColumns(columns, numbers, settings), 'Average'],
    rows: band.rows.map((row) => [row.name, ...values(row, columns, numbers), row.average.toFixed(2)]),
  }));
}

export function instructorTable(summary: InstructorSummary, settings: Settings): ResultTable {
  const { columns, numbers, feedback } = summary;
  return {
    id: 'instructors',
    section: 'Instructors',
    title: 'Instructor scores',
    columns: [
      'Professional',
      'Studio',
      ...valueColumns(columns, numbers, settings),
      ...feedback.map((abbr) => `+${abbr}`),
      ...feedback.map((abbr) => `−${abbr}`),
    ],
    rows: summary.rows.map((row) => [
      row.name,
      row.studio,
      ...values(row, columns, numbers),
      ...feedback.map((abbr) => formatCount(row.good[abbr] ?? 0)),
      ...feedback.map((abbr) => formatCount(row.bad[abbr] ?? 0)),
    ]),
  };
}

export function entryTables(summary: EntrySummary, settings: Settings, section: string): ResultTable[] {
  const { columns, numbers } = summary;
  return summary.groups.map((group) => ({
    id: `${slug(section)}-${slug(group.id)}`,
    section,
    title: group.name,
    columns: ['Back', 'Couple', 'Studio', ...valueColumns(columns, numbers, settings)],
    rows: group.rows.map((row) => [String(row.back ?? ''), row.names, row.studio, ...values(row, columns, numbers)]),
  }));
}

/** A scrutineered competition's final: place, couple, each dance's place, total, and the rule that decided. */
export function competitionTable(result: CompetitionResult): ResultTable {
  const { competition, final } = result;
  const byId = new Map(competition.split.entries.map((e) => [e.heat.id, e]));
  const places = final.result?.places;
  const decisionOf = new Map(final.result?.decisions.flatMap((d) => d.couples.map((c) => [c, d] as const)) ?? []);
  const ids = [...(places?.keys() ?? [])].sort((a, b) => (places?.get(a) ?? 0) - (places?.get(b) ?? 0));
  const many = competition.dances.length > 1;
  const status =
    final.panel.length === 0
      ? 'Not placed yet.'
      : final.missing.length > 0
        ? `Provisional: ${final.panel.length} of ${final.panel.length + final.missing.length} judges.`
        : undefined;
  return {
    id: `final-${competition.id}`,
    section: 'Multi-dance',
    title: `Heat ${competition.heat.view.label}: ${competition.split.name}`,
    ...(status ? { note: status } : {}),
    columns: ['Place', 'Back', 'Couple', ...(many ? [...competition.dances, 'Total'] : []), 'Rule'],
    rows: ids.map((id) => {
      const entry = byId.get(id);
      const decision = decisionOf.get(id);
      return [
        formatPlace(places?.get(id) ?? 0),
        String(entry?.couple.back ?? ''),
        entry?.couple.names ?? '',
        ...(many
          ? [
              ...(final.result?.dancePlaces.get(id) ?? []).map(formatPlace),
              formatPlace(final.result?.totals.get(id) ?? 0),
            ]
          : []),
        decision ? `Rule ${decision.rule}` : '',
      ];
    }),
  };
}

export function unscoredTable(rows: readonly UnscoredRow[]): ResultTable {
  return {
    id: 'unscored',
    section: 'Unscored heats',
    title: 'Couples no judge has marked',
    columns: ['Heat', 'Dance', 'Back', 'Couple', 'Studio', 'Category'],
    rows: rows.map((r) => [r.label, r.dance, String(r.back ?? ''), r.names, r.studio, r.category]),
  };
}

export function commentsTable(rows: readonly CommentRow[]): ResultTable {
  return {
    id: 'comments',
    section: 'Judge comments',
    title: 'Judge comments',
    columns: ['Heat', 'Dance', 'Student', 'Partner', 'Studio', 'Judge', 'Comment'],
    rows: rows.map((r) => [r.label, r.dance, r.student, r.partner, r.studio, r.judge, r.comment]),
  };
}

/** A table as CSV rows: its columns, then its rows. */
export function tableRows(table: ResultTable): string[][] {
  return [table.columns, ...table.rows];
}
