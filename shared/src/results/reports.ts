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
 * Couples still dancing in a scored heat without a single mark from any judge (`marksOn`: the
 * content marks of a row, over every judge and page), in heat order.
 * In a scrutineered heat a couple nobody called back was looked at, not forgotten: its couples
 * are listed only while nobody has marked anything in the heat.
 */
export function unscoredHeats(index: ResultsIndex, marksOn: (row: HeatRow) => number): UnscoredRow[] {
  const out: UnscoredRow[] = [];
  const marked = (row: HeatRow) =>
    row.scale === 'skating'
      ? row.heat.view.entries.some((e) => {
          const other = index.rows.get(e.heat.id);
          return other !== undefined && marksOn(other) > 0;
        })
      : marksOn(row) > 0;
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

interface Subject {
  id: string;
  student: string;
  partner: string;
}

/** Who a couple's comments are about: each student, with the partner (the couple, when nobody is a student). */
function subjectsOf(index: ResultsIndex, row: HeatRow): Subject[] {
  const { program } = index;
  const entry = program.entries.get(row.entryId);
  const lead = entry ? program.people.get(entry.leadId) : undefined;
  const follow = entry ? program.people.get(entry.followId) : undefined;
  const { couple } = row.entry;
  const out: Subject[] = [];
  if (lead && isStudent(lead)) out.push({ id: lead.id, student: displayName(lead.name), partner: couple.follow.name });
  if (follow && isStudent(follow))
    out.push({ id: follow.id, student: displayName(follow.name), partner: couple.lead.name });
  return out.length > 0 ? out : [{ id: '', student: couple.names, partner: '' }];
}

/**
 * The comment lines of one index's marks: one for each student of the couple (the couple, when
 * none is). What lines repeat — who an entry's comments are about, the judges' names — is
 * worked out once per entry and judge, not per comment.
 */
export class CommentLines {
  private readonly subjects = new Map<string, Subject[]>();
  constructor(private readonly index: ResultsIndex) {}

  of(judgeId: string, score: Score, row: HeatRow | undefined = this.index.rows.get(score.heatId)): CommentRow[] {
    if (!row || !score.comments) return [];
    const { entryId } = row;
    let subjects = this.subjects.get(entryId);
    if (!subjects) {
      subjects = subjectsOf(this.index, row);
      this.subjects.set(entryId, subjects);
    }
    const key = `${judgeId}|${score.heatId}|${score.slot ?? 0}`;
    const dance = pageOf(row, score.slot);
    const judge = this.index.judgeNames.get(judgeId) ?? 'Unknown judge';
    const { view } = row.heat;
    const { studio } = row.entry.couple;
    const comment = score.comments;
    return subjects.map((subject) => ({
      key: subject.id ? `${key}|${subject.id}` : key,
      label: view.label,
      number: view.number,
      dance,
      student: subject.student,
      partner: subject.partner,
      studio,
      judge,
      comment,
    }));
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every comment a judge wrote on a couple in a heat, by heat, then student, then judge. */
export function sortComments(rows: CommentRow[]): CommentRow[] {
  return rows.sort(
    (a, b) => a.number - b.number || byText(a.student, b.student) || byText(a.judge, b.judge) || byText(a.key, b.key),
  );
}
