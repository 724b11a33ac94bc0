import { encodeProgram, type ProgramData, readProgram, type Score, scoredHeats, writeSoloParts } from '@ondeck/shared';
import { generateEvent } from '@ondeck/shared/testkit';
import * as Y from 'yjs';
import { programRows, type Rows, showcaseDatabase } from './showcaseDb.ts';

export interface LargeShowcase {
  /** The generator's large event the database was made from. */
  data: ProgramData;
  rows: Rows;
  bytes: Buffer;
  marks: number;
}

/**
 * A Showcase database the size of the largest real event (DOMAIN.md §10): the generator's large
 * event (≈4,300 heat rows, ≈600 people, 6 judges) as Showcase rows, with marks by every judge on
 * most heats in every scale its agenda uses — placements, medals, numbers, feedback, overall
 * with feedback, solo numbers and four-part solos with comments, semi-final callbacks and final
 * ranks of multi-dance slots — plus category scores and judge assignments (empty rows).
 */
export function largeShowcase(): LargeShowcase {
  const data = generateEvent({ size: 'large' });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, encodeProgram(data));
  const program = readProgram(doc);
  doc.destroy();
  const judges = (data.judges ?? []).map((j) => j.id);
  const marks: Record<string, Score[]> = Object.fromEntries(judges.map((j) => [j, []]));
  const assignments: Array<{ judgeId: string; heatId: string }> = [];
  const start = Date.UTC(2026, 2, 13, 14, 0);
  let tick = 0;
  const at = () => start + 1_000 * tick++ + (tick % 1000);
  const pick = <T>(list: readonly T[], n: number) => list[n % list.length] as T;
  const abbrs = ['F', 'P', 'FW', 'LF', 'T', 'S', 'RF', 'CM'];
  const feedback = (n: number) => [pick(abbrs, n), pick(abbrs, n + 3)].sort().join(' ');

  scoredHeats(program).forEach((heat, h) => {
    judges.forEach((judgeId, j) => {
      // Each judge marks most heats; the last one is assigned to some instead (empty rows).
      if ((h + j) % 5 === 4) {
        if (j === judges.length - 1)
          for (const e of heat.view.entries.slice(0, 2)) assignments.push({ judgeId, heatId: e.heat.id });
        return;
      }
      const slots = heat.slots > 0 ? Array.from({ length: heat.slots }, (_, i) => i + 1) : [undefined];
      const couples = heat.view.entries.filter((e) => !e.scratched);
      for (const slot of slots) {
        couples.forEach((entry, c) => {
          const n = h * 7 + j * 3 + c + (slot ?? 0);
          const mark: Score = { heatId: entry.heat.id, updatedAt: at() };
          if (slot !== undefined) mark.slot = slot;
          switch (heat.scale) {
            case '1':
              mark.value = pick(['1', '2', '3', 'F'], n);
              break;
            case 'G':
              mark.value = pick(['GH', 'G', 'S', 'B'], n);
              break;
            case '#':
              mark.value = String(60 + (n % 40));
              break;
            case '+':
              mark.good = feedback(n);
              if (n % 3 === 0) mark.bad = pick(abbrs, n + 5);
              break;
            case '&':
              mark.value = String(1 + (n % 5));
              mark.good = feedback(n);
              break;
            case '@':
              mark.value = pick(['GH', 'G', 'S', 'B'], n);
              mark.bad = feedback(n + 1);
              break;
            case 'solo':
              mark.value = String(70 + (n % 30));
              mark.comments = `Lovely lines, heat ${heat.view.number}; watch the timing in the second half.`;
              break;
            case 'solo4':
              mark.value = writeSoloParts({
                technique: 15 + (n % 10),
                execution: 16 + (n % 9),
                poise: 14 + (n % 11),
                showmanship: 18 + (n % 7),
              });
              mark.comments = n % 2 === 0 ? 'Strong presence — "more" please.' : 'Clean, confident routine.';
              break;
            case 'skating': {
              const semi = heat.semiFinal && (slot ?? 0) <= heat.dances;
              if (semi) {
                if (c >= 6) return;
                mark.value = '1';
              } else mark.value = String(1 + ((c + j) % couples.length));
              break;
            }
            default:
              return;
          }
          if (heat.scale !== 'solo' && heat.scale !== 'solo4' && n % 11 === 0)
            mark.comments = 'Nice frame, line 2\nand more.';
          (marks[judgeId] as Score[]).push(mark);
        });
      }
    });
  });
  // Category scores: one mark per student per agenda item, kept in `good`.
  const categories = (data.categories ?? []).slice(0, 3);
  const students = (data.people ?? []).filter((p) => p.type === 'Student').slice(0, 40);
  students.forEach((student, s) => {
    for (const category of categories) {
      const judgeId = pick(judges, s);
      (marks[judgeId] as Score[]).push({
        heatId: '',
        categoryId: category.id,
        personId: student.id,
        value: pick(['GH', 'G', 'S'], s),
        updatedAt: at(),
      });
    }
  });
  const rows = programRows(data, marks, assignments);
  return { data, rows, bytes: showcaseDatabase(rows, { wal: true }), marks: Object.values(marks).flat().length };
}
