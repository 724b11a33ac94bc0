import { categoryScoreKey, heatScoreKey } from '../docs/scores.ts';
import { displayName } from '../model/names.ts';
import { entryDancers } from '../schedule/find.ts';
import { markText } from '../scoring/marks.ts';
import { skatingSlot } from '../scoring/skating.ts';
import type { MarksOf } from './competitions.ts';
import type { HeatRow, ResultsIndex } from './eventIndex.ts';

/** One page of one heat on a student's score sheet: each judge's mark in its column. */
export interface SheetLine {
  heatId: string;
  label: string;
  number: number;
  /** "Closed Waltz", or "All Around Smooth – Final 2: Tango" for a page of a multi-dance. */
  dance: string;
  partner: string;
  category: string;
  /** One per judge of the sheet, in its order; empty when that judge gave no mark. */
  marks: string[];
}

export interface SheetComment {
  label: string;
  dance: string;
  judge: string;
  text: string;
}

/** A student's score sheet (DOMAIN.md §8): heat by heat, one column per judge, category scores, comments. */
export interface ScoreSheet {
  personId: string;
  name: string;
  studio: string;
  back?: number;
  judges: Array<{ id: string; name: string }>;
  lines: SheetLine[];
  /** Category scores (DOMAIN.md §3.4): one line per agenda category the student was scored in. */
  categories: Array<{ name: string; marks: string[] }>;
  comments: SheetComment[];
}

function pageName(row: HeatRow, slot: number): string {
  const { heat } = row;
  if (heat.scale !== 'skating') return `${heat.view.dance} – dance ${slot}: ${heat.view.slots?.[slot - 1] ?? ''}`;
  const { round, dance } = skatingSlot(heat.dances, heat.semiFinal, slot);
  return `${heat.view.dance} – ${round === 'semi' ? 'semi-final' : 'final'} ${dance}: ${heat.view.slots?.[dance - 1] ?? ''}`;
}

export function scoreSheet(index: ResultsIndex, personId: string, marksOf: MarksOf): ScoreSheet {
  const { program, judges } = index;
  const person = program.people.get(personId);
  const judgeMarks = judges.map((j) => marksOf(j.id));
  const lines: SheetLine[] = [];
  const comments: SheetComment[] = [];
  const rows = index.heatsOf(personId).flatMap((id) => index.rows.get(id) ?? []);
  rows.sort((a, b) => a.heat.view.number - b.heat.view.number);
  for (const row of rows) {
    const partner =
      entryDancers(row.entry)
        .filter((d) => d.id !== personId)
        .map((d) => d.name)
        .join(', ') || '—';
    const slots = row.heat.slots > 0 ? Array.from({ length: row.heat.slots }, (_, i) => i + 1) : [undefined];
    for (const slot of slots) {
      const key = heatScoreKey(row.heatId, slot);
      const round =
        row.heat.scale === 'skating' ? skatingSlot(row.heat.dances, row.heat.semiFinal, slot ?? 1).round : undefined;
      const marks = judgeMarks.map((m) => m?.get(key));
      // A page of a final the couple did not reach holds nothing: leave it off.
      if (round === 'final' && marks.every((m) => m === undefined)) continue;
      const dance = slot === undefined ? row.heat.view.dance : pageName(row, slot);
      lines.push({
        heatId: row.heatId,
        label: row.heat.view.label,
        number: row.heat.view.number,
        dance,
        partner,
        category: row.entry.couple.category,
        marks: marks.map((mark) => markText(row.scale, mark, program.settings, round)),
      });
      marks.forEach((mark, j) => {
        if (mark?.comments)
          comments.push({
            label: row.heat.view.label,
            dance,
            judge: displayName(judges[j]?.name ?? ''),
            text: mark.comments,
          });
      });
    }
  }
  const categories = [...program.categories.values()]
    .sort((a, b) => a.order - b.order)
    .flatMap((category) => {
      const marks = judgeMarks.map((m) => m?.get(categoryScoreKey(category.id, personId))?.value ?? '');
      return marks.some(Boolean) ? [{ name: category.name, marks }] : [];
    });
  return {
    personId,
    name: person ? displayName(person.name) : 'Unknown dancer',
    studio: (person ? program.studios.get(person.studioId)?.name : undefined) ?? '',
    ...(person?.back === undefined ? {} : { back: person.back }),
    judges: judges.map((j) => ({ id: j.id, name: displayName(j.name) })),
    lines,
    categories,
    comments,
  };
}
