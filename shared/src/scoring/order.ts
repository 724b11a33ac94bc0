import type { Program } from '../docs/program.ts';
import type { JudgePrefs } from '../model/types.ts';
import type { HeatEntryView, HeatNumberView } from '../schedule/heats.ts';

/** One couple on a judge's heat page, and what separates it from the row above. */
export interface CoupleRow {
  entry: HeatEntryView;
  /** Assigned to this judge: the back number is circled. */
  assigned: boolean;
  /**
   * A rule above this row: another ballroom (black), another dance of the heat (grey), the gap
   * after the judge's own couples, or another level and age group in level order.
   */
  breakBefore?: 'ballroom' | 'dance' | 'assigned' | 'level';
}

export interface CoupleOrder {
  sort: JudgePrefs['sort'];
  show: JudgePrefs['showAssignments'];
  /** Couples (heat ids) assigned to this judge; undefined when assignments do not apply. */
  assigned?: ReadonlySet<string> | undefined;
}

/** Where a dance sorts in a heat: the canonical dance before its split copies (-1, -2, …). */
export function danceRank(program: Program, danceId: string): number {
  const order = program.dances.get(danceId)?.order;
  if (order === undefined) return Number.MAX_SAFE_INTEGER;
  return order > 0 ? order : 1_000_000 - order;
}

/**
 * The couples of a heat in the order a judge reads them (DOMAIN.md §4): by ballroom; within
 * it, the judge's assigned couples first unless "mixed" ("only" leaves the others out); then by
 * dance and back number, or by level, age and back number.
 */
export function heatCouples(program: Program, heat: HeatNumberView, order: CoupleOrder): CoupleRow[] {
  const firstMine = order.assigned !== undefined && order.show !== 'mixed';
  const info = heat.entries.map((entry) => {
    const record = program.entries.get(entry.heat.entryId);
    const age = record?.ageId ? program.ages.get(record.ageId)?.order : undefined;
    return {
      entry,
      assigned: order.assigned?.has(entry.heat.id) ?? false,
      dance: danceRank(program, entry.heat.danceId),
      level: entry.couple.levelOrder,
      age: age ?? 0,
      back: entry.couple.back ?? Number.MAX_SAFE_INTEGER,
    };
  });
  const shown = order.assigned !== undefined && order.show === 'only' ? info.filter((i) => i.assigned) : info;
  shown.sort(
    (a, b) =>
      (a.entry.ballroom ?? '').localeCompare(b.entry.ballroom ?? '') ||
      (firstMine ? Number(b.assigned) - Number(a.assigned) : 0) ||
      (order.sort === 'level' ? a.level - b.level || a.age - b.age : a.dance - b.dance) ||
      a.back - b.back ||
      a.entry.couple.names.localeCompare(b.entry.couple.names),
  );
  return shown.map((row, i) => {
    const above = shown[i - 1];
    const out: CoupleRow = { entry: row.entry, assigned: row.assigned };
    if (!above) return out;
    if ((above.entry.ballroom ?? '') !== (row.entry.ballroom ?? '')) out.breakBefore = 'ballroom';
    else if (firstMine && above.assigned !== row.assigned) out.breakBefore = 'assigned';
    else if (order.sort === 'back' && above.dance !== row.dance) out.breakBefore = 'dance';
    else if (order.sort === 'level' && (above.level !== row.level || above.age !== row.age)) out.breakBefore = 'level';
    return out;
  });
}
