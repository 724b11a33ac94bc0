import type { Correction, EventSettings, Score } from '../model/types.ts';
import { type HeatScale, readSoloParts, SOLO_PARTS, soloPartsTotal, valueLabel } from './scales.ts';

/** The parts of a mark a judge changes; `undefined` removes a part. */
export type MarkPatch = Partial<Record<'value' | 'good' | 'bad' | 'comments', string | undefined>>;

const CONTENT = ['value', 'good', 'bad', 'comments'] as const;

/** Whether a mark says anything (an empty record is an assignment, not a mark). */
export function hasContent(mark: Partial<Pick<Score, (typeof CONTENT)[number]>> | undefined): boolean {
  // NOTE: written out, not `CONTENT.some(…)`: results ask this of every mark of an event.
  return mark !== undefined && !!(mark.value || mark.good || mark.bad || mark.comments);
}

/**
 * The whole record after a change: the previous mark with the patch applied and the time of
 * the change, or null when nothing is left (the mark is then cleared, DOMAIN.md §3.2).
 */
export function applyMarkPatch(
  previous: Score | undefined,
  target: { heatId: string; slot?: number | undefined },
  patch: MarkPatch,
  now: number,
): Score | null {
  const next: Score = { heatId: target.heatId, updatedAt: now };
  if (target.slot) next.slot = target.slot;
  for (const field of CONTENT) {
    const value = field in patch ? patch[field] : previous?.[field];
    // Comments keep the judge's spaces; every other part is a token.
    const kept = field === 'comments' ? value : value?.trim();
    if (kept !== undefined && kept.trim() !== '') next[field] = kept;
  }
  return hasContent(next) ? next : null;
}

/**
 * A mark as one short line for the organiser's table: "1", "GH · +FW T · −P", "T 20 E 21 … = 86";
 * a callback in a semi-final is a tick.
 */
export function markText(
  scale: HeatScale,
  mark: Score | undefined,
  settings: Pick<EventSettings, 'finalist'>,
  round?: 'semi' | 'final',
): string {
  if (!mark) return '';
  const parts: string[] = [];
  if (mark.value !== undefined) {
    if (scale === 'solo4') {
      const solo = readSoloParts(mark.value);
      const shown = SOLO_PARTS.filter(({ key }) => solo[key] !== undefined).map(
        ({ key, label }) => `${label[0]} ${solo[key]}`,
      );
      parts.push(`${shown.join(' ')} = ${soloPartsTotal(solo)}`);
    } else if (scale === 'skating') parts.push(round === 'semi' ? '✓' : mark.value);
    else parts.push(valueLabel(mark.value, settings));
  }
  if (mark.good) parts.push(`+${mark.good}`);
  if (mark.bad) parts.push(`−${mark.bad}`);
  return parts.join(' · ');
}

/**
 * The organiser's correction a mark still stands on: the last correction of that mark, while
 * the mark reads as corrected (`shown`, its `markText`). Once the judge changes the mark again
 * it is theirs, and no correction is shown.
 */
export function standingCorrection(
  corrections: readonly Correction[] | undefined,
  key: string,
  shown: string,
): Correction | undefined {
  let last: Correction | undefined;
  for (const correction of corrections ?? []) if (correction.key === key) last = correction;
  return last && last.now === shown ? last : undefined;
}
