import type { Person } from '../model/types.ts';
import { type HeatState, heatState, reviewsSolo, type ScoredHeat } from '../scoring/heats.ts';
import type { MarksOf } from './competitions.ts';
import type { ResultsIndex } from './eventIndex.ts';

export interface JudgeProgress {
  judgeId: string;
  name: string;
  state: HeatState;
}

/** How far the judges are with one heat: "2 of 3 judges have marked heat 41". */
export interface HeatProgress {
  label: string;
  number: number;
  dance: string;
  /** The judges expected to mark it, and how far each is. */
  judges: JudgeProgress[];
  done: number;
  of: number;
}

const NO_MARKS = new Map();

/**
 * The judges a heat waits for: nobody for an unscored heat or an empty floor; for a solo, the
 * judges who review its heat number; with assignments, the judges assigned a couple in it
 * (everyone while nobody is); otherwise every judge.
 */
function panelOf(index: ResultsIndex, heat: ScoredHeat): Person[] {
  if (heat.scale === '0' || heat.view.onFloor === 0) return [];
  const { program, judges, assignments } = index;
  if (heat.view.kind === 'Solo')
    return judges.filter((j) => reviewsSolo(program.judges.get(j.id)?.reviewSolos ?? 'All', heat.view.number));
  if (assignments) {
    const assigned = judges.filter((j) =>
      heat.view.entries.some((e) => !e.scratched && assignments.byHeat.get(e.heat.id)?.has(j.id)),
    );
    if (assigned.length > 0) return assigned;
  }
  return judges;
}

/**
 * Each expected judge's state on a heat, from the marks this device holds (or from `counted`,
 * a judge's state the caller already knows).
 */
export function heatProgress(
  index: ResultsIndex,
  heat: ScoredHeat,
  marksOf: MarksOf,
  counted?: (judgeId: string) => HeatState,
): HeatProgress {
  const judges = panelOf(index, heat).map((judge) => ({
    judgeId: judge.id,
    name: index.judgeNames.get(judge.id) as string,
    state: counted ? counted(judge.id) : heatState(heat, marksOf(judge.id) ?? NO_MARKS, judge.id, index.assignments),
  }));
  const done = judges.filter((j) => j.state === 'scored').length;
  return { label: heat.view.label, number: heat.view.number, dance: heat.view.dance, judges, done, of: judges.length };
}

export function isComplete(progress: HeatProgress): boolean {
  return progress.done === progress.of;
}

/** "2 of 3 judges have marked heat 41", "All 3 judges have marked heat 41". */
export function progressLine(progress: HeatProgress): string {
  if (progress.of === 0) return `Heat ${progress.label} is not marked by any judge.`;
  if (progress.done === progress.of)
    return `${progress.of === 1 ? 'The judge has' : `All ${progress.of} judges have`} marked heat ${progress.label}.`;
  return `${progress.done} of ${progress.of} judges ${progress.done === 1 ? 'has' : 'have'} marked heat ${progress.label}.`;
}

/** How complete a summary is: its heats, how many are fully marked, and the first few that are not. */
export interface SummaryProgress {
  heats: number;
  complete: number;
  waiting: HeatProgress[];
}

export function summaryProgress(progress: readonly HeatProgress[]): SummaryProgress {
  const scored = progress.filter((p) => p.of > 0);
  const waiting = scored.filter((p) => !isComplete(p));
  return { heats: scored.length, complete: scored.length - waiting.length, waiting };
}

/** "38 of 40 heats fully marked", or "All 40 heats fully marked". */
export function summaryProgressLine(progress: SummaryProgress): string {
  if (progress.heats === 0) return 'No heats to mark yet.';
  if (progress.complete === progress.heats)
    return progress.heats === 1 ? '1 heat, fully marked.' : `All ${progress.heats} heats fully marked.`;
  return `${progress.complete} of ${progress.heats} heats fully marked.`;
}
