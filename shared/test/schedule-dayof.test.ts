import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assignJudges,
  correctMark,
  type Entry,
  encodeProgram,
  type Heat,
  heatNumbers,
  heatScoreKey,
  judgesOnFloor,
  markedHeatNumbers,
  mergeHeat,
  moveHeat,
  observeRemoteChanges,
  type Person,
  type ProgramData,
  putMark,
  putRecord,
  readCorrections,
  readMarks,
  readProgram,
  renumberHeats,
  restorePerson,
  roomIn,
  scratchHeat,
  scratchPerson,
  settleProgram,
  standingCorrection,
  walkOnNumber,
} from '../src/index.ts';
import { resultsIndex } from '../src/results/eventIndex.ts';
import { importShowcaseFixtures } from '../src/testkit.ts';
import { asProgram, showcaseFiles } from './support/showcase.ts';

/**
 * The reference showcase with one more Closed Waltz heat (9) of `couples` couples, each a
 * student with their own professional, and two more judges; Judy dances with the pro of couple 1.
 */
function dayOfData(couples: number, maxHeatSize = 4): ProgramData {
  const data = importShowcaseFixtures(showcaseFiles, { now: new Date(2026, 10, 22, 12) });
  const people: Person[] = [...(data.people ?? [])];
  const entries: Entry[] = [...(data.entries ?? [])];
  const heats: Heat[] = [...(data.heats ?? [])];
  for (let i = 1; i <= couples; i++) {
    people.push({ id: `s${i}`, name: `Student, S${i}`, type: 'Student', studioId: 'studio-one' });
    people.push({ id: `p${i}`, name: `Pro, P${i}`, type: 'Professional', studioId: 'studio-one', back: 300 + i });
    entries.push({ id: `e${i}`, leadId: `p${i}`, followId: `s${i}`, levelId: 'level-one' });
    heats.push({ id: `h${i}`, number: 9, category: 'Closed', danceId: 'dance-waltz', entryId: `e${i}` });
  }
  people.push({ id: 'j2', name: 'Two, Judge', type: 'Judge', studioId: 'event-staff' });
  people.push({ id: 'j3', name: 'Three, Judge', type: 'Judge', studioId: 'event-staff' });
  const judy = people.findIndex((p) => p.id === 'person-Judy');
  people[judy] = { ...(people[judy] as Person), excludeId: 'p1' };
  return { ...data, settings: { ...data.settings, maxHeatSize, assignJudges: true }, people, entries, heats };
}

const heat = (data: ProgramData, id: string) => data.heats?.find((h) => h.id === id) as Heat;

describe('scratching and restoring a person', () => {
  it('scratches their heats not yet marked and restores them', () => {
    const program = asProgram(dayOfData(2));
    const change = scratchPerson(program, 'person-Arthur', new Set([1]), 1000);
    expect(change?.person.scratched).toBe(true);
    // Heat 1 was marked: it stays; 4, 5 and 7 are scratched; the solos' numbers go negative too.
    expect(change?.heats.map((h) => h.number).sort((a, b) => a - b)).toEqual([-7, -5, -4, -3, -2]);
    const after = asProgram({
      ...dayOfData(2),
      people: [...program.people.values()].map((p) => (p.id === 'person-Arthur' ? (change?.person as Person) : p)),
      heats: [...program.heats.values()].map((h) => change?.heats.find((c) => c.id === h.id) ?? h),
    });
    expect(heatNumbers(after).find((v) => v.number === 7)?.onFloor).toBe(0);
    // Results leave a scratched couple out.
    expect(resultsIndex(after).rows.has('heat-couple_bronze_heat')).toBe(false);
    expect(resultsIndex(program).rows.has('heat-couple_bronze_heat')).toBe(true);
    const back = restorePerson(after, 'person-Arthur', 2000);
    expect(back?.person.scratched).toBeUndefined();
    expect(back?.heats.map((h) => h.number).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 7]);
  });
});

describe('walk-ons', () => {
  it('go into the first heat of their dance with room, never into a full one', () => {
    const data = dayOfData(3, 4);
    const walkOn: Heat = {
      id: 'w',
      number: 0,
      category: 'Closed',
      danceId: 'dance-waltz',
      entryId: 'entry-student_instructor_bronze_closed',
    };
    const program = asProgram({ ...data, heats: [...(data.heats ?? []), walkOn] });
    expect(walkOnNumber(program, walkOn, 0)).toBe(1);
    expect(walkOnNumber(program, walkOn, 1)).toBe(9);
    const full = asProgram(dayOfData(4, 4));
    expect(roomIn(full, walkOn, 9)).toBe('full');
    expect(roomIn(full, walkOn, 5)).toBe('other dance');
    expect(walkOnNumber(full, walkOn, 1)).toBe(10);
  });
});

describe('two organisers offline', () => {
  const base: Heat = { id: 'h', number: 9, category: 'Closed', danceId: 'd', entryId: 'e' };
  it('keeps both a scratch and a move, whichever arrives first', () => {
    const scratched: Heat = { ...base, number: -9, scratchedAt: 5 };
    const moved: Heat = { ...base, number: 12, prevNumber: 9, movedAt: 6 };
    expect(mergeHeat(scratched, moved)).toEqual({ ...moved, number: -12, scratchedAt: 5 });
    expect(mergeHeat(moved, scratched)).toEqual(mergeHeat(scratched, moved));
  });

  it('keeps the later of a scratch and a restore, and a change made after seeing the other', () => {
    const scratched: Heat = { ...base, number: -9, scratchedAt: 5 };
    const restored: Heat = { ...base, number: 9, scratchedAt: 7 };
    expect(mergeHeat(scratched, restored).number).toBe(9);
    expect(mergeHeat(restored, scratched).number).toBe(9);
    expect(mergeHeat({ ...base, number: -9, scratchedAt: 7 }, restored).number).toBe(-9);
  });

  it('unschedules the couples placed last in an overfilled heat, and splits a heat number given two dances', () => {
    const data = dayOfData(4, 4);
    const heats = (data.heats ?? []).map((h) => (h.id === 'h4' ? { ...h, movedAt: 50 } : h));
    heats.push({ id: 'x', number: 9, category: 'Closed', danceId: 'dance-waltz', entryId: 'entry-two', movedAt: 40 });
    heats.push({ id: 'y', number: 12, category: 'Open', danceId: 'dance-tango', entryId: 'e1', movedAt: 10 });
    heats.push({ id: 'z', number: 12, category: 'Open', danceId: 'dance-rumba', entryId: 'e2', movedAt: 20 });
    const program = asProgram({ ...data, heats });
    const settled = settleProgram(program, 100);
    expect(settled.heats.find((h) => h.id === 'h4')).toMatchObject({ number: 0, prevNumber: 9 });
    expect(settled.heats.find((h) => h.id === 'z')).toMatchObject({ number: 13, prevNumber: 12 });
    expect(settled.heats.map((h) => h.id).sort()).toEqual(['h4', 'z']);
    expect(settled.notices.map((n) => n.text)).toEqual([
      expect.stringContaining('Heat 9 was filled past 4 couples'),
      expect.stringContaining('Heat 12 was given two dances'),
    ]);
    expect(settleProgram(program, 200).notices.map((n) => n.id)).toEqual(settled.notices.map((n) => n.id));
    expect(heat(data, 'h1').movedAt).toBeUndefined();
  });

  it('leaves a heat made past its limit, or renumbered as a whole, as it is', () => {
    const data = dayOfData(6, 4);
    expect(settleProgram(asProgram(data), 100)).toEqual({ heats: [], notices: [] });
    const program = asProgram(data);
    const renumbered = renumberHeats(
      asProgram({ ...data, heats: (data.heats ?? []).map((h) => (h.number === 9 ? { ...h, number: 12 } : h)) }),
      50,
    );
    expect(renumbered.length).toBeGreaterThan(0);
    const after = asProgram({
      ...data,
      heats: [...program.heats.values()].map(
        (h) => renumbered.find((r) => r.id === h.id) ?? { ...h, number: h.number === 9 ? 12 : h.number },
      ),
    });
    expect(settleProgram(after, 100)).toEqual({ heats: [], notices: [] });
  });
});

describe('assigning judges', () => {
  it('gives every unmarked couple one judge, evenly, never a dancing judge’s partner', () => {
    const program = asProgram(dayOfData(7, 8));
    const judges = judgesOnFloor(program, new Map());
    expect(judges.map((j) => j.id)).toEqual(['j2', 'j3', 'person-Judy']);
    const { put } = assignJudges(program, new Set(), judges);
    const couples = heatNumbers(program)
      .filter((v) => v.kind !== 'Solo')
      .flatMap((v) => v.entries);
    expect(put.map((a) => a.heatId).sort()).toEqual(couples.map((e) => e.heat.id).sort());
    const loads = ['j2', 'j3', 'person-Judy'].map((id) => put.filter((a) => a.judgeId === id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(put.find((a) => a.heatId === 'h1')?.judgeId).not.toBe('person-Judy');
  });

  it('changes only heats not yet marked when run again after a judge goes on break', () => {
    const data = dayOfData(7, 8);
    const first = assignJudges(asProgram(data), new Set(), judgesOnFloor(asProgram(data), new Map()));
    const program = asProgram({ ...data, assignments: first.put });
    const marked = markedHeatNumbers(program, [new Map([['h/h2/0', { heatId: 'h2', value: 'G', updatedAt: 1 }]])]);
    expect(marked).toEqual(new Set([9]));
    const again = assignJudges(program, marked, judgesOnFloor(program, new Map([['j3', { present: false }]])));
    const heat9 = new Set([...program.heats.values()].filter((h) => h.number === 9).map((h) => `a-${h.id}`));
    expect(again.remove.filter((id) => heat9.has(id))).toEqual([]);
    expect(again.put.filter((a) => heat9.has(a.id))).toEqual([]);
    expect(again.put.some((a) => a.judgeId === 'j3')).toBe(false);
    expect(again.put.length).toBeGreaterThan(0);
  });
});

describe('the two-ballroom split rule on an imported event', () => {
  it('puts student leaders in B and the others in A, unless set by hand', () => {
    const data = dayOfData(2);
    const program = asProgram({
      ...data,
      settings: { ...data.settings, ballrooms: 2 },
      heats: (data.heats ?? []).map((h) => (h.id === 'h2' ? { ...h, ballroom: 'B' as const } : h)),
    });
    const byId = new Map(heatNumbers(program).flatMap((v) => v.entries.map((e) => [e.heat.id, e.ballroom])));
    expect(byId.get('heat-student_instructor_heat')).toBe('B');
    expect(byId.get('h1')).toBe('A');
    expect(byId.get('h2')).toBe('B');
    expect(byId.get('heat-three')).toBeUndefined();
  });
});

describe('two organisers’ documents', () => {
  it('keep a scratch and a move made apart, whichever update arrives where', () => {
    const data = dayOfData(2);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, encodeProgram(data));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b])
      observeRemoteChanges(doc, 'heats', (replaced) => {
        for (const { before, now } of replaced) {
          const merged = mergeHeat(before, now);
          if (JSON.stringify(merged) !== JSON.stringify(now)) putRecord(doc, 'heats', merged);
        }
      });
    const h1 = heat(data, 'h1');
    a.transact(() => putRecord(a, 'heats', scratchHeat(h1, 10)));
    b.transact(() => putRecord(b, 'heats', moveHeat(h1, 12, 11)));
    const fromA = Y.encodeStateAsUpdate(a);
    const fromB = Y.encodeStateAsUpdate(b);
    Y.applyUpdate(a, fromB);
    Y.applyUpdate(b, fromA);
    for (let round = 0; round < 2; round++) {
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    }
    expect(readProgram(a).heats.get('h1')).toMatchObject({ number: -12, prevNumber: 9 });
    expect(readProgram(b).heats.get('h1')).toEqual(readProgram(a).heats.get('h1'));
  });
});

describe('corrections', () => {
  it('are kept beside the mark, and stand until the judge changes it', () => {
    const doc = new Y.Doc();
    const before = { heatId: 'h1', value: 'GH', updatedAt: 1 };
    putMark(doc, before);
    const key = heatScoreKey('h1');
    correctMark(
      doc,
      key,
      { ...before, value: 'S', updatedAt: 2 },
      { id: 'c1', key, heatId: 'h1', at: 2, was: 'GH', now: 'S' },
    );
    expect(readMarks(doc).get(key)?.value).toBe('S');
    expect(standingCorrection(readCorrections(doc), key, 'S')?.was).toBe('GH');
    expect(standingCorrection(readCorrections(doc), key, 'G')).toBeUndefined();
    correctMark(doc, key, null, { id: 'c2', key, heatId: 'h1', at: 3, was: 'S', now: '' });
    expect(readMarks(doc).has(key)).toBe(false);
    expect(readCorrections(doc).map((c) => c.id)).toEqual(['c1', 'c2']);
  });
});
