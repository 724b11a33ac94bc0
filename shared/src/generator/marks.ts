import type { Program } from '../docs/program.ts';
import type { Score } from '../model/types.ts';
import { type Random, seededRandom } from '../random.ts';
import { assignedTo, assignmentsOf, reviewsSolo, type ScoredHeat, scoredHeats } from '../scoring/heats.ts';
import { hasContent } from '../scoring/marks.ts';
import { type HeatScale, SOLO_PARTS, writeSoloParts } from '../scoring/scales.ts';
import { CALLBACKS_REQUIRED, finalSlots } from '../scoring/skating.ts';

const PLACES = ['1', '2', '3', 'F'];
const MEDALS = ['GH', 'G', 'S', 'B'];
const FEEDBACK = ['F', 'P', 'FW', 'LF', 'T', 'S'];
const COMMENTS = ['Lovely frame.', 'Watch the timing in the turns.', 'Great energy!', 'Keep the head steady.'];

/** Some feedback: at least one "good job with", so a feedback-only mark is never empty. */
function feedback(rng: Random): Pick<Score, 'good' | 'bad'> {
  const good = FEEDBACK.filter(() => rng.chance(0.3));
  if (good.length === 0) good.push(rng.pick(FEEDBACK));
  const bad = FEEDBACK.filter((f) => !good.includes(f) && rng.chance(0.2));
  return {
    ...(good.length > 0 ? { good: good.sort().join(' ') } : {}),
    ...(bad.length > 0 ? { bad: bad.sort().join(' ') } : {}),
  };
}

/** A plausible mark on a scale (not the scrutineered one), or null when the scale takes none. */
function markOn(scale: HeatScale, rng: Random): Omit<Score, 'heatId' | 'updatedAt'> | null {
  switch (scale) {
    case '1':
      return { value: rng.pick(PLACES) };
    case 'G':
      return { value: rng.pick(MEDALS) };
    case '#':
      return { value: String(rng.int(60, 99)) };
    case '+':
      return feedback(rng);
    case '&':
      return { value: String(rng.int(1, 5)), ...feedback(rng) };
    case '@':
      return { value: rng.pick(MEDALS), ...feedback(rng) };
    case 'solo':
      return { value: String(rng.int(70, 100)) };
    case 'solo4':
      return {
        value: writeSoloParts(Object.fromEntries(SOLO_PARTS.map(({ key }) => [key, rng.int(15, 25)]))) as string,
      };
    case '0':
    case 'skating':
      return null;
  }
}

/** Callbacks and ranks of a scrutineered heat: six callbacks per semi-final dance, a full ranking of each final. */
function scrutineered(heat: ScoredHeat, rng: Random, at: number): Score[] {
  const out: Score[] = [];
  for (const split of heat.splits) {
    if (split.semiFinal)
      for (let slot = 1; slot <= heat.dances; slot++)
        for (const entry of rng.shuffle(split.entries).slice(0, CALLBACKS_REQUIRED))
          out.push({ heatId: entry.heat.id, slot, value: '1', updatedAt: at });
    for (const slot of finalSlots(heat.dances, heat.semiFinal))
      rng.shuffle(split.finalists ?? []).forEach((entry, i) => {
        out.push({ heatId: entry.heat.id, slot, value: String(i + 1), updatedAt: at });
      });
  }
  return out;
}

/**
 * Every heat of a program marked by every judge who marks it (assignments and the solos a
 * judge reviews are respected), deterministic for a seed: a finished event, for benchmarks and
 * screenshots. Scrutineered finals are ranked only once their finalists are published (a
 * split without a semi-final always is); a tenth of the marks carry a comment when the event
 * takes comments.
 */
export function generateMarks(program: Program, seed = 1): Map<string, Score[]> {
  const heats = scoredHeats(program);
  const judges = [...program.people.values()].filter((p) => p.type === 'Judge');
  const assignments = assignmentsOf(program);
  const out = new Map<string, Score[]>();
  judges.forEach((judge, j) => {
    const rng = seededRandom(seed * 7919 + j);
    const marks: Score[] = [];
    const at = 1_700_000_000_000 + j;
    for (const heat of heats) {
      if (
        heat.view.kind === 'Solo' &&
        !reviewsSolo(program.judges.get(judge.id)?.reviewSolos ?? 'All', heat.view.number)
      )
        continue;
      if (heat.scale === 'skating') {
        marks.push(...scrutineered(heat, rng, at));
        continue;
      }
      const mine = assignedTo(heat.view, assignments, judge.id);
      const slots = heat.slots > 0 ? Array.from({ length: heat.slots }, (_, i) => i + 1) : [undefined];
      for (const entry of heat.view.entries) {
        if (entry.scratched || (mine && !mine.has(entry.heat.id))) continue;
        for (const slot of slots) {
          const mark = markOn(heat.scale, rng);
          if (!hasContent(mark ?? undefined)) continue;
          const comment = program.settings.judgeComments && rng.chance(0.1) ? { comments: rng.pick(COMMENTS) } : {};
          marks.push({ heatId: entry.heat.id, ...(slot ? { slot } : {}), ...mark, ...comment, updatedAt: at });
        }
      }
    }
    out.set(judge.id, marks);
  });
  return out;
}
