import { describe, expect, it } from 'vitest';
import {
  heatScoreKey,
  type Program,
  ResultsEngine,
  type Score,
  summaryProgressLine,
  tabulate,
  toCsv,
} from '../src/index.ts';
import { importShowcaseFixtures } from '../src/testkit.ts';
import { asProgram, showcaseFiles } from './support/showcase.ts';

/**
 * The reference showcase (rubys/showcase's fixtures, MIT): one judge, Judy Sheindlin; the
 * professional Arthur Murray dances with the student Kathryn Murray (studio Two, Full Silver,
 * age C) in heat 1 (Closed Waltz, entered at Assoc. Silver, age B), heat 5 (Open Tango, Full
 * Silver, age B1) and heat 4 (All Around Smooth, two dances); solos in heats 2 and 3; the
 * student "Student One" (studio One, Bronze) leads the professional "Instructor One" in
 * heat 6 and follows Arthur in heat 7. Open and Closed heats are marked GH/G/S/B, the
 * multi-dance 1/2/3/F. The fixtures hold Judy's G in heats 1 and 5; the tests add the rest.
 */
const data = importShowcaseFixtures(showcaseFiles, { now: new Date(2026, 10, 22, 12, 0) });
const base = asProgram(data);
const JUDY = 'person-Judy';
const KATHRYN = 'person-Kathryn';
const ARTHUR = 'person-Arthur';
const INSTRUCTOR_ONE = 'person-instructor_one';

function mark(heatId: string, value: string, extra: Partial<Score> = {}): Score {
  return { heatId, value, updatedAt: 1, ...extra };
}

function marksOf(...scores: Score[]): Map<string, Score> {
  return new Map(scores.map((s) => [heatScoreKey(s.heatId, s.slot), s]));
}

/** Judy's marks from the fixtures, and the ones the tests add by hand. */
const fixtureMarks = data.scoresByJudge[JUDY] ?? [];
const added = [
  mark('heat-student_instructor_heat', 'GH'),
  mark('heat-couple_bronze_heat', 'S'),
  mark('heat-five', '1', { slot: 1 }),
  mark('heat-five', '3', { slot: 2 }),
  mark('heat-three', '92', { comments: 'Lovely lines; watch the timing in the second half.' }),
];

function engineWith(program: Program, scores: Score[]): ResultsEngine {
  const engine = new ResultsEngine(program);
  engine.setMarks(JUDY, marksOf(...scores));
  return engine;
}

function withSettings(patch: Partial<Program['settings']>): Program {
  return { ...base, settings: { ...base.settings, ...patch } };
}

describe('what a mark is worth', () => {
  it('weighs placements and medals 5, 3, 2, 1, overall marks by their number, and sums numbers', () => {
    expect(['1', '2', '3', 'F'].map((v) => tabulate('1', v)?.points)).toEqual([5, 3, 2, 1]);
    expect(['GH', 'G', 'S', 'B'].map((v) => tabulate('G', v)?.points)).toEqual([5, 3, 2, 1]);
    expect(['GH', 'B'].map((v) => tabulate('@', v)?.column)).toEqual(['medal:GH', 'medal:B']);
    expect(['5', '1'].map((v) => tabulate('&', v))).toEqual([
      { column: 'overall:5', points: 5 },
      { column: 'overall:1', points: 1 },
    ]);
    expect(tabulate('#', '85')).toEqual({ points: 0, number: 85 });
    // Feedback only, solos, scrutineered dances and unknown values count nothing.
    for (const [scale, value] of [
      ['+', 'G'],
      ['solo', '92'],
      ['skating', '1'],
      ['1', 'GH'],
      ['#', '1e3'],
    ] as const)
      expect(tabulate(scale, value)).toBeNull();
  });
});

describe('summaries of the reference showcase, worked by hand', () => {
  it('by level: Kathryn follows at Full Silver (G, G from the fixtures; 1st and 3rd in the multi-dance)', () => {
    const engine = engineWith(base, [...fixtureMarks, ...added]);
    const summary = engine.byLevel();
    expect(summary.columns.map((c) => c.id)).toEqual([
      'place:1',
      'place:2',
      'place:3',
      'place:F',
      'medal:GH',
      'medal:G',
      'medal:S',
      'medal:B',
    ]);
    const fs = summary.bands.find((b) => b.name === 'Full Silver');
    expect(fs?.groups.Followers).toHaveLength(1);
    expect(fs?.groups.Followers[0]).toMatchObject({
      names: 'Kathryn Murray',
      studio: 'Two',
      counts: { 'medal:G': 2, 'place:1': 1, 'place:3': 1 },
      points: 3 + 3 + 5 + 2,
      marks: 4,
    });
    const bronze = summary.bands.find((b) => b.name === 'Bronze');
    expect(bronze?.top.Followers.map((r) => [r.names, r.points])).toEqual([['Student One', 2]]);
    expect(bronze?.top.Leaders.map((r) => [r.names, r.points])).toEqual([['Student One', 5]]);
  });

  it('by age: the same marks under each student’s own age; a student without one is listed apart', () => {
    const summary = engineWith(base, [...fixtureMarks, ...added]).byAge();
    expect(summary.bands.map((b) => b.name)).toEqual(['C (66-75)', 'No age']);
    expect(summary.bands[0]?.groups.Followers[0]?.points).toBe(13);
  });

  it('strict scoring counts only heats entered at the student’s own level (and age)', () => {
    const marks = [...fixtureMarks, ...added];
    // Kathryn is Full Silver, age C: neither of her entries (Assoc. Silver/B, Full Silver/B1) fits both.
    expect(engineWith(withSettings({ strictScoring: true }), marks).byLevel().bands).toEqual([]);
    // Without ages, her Full Silver entry counts: heat 5 (G) and the multi-dance (1st, 3rd).
    const levelOnly = engineWith(withSettings({ strictScoring: true, trackAges: false }), marks).byLevel();
    expect(levelOnly.bands.find((b) => b.name === 'Full Silver')?.groups.Followers[0]?.points).toBe(3 + 5 + 2);
    expect(levelOnly.bands.find((b) => b.name === 'Bronze')?.groups.Leaders[0]?.points).toBe(5);
  });

  it('by studio: per level and in total, with marks and the average per mark', () => {
    const summary = engineWith(base, [...fixtureMarks, ...added]).byStudio();
    expect(summary.bands.map((b) => b.name)).toEqual(['Full Silver', 'Bronze', 'Total']);
    const total = summary.bands.at(-1)?.rows.map((r) => [r.name, r.marks, r.points, r.average]);
    expect(total).toEqual([
      ['Two', 4, 13, 3.25],
      ['One', 2, 7, 3.5],
    ]);
  });

  it('instructors: every professional credited, with counts and points', () => {
    const summary = engineWith(base, [...fixtureMarks, ...added]).instructors();
    expect(summary.rows.map((r) => [r.personId, r.marks, r.points])).toEqual([
      [ARTHUR, 5, 3 + 3 + 5 + 2 + 2],
      [INSTRUCTOR_ONE, 1, 5],
    ]);
  });

  it('instructors: how often each feedback was given, however many abbreviations the judges use', () => {
    const program = withSettings({ openScoring: '+', closedScoring: '+' });
    const [heat1, heat5] = fixtureMarks.map((m) => m.heatId);
    const engine = engineWith(program, [mark(heat1 as string, '', { good: 'F P', bad: 'T' })]);
    const arthur = () => {
      const row = engine.instructors().rows.find((r) => r.personId === ARTHUR);
      return { marks: row?.marks, good: row?.good, bad: row?.bad };
    };
    expect(arthur()).toEqual({ marks: 0, good: { F: 1, P: 1 }, bad: { T: 1 } });
    // Eleven abbreviations more than the first mark gave: every tally makes room for them and
    // keeps what it had counted.
    const more = Array.from({ length: 10 }, (_, i) => `A${i}`);
    engine.applyChanges(JUDY, marksOf(mark(heat5 as string, '', { good: `F ${more.join(' ')}`, bad: 'T X' })));
    expect(arthur()).toEqual({
      marks: 0,
      good: { F: 2, P: 1, ...Object.fromEntries(more.map((a) => [a, 1])) },
      bad: { T: 2, X: 1 },
    });
    expect(engine.instructors().feedback).toEqual([...more, 'F', 'P', 'T', 'X']);
    engine.applyChanges(JUDY, new Map([[heatScoreKey(heat1 as string), undefined]]));
    expect(arthur()).toMatchObject({
      good: { F: 1, ...Object.fromEntries(more.map((a) => [a, 1])) },
      bad: { T: 1, X: 1 },
    });
  });

  it('multi-dance scores: the couple’s marks over both dances of All Around Smooth', () => {
    const summary = engineWith(base, [...fixtureMarks, ...added]).multis();
    expect(summary.groups.map((g) => [g.name, g.rows.map((r) => [r.names, r.points])])).toEqual([
      ['All Around Smooth', [['Arthur Murray & Kathryn Murray', 7]]],
    ]);
    expect(summary.columns.map((c) => c.group)).toEqual(['place', 'place', 'place', 'place']);
  });

  it('pro scores: nothing when no pro-pro heat is danced', () => {
    expect(engineWith(base, [...fixtureMarks, ...added]).pros().groups).toEqual([]);
  });

  it('the score sheet: heat by heat, Judy’s column, the finalist text, her comments', () => {
    const engine = engineWith(withSettings({ finalist: 'Finalist' }), [
      ...fixtureMarks,
      ...added,
      mark('heat-five', 'F', { slot: 2 }),
    ]);
    const sheet = engine.scoreSheet(KATHRYN);
    expect(sheet.judges).toEqual([{ id: JUDY, name: 'Judy Sheindlin' }]);
    expect(sheet.lines.map((l) => [l.label, l.dance, l.marks])).toEqual([
      ['1', 'Closed Waltz', ['G']],
      ['2', 'Waltz / Tango', ['92']],
      ['3', 'Tango', ['']],
      ['4', 'All Around Smooth – dance 1: Waltz', ['1']],
      ['4', 'All Around Smooth – dance 2: Tango', ['Finalist']],
      ['5', 'Open Tango', ['G']],
    ]);
    expect(sheet.comments).toEqual([
      {
        label: '2',
        dance: 'Waltz / Tango',
        judge: 'Judy Sheindlin',
        text: 'Lovely lines; watch the timing in the second half.',
      },
    ]);
  });

  it('the score sheet shows category scores (one mark per student per agenda item)', () => {
    const category: Score = { heatId: '', categoryId: 'cat-one', personId: KATHRYN, value: 'GH', updatedAt: 1 };
    const engine = new ResultsEngine(base);
    engine.setMarks(JUDY, new Map([['c/cat-one/person-Kathryn', category]]));
    expect(engine.scoreSheet(KATHRYN).categories).toEqual([{ name: 'Closed American Smooth', marks: ['GH'] }]);
  });

  it('unscored heats: couples no judge has marked', () => {
    const engine = engineWith(base, fixtureMarks);
    expect(engine.unscored().map((r) => r.label)).toEqual(['2', '3', '4', '6', '7']);
    engine.setMarks(JUDY, marksOf(...fixtureMarks, ...added));
    expect(engine.unscored().map((r) => r.label)).toEqual(['3']);
  });

  it('judge comments: one line for each student the comment is about, and CSV that a spreadsheet cannot run', () => {
    const engine = engineWith(base, [...fixtureMarks, ...added, mark('heat-one', 'G', { comments: '=cmd|calc' })]);
    const rows = engine.comments();
    expect(rows.map((r) => [r.label, r.student, r.partner, r.judge])).toEqual([
      ['1', 'Kathryn Murray', 'Arthur Murray', 'Judy Sheindlin'],
      ['2', 'Kathryn Murray', 'Arthur Murray', 'Judy Sheindlin'],
    ]);
    const csv = toCsv([['Heat', 'Comment'], ...rows.map((r) => [r.label, r.comment])]);
    expect(csv).toBe("Heat,Comment\r\n1,'=cmd|calc\r\n2,Lovely lines; watch the timing in the second half.\r\n");
    expect(toCsv([['a "quoted", name']])).toBe('"a ""quoted"", name"\r\n');
  });

  it('says how complete each summary is', () => {
    const engine = engineWith(base, fixtureMarks);
    expect(summaryProgressLine(engine.progress('students'))).toBe('2 of 5 heats fully marked.');
    engine.setMarks(JUDY, marksOf(...fixtureMarks, ...added));
    expect(summaryProgressLine(engine.progress('students'))).toBe('All 5 heats fully marked.');
    expect(engine.heatProgress('4')).toMatchObject({ done: 1, of: 1 });
  });
});

describe('one mark at a time', () => {
  it('gives the same summaries as counting everything again, as marks arrive, change and go', () => {
    const engine = new ResultsEngine(base);
    const all = [...fixtureMarks, ...added];
    for (let i = 0; i < all.length; i++) {
      const score = all[i] as Score;
      engine.applyChanges(JUDY, new Map([[heatScoreKey(score.heatId, score.slot), score]]));
      const fresh = engineWith(base, all.slice(0, i + 1));
      expect(engine.byLevel()).toEqual(fresh.byLevel());
      expect(engine.byStudio()).toEqual(fresh.byStudio());
      expect(engine.instructors()).toEqual(fresh.instructors());
    }
    // A changed mark replaces the old one; a cleared mark takes it away.
    const changed = mark('heat-one', 'B');
    engine.applyChanges(JUDY, new Map([[heatScoreKey('heat-one'), changed]]));
    engine.applyChanges(JUDY, new Map([[heatScoreKey('heat-couple_bronze_heat'), undefined]]));
    const expected = engineWith(
      base,
      all.filter((s) => s.heatId !== 'heat-couple_bronze_heat').map((s) => (s.heatId === 'heat-one' ? changed : s)),
    );
    expect(engine.byLevel()).toEqual(expected.byLevel());
    expect(engine.instructors()).toEqual(expected.instructors());
    expect(engine.unscored()).toEqual(expected.unscored());
    expect(engine.comments()).toEqual(expected.comments());
  });

  it('ignores marks of scratched couples and of heats that are not in the program', () => {
    const scratched: Program = {
      ...base,
      heats: new Map(
        [...base.heats].map(([id, heat]) => [id, id === 'heat-one' ? { ...heat, number: -heat.number } : heat]),
      ),
    };
    const engine = engineWith(scratched, [...fixtureMarks, mark('no-such-heat', 'GH')]);
    // Only heat 5's G is left for Kathryn.
    expect(engine.byLevel().bands[0]?.groups.Followers[0]?.points).toBe(3);
  });

  it('lists every top scorer when two stand equal', () => {
    const engine = engineWith(base, [
      ...fixtureMarks,
      mark('heat-couple_bronze_heat', 'G'),
      mark('heat-student_instructor_heat', 'G'),
    ]);
    // Studio One (Student One: G and G) and Two (Kathryn: G and G) both have 6 points from 2 marks.
    expect(
      engine
        .byStudio()
        .bands.at(-1)
        ?.rows.map((r) => [r.name, r.points]),
    ).toEqual([
      ['One', 6],
      ['Two', 6],
    ]);
    const bronze = engine.byLevel().bands.find((b) => b.name === 'Bronze');
    expect(bronze?.top.Followers).toHaveLength(1);
  });
});
