import type { HeatCategory, Program } from '@ondeck/shared';

/** One heat number as the floor sees it: everyone on the floor together. */
export interface HeatRow {
  number: number;
  dances: string[];
  categories: HeatCategory[];
  couples: number;
  ballrooms: string[];
}

/** Scheduled heat numbers (≥ 1) in order, each with its dances and couple count (DOMAIN.md §1). */
export function heatRows(program: Program): HeatRow[] {
  const byNumber = new Map<
    number,
    { dances: Set<string>; categories: Set<HeatCategory>; couples: number; ballrooms: Set<string> }
  >();
  for (const heat of program.heats.values()) {
    if (heat.number < 1) continue;
    let row = byNumber.get(heat.number);
    if (!row) {
      row = { dances: new Set(), categories: new Set(), couples: 0, ballrooms: new Set() };
      byNumber.set(heat.number, row);
    }
    row.dances.add(program.dances.get(heat.danceId)?.name ?? 'Unknown dance');
    row.categories.add(heat.category);
    row.couples++;
    if (heat.ballroom) row.ballrooms.add(heat.ballroom);
  }
  return [...byNumber.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, row]) => ({
      number,
      dances: [...row.dances],
      categories: [...row.categories],
      couples: row.couples,
      ballrooms: [...row.ballrooms].sort(),
    }));
}
