import { describe, expect, it } from 'vitest';
import {
  type DanceOutcome,
  type DanceResult,
  majorityOf,
  placeDance,
  placeFinal,
  type SkatingRule,
} from '../src/index.ts';
import { seededRandom } from '../src/random.ts';

/** Couples' marks, one row per couple (judges in columns), as rule books print them. */
function dance(rows: Record<string, readonly number[]>): DanceResult {
  return placeDance({ couples: Object.keys(rows), marks: new Map(Object.entries(rows)) });
}

function placesOf(result: { places: Map<string, number> }): Record<string, number> {
  return Object.fromEntries(result.places);
}

function rulesOf(result: {
  decisions: ReadonlyArray<{ couples: string[]; rule: SkatingRule }>;
}): Record<string, number> {
  return Object.fromEntries(result.decisions.flatMap((d) => d.couples.map((c) => [c, d.rule])));
}

function counts(result: DanceResult, couple: string): number[] {
  return (result.cumulative.get(couple) ?? []).map((cell) => cell.count);
}

/** A dance known only by its places (a rule book's Rule 9–10 examples give no judges' marks). */
function placesOnly(name: string, places: Record<string, number>): DanceOutcome {
  return { name, places: new Map(Object.entries(places)), marks: new Map() };
}

/**
 * WDSF, "The Skating System" (the document linked from worlddancesport.org's rules page) and
 * Svenska Danssportförbundet, "The Skating System", version 1, 2024-09-01, pp. 5–9: the worked
 * examples of Rules 5–8, couples 51–56, 61–66, 71–76 and 81–86, judges A–E (or A–G) in
 * columns. NOTE: the marks were read from the independent transcription and recomputation in
 * placerte/skating-system's audit report (the PDFs themselves could not be fetched here); each
 * expected count below was checked by hand against those marks.
 */
describe('the Skating System within a dance (Rules 5–8): the rule book’s worked examples', () => {
  it('Rule 5: a majority of five judges places each couple in turn (couples 51–56)', () => {
    const result = dance({
      51: [1, 1, 1, 2, 1],
      52: [4, 2, 2, 1, 2],
      53: [3, 3, 3, 5, 4],
      54: [2, 4, 5, 4, 3],
      55: [5, 6, 4, 3, 5],
      56: [6, 5, 6, 6, 6],
    });
    expect(result.majority).toBe(3);
    expect(placesOf(result)).toEqual({ 51: 1, 52: 2, 53: 3, 54: 4, 55: 5, 56: 6 });
    expect(rulesOf(result)).toEqual({ 51: 5, 52: 5, 53: 5, 54: 5, 55: 5, 56: 5 });
    expect(counts(result, '52')).toEqual([1, 4, 4, 5, 5, 5]);
    expect(counts(result, '54')).toEqual([0, 1, 2, 4, 5, 5]);
  });

  it('Rule 6: of two couples with a majority for 3rd, the larger majority is 3rd (couples 61–66)', () => {
    const result = dance({
      61: [1, 1, 2, 1, 4, 2, 1],
      62: [6, 2, 1, 5, 2, 1, 2],
      63: [2, 4, 3, 3, 6, 3, 3],
      64: [3, 3, 5, 2, 1, 5, 4],
      65: [4, 5, 6, 4, 3, 6, 5],
      66: [5, 6, 4, 6, 5, 4, 6],
    });
    expect(result.majority).toBe(4);
    expect(placesOf(result)).toEqual({ 61: 1, 62: 2, 63: 3, 64: 4, 65: 5, 66: 6 });
    expect(rulesOf(result)).toMatchObject({ 63: 6, 64: 6, 65: 6, 66: 6 });
    // 63 has five marks "3rd or higher" against 64's four.
    expect(counts(result, '63')[2]).toBe(5);
    expect(counts(result, '64')[2]).toBe(4);
    // For 5th, nobody has four marks "4th or higher": "5th or higher" decides (5 against 4).
    expect(counts(result, '65').slice(3, 5)).toEqual([3, 5]);
    expect(counts(result, '66').slice(3, 5)).toEqual([2, 4]);
    const fifth = result.decisions.find((d) => d.from === 5);
    expect(fifth?.column).toBe(5);
    expect(fifth?.reason).toContain('No majority for 1st–4th');
  });

  it('Rule 7: equal majorities go to the lower sum, then to the next place for those couples only (couples 71–76)', () => {
    const result = dance({
      71: [3, 1, 6, 1, 1, 2, 1],
      72: [2, 2, 1, 5, 3, 1, 3],
      73: [1, 5, 4, 2, 2, 6, 2],
      74: [5, 4, 2, 4, 6, 5, 4],
      75: [4, 6, 3, 3, 5, 4, 6],
      76: [6, 3, 5, 6, 4, 3, 5],
    });
    expect(placesOf(result)).toEqual({ 71: 1, 72: 2, 73: 3, 74: 4, 75: 5, 76: 6 });
    expect(rulesOf(result)).toMatchObject({ 72: 7, 73: 7, 74: 7, 75: 7 });
    // 72 and 73: four marks "2nd or higher" each, sums 6 and 7.
    expect(result.cumulative.get('72')?.[1]).toEqual({ count: 4, sum: 6 });
    expect(result.cumulative.get('73')?.[1]).toEqual({ count: 4, sum: 7 });
    expect(result.looked.get('72')?.get(2)).toBe('sum');
    // 74 and 75: four marks "4th or higher" and sum 14 each; "5th or higher" alone breaks it, 6 to 5.
    expect(result.cumulative.get('74')?.[3]).toEqual({ count: 4, sum: 14 });
    expect(result.cumulative.get('75')?.[3]).toEqual({ count: 4, sum: 14 });
    expect(result.decisions.find((d) => d.couples.includes('74'))?.column).toBe(5);
    // Back to the field: 76 takes 6th with five marks "5th or higher".
    expect(result.decisions.find((d) => d.couples.includes('76'))?.column).toBe(5);
    expect(result.decisions.find((d) => d.couples.includes('74'))?.reason).toContain('No majority for 1st–3rd');
  });

  it('Rule 8: nobody has a majority for 1st or 2nd, so 3rd is included for everyone (couples 81–86)', () => {
    const result = dance({
      81: [3, 3, 3, 2, 5, 2, 3],
      82: [4, 4, 4, 3, 2, 3, 2],
      83: [2, 2, 6, 6, 4, 1, 4],
      84: [1, 6, 1, 5, 1, 4, 6],
      85: [5, 5, 5, 1, 3, 6, 1],
      86: [6, 1, 2, 4, 6, 5, 5],
    });
    expect(placesOf(result)).toEqual({ 81: 1, 82: 2, 83: 3, 84: 4, 85: 5, 86: 6 });
    const first = result.decisions.find((d) => d.couples.includes('81'));
    expect(first).toMatchObject({ column: 3, rule: 6 });
    expect(first?.reason).toContain('No majority for 1st to 1st–2nd');
    expect(counts(result, '81')).toEqual([0, 2, 6, 6, 7, 7]);
    expect(counts(result, '82')).toEqual([0, 2, 4, 7, 7, 7]);
    expect(result.looked.get('84')?.has(1)).toBe(true);
  });
});

/**
 * Wikipedia, "Skating system", revision 1067820918 of 2022-01-25: its single-dance examples
 * (couples 1–n in rows, five judges), as transcribed in placerte/skating-system's tests.
 */
describe('the Skating System within a dance: Wikipedia’s examples', () => {
  it('places a clear majority', () => {
    expect(placesOf(dance({ a: [1, 1, 2, 1, 2], b: [2, 2, 1, 3, 1], c: [3, 3, 3, 2, 3] }))).toEqual({
      a: 1,
      b: 2,
      c: 3,
    });
  });

  it('places multiple majorities', () => {
    const result = dance({
      a: [1, 1, 1, 5, 2],
      b: [2, 3, 3, 1, 1],
      c: [3, 2, 2, 2, 5],
      d: [4, 4, 5, 3, 3],
      e: [5, 5, 4, 4, 4],
    });
    expect(placesOf(result)).toEqual({ a: 1, b: 2, c: 3, d: 4, e: 5 });
  });

  it('looks further when nobody has a majority', () => {
    expect(placesOf(dance({ a: [1, 1, 2, 2, 3], b: [2, 2, 1, 1, 2], c: [3, 3, 3, 3, 1] }))).toEqual({
      a: 2,
      b: 1,
      c: 3,
    });
  });

  it('shares a place it cannot break, and a couple with only 2nd places can win', () => {
    const result = dance({ a: [1, 1, 3, 3, 4], b: [2, 2, 2, 2, 2], c: [3, 3, 4, 1, 1], d: [4, 4, 1, 4, 3] });
    expect(placesOf(result)).toEqual({ a: 2.5, b: 1, c: 2.5, d: 4 });
    const shared = result.decisions.find((d) => d.couples.length === 2);
    expect(shared).toMatchObject({ from: 2, to: 3, place: 2.5, rule: 7, column: 4 });
    expect(shared?.reason).toContain('shared');
  });

  it('takes only the tied couples to the next place', () => {
    const result = dance({
      a: [1, 1, 1, 2, 5],
      b: [2, 4, 5, 1, 2],
      c: [5, 2, 2, 5, 1],
      d: [3, 3, 3, 3, 3],
      e: [4, 5, 4, 4, 4],
    });
    expect(placesOf(result)).toEqual({ a: 1, b: 2, c: 3, d: 4, e: 5 });
  });
});

/**
 * Deutscher Tanzsportverband, Turnier- und Sportordnung, Anhang 2 "Skating-System"
 * (tso.turnierprotokoll.de/tso_anh2.htm): Arthur Dawson's 1963 rules in German, with the
 * examples moved to five dances (R. Pickelmann, 2002). The Rule 9 and 10 examples print only
 * dance places; the Rule 11 example prints every judge's marks. NOTE: the page could only be
 * opened at its beginning here; the tables are as transcribed in sdobber/BallroomSkatingSystem.jl's
 * tests, which name the rule each shows, and the places below were worked by hand from them.
 */
describe('the Skating System across dances (Rules 9–11): the DTV’s worked examples', () => {
  const five = ['Waltz', 'Tango', 'Viennese Waltz', 'Slow Foxtrot', 'Quickstep'];
  function final(rows: Record<string, number[]>, dances = five) {
    const couples = Object.keys(rows);
    return placeFinal({
      couples,
      dances: dances.map((name, i) =>
        placesOnly(name, Object.fromEntries(couples.map((c) => [c, (rows[c] as number[])[i] as number]))),
      ),
    });
  }

  it('Rule 9: the lowest total of places wins', () => {
    const result = final({
      16: [1, 2, 1, 2, 2],
      26: [3, 1, 2, 1, 4],
      36: [2, 3, 3, 3, 3],
      46: [4, 4, 4, 4, 1],
      56: [5, 5, 5, 5, 6],
      66: [6, 6, 6, 6, 5],
    });
    expect(placesOf(result)).toEqual({ 16: 1, 26: 2, 36: 3, 46: 4, 56: 5, 66: 6 });
    expect(Object.values(rulesOf(result))).toEqual([9, 9, 9, 9, 9, 9]);
    expect(result.totals.get('16')).toBe(8);
  });

  it('Rule 10: a tie on the total goes to the couple with the place under review or higher in more dances', () => {
    const result = final(
      { 17: [1, 1, 2, 5], 27: [3, 3, 1, 2], 37: [2, 5, 4, 4], 47: [4, 2, 3, 6], 57: [6, 6, 5, 1], 67: [5, 4, 6, 3] },
      ['Waltz', 'Tango', 'Slow Foxtrot', 'Quickstep'],
    );
    expect(placesOf(result)).toEqual({ 17: 1, 27: 2, 37: 4, 47: 3, 57: 6, 67: 5 });
    const third = result.decisions.find((d) => d.from === 3);
    expect(third).toMatchObject({ couples: ['47'], rule: 10 });
    expect(third?.rule10?.get('47')).toEqual({ column: 3, count: 2, sum: 5 });
    expect(third?.rule10?.get('37')).toEqual({ column: 3, count: 1, sum: 2 });
  });

  it('Rule 10: with as many such places, the lower sum of them wins', () => {
    const result = final({
      19: [1, 1, 2, 3, 2],
      29: [3, 4, 1, 2, 1],
      39: [2, 2, 3, 1, 3],
      49: [6, 3, 4, 5, 5],
      59: [5, 5, 5, 4, 4],
      69: [4, 6, 6, 6, 6],
    });
    expect(placesOf(result)).toEqual({ 19: 1, 29: 2, 39: 3, 49: 4, 59: 5, 69: 6 });
    const second = result.decisions.find((d) => d.from === 2);
    expect(second?.rule10?.get('29')).toEqual({ column: 2, count: 3, sum: 4 });
    expect(second?.rule10?.get('39')).toEqual({ column: 2, count: 3, sum: 5 });
    expect(second?.reason).toContain('lower sum');
  });

  it('Rule 10 gives the place under review; the others are looked at again for the next place', () => {
    const result = final({
      18: [3, 1, 1, 1, 1],
      28: [2, 2, 3, 2, 6],
      38: [1, 4, 2, 5, 3],
      48: [4, 5, 6, 4, 2],
      58: [5, 3, 5, 3, 5],
      68: [6, 6, 4, 6, 4],
    });
    expect(placesOf(result)).toEqual({ 18: 1, 28: 2, 38: 3, 48: 4, 58: 5, 68: 6 });
  });

  it('Rule 10 among four tied couples: the couple beaten for 3rd can lose 4th to one beaten before', () => {
    const result = final({
      20: [2, 1, 5, 3, 2],
      30: [1, 2, 2, 6, 6],
      40: [6, 6, 1, 1, 3],
      50: [4, 4, 4, 4, 1],
      60: [5, 3, 3, 2, 4],
      70: [3, 5, 6, 5, 5],
    });
    expect(placesOf(result)).toEqual({ 20: 1, 30: 2, 40: 3, 50: 4, 60: 5, 70: 6 });
    // 40 beats 60 for 3rd on the lower sum (5 against 8) of three places "3rd or higher"…
    expect(result.decisions.find((d) => d.from === 3)?.rule10?.get('60')).toEqual({ column: 3, count: 3, sum: 8 });
    // …and then 50, with all five "4th or higher", beats 60 for 4th.
    expect(result.decisions.find((d) => d.from === 4)).toMatchObject({ couples: ['50'], rule: 10 });
  });

  it('Rule 11: couples tied by Rule 10 are placed on all the judges’ marks of all dances', () => {
    const judges = {
      Waltz: {
        25: [1, 1, 2, 5, 3],
        35: [2, 2, 5, 2, 5],
        45: [4, 5, 3, 1, 1],
        55: [3, 3, 6, 3, 6],
        65: [6, 6, 1, 4, 4],
        75: [5, 4, 4, 6, 2],
      },
      Tango: {
        25: [1, 2, 2, 3, 4],
        35: [5, 3, 1, 2, 2],
        45: [3, 1, 3, 1, 3],
        55: [4, 4, 4, 4, 1],
        65: [2, 5, 5, 5, 5],
        75: [6, 6, 6, 6, 6],
      },
      'Viennese Waltz': {
        25: [1, 1, 2, 2, 3],
        35: [3, 2, 1, 1, 2],
        45: [5, 3, 3, 6, 1],
        55: [2, 6, 6, 3, 4],
        65: [4, 4, 5, 5, 6],
        75: [6, 5, 4, 4, 5],
      },
      'Slow Foxtrot': {
        25: [2, 2, 5, 1, 5],
        35: [1, 1, 2, 5, 2],
        45: [5, 6, 3, 2, 3],
        55: [3, 3, 1, 3, 6],
        65: [6, 4, 6, 6, 4],
        75: [4, 5, 4, 4, 1],
      },
      Quickstep: {
        25: [2, 6, 2, 6, 1],
        35: [1, 5, 1, 5, 2],
        45: [3, 2, 4, 2, 4],
        55: [5, 1, 5, 1, 3],
        65: [4, 4, 6, 3, 6],
        75: [6, 3, 3, 4, 5],
      },
    };
    const dances = Object.entries(judges).map(([name, rows]) => ({ name, ...dance(rows) }));
    expect(dances.map((d) => placesOf(d))).toEqual([
      { 25: 1, 35: 2, 45: 3, 55: 4, 65: 5, 75: 6 },
      { 25: 1, 35: 2, 45: 3, 55: 4, 65: 5, 75: 6 },
      { 25: 1.5, 35: 1.5, 45: 3, 55: 4, 65: 5.5, 75: 5.5 },
      { 25: 2, 35: 1, 45: 4, 55: 3, 65: 6, 75: 5 },
      { 25: 2, 35: 1, 45: 4, 55: 3, 65: 6, 75: 5 },
    ]);
    const result = placeFinal({ couples: ['25', '35', '45', '55', '65', '75'], dances });
    expect(result.totals.get('25')).toBe(7.5);
    expect(result.totals.get('35')).toBe(7.5);
    expect(placesOf(result)).toEqual({ 35: 1, 25: 2, 45: 3, 55: 4, 75: 5, 65: 6 });
    const first = result.decisions.find((d) => d.from === 1);
    expect(first).toMatchObject({ couples: ['35'], rule: 11, column: 2 });
    // Rule 10 cannot separate them: 1st in two dances each, sum 2.
    expect(first?.rule10?.get('25')).toEqual({ column: 1, count: 2, sum: 2 });
    expect(first?.rule10?.get('35')).toEqual({ column: 1, count: 2, sum: 2 });
    // 25 marks each, majority 13: nobody has 13 firsts (7 each); "2nd or higher" 17 against 16.
    expect(first?.rule11?.majority).toBe(13);
    expect(
      first?.rule11?.cumulative
        .get('35')
        ?.slice(0, 2)
        .map((c) => c.count),
    ).toEqual([7, 17]);
    expect(
      first?.rule11?.cumulative
        .get('25')
        ?.slice(0, 2)
        .map((c) => c.count),
    ).toEqual([7, 16]);
    expect(result.decisions.find((d) => d.from === 2)).toMatchObject({ couples: ['25'], rule: 11 });
    // The example is built twice over: 65 and 75 tie on 27.5 for 5th, 5th or higher in two
    // dances each (sum 10); all marks "5th or higher": 17 each, sums 66 against 68.
    expect(result.totals.get('65')).toBe(27.5);
    const fifth = result.decisions.find((d) => d.from === 5);
    expect(fifth).toMatchObject({ couples: ['75'], rule: 11, column: 5 });
    expect(fifth?.rule10?.get('65')).toEqual({ column: 5, count: 2, sum: 10 });
    expect(fifth?.rule11?.cumulative.get('75')?.[4]).toEqual({ count: 17, sum: 66 });
    expect(fifth?.rule11?.cumulative.get('65')?.[4]).toEqual({ count: 17, sum: 68 });
  });
});

describe('Skating System properties (fixed seeds)', () => {
  const judgesOf = (n: number) => Array.from({ length: n }, (_, i) => i);

  function randomPermutation(rng: ReturnType<typeof seededRandom>, n: number): number[] {
    return rng.shuffle(Array.from({ length: n }, (_, i) => i + 1));
  }

  function randomDance(seed: number, couples: number, judges: number): Record<string, number[]> {
    const rng = seededRandom(seed);
    const ballots = judgesOf(judges).map(() => randomPermutation(rng, couples));
    return Object.fromEntries(
      Array.from({ length: couples }, (_, c) => [`c${c + 1}`, ballots.map((ballot) => ballot[c] as number)]),
    );
  }

  it('a unanimous panel places the couples in its order, by Rule 5', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = seededRandom(seed);
      const couples = 2 + (seed % 7);
      const judges = 1 + 2 * (seed % 4);
      const order = randomPermutation(rng, couples);
      const rows = Object.fromEntries(order.map((place, i) => [`c${i}`, judgesOf(judges).map(() => place)]));
      const result = dance(rows);
      expect(placesOf(result)).toEqual(Object.fromEntries(order.map((place, i) => [`c${i}`, place])));
      expect(new Set(Object.values(rulesOf(result)))).toEqual(new Set([5]));
    }
  });

  it('never depends on the order of judges or of couples in the input', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const couples = 3 + (seed % 6);
      const judges = 3 + (seed % 5);
      const rows = randomDance(seed, couples, judges);
      const expected = placesOf(dance(rows));
      const rng = seededRandom(seed * 7919);
      const judgeOrder = rng.shuffle(judgesOf(judges));
      const shuffled = Object.fromEntries(
        rng.shuffle(Object.entries(rows)).map(([c, marks]) => [c, judgeOrder.map((j) => marks[j] as number)]),
      );
      expect(placesOf(dance(shuffled))).toEqual(expected);
    }
  });

  it('a final never depends on the order of judges or couples either, and places every couple once', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const couples = 3 + (seed % 5);
      const judges = 3 + 2 * (seed % 2);
      const names = ['W', 'T', 'V'];
      const rows = names.map((_, d) => randomDance(seed * 31 + d, couples, judges));
      const build = (order: string[], judgeOrder: number[]) =>
        placeFinal({
          couples: order,
          dances: names.map((name, d) => {
            const picked = Object.fromEntries(
              order.map((c) => [c, judgeOrder.map((j) => rows[d]?.[c]?.[j] as number)]),
            );
            return { name, ...dance(picked) };
          }),
        });
      const ids = Object.keys(rows[0] ?? {});
      const expected = build(ids, judgesOf(judges));
      const rng = seededRandom(seed);
      expect(placesOf(build(rng.shuffle(ids), rng.shuffle(judgesOf(judges))))).toEqual(placesOf(expected));
      // The places used add up to 1 + 2 + … + n, shared or not.
      const used = [...expected.places.values()].reduce((a, b) => a + b, 0);
      expect(used).toBe((couples * (couples + 1)) / 2);
    }
  });

  it('uses a strict majority: 2 of 3, 3 of 4 or 5, 4 of 7', () => {
    expect([1, 2, 3, 4, 5, 7].map(majorityOf)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});
