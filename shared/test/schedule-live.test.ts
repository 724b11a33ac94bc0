import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  backToBack,
  ballroomLetters,
  currentOn,
  entriesOn,
  floorsNow,
  formatClock,
  heatNumbers,
  heatsAfter,
  heatTimes,
  MAIN_FLOOR,
  parseClock,
  readCurrentHeats,
  startHeat,
} from '../src/index.ts';
import { generateEvent } from '../src/testkit.ts';
import { asProgram, showcaseProgram } from './support/showcase.ts';

const large = asProgram(generateEvent({ size: 'large' }));

describe('schedule times', () => {
  it('reads the agenda’s free-text times', () => {
    expect(parseClock('8:00 AM')).toEqual({ seconds: 8 * 3600, twelveHour: true });
    expect(parseClock('10 a.m.')).toEqual({ seconds: 10 * 3600, twelveHour: true });
    expect(parseClock('2:30 PM')?.seconds).toBe(14.5 * 3600);
    expect(parseClock('12 p.m.')?.seconds).toBe(12 * 3600);
    expect(parseClock('12:15 a.m.')?.seconds).toBe(15 * 60);
    expect(parseClock('14:30')).toEqual({ seconds: 14.5 * 3600, twelveHour: false });
    for (const text of ['MyString', '10', '25:00', '9:75', '0 am', '']) expect(parseClock(text), text).toBeUndefined();
  });

  it('writes times back the way the agenda wrote them', () => {
    expect(formatClock({ seconds: 13 * 3600 + 5 * 60 + 59, twelveHour: true })).toBe('1:05 PM');
    expect(formatClock({ seconds: 0, twelveHour: true })).toBe('12:00 AM');
    expect(formatClock({ seconds: 13 * 3600 + 5 * 60, twelveHour: false })).toBe('13:05');
  });

  it('times each heat from its agenda item’s start and the lengths of the heats before it', () => {
    const program = showcaseProgram();
    const times = heatTimes(program, heatNumbers(program));
    // Heat 1 (90 s), the solo of heat 2 (150 s), then heat 3; the multi starts its own agenda item.
    expect([1, 2, 3, 4, 6].map((n) => times.get(n))).toEqual([
      '10:00 AM',
      '10:01 AM',
      '10:04 AM',
      '4:00 PM',
      '1:00 PM',
    ]);
  });

  it('times every heat of the large event, never going back within an agenda item', () => {
    const schedule = heatNumbers(large);
    const times = heatTimes(large, schedule);
    expect(times.size).toBe(schedule.length);
    expect(times.get(schedule[0]?.number ?? 0)).toBe('8:00 AM');
    expect(times.get(schedule[1]?.number ?? 0)).toBe('8:01 AM');
    for (let i = 1; i < schedule.length; i++) {
      const [a, b] = [schedule[i - 1], schedule[i]];
      if (a?.heading?.key !== b?.heading?.key) continue;
      const at = (n = 0) => parseClock(times.get(n) ?? '')?.seconds ?? Number.NaN;
      expect(at(b?.number)).toBeGreaterThanOrEqual(at(a?.number));
    }
  });
});

describe('the current heat on each floor', () => {
  const live = (...starts: Array<[string, number, number]>) => {
    const doc = new Y.Doc();
    for (const [floor, number, startedAt] of starts) startHeat(doc, floor as '', { number, startedAt });
    return readCurrentHeats(doc);
  };

  it('knows the ballrooms of an event', () => {
    expect(ballroomLetters(large.settings, heatNumbers(large))).toEqual(['A', 'B', 'C', 'D']);
    const reference = showcaseProgram();
    expect(ballroomLetters(reference.settings, heatNumbers(reference))).toEqual([]);
  });

  it('shows on a ballroom whichever start came last: the whole room’s or its own', () => {
    const current = live([MAIN_FLOOR, 5, 100], ['B', 7, 200]);
    expect(currentOn(current, 'A')?.number).toBe(5);
    expect(currentOn(current, 'B')?.number).toBe(7);
    expect(currentOn(current, MAIN_FLOOR)?.number).toBe(5);
    const later = live([MAIN_FLOOR, 9, 300], ['B', 7, 200]);
    expect(currentOn(later, 'B')?.number).toBe(9);
  });

  it('treats heat 0 as an empty floor', () => {
    expect(currentOn(live([MAIN_FLOOR, 0, 100]), MAIN_FLOOR)).toBeUndefined();
    expect(currentOn(new Map(), 'A')).toBeUndefined();
  });

  it('shows one line when every ballroom dances the same heat, one per ballroom otherwise', () => {
    expect(floorsNow(live([MAIN_FLOOR, 5, 100]), ['A', 'B'])).toEqual([
      { floor: MAIN_FLOOR, heat: { number: 5, startedAt: 100 } },
    ]);
    expect(
      floorsNow(live([MAIN_FLOOR, 5, 100], ['B', 7, 200]), ['A', 'B']).map((f) => [f.floor, f.heat?.number]),
    ).toEqual([
      ['A', 5],
      ['B', 7],
    ]);
    expect(floorsNow(new Map(), [])).toEqual([{ floor: MAIN_FLOOR }]);
  });

  it('lists the heats on deck, skipping heats nobody dances, per ballroom', () => {
    const reference = heatNumbers(showcaseProgram());
    expect(heatsAfter(reference, 3, 3).map((v) => v.number)).toEqual([4, 5, 6]);
    expect(heatsAfter(reference, 7, 3)).toEqual([]);
    const schedule = heatNumbers(large);
    const onD = heatsAfter(schedule, 0, 5, 'D');
    expect(onD).toHaveLength(5);
    for (const view of onD) expect(entriesOn(view, 'D').some((e) => !e.scratched)).toBe(true);
    for (const view of schedule)
      for (const entry of entriesOn(view, 'C'))
        expect(entry.ballroom === undefined || entry.ballroom === 'C').toBe(true);
  });
});

describe('back-to-back warnings', () => {
  const schedule = heatNumbers(showcaseProgram());

  it('names the dancers who were on the floor in the heat before and will be in the heat after', () => {
    const solo = backToBack(schedule, 2);
    expect(solo.previous?.number).toBe(1);
    expect(solo.next?.number).toBe(3);
    expect([...solo.fromPrevious].sort()).toEqual(['person-Arthur', 'person-Kathryn']);
    expect([...solo.intoNext].sort()).toEqual(['person-Arthur', 'person-Kathryn']);
  });

  it('is quiet when nobody repeats, and at the ends of the schedule', () => {
    const rumba = backToBack(schedule, 6);
    expect(rumba.fromPrevious.size).toBe(0);
    expect([...rumba.intoNext]).toEqual(['person-student_one']);
    const first = backToBack(schedule, 1);
    expect(first.previous).toBeUndefined();
    expect(first.fromPrevious.size).toBe(0);
    expect(backToBack(schedule, 7).next).toBeUndefined();
  });
});
