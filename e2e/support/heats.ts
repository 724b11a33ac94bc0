import type { ScoredHeat } from '@ondeck/shared';

/** Each couple's entry in a heat, by back number: the screen shows backs, marks are keyed by heat id. */
export function heatIdsByBack(heat: ScoredHeat): Map<number, string> {
  return new Map(heat.view.entries.flatMap((e) => (e.couple.back === undefined ? [] : [[e.couple.back, e.heat.id]])));
}
