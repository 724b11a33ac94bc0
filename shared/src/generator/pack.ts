import type { BallroomLetter, Studio } from '../model/types.ts';

/** What packing needs to know about a heat row. */
export interface Packable {
  dancers: readonly string[];
  level: number;
  age: number;
  studio: number;
}

/**
 * Packs rows of one dance into as few heats as capacity and people allow, of even size, similar
 * levels together (rows sorted by level, then age), never one person twice in a heat. A
 * professional with five students in this dance needs five heats, however few couples there are.
 */
export function packRows<T extends Packable>(rows: readonly T[], capacity: number): T[][] {
  const sorted = [...rows].sort((a, b) => a.level - b.level || a.age - b.age);
  const appearances = new Map<string, number>();
  for (const row of sorted) for (const d of row.dancers) appearances.set(d, (appearances.get(d) ?? 0) + 1);
  const count = Math.max(Math.ceil(sorted.length / capacity), ...appearances.values(), 0);
  const even = Math.ceil(sorted.length / Math.max(1, count));
  const heats = Array.from({ length: count }, () => ({ rows: [] as T[], dancers: new Set<string>() }));
  const fits = (heat: (typeof heats)[number], row: T, limit: number): boolean =>
    heat.rows.length < limit && row.dancers.every((d) => !heat.dancers.has(d));
  sorted.forEach((row, i) => {
    // Start at the heat for this row's place in the level order, then look to either side.
    const home = Math.floor((i * count) / sorted.length);
    const order = heats.map((_, j) => j).sort((a, b) => Math.abs(a - home) - Math.abs(b - home));
    let index = order.find((j) => fits(heats[j] as (typeof heats)[number], row, even));
    index ??= order.find((j) => fits(heats[j] as (typeof heats)[number], row, capacity));
    if (index === undefined) {
      heats.push({ rows: [], dancers: new Set() });
      index = heats.length - 1;
    }
    const heat = heats[index] as (typeof heats)[number];
    heat.rows.push(row);
    for (const d of row.dancers) heat.dancers.add(d);
  });
  return heats.filter((h) => h.rows.length > 0).map((h) => h.rows);
}

/** Takes one heat from each list in turn, so the same dance does not come up twice in a row. */
export function interleave<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i] as T);
  }
  return out;
}

/**
 * Spreads a heat's couples over the ballrooms it needs (rotating mode: a studio's couples
 * share a ballroom within an agenda block, and the studios rotate between blocks), using a
 * studio's preferred ballroom when it has one, and keeping the floors even.
 */
export function assignBallrooms<T extends Packable>(
  rows: readonly T[],
  letters: readonly BallroomLetter[],
  perFloor: number,
  block: number,
  studios: readonly Studio[],
): Map<T, BallroomLetter> {
  const used = Math.min(letters.length, Math.max(1, Math.ceil(rows.length / perFloor)));
  const limit = Math.ceil(rows.length / used);
  const load = new Array<number>(used).fill(0);
  const out = new Map<T, BallroomLetter>();
  for (const row of [...rows].sort((a, b) => a.studio - b.studio)) {
    const preferred = studios[row.studio]?.ballroom;
    const index = preferred ? letters.indexOf(preferred) : -1;
    let floor = index >= 0 && index < used ? index : (row.studio + block) % used;
    if ((load[floor] ?? 0) >= limit) floor = load.indexOf(Math.min(...load));
    load[floor] = (load[floor] ?? 0) + 1;
    out.set(row, letters[floor] as BallroomLetter);
  }
  return out;
}
