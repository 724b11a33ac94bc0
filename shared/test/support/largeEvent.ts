import { type Callbacks, heatScoreKey, type Program, ResultsEngine, type Score } from '../../src/index.ts';
import { generateEvent, generateMarks } from '../../src/testkit.ts';
import { asProgram } from './showcase.ts';

/** A judge's marks by mark key, as `readMarks` gives them from the judge's document. */
export function marksByKey(scores: readonly Score[]): Map<string, Score> {
  return new Map(scores.map((s) => [heatScoreKey(s.heatId, s.slot), s]));
}

export interface MarkedEvent {
  program: Program;
  /** Every heat marked by every judge who marks it, by judge id. */
  marks: Map<string, Score[]>;
  /** The semi-finals' callbacks, published in `program` so its finals are ranked. */
  published: Callbacks[];
}

/**
 * The large generated event with every heat marked by every judge: the semi-finals' callbacks
 * are published first (at `publishedAt`), so the finals can be ranked too. What the results
 * benchmark measures and the results tests pin down.
 */
export function largeMarkedEvent(publishedAt: number): MarkedEvent {
  const bare = asProgram(generateEvent({ size: 'large' }));
  const callbacks = new ResultsEngine(bare);
  for (const [judge, scores] of generateMarks(bare)) callbacks.setMarks(judge, marksByKey(scores));
  const published = callbacks.callbacksToPublish(publishedAt);
  const program = asProgram({ ...generateEvent({ size: 'large' }), callbacks: published });
  return { program, marks: generateMarks(program), published };
}
