import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  advancing,
  applyMarkPatch,
  assignmentsOf,
  CALLBACKS_REQUIRED,
  DEFAULT_FEEDBACK_OVERALL,
  DEFAULT_FEEDBACK_PLUS,
  feedbackButtons,
  feedbackProblem,
  finalSlots,
  heatCouples,
  heatScoreKey,
  heatState,
  judgeStops,
  keepLatestMarks,
  markText,
  moveInRanking,
  overallOptions,
  type Program,
  parseNumberMark,
  parseSoloPart,
  parseSoloScore,
  putMark,
  rankingOrder,
  ranksOf,
  readMark,
  readSoloParts,
  reviewsSolo,
  type Score,
  type ScoredHeat,
  scaleOptions,
  scoredHeats,
  skatingSlot,
  toggleCallback,
  toggleFeedback,
  toggleOverall,
  writeSoloParts,
} from '../src/index.ts';
import { generateEvent } from '../src/testkit.ts';
import { asProgram } from './support/showcase.ts';

const demo = asProgram(generateEvent({ size: 'demo' }));
const large = asProgram(generateEvent({ size: 'large' }));
const demoHeats = scoredHeats(demo);
const largeHeats = scoredHeats(large);

function heat(heats: ScoredHeat[], label: string): ScoredHeat {
  const found = heats.find((h) => h.view.label === label);
  if (!found) throw new Error(`no heat ${label}`);
  return found;
}

function withSettings(program: Program, patch: Partial<Program['settings']>): Program {
  return { ...program, settings: { ...program.settings, ...patch } };
}

function mark(heatId: string, value: string, slot?: number, updatedAt = 1): Score {
  return { heatId, value, updatedAt, ...(slot ? { slot } : {}) };
}

function marksOf(...scores: Score[]): Map<string, Score> {
  return new Map(scores.map((s) => [heatScoreKey(s.heatId, s.slot), s]));
}

describe('which scale applies to a heat', () => {
  const scalesBy = (heats: ScoredHeat[]) =>
    Object.fromEntries(heats.map((h) => [`${h.view.heading?.name}|${h.view.kind}`, h.scale]));

  it('uses the agenda item’s scale first, then the event’s scale for the heat’s kind', () => {
    expect(scalesBy(largeHeats)).toMatchObject({
      'Closed American Smooth|Closed': 'G',
      'Open American Smooth|Open': '1',
      'Nightclub & Swing|Open': '&',
      'Nightclub & Swing|Closed': '&',
      'Latin & Specialty|Open': '@',
      'Country Western|Closed': '+',
      'Multi-Dance Events|Multi': 'G',
      'Country Multi-Dance|Multi': '#',
      'Solos I: Smooth & Specialty|Solo': 'solo4',
      'Championships|Multi': 'skating',
    });
    expect(scalesBy(demoHeats)).toMatchObject({
      'Multi-Dance|Multi': '#',
      'Solos|Solo': 'solo',
      'Closed American Smooth|Closed': 'G',
    });
  });

  it('covers every scale between the two generated events', () => {
    const all = new Set([...demoHeats, ...largeHeats].map((h) => h.scale));
    expect([...all].sort()).toEqual(['#', '&', '+', '1', '@', 'G', 'skating', 'solo', 'solo4']);
  });

  it('uses the open scale for closed heats with "=" and when open and closed are combined', () => {
    const closed = heat(demoHeats, '1');
    expect(closed.view.kind).toBe('Closed');
    expect(scoredHeats(withSettings(demo, { closedScoring: '=' }))[0]?.scale).toBe('1');
    expect(scoredHeats(withSettings(demo, { combineOpenClosed: true }))[0]?.scale).toBe('1');
  });

  it('only lets 1, G or # score a multi-dance', () => {
    const program = withSettings(demo, { multiScoring: '+' });
    expect(heat(scoredHeats(program), '44').scale).toBe('1');
  });
});

describe('values and their display', () => {
  it('lists placements best first and shows F with the event’s finalist text', () => {
    const options = scaleOptions('1', { finalist: 'Finalist' });
    expect(options.map((o) => o.value)).toEqual(['1', '2', '3', 'F']);
    expect(options.at(-1)?.label).toBe('Finalist');
    expect(scaleOptions('G', { finalist: 'F' }).map((o) => o.label)).toEqual(['GH', 'G', 'S', 'B']);
    expect(overallOptions('&').map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(overallOptions('@').map((o) => o.value)).toEqual(['B', 'S', 'G', 'GH']);
  });

  it('clears the overall mark when the selected value is clicked again', () => {
    expect(toggleOverall(undefined, '3')).toBe('3');
    expect(toggleOverall('3', '4')).toBe('4');
    expect(toggleOverall('4', '4')).toBeUndefined();
  });

  it('toggles feedback; adding to good removes it from needs-work and the other way round', () => {
    let fb = toggleFeedback(undefined, 'good', 'T');
    expect(fb).toEqual({ good: 'T', bad: undefined });
    fb = toggleFeedback(fb, 'good', 'FW');
    expect(fb.good).toBe('FW T');
    fb = toggleFeedback(fb, 'bad', 'T');
    expect(fb).toEqual({ good: 'FW', bad: 'T' });
    fb = toggleFeedback(fb, 'bad', 'T');
    expect(fb).toEqual({ good: 'FW', bad: undefined });
  });

  it('uses the event’s feedback buttons, or the defaults of the scale, and checks abbreviations', () => {
    expect(feedbackButtons([], '+')).toBe(DEFAULT_FEEDBACK_PLUS);
    expect(feedbackButtons([], '&')).toBe(DEFAULT_FEEDBACK_OVERALL);
    expect(feedbackButtons(demo.feedbacks.values(), '@').map((f) => f.abbr)).toEqual([
      'F',
      'P',
      'FW',
      'LF',
      'T',
      'S',
      'RF',
      'CM',
    ]);
    expect(feedbackProblem(DEFAULT_FEEDBACK_PLUS)).toBeNull();
    expect(feedbackProblem([{ id: 'a', order: 1, value: 'Frame', abbr: '' }])).toMatch(/no abbreviation/);
    expect(
      feedbackProblem([
        { id: 'a', order: 1, value: 'Frame', abbr: 'F' },
        { id: 'b', order: 2, value: 'Footwork', abbr: 'F' },
      ]),
    ).toMatch(/share/);
  });

  it('accepts one or two digits for the number scale, 0–100 for a solo and 0–25 per solo part', () => {
    expect(parseNumberMark('85')).toEqual({ ok: true, value: '85' });
    expect(parseNumberMark(' 7 ')).toEqual({ ok: true, value: '7' });
    expect(parseNumberMark('')).toEqual({ ok: true, value: undefined });
    expect(parseNumberMark('100').ok).toBe(false);
    expect(parseNumberMark('8a').ok).toBe(false);
    expect(parseSoloScore('100')).toEqual({ ok: true, value: '100' });
    expect(parseSoloScore('101').ok).toBe(false);
    expect(parseSoloPart('25')).toEqual({ ok: true, value: '25' });
    expect(parseSoloPart('26').ok).toBe(false);
  });

  it('stores four-part solo scores as JSON in part order and reads only valid parts back', () => {
    const value = writeSoloParts({ showmanship: 20, technique: 21 });
    expect(value).toBe('{"technique":21,"showmanship":20}');
    expect(readSoloParts(value)).toEqual({ technique: 21, showmanship: 20 });
    expect(writeSoloParts({})).toBeUndefined();
    expect(readSoloParts('not json')).toEqual({});
    expect(readSoloParts('{"technique":40,"poise":"x","execution":12}')).toEqual({ execution: 12 });
    const mark: Score = {
      heatId: 'h1',
      value: writeSoloParts({ technique: 20, execution: 21, poise: 22 }),
      updatedAt: 1,
    };
    expect(markText('solo4', mark, { finalist: 'F' })).toBe('T 20 E 21 P 22 = 63');
  });

  it('writes whole marks, and clears a mark with nothing left in it', () => {
    const first = applyMarkPatch(undefined, { heatId: 'h1' }, { value: 'G' }, 10);
    expect(first).toEqual({ heatId: 'h1', value: 'G', updatedAt: 10 });
    const second = applyMarkPatch(first ?? undefined, { heatId: 'h1' }, { good: 'FW', comments: ' Lovely ' }, 11);
    expect(second).toEqual({ heatId: 'h1', value: 'G', good: 'FW', comments: ' Lovely ', updatedAt: 11 });
    expect(
      applyMarkPatch(second ?? undefined, { heatId: 'h1' }, { value: undefined, good: '', comments: ' ' }, 12),
    ).toBe(null);
    expect(applyMarkPatch(undefined, { heatId: 'h2', slot: 3 }, { value: '1' }, 1)?.slot).toBe(3);
    expect(markText('&', { heatId: 'h', value: '4', good: 'FW T', bad: 'P', updatedAt: 1 }, { finalist: 'F' })).toBe(
      '4 · +FW T · −P',
    );
    expect(markText('1', { heatId: 'h', value: 'F', updatedAt: 1 }, { finalist: 'Final' })).toBe('Final');
  });
});

describe('scrutineering', () => {
  const semi = heat(largeHeats, '433');
  const packed = heat(largeHeats, '434');

  it('finds splits: 12 couples dance a semi-final first, packed splits are separate finals', () => {
    expect(semi.splits.map((s) => [s.name, s.entries.length, s.semiFinal])).toEqual([['Bronze - Pro-Am', 12, true]]);
    expect(semi.semiFinal).toBe(true);
    expect(semi.slots).toBe(8);
    expect(packed.splits.map((s) => [s.name, s.entries.length])).toEqual([
      ['Silver - Pro-Am', 5],
      ['Gold - Pro-Am', 4],
    ]);
    expect(packed.semiFinal).toBe(false);
    expect(packed.slots).toBe(4);
    expect(['435.1', '435.2', '435.3'].map((label) => heat(largeHeats, label).scale)).toEqual([
      'skating',
      'skating',
      'skating',
    ]);
  });

  it('numbers semi-final slots 1..N and final slots N+1..2N', () => {
    expect(skatingSlot(4, true, 2)).toEqual({ round: 'semi', dance: 2 });
    expect(skatingSlot(4, true, 6)).toEqual({ round: 'final', dance: 2 });
    expect(skatingSlot(4, false, 2)).toEqual({ round: 'final', dance: 2 });
    expect(finalSlots(4, true)).toEqual([5, 6, 7, 8]);
    expect(finalSlots(4, false)).toEqual([1, 2, 3, 4]);
  });

  it('calls back exactly the required number of couples, never more', () => {
    let called = new Set<string>();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) called = toggleCallback(called, id, CALLBACKS_REQUIRED) ?? called;
    expect(called.size).toBe(6);
    expect(toggleCallback(called, 'g', CALLBACKS_REQUIRED)).toBeNull();
    expect(toggleCallback(called, 'a', CALLBACKS_REQUIRED)?.has('a')).toBe(false);
  });

  it('sends at most eight couples to the final and leaves out a tie at the cut', () => {
    const counts = new Map([
      ['a', 3],
      ['b', 3],
      ['c', 3],
      ['d', 2],
      ['e', 2],
      ['f', 2],
      ['g', 1],
      ['h', 1],
      ['i', 1],
      ['j', 0],
    ]);
    expect(advancing(counts)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    counts.set('i', 0);
    expect(advancing(counts)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('starts a final in a random order that is the same on every device of a judge', () => {
    const ids = packed.splits[0]?.entries.map((e) => e.heat.id) ?? [];
    const first = rankingOrder(ids, new Map(), 'j1/434');
    expect(rankingOrder([...ids].reverse(), new Map(), 'j1/434')).toEqual(first);
    expect([...first].sort()).toEqual([...ids].sort());
    const others = ['j2', 'j3', 'j4', 'j5'].map((j) => rankingOrder(ids, new Map(), `${j}/434`).join());
    expect(others.some((order) => order !== first.join())).toBe(true);
    // Ranked couples come first, by rank.
    const ranks = new Map([
      [ids[3] as string, 1],
      [ids[1] as string, 2],
    ]);
    expect(rankingOrder(ids, ranks, 'j1/434').slice(0, 2)).toEqual([ids[3], ids[1]]);
  });

  it('moves a couple and rotates the ranks of the couples in between', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect(moveInRanking(order, 3, 0)).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(moveInRanking(order, 0, 2)).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(moveInRanking(order, 0, 9)).toEqual(order);
    expect([...ranksOf(['d', 'a']).entries()]).toEqual([
      ['d', '1'],
      ['a', '2'],
    ]);
  });
});

describe('heat state on a judge’s list', () => {
  const open = heat(demoHeats, '12');
  const ids = open.view.entries.filter((e) => !e.scratched).map((e) => e.heat.id);

  it('is to do, partly or scored from the judge’s marks', () => {
    expect(heatState(open, new Map(), 'j1', null)).toBe('todo');
    expect(heatState(open, marksOf(mark(ids[0] as string, '1')), 'j1', null)).toBe('partly');
    expect(heatState(open, marksOf(...ids.map((id) => mark(id, '2'))), 'j1', null)).toBe('scored');
  });

  it('counts every slot of a multi-dance', () => {
    const multi = heat(demoHeats, '44');
    const couples = multi.view.entries.filter((e) => !e.scratched).map((e) => e.heat.id);
    expect(multi.slots).toBe(3);
    const two = couples.flatMap((id) => [mark(id, '80', 1), mark(id, '81', 2)]);
    expect(heatState(multi, marksOf(...two), 'j1', null)).toBe('partly');
    expect(heatState(multi, marksOf(...two, ...couples.map((id) => mark(id, '82', 3))), 'j1', null)).toBe('scored');
  });

  it('is done for a semi-final with exactly six callbacks per dance and a final with every finalist ranked', () => {
    const semi = heat(largeHeats, '433');
    const couples = semi.splits[0]?.entries.map((e) => e.heat.id) ?? [];
    const callbacks = [1, 2, 3, 4].flatMap((slot) => couples.slice(0, 6).map((id) => mark(id, '1', slot)));
    expect(heatState(semi, marksOf(...callbacks), 'j1', null)).toBe('partly');
    const ranks = [5, 6, 7, 8].flatMap((slot) => couples.slice(0, 6).map((id, i) => mark(id, String(i + 1), slot)));
    expect(heatState(semi, marksOf(...callbacks, ...ranks), 'j1', null)).toBe('scored');
    const tooFew = callbacks.filter((m) => !(m.slot === 2 && m.heatId === couples[0]));
    expect(heatState(semi, marksOf(...tooFew, ...ranks), 'j1', null)).toBe('partly');
  });

  it('follows the organiser’s assignments and flags couples no judge is assigned to', () => {
    const [first, second, ...rest] = ids;
    const assigned: Program = {
      ...withSettings(demo, { assignJudges: true }),
      assignments: new Map(
        [first, second].map((heatId, i) => [`a${i}`, { id: `a${i}`, judgeId: 'j1', heatId: heatId as string }]),
      ),
    };
    const assignments = assignmentsOf(assigned);
    expect(assignments).not.toBeNull();
    expect(rest.length).toBeGreaterThan(0);
    expect(heatState(open, new Map(), 'j1', assignments)).toBe('unassigned');
    // Only the judge's own couples are missing once they started.
    const mine = marksOf(mark(first as string, '1'), mark(second as string, '2'));
    expect(heatState(open, mine, 'j1', assignments)).toBe('scored');
    expect(assignmentsOf(demo)).toBeNull();
  });
});

describe('stepping through heats', () => {
  it('filters solos by the judge’s choice of heat numbers', () => {
    expect([1, 2, 3, 4].filter((n) => reviewsSolo('Even', n))).toEqual([2, 4]);
    expect([1, 2, 3, 4].filter((n) => reviewsSolo('Odd', n))).toEqual([1, 3]);
    expect(reviewsSolo('None', 2)).toBe(false);
    expect(reviewsSolo('All', 3)).toBe(true);
  });

  it('steps through every slot, twice as many with a semi-final', () => {
    const stops = judgeStops(largeHeats, 'None');
    const at = (label: string) => stops.filter((s) => s.heat.view.label === label).map((s) => s.slot);
    expect(at('433')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(at('434')).toEqual([1, 2, 3, 4]);
    expect(at('12')).toEqual([undefined]);
    expect(stops.some((s) => s.heat.view.kind === 'Solo')).toBe(false);
    const solos = largeHeats.filter((h) => h.view.kind === 'Solo').length;
    expect(judgeStops(largeHeats, 'All').length - stops.length).toBe(solos);
  });
});

describe('the couples of a heat page', () => {
  const busy = largeHeats.find((h) => h.view.ballrooms.length > 1 && h.view.kind === 'Closed') as ScoredHeat;

  it('groups by ballroom and orders by back number, with a rule between ballrooms', () => {
    const rows = heatCouples(large, busy.view, { sort: 'back', show: 'first' });
    expect(rows.length).toBe(busy.view.entries.length);
    const rooms = rows.map((r) => r.entry.ballroom ?? '');
    expect(rooms).toEqual([...rooms].sort());
    expect(rows.filter((r) => r.breakBefore === 'ballroom').length).toBe(busy.view.ballrooms.length - 1);
  });

  it('puts the judge’s couples first, or only them, and sorts by level on request', () => {
    const view = heat(demoHeats, '12').view;
    const last = view.entries.at(-1)?.heat.id as string;
    const first = heatCouples(demo, view, { sort: 'back', show: 'first', assigned: new Set([last]) });
    expect(first[0]?.entry.heat.id).toBe(last);
    expect(first[0]?.assigned).toBe(true);
    expect(first[1]?.breakBefore).toBe('assigned');
    expect(heatCouples(demo, view, { sort: 'back', show: 'only', assigned: new Set([last]) })).toHaveLength(1);
    const mixed = heatCouples(demo, view, { sort: 'back', show: 'mixed', assigned: new Set([last]) });
    expect(mixed.at(-1)?.entry.heat.id).toBe(last);
    const byLevel = heatCouples(demo, view, { sort: 'level', show: 'first' });
    const levels = byLevel.map((r) => r.entry.couple.levelOrder);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });
});

describe('the later mark wins on every device of a judge', () => {
  function tablet(clientID: number): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    keepLatestMarks(doc);
    return doc;
  }

  function exchange(a: Y.Doc, b: Y.Doc, first: 'a' | 'b'): void {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    if (first === 'a') {
      Y.applyUpdate(b, toB, 'remote');
      Y.applyUpdate(a, toA, 'remote');
    } else {
      Y.applyUpdate(a, toA, 'remote');
      Y.applyUpdate(b, toB, 'remote');
    }
    // The repair is itself a change to pass on.
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
  }

  for (const [older, newer] of [
    [1, 2],
    [2, 1],
  ] as const) {
    for (const first of ['a', 'b'] as const) {
      it(`whatever the client ids (${older} wrote first) and whoever syncs first (${first})`, () => {
        const a = tablet(older);
        const b = tablet(newer);
        putMark(a, mark('h1', '3', undefined, 1000));
        putMark(b, mark('h1', '1', undefined, 2000));
        exchange(a, b, first);
        const key = heatScoreKey('h1');
        expect(readMark(a, key)?.value).toBe('1');
        expect(readMark(b, key)?.value).toBe('1');
      });
    }
  }
});
