import { heatScoreKey } from '../docs/scores.ts';
import type { Person, Score } from '../model/types.ts';
import type { HeatEntryView } from '../schedule/heats.ts';
import type { ScoredHeat } from '../scoring/heats.ts';
import { hasContent } from '../scoring/marks.ts';
import {
  advancing,
  CALLBACKS_REQUIRED,
  callbacksId,
  FINAL_MAX_COUPLES,
  finalSlots,
  type Split,
} from '../scoring/skating.ts';
import { plural } from '../text/plural.ts';
import { type DanceResult, type FinalResult, placeDance, placeFinal } from './skatingSystem.ts';

/** One scrutineered competition: a split of a scrutineered multi-dance heat (DOMAIN.md §3.3). */
export interface Competition {
  /** Id of its `Callbacks` record. */
  id: string;
  heat: ScoredHeat;
  split: Split;
  /** The dances danced, in order. */
  dances: string[];
}

export function competitionsOf(heats: readonly ScoredHeat[]): Competition[] {
  return heats
    .filter((heat) => heat.scale === 'skating')
    .flatMap((heat) =>
      heat.splits.map((split) => ({
        id: callbacksId(heat.view.label, split.danceId),
        heat,
        split,
        dances: Array.from({ length: heat.dances }, (_, i) => heat.view.slots?.[i] ?? `Dance ${i + 1}`),
      })),
    );
}

/** A judge's marks, or undefined when this device does not hold them (yet). */
export type MarksOf = (judgeId: string) => ReadonlyMap<string, Score> | undefined;

/** One judge's callbacks in a semi-final. */
export interface JudgeCallbacks {
  judgeId: string;
  /** Couples called back in each dance of the semi-final. */
  perDance: number[];
  /** Exactly six in every dance. */
  complete: boolean;
}

export interface SemiFinalResult {
  couples: HeatEntryView[];
  judges: JudgeCallbacks[];
  /** `ticks.get(heatId)[judge][dance]`: called back by that judge in that dance. */
  ticks: Map<string, boolean[][]>;
  /** Callbacks of each couple, over every judge and dance. */
  counts: Map<string, number>;
  /** Who goes through: most callbacks first, at most eight. */
  finalists: string[];
  /** Couples tied at the cut, left out because together they would take the final past eight. */
  leftOut: string[];
  /** Every judge of the panel called back six couples in every dance. */
  complete: boolean;
  reason: string;
}

/** Counts a semi-final's callbacks and makes the cut (at most eight; a tie that would pass eight stays out). */
export function semiFinalOf(competition: Competition, judges: readonly Person[], marksOf: MarksOf): SemiFinalResult {
  const { heat, split } = competition;
  // A semi-final is danced in slots 1..N (the final in N+1..2N).
  const slots = Array.from({ length: heat.dances }, (_, i) => i + 1);
  const couples = split.entries;
  const ticks = new Map(couples.map((e) => [e.heat.id, judges.map(() => slots.map(() => false))]));
  const perJudge = judges.map((judge, j) => {
    const marks = marksOf(judge.id);
    const perDance = slots.map((slot, d) => {
      let called = 0;
      for (const entry of couples) {
        if (!hasContent(marks?.get(heatScoreKey(entry.heat.id, slot)))) continue;
        called++;
        const row = ticks.get(entry.heat.id)?.[j];
        if (row) row[d] = true;
      }
      return called;
    });
    return { judgeId: judge.id, perDance, complete: perDance.every((n) => n === CALLBACKS_REQUIRED) };
  });
  const counts = new Map(
    couples.map((e) => [e.heat.id, (ticks.get(e.heat.id) ?? []).flat().filter(Boolean).length] as const),
  );
  const finalists = advancing(counts, FINAL_MAX_COUPLES);
  const chosen = new Set(finalists);
  const cutAt = finalists.length > 0 ? Math.min(...finalists.map((id) => counts.get(id) ?? 0)) : Infinity;
  const below = [...counts].filter(([id, n]) => !chosen.has(id) && n > 0 && n <= cutAt);
  const next = below.length > 0 ? Math.max(...below.map(([, n]) => n)) : 0;
  const leftOut = below.filter(([, n]) => n === next).map(([id]) => id);
  const tiedOut = leftOut.length > 0 && finalists.length + leftOut.length > FINAL_MAX_COUPLES;
  const reason =
    finalists.length === 0
      ? 'No callbacks yet.'
      : `${plural(finalists.length, 'couple')} with ${cutAt} or more callbacks go${finalists.length === 1 ? 'es' : ''} to the final.` +
        (tiedOut
          ? ` The ${plural(leftOut.length, 'couple')} tied on ${next} would make ${finalists.length + leftOut.length}, more than ${FINAL_MAX_COUPLES}: they are left out.`
          : '');
  return {
    couples,
    judges: perJudge,
    ticks,
    counts,
    finalists,
    leftOut: tiedOut ? leftOut : [],
    complete: judges.length > 0 && perJudge.every((j) => j.complete),
    reason,
  };
}

/** Why a judge's ranks cannot be counted yet. */
export interface BallotProblem {
  judgeId: string;
  problems: string[];
}

export interface FinalOutcome {
  couples: HeatEntryView[];
  /** Judges whose ranks are counted: complete and valid in every dance. */
  panel: string[];
  /** Judges left out, and why. */
  missing: BallotProblem[];
  /** Each dance placed by Rules 5–8 (empty while no judge has a complete ballot). */
  dances: Array<DanceResult & { name: string }>;
  result?: FinalResult;
  notes: string[];
}

function backs(entries: readonly HeatEntryView[]): string {
  return entries.map((e) => e.couple.back ?? e.couple.names).join(', ');
}

/**
 * Places a final from the judges' ranks (Rules 5–11). A judge's ranks count when every
 * finalist has one in every dance, no two the same; ranks with a gap (a finalist scratched
 * after ranking) are closed up, in order. The others are left out and say why: a partial
 * panel is shown as one, never filled in.
 */
export function finalOf(
  competition: Competition,
  finalists: readonly HeatEntryView[],
  judges: readonly Person[],
  marksOf: MarksOf,
): FinalOutcome {
  const { heat } = competition;
  const slots = finalSlots(heat.dances, heat.semiFinal);
  const notes: string[] = [];
  const ballots = new Map<string, Array<Map<string, number>>>();
  const missing: BallotProblem[] = [];
  for (const judge of judges) {
    const marks = marksOf(judge.id);
    const problems: string[] = [];
    const perDance = slots.map((slot, d) => {
      const name = competition.dances[d] ?? `dance ${d + 1}`;
      const ranks = new Map<string, number>();
      const unranked: HeatEntryView[] = [];
      for (const entry of finalists) {
        const rank = Number(marks?.get(heatScoreKey(entry.heat.id, slot))?.value);
        if (Number.isInteger(rank) && rank > 0) ranks.set(entry.heat.id, rank);
        else unranked.push(entry);
      }
      if (unranked.length === finalists.length) problems.push(`has not ranked the ${name}`);
      else if (unranked.length > 0) problems.push(`has not ranked ${backs(unranked)} in the ${name}`);
      else if (new Set(ranks.values()).size < ranks.size)
        problems.push(`gave two couples the same place in the ${name}`);
      else if (Math.max(...ranks.values()) > finalists.length) {
        notes.push(
          `${judge.name}’s places in the ${name} were closed up: a couple ranked there is no longer in the final.`,
        );
        const order = [...ranks].sort((a, b) => a[1] - b[1]);
        order.forEach(([id], i) => {
          ranks.set(id, i + 1);
        });
      }
      return ranks;
    });
    if (finalists.length === 0) continue;
    if (problems.length > 0) missing.push({ judgeId: judge.id, problems });
    else ballots.set(judge.id, perDance);
  }
  const panel = judges.map((j) => j.id).filter((id) => ballots.has(id));
  if (panel.length === 0 || finalists.length === 0)
    return { couples: [...finalists], panel, missing, dances: [], notes };
  const ids = finalists.map((e) => e.heat.id);
  const dances = slots.map((_, d) => {
    const marks = new Map(ids.map((id) => [id, panel.map((j) => ballots.get(j)?.[d]?.get(id) ?? 0)] as const));
    return { name: competition.dances[d] ?? `Dance ${d + 1}`, ...placeDance({ couples: ids, marks }) };
  });
  return { couples: [...finalists], panel, missing, dances, result: placeFinal({ couples: ids, dances }), notes };
}
