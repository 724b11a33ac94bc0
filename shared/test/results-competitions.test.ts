import { describe, expect, it } from 'vitest';
import {
  type Callbacks,
  callbacksRecord,
  heatScoreKey,
  heatState,
  type Program,
  progressLine,
  ResultsEngine,
  type Score,
} from '../src/index.ts';
import { seededRandom } from '../src/random.ts';
import { generateEvent, generateMarks } from '../src/testkit.ts';
import { asProgram } from './support/showcase.ts';

/**
 * Heat 433 of the large generated event: "Bronze - Pro-Am", a scrutineered multi-dance of four
 * dances with twelve couples, so a semi-final (slots 1–4) comes before the final (slots 5–8);
 * six judges.
 */
const large = asProgram(generateEvent({ size: 'large' }));
const first = new ResultsEngine(large);
const competition = first.index.competitions.find((c) => c.heat.view.label === '433');
if (!competition) throw new Error('heat 433 is not scrutineered');
const couples = competition.split.entries.map((e) => e.heat.id);
const judges = first.index.judges.map((j) => j.id);
const backOf = new Map(competition.split.entries.map((e) => [e.heat.id, e.couple.back]));

function mark(heatId: string, slot: number, value: string): Score {
  return { heatId, slot, value, updatedAt: 1 };
}

function marksOf(scores: Score[]): Map<string, Score> {
  return new Map(scores.map((s) => [heatScoreKey(s.heatId, s.slot), s]));
}

/**
 * Every judge calls back couples 1–5 in every dance, and one more: couple 6 in half of the
 * 24 judge-dances, couples 7, 8 and 9 in four each. So 1–5 have 24 callbacks, 6 has 12, and
 * 7–9 are tied on 4: with them the final would have nine couples.
 */
function callbacks(judgeIndex: number): Score[] {
  const out: Score[] = [];
  for (let dance = 0; dance < 4; dance++) {
    const n = judgeIndex * 4 + dance;
    const extra = n % 2 === 0 ? 5 : 6 + (((n - 1) / 2) % 3);
    for (const c of [0, 1, 2, 3, 4, extra]) out.push(mark(couples[c] as string, dance + 1, '1'));
  }
  return out;
}

function engineWith(program: Program, marks: Record<string, Score[]>): ResultsEngine {
  const engine = new ResultsEngine(program);
  for (const [judge, scores] of Object.entries(marks)) engine.setMarks(judge, marksOf(scores));
  return engine;
}

function withCallbacks(record: Callbacks, program: Program = large): Program {
  return { ...program, callbacks: new Map([[record.id, record]]) };
}

const allCallbacks = Object.fromEntries(judges.map((j, i) => [j, callbacks(i)]));

describe('callbacks after a semi-final', () => {
  it('sends at most eight: a tie at the cut that would make nine is left out', () => {
    const semi = engineWith(large, allCallbacks).competition(competition.id)?.semi;
    expect(semi?.complete).toBe(true);
    expect(couples.map((c) => semi?.counts.get(c))).toEqual([24, 24, 24, 24, 24, 12, 4, 4, 4, 0, 0, 0]);
    expect(semi?.finalists).toEqual([...couples.slice(0, 5)].sort().concat(couples[5] as string));
    expect(semi?.leftOut.sort()).toEqual(couples.slice(6, 9).sort());
    expect(semi?.reason).toBe(
      '6 couples with 12 or more callbacks go to the final. The 3 couples tied on 4 would make 9, more than 8: they are left out.',
    );
  });

  it('waits for every judge before publishing, and says who is missing', () => {
    const partial = { ...allCallbacks, [judges[5] as string]: callbacks(5).filter((s) => s.slot !== 4) };
    const engine = engineWith(large, partial);
    const result = engine.competition(competition.id);
    expect(result?.semi?.complete).toBe(false);
    expect(result?.semi?.judges[5]).toMatchObject({ perDance: [6, 6, 6, 0], complete: false });
    expect(engine.callbacksToPublish(1000)).toEqual([]);
    expect(progressLine(result?.progress ?? { label: '', number: 0, dance: '', judges: [], done: 0, of: 0 })).toBe(
      '0 of 6 judges have marked heat 433.',
    );
    // The organiser may publish with the judges there are: the record names them.
    const early = callbacksRecord(result as NonNullable<typeof result>, 1000);
    expect(early.judges).toEqual(judges);
    const withoutSixth = engineWith(large, { ...allCallbacks, [judges[5] as string]: [] });
    expect(callbacksRecord(withoutSixth.competition(competition.id) as NonNullable<typeof result>, 1).judges).toEqual(
      judges.slice(0, 5),
    );
  });

  it('publishes a finished semi-final once; judges’ finals then list the finalists', () => {
    const engine = engineWith(large, allCallbacks);
    const [record] = engine.callbacksToPublish(1000);
    expect(record).toMatchObject({ id: `cb-433-${competition.split.danceId}`, heatNumber: 433, publishedAt: 1000 });
    expect(record?.finalists).toHaveLength(6);
    const published = engineWith(withCallbacks(record as Callbacks), allCallbacks);
    expect(published.callbacksToPublish(2000)).toEqual([]);
    const result = published.competition(competition.id);
    expect(result?.finalists).toEqual(record?.finalists);
    expect(result?.final.missing.map((m) => m.problems[0])).toEqual(judges.map(() => 'has not ranked the Waltz'));
  });
});

describe('the final after the semi-final', () => {
  const record = engineWith(large, allCallbacks).callbacksToPublish(1000)[0] as Callbacks;
  const program = withCallbacks(record);
  const finalists = record.finalists;

  /** Each judge ranks the finalists in every final dance (slots 5–8), in the given order. */
  function ranks(order: readonly string[], dances = [5, 6, 7, 8]): Score[] {
    return dances.flatMap((slot) => order.map((id, i) => mark(id, slot, String(i + 1))));
  }

  it('places a unanimous final in the judges’ order, by Rule 5 in every dance and Rule 9 overall', () => {
    const marks = Object.fromEntries(judges.map((j) => [j, [...(allCallbacks[j] as Score[]), ...ranks(finalists)]]));
    const result = engineWith(program, marks).competition(competition.id);
    expect(result?.final.panel).toEqual(judges);
    expect(result?.final.dances.map((d) => d.name)).toEqual(competition.dances);
    expect(finalists.map((id) => result?.final.result?.places.get(id))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(result?.final.result?.decisions.map((d) => d.rule))).toEqual(new Set([9]));
    expect(result?.progress).toMatchObject({ done: 6, of: 6 });
  });

  it('counts only complete ballots, and says whose are missing or wrong (a partial panel, shown as one)', () => {
    const reversed = [...finalists].reverse();
    const marks = Object.fromEntries(judges.map((j) => [j, [...(allCallbacks[j] as Score[]), ...ranks(finalists)]]));
    // Judge 5 has not ranked couple 6 in the Tango; judge 6 gave two couples 1st in the Foxtrot.
    marks[judges[4] as string] = ranks(finalists).filter((s) => !(s.slot === 6 && s.heatId === finalists[5]));
    marks[judges[5] as string] = ranks(reversed).map((s) =>
      s.slot === 7 && s.heatId === reversed[1] ? { ...s, value: '1' } : s,
    );
    const result = engineWith(program, marks).competition(competition.id);
    expect(result?.final.panel).toEqual(judges.slice(0, 4));
    const back = backOf.get(finalists[5] as string);
    expect(result?.final.missing).toEqual([
      { judgeId: judges[4], problems: [`has not ranked ${back} in the ${competition.dances[1]}`] },
      { judgeId: judges[5], problems: [`gave two couples the same place in the ${competition.dances[2]}`] },
    ]);
    expect(result?.final.dances[0]?.majority).toBe(3);
    expect(finalists.map((id) => result?.final.result?.places.get(id))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('closes up the ranks when a finalist is scratched after the judges ranked', () => {
    const scratched = finalists[2] as string;
    const heats = new Map(program.heats);
    const heat = heats.get(scratched);
    if (heat) heats.set(scratched, { ...heat, number: -heat.number });
    const marks = Object.fromEntries(judges.map((j) => [j, [...(allCallbacks[j] as Score[]), ...ranks(finalists)]]));
    const result = engineWith({ ...program, heats }, marks).competition(competition.id);
    expect(result?.finalists).toEqual(finalists.filter((id) => id !== scratched));
    expect(result?.final.panel).toEqual(judges);
    expect(result?.final.notes[0]).toContain('closed up');
    expect(finalists.map((id) => result?.final.result?.places.get(id))).toEqual([1, 2, undefined, 3, 4, 5]);
  });

  it('shares a place nobody can break, and says so', () => {
    // Three judges rank a and b one way, three the other way, in every dance.
    const [a, b, ...rest] = finalists;
    const marks = Object.fromEntries(
      judges.map((j, i) => [
        j,
        [
          ...(allCallbacks[j] as Score[]),
          ...ranks(i % 2 === 0 ? ([a, b, ...rest] as string[]) : ([b, a, ...rest] as string[])),
        ],
      ]),
    );
    const result = engineWith(program, marks).competition(competition.id);
    expect(result?.final.result?.places.get(a as string)).toBe(1.5);
    expect(result?.final.result?.places.get(b as string)).toBe(1.5);
    const shared = result?.final.result?.decisions.find((d) => d.couples.length === 2);
    expect(shared).toMatchObject({ from: 1, to: 2, rule: 11 });
    expect(shared?.reason).toContain('shared');
    expect(result?.final.dances[0]?.decisions[0]).toMatchObject({ rule: 7, place: 1.5 });
  });
});

describe('the whole large event, marked by every judge', () => {
  const marks = generateMarks(large);
  const scores = (judge: string) => marks.get(judge) ?? [];

  it('knows every judge’s progress on every heat as the judge’s heat list does', () => {
    // Half of the marks of every third heat are missing, so heats are done, partly done and to do.
    const partial = new Map(
      [...marks].map(([judge, list]) => [
        judge,
        list.filter((s, i) => {
          const row = first.index.rows.get(s.heatId);
          return !row || row.heat.view.number % 3 !== 0 || i % 2 === 0;
        }),
      ]),
    );
    const engine = engineWith(large, Object.fromEntries(partial));
    const held = new Map([...partial].map(([judge, list]) => [judge, marksOf(list)]));
    const states = new Set<string>();
    for (const heat of engine.index.heats) {
      const progress = engine.heatProgress(heat.view.label);
      for (const judge of progress?.judges ?? []) {
        const expected = heatState(heat, held.get(judge.judgeId) ?? new Map(), judge.judgeId, null);
        expect(judge.state, `heat ${heat.view.label}, ${judge.name}`).toBe(expected);
        states.add(judge.state);
      }
    }
    expect([...states].sort()).toEqual(['partly', 'scored', 'todo']);
  }, 30_000);

  it('counts a judge’s first load as it counts the same marks as changes, and never changes the map it was given', () => {
    // A mark without content (a judge who cleared a value) is in one judge's first load.
    const [firstJudge] = marks.keys();
    const loads = new Map(
      [...marks].map(([judge, list]) => {
        const load = marksOf(list);
        if (judge === firstJudge) load.set('h/empty/0', { heatId: list[0]?.heatId as string, value: '', updatedAt: 1 });
        return [judge, load] as const;
      }),
    );
    const given = new Map([...loads].map(([judge, load]) => [judge, new Map(load)]));
    const loaded = new ResultsEngine(large);
    const changed = new ResultsEngine(large);
    for (const [judge, load] of loads) {
      loaded.setMarks(judge, load);
      changed.applyChanges(judge, new Map(load));
    }
    const same = () => {
      expect(loaded.byLevel()).toEqual(changed.byLevel());
      expect(loaded.byAge()).toEqual(changed.byAge());
      expect(loaded.byStudio()).toEqual(changed.byStudio());
      expect(loaded.instructors()).toEqual(changed.instructors());
      expect(loaded.multis()).toEqual(changed.multis());
      expect(loaded.pros()).toEqual(changed.pros());
      expect(loaded.unscored()).toEqual(changed.unscored());
      expect(loaded.comments()).toEqual(changed.comments());
      expect(loaded.allProgress()).toEqual(changed.allProgress());
      expect(loaded.competitions()).toEqual(changed.competitions());
      for (const judge of judges) expect(loaded.marksOf(judge)).toEqual(changed.marksOf(judge));
      for (const person of [...large.people.keys()].slice(0, 40))
        expect(loaded.scoreSheet(person)).toEqual(changed.scoreSheet(person));
    };
    same();
    expect(loaded.marksOf(firstJudge as string)?.has('h/empty/0')).toBe(false);
    // Changes after the first load leave the caller's maps as they were.
    for (const [judge, list] of marks) {
      const victim = list[list.length >> 1] as Score;
      const key = heatScoreKey(victim.heatId, victim.slot);
      const change = new Map([[key, { ...victim, value: victim.value === 'B' ? 'GH' : 'B', updatedAt: 2 }]]);
      loaded.applyChanges(judge, change);
      changed.applyChanges(judge, change);
    }
    same();
    for (const [judge, load] of loads) expect(load).toEqual(given.get(judge));
  }, 60_000);

  it('gives the same results one mark at a time as all at once (fixed seed)', () => {
    const rng = seededRandom(11);
    const judgesWithMarks = [...marks.keys()];
    const live = engineWith(large, Object.fromEntries(marks));
    const current = new Map([...marks].map(([judge, list]) => [judge, marksOf(list)]));
    for (let i = 0; i < 200; i++) {
      const judge = rng.pick(judgesWithMarks);
      const held = current.get(judge) as Map<string, Score>;
      const victim = rng.pick(scores(judge));
      const key = heatScoreKey(victim.heatId, victim.slot);
      const next = rng.chance(0.3)
        ? undefined
        : {
            ...victim,
            value: rng.pick(['1', '2', '3', 'F', 'GH', 'B', '5', '77']),
            updatedAt: victim.updatedAt + i + 1,
          };
      if (next) held.set(key, next);
      else held.delete(key);
      live.applyChanges(judge, new Map([[key, next]]));
      if (i % 100 === 99) {
        const fresh = new ResultsEngine(large);
        for (const [j, m] of current) fresh.setMarks(j, m);
        expect(live.byLevel()).toEqual(fresh.byLevel());
        expect(live.byAge()).toEqual(fresh.byAge());
        expect(live.byStudio()).toEqual(fresh.byStudio());
        expect(live.instructors()).toEqual(fresh.instructors());
        expect(live.multis()).toEqual(fresh.multis());
        expect(live.unscored()).toEqual(fresh.unscored());
        expect(live.comments()).toEqual(fresh.comments());
        expect(live.allProgress()).toEqual(fresh.allProgress());
      }
    }
  }, 60_000);
});
