import {
  heatScoreKey,
  markSlot,
  markText,
  type Program,
  type ScoredHeat,
  skatingSlot,
  standingCorrection,
} from '@ondeck/shared';
import { formatTime } from '../../lib/format.ts';
import type { JudgeScores } from '../../sync/hooks.ts';

/**
 * The organiser's corrections of this judge's marks on this page (issue 15 point 5), so the
 * judge sees that a mark changed, when, and what they had given — until they change it again.
 */
export function Corrections({
  program,
  heat,
  slot,
  scores,
}: {
  program: Program;
  heat: ScoredHeat;
  slot: number | undefined;
  scores: JudgeScores;
}) {
  if (scores.corrections.length === 0) return null;
  const stored = markSlot(heat, slot ?? 1);
  const round = heat.scale === 'skating' ? skatingSlot(heat.dances, heat.semiFinal, slot ?? 1).round : undefined;
  const standing = heat.view.entries.flatMap((entry) => {
    const key = heatScoreKey(entry.heat.id, stored);
    const shown = markText(heat.scale, scores.marks.get(key), program.settings, round);
    const correction = standingCorrection(scores.corrections, key, shown);
    return correction ? [{ back: entry.couple.back, correction }] : [];
  });
  if (standing.length === 0) return null;
  return (
    <ul className="heat-corrections" aria-label="Corrections by the organiser" data-testid="corrections">
      {standing.map(({ back, correction }) => (
        <li key={correction.id}>
          Couple {back ?? '–'}: corrected by the organiser at {formatTime(correction.at)} — was{' '}
          {correction.was || 'no mark'}, now {correction.now || 'no mark'}
        </li>
      ))}
    </ul>
  );
}
