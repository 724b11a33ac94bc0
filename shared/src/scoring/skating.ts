import { groupBy } from '../collections/groupBy.ts';
import type { Program } from '../docs/program.ts';
import { seededRandom } from '../random.ts';
import type { HeatEntryView, HeatNumberView } from '../schedule/heats.ts';
import { danceRank } from './order.ts';

/** Couples above this many in a split dance a semi-final first (DOMAIN.md §3.3). */
export const FINAL_MAX_COUPLES = 8;
/** Each judge calls back exactly this many couples of a semi-final. */
export const CALLBACKS_REQUIRED = 6;

/** One competition split in a heat: its couples are called back and ranked on their own. */
export interface Split {
  danceId: string;
  /** The split's name for judges ("Silver - Pro-Am"), or the dance's name. */
  name: string;
  /** Couples still dancing. */
  entries: HeatEntryView[];
  /** More than eight couples: a semi-final with callbacks comes first. */
  semiFinal: boolean;
  /**
   * The couples of its final: all of them without a semi-final; after one, the finalists the
   * organiser's device published in the program (undefined until it has).
   */
  finalists?: HeatEntryView[];
}

/** Id of a split's published callbacks (`Callbacks` record): its heat and dance. */
export function callbacksId(heatLabel: string, danceId: string): string {
  return `cb-${heatLabel.replace('.', '_')}-${danceId}`;
}

/** The splits of a heat number, in the order they were planned (packed splits share a heat). */
export function splitsOf(program: Program, heat: HeatNumberView): Split[] {
  const byDance = groupBy(
    heat.entries.filter((entry) => !entry.scratched),
    (entry) => entry.heat.danceId,
  );
  const levelName = new Map<string, string>();
  for (const level of program.multiLevels.values()) levelName.set(level.danceId, level.name);
  return [...byDance.entries()]
    .map(([danceId, entries]) => {
      const semiFinal = entries.length > FINAL_MAX_COUPLES;
      const published = semiFinal ? program.callbacks.get(callbacksId(heat.label, danceId)) : undefined;
      const byId = new Map(entries.map((e) => [e.heat.id, e]));
      const finalists = semiFinal ? published?.finalists.flatMap((id) => byId.get(id) ?? []) : entries;
      return {
        danceId,
        name: levelName.get(danceId) ?? program.dances.get(danceId)?.name ?? heat.dance,
        entries,
        semiFinal,
        ...(finalists ? { finalists } : {}),
      };
    })
    .sort((a, b) => danceRank(program, a.danceId) - danceRank(program, b.danceId));
}

/** Where a slot of a scrutineered heat is: which round, and which dance (1-based) of it. */
export interface SkatingSlot {
  round: 'semi' | 'final';
  dance: number;
}

/**
 * Slots of a scrutineered heat with N dances: with a semi-final, 1..N are the semi-final and
 * N+1..2N the final; without one, 1..N are the final.
 */
export function skatingSlot(dances: number, semiFinal: boolean, slot: number): SkatingSlot {
  if (semiFinal && slot <= dances) return { round: 'semi', dance: slot };
  return { round: 'final', dance: semiFinal ? slot - dances : slot };
}

/** The slot numbers of the final round. */
export function finalSlots(dances: number, semiFinal: boolean): number[] {
  const first = semiFinal ? dances + 1 : 1;
  return Array.from({ length: dances }, (_, i) => first + i);
}

/** How many pages a heat has: one per dance of a multi-dance, twice as many with a semi-final. */
export function slotCount(dances: number, scrutineered: boolean, semiFinal: boolean): number {
  return scrutineered && semiFinal ? dances * 2 : dances;
}

/**
 * Ticks or unticks a callback. A judge cannot call back more couples than required: a tick
 * beyond that is refused (returns null).
 */
export function toggleCallback(called: ReadonlySet<string>, heatId: string, required: number): Set<string> | null {
  const next = new Set(called);
  if (next.has(heatId)) next.delete(heatId);
  else if (next.size >= required) return null;
  else next.add(heatId);
  return next;
}

/**
 * Who goes through to the final from the judges' callbacks: most callbacks first, adding
 * couples while the final stays within eight; a tie that would take it past eight is left out
 * as a whole (DOMAIN.md §3.3).
 */
export function advancing(callbacks: ReadonlyMap<string, number>, max = FINAL_MAX_COUPLES): string[] {
  const byCount = groupBy(
    [...callbacks].filter(([, count]) => count > 0),
    ([, count]) => count,
  );
  const out: string[] = [];
  for (const count of [...byCount.keys()].sort((a, b) => b - a)) {
    const tied = (byCount.get(count) ?? []).map(([id]) => id);
    if (out.length + tied.length > max) break;
    out.push(...tied.sort());
  }
  return out;
}

/** FNV-1a: a stable number from a string, to seed a judge's shuffle. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The order a judge ranks a final in: couples the judge has ranked, by rank, then the others
 * in a random order that is the same on every device of that judge for that heat (seeded by
 * judge and heat), so a second tablet shows what the first one showed.
 */
export function rankingOrder(ids: readonly string[], ranks: ReadonlyMap<string, number>, seed: string): string[] {
  const ranked = ids.filter((id) => ranks.has(id)).sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  const rest = seededRandom(hash(seed)).shuffle([...ids].sort().filter((id) => !ranks.has(id)));
  return [...ranked, ...rest];
}

/** Moves one couple to another place; the couples in between each move one place (rotation). */
export function moveInRanking(order: readonly string[], from: number, to: number): string[] {
  const out = [...order];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length || from === to) return out;
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved as string);
  return out;
}

/** Ranks as stored: "1" for the first place, and so on. */
export function ranksOf(order: readonly string[]): Map<string, string> {
  return new Map(order.map((id, i) => [id, String(i + 1)]));
}
