import { describe, expect, it } from 'vitest';
import { heatScoreKey, ResultsEngine, type Score, type SummaryName } from '../src/index.ts';
import { seededRandom } from '../src/testkit.ts';
import { largeMarkedEvent, marksByKey } from './support/largeEvent.ts';

/** The slice of node:crypto used here; shared's types leave Node out so that src stays browser-safe. */
interface Crypto {
  createHash(algorithm: 'sha256'): { update(text: string): { digest(encoding: 'hex'): string } };
}
const crypto = (await import('node:crypto' as string)) as Crypto;

const SUMMARIES: readonly SummaryName[] = ['students', 'studios', 'instructors', 'multis', 'pros'];

/** Maps and sets as their entries, so what they hold is in the text too. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  return value;
}

const digest = (value: unknown) =>
  crypto.createHash('sha256').update(JSON.stringify(value, replacer)).digest('hex').slice(0, 16);

/** Everything the organiser's Results screens read, each as a digest of its JSON text. */
function digests(engine: ResultsEngine, sheets: readonly string[]): Record<string, string> {
  return {
    byLevel: digest(engine.byLevel()),
    byAge: digest(engine.byAge()),
    byStudio: digest(engine.byStudio()),
    instructors: digest(engine.instructors()),
    multis: digest(engine.multis()),
    pros: digest(engine.pros()),
    unscored: digest(engine.unscored()),
    comments: digest(engine.comments()),
    allProgress: digest(engine.allProgress()),
    progress: digest(SUMMARIES.map((name) => engine.progress(name))),
    competitions: digest(engine.competitions()),
    callbacks: digest(engine.callbacksToPublish(0)),
    sheets: digest(sheets.map((id) => engine.scoreSheet(id))),
  };
}

/**
 * The results of the large generated event, every heat marked by every judge (what the results
 * benchmark measures), pinned as digests of their JSON text: work on the engine's speed must
 * leave every summary byte for byte as it was. The digests were taken before that work
 * (main at 3a3cbdf). NOTE: a digest that changes on purpose (a summary that shows more, or
 * in another order) is taken again from the new output, and the commit says why.
 */
describe('results of the large event', () => {
  const { program, marks, published } = largeMarkedEvent(0);
  const people = [...program.people.keys()].sort();
  const sheets = people.filter((_, i) => i % 10 === 0);

  it('publish the same callbacks as before', () => {
    expect(digest(published)).toBe('b86969cdbe1b48b3');
  });

  it('are the same as before, from scratch', () => {
    const engine = new ResultsEngine(program);
    for (const [judge, scores] of marks) engine.setMarks(judge, marksByKey(scores));
    expect(digests(engine, sheets)).toEqual({
      allProgress: '38b75056755fcf5d',
      byAge: 'df0d4eec2450db4c',
      byLevel: 'a379cca1bef91475',
      byStudio: 'ed4cd25ad10af3d1',
      callbacks: '4f53cda18c2baa0c',
      comments: '6035f82401afa40f',
      competitions: '2c2aedd987f763d0',
      instructors: 'c09b266b3a789838',
      multis: 'f82eadb1efcc2db6',
      progress: '8d22c147b0c0acf8',
      pros: 'cf1591ce57864a6c',
      sheets: '9541fd887cb6036a',
      unscored: '4f53cda18c2baa0c',
    });
  });

  it('are the same as before after marks change, cleared and added one by one', () => {
    const engine = new ResultsEngine(program);
    for (const [judge, scores] of marks) engine.setMarks(judge, marksByKey(scores));
    digests(engine, sheets);
    const rng = seededRandom(7);
    const judges = [...marks.keys()];
    const values = ['1', '2', '3', 'F', 'GH', 'G', 'S', 'B', '4', '5', '77'];
    for (let i = 0; i < 300; i++) {
      const judge = rng.pick(judges);
      const before = rng.pick(marks.get(judge) as Score[]);
      const key = heatScoreKey(before.heatId, before.slot);
      const after: Score | undefined =
        i % 7 === 0
          ? undefined
          : {
              ...before,
              value: rng.pick(values),
              updatedAt: before.updatedAt + i + 1,
              ...(i % 5 === 0 ? { comments: `note ${i}` } : {}),
            };
      engine.applyChanges(judge, new Map([[key, after]]));
      if (i % 50 === 0) engine.byLevel();
    }
    // Every judge's marks of two couples cleared: the unscored report lists them.
    const first = marks.get(judges[0] as string) as Score[];
    for (const heatId of [first[100]?.heatId, first[2000]?.heatId])
      for (const [judge, scores] of marks)
        engine.applyChanges(
          judge,
          new Map(scores.filter((s) => s.heatId === heatId).map((s) => [heatScoreKey(s.heatId, s.slot), undefined])),
        );
    expect(engine.unscored()).toHaveLength(2);
    expect(digests(engine, sheets)).toEqual({
      allProgress: '7c951ac14e96c206',
      byAge: '6551cd23b6c0cb83',
      byLevel: '46c7aef5ebd0dcc0',
      byStudio: '93d8378593bc72d0',
      callbacks: '4f53cda18c2baa0c',
      comments: 'dbf8ad631d342030',
      competitions: '6e6fb1040420e597',
      instructors: 'cd4fb00bf68a49a4',
      multis: '8b957bd6c04ae659',
      progress: 'e7e9e69260cb62c8',
      pros: 'cf1591ce57864a6c',
      sheets: 'f5fc77c454297e03',
      unscored: 'c7ddec8db25245ff',
    });
  });
});
