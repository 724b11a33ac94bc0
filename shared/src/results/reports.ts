import { displayName } from '../model/names.ts';
import type { Score } from '../model/types.ts';
import { isStudent } from '../schedule/agenda.ts';
import { skatingSlot } from '../scoring/skating.ts';
import type { HeatRow, ResultsIndex } from './eventIndex.ts';

/** A couple on the floor that no judge has marked at all (DOMAIN.md §7 unscored-heats report). */
export interface UnscoredRow {
  heatId: string;
  label: string;
  number: number;
  dance: string;
  back?: number;
  names: string;
  studio: string;
  category: string;
}

/**
 * Couples still dancing in a scored heat without a single mark from any judge, in heat order.
 * In a scrutineered heat a couple nobody called back was looked at, not forgotten: its couples
 * are listed only while nobody has marked anything in the heat.
 */
export function unscoredHeats(index: ResultsIndex, markCounts: ReadonlyMap<string, number>): UnscoredRow[] {
  const out: UnscoredRow[] = [];
  const marked = (row: HeatRow) =>
    row.scale === 'skating'
      ? row.heat.view.entries.some((e) => (markCounts.get(e.heat.id) ?? 0) > 0)
      : (markCounts.get(row.heatId) ?? 0) > 0;
  for (const row of index.rows.values()) {
    if (row.scale === '0' || marked(row)) continue;
    const { view } = row.heat;
    out.push({
      heatId: row.heatId,
      label: view.label,
      number: view.number,
      dance: view.dance,
      ...(row.entry.couple.back === undefined ? {} : { back: row.entry.couple.back }),
      names: row.entry.couple.names,
      studio: row.entry.couple.studio,
      category: row.entry.couple.category,
    });
  }
  return out.sort(
    (a, b) =>
      a.number - b.number ||
      (a.back ?? Number.MAX_SAFE_INTEGER) - (b.back ?? Number.MAX_SAFE_INTEGER) ||
      a.names.localeCompare(b.names),
  );
}

/** One judge's comment, once for each student it is about (DOMAIN.md §7 judge comments). */
export interface CommentRow {
  key: string;
  label: string;
  number: number;
  dance: string;
  /** The student it is for (the couple, when nobody in it is a student). */
  student: string;
  partner: string;
  studio: string;
  judge: string;
  comment: string;
}

function pageOf(row: HeatRow, slot: number | undefined): string {
  if (slot === undefined) return row.heat.view.dance;
  const { heat } = row;
  if (heat.scale !== 'skating') return `${heat.view.dance} (${heat.view.slots?.[slot - 1] ?? `dance ${slot}`})`;
  const { round, dance } = skatingSlot(heat.dances, heat.semiFinal, slot);
  return `${heat.view.dance} (${round === 'semi' ? 'semi-final' : 'final'}, ${heat.view.slots?.[dance - 1] ?? `dance ${dance}`})`;
}

/** Every comment a judge wrote on a couple in a heat, by heat, then student, then judge. */
export function commentsList(index: ResultsIndex, comments: Iterable<{ judgeId: string; score: Score }>): CommentRow[] {
  const { program } = index;
  const out: CommentRow[] = [];
  for (const { judgeId, score } of comments) {
    const row = index.rows.get(score.heatId);
    if (!row || !score.comments) continue;
    const judge = program.people.get(judgeId);
    const entry = program.entries.get(row.entry.heat.entryId);
    const lead = entry ? program.people.get(entry.leadId) : undefined;
    const follow = entry ? program.people.get(entry.followId) : undefined;
    const base = {
      label: row.heat.view.label,
      number: row.heat.view.number,
      dance: pageOf(row, score.slot),
      studio: row.entry.couple.studio,
      judge: judge ? displayName(judge.name) : 'Unknown judge',
      comment: score.comments,
    };
    const key = `${judgeId}|${score.heatId}|${score.slot ?? 0}`;
    const students = [
      [lead, row.entry.couple.follow.name],
      [follow, row.entry.couple.lead.name],
    ] as const;
    const forStudents = students.filter(([person]) => isStudent(person));
    if (forStudents.length === 0) out.push({ ...base, key, student: row.entry.couple.names, partner: '' });
    for (const [person, partner] of forStudents)
      out.push({ ...base, key: `${key}|${person?.id}`, student: displayName(person?.name ?? ''), partner });
  }
  return out.sort(
    (a, b) =>
      a.number - b.number ||
      a.student.localeCompare(b.student) ||
      a.judge.localeCompare(b.judge) ||
      a.key.localeCompare(b.key),
  );
}
