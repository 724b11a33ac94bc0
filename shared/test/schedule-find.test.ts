import { describe, expect, it } from 'vitest';
import {
  bothFilters,
  displayName,
  findHeats,
  heatNumbers,
  heatSheet,
  heatTimes,
  type Program,
  personFilter,
  searchFilter,
  studioFilter,
} from '../src/index.ts';
import { generateEvent } from '../src/testkit.ts';
import { asProgram, showcaseProgram } from './support/showcase.ts';

const numbers = (matches: { view: { number: number } }[]) => matches.map((m) => m.view.number);

describe('search and "my heats" on the reference showcase', () => {
  const program = showcaseProgram();
  const schedule = heatNumbers(program);
  const search = (query: string) => {
    const filter = searchFilter(query);
    if (!filter) throw new Error('empty query');
    return numbers(findHeats(schedule, filter));
  };

  it('finds a name in any order of words, whatever the case and accents', () => {
    expect(search('Murray')).toEqual([1, 2, 3, 4, 5, 7]);
    expect(search('kathryn murray')).toEqual([1, 2, 3, 4, 5]);
    expect(search('ONE student')).toEqual([6, 7]);
    expect(search('Kâthryn')).toEqual([1, 2, 3, 4, 5]);
  });

  it('finds a back number only as a back number', () => {
    expect(search('101')).toEqual([6]);
    expect(search('1')).toEqual([1, 2, 3, 4, 5, 7]);
    expect(search('2')).toEqual([3]); // instructor One dances heat 3 in a solo's formation
    expect(search('999')).toEqual([]);
  });

  it('finds a studio by name and keeps only the matching couples', () => {
    const matches = findHeats(schedule, searchFilter('studio') ?? (() => true));
    expect(matches).toEqual([]);
    const two = findHeats(schedule, searchFilter('two') ?? (() => true));
    expect(numbers(two)).toEqual([1, 2, 3, 4, 5]);
    expect(two.every((m) => m.entries.every((e) => e.couple.studio === 'Two'))).toBe(true);
  });

  it('has no filter for an empty query', () => {
    expect(searchFilter('   ')).toBeNull();
  });

  it('gives a person every heat they dance, formations included', () => {
    expect(numbers(findHeats(schedule, personFilter('person-Kathryn')))).toEqual([1, 2, 3, 4, 5]);
    expect(numbers(findHeats(schedule, personFilter('person-instructor1')))).toEqual([3]);
    expect(numbers(findHeats(schedule, personFilter('person-student_one')))).toEqual([6, 7]);
    expect(numbers(findHeats(schedule, personFilter('person-Judy')))).toEqual([]);
  });

  it('gives a studio the couples dancing for it or with its people', () => {
    expect(numbers(findHeats(schedule, studioFilter('studio-two')))).toEqual([1, 2, 3, 4, 5]);
    expect(numbers(findHeats(schedule, studioFilter('studio-one')))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(numbers(findHeats(schedule, studioFilter('studio-three')))).toEqual([]);
  });

  it('searches within "my heats"', () => {
    const both = bothFilters(studioFilter('studio-one'), searchFilter('101'));
    expect(both && numbers(findHeats(schedule, both))).toEqual([6]);
    expect(bothFilters(null, null)).toBeNull();
  });

  it('prints a person’s heat sheet with partners, kinds and totals', () => {
    const times = heatTimes(program, schedule);
    const sheet = heatSheet(schedule, { personId: 'person-Kathryn' }, times);
    expect(sheet.rows.map((r) => [r.label, r.dancers, r.kind, r.day, r.time])).toEqual([
      ['1', 'Arthur Murray', 'Closed', 'Friday', '10:00 AM'],
      ['2', 'Arthur Murray', 'Solo', 'Friday', '10:01 AM'],
      ['3', 'Arthur Murray, instructor One', 'Solo', 'Friday', '10:04 AM'],
      ['4', 'Arthur Murray', 'Multi', 'Saturday', '4:00 PM'],
      ['5', 'Arthur Murray', 'Open', 'Saturday', '10:00 AM'],
    ]);
    expect(sheet.totals).toBe('2 Freestyles, 2 Solos, 1 Multi-dance');
    expect(sheet.rows[0]?.category).toMatch(/^L - /);
  });

  it('prints a studio’s heat sheet with the couples', () => {
    const sheet = heatSheet(schedule, { studioId: 'studio-one' });
    expect(sheet.rows.map((r) => r.dancers)).toContain('Student One & Instructor One');
    expect(sheet.rows.find((r) => r.number === 3)?.dancers).toBe('Arthur Murray & Kathryn Murray, instructor One');
    expect(heatSheet(schedule, { studioId: 'studio-three' }).totals).toBe('No heats');
  });
});

/** What "my heats" must give, worked out from the raw records rather than the view model. */
function heatsOfPerson(program: Program, personId: string): number[] {
  const soloOf = new Map([...program.solos.values()].map((s) => [s.heatId, s.id]));
  const inFormation = new Set(
    [...program.formations.values()].filter((f) => f.onFloor && f.personId === personId).map((f) => f.soloId),
  );
  const out = new Set<number>();
  for (const heat of program.heats.values()) {
    if (heat.number === 0) continue;
    const entry = program.entries.get(heat.entryId);
    const dances = [entry?.leadId, entry?.followId, entry?.instructorId].includes(personId);
    const solo = soloOf.get(heat.id);
    if (dances || (solo && inFormation.has(solo))) out.add(Math.abs(heat.number));
  }
  return [...out].sort((a, b) => a - b);
}

describe('search and "my heats" on the large event', () => {
  const program = asProgram(generateEvent({ size: 'large' }));
  const schedule = heatNumbers(program);
  const dancers = [...program.people.values()].filter((p) => p.type === 'Student' || p.type === 'Professional');

  it('gives every dancer exactly their heats', () => {
    for (const person of dancers) {
      expect(numbers(findHeats(schedule, personFilter(person.id))), person.name).toEqual(
        heatsOfPerson(program, person.id),
      );
    }
  });

  it('finds each back number’s heats', () => {
    const numbered = dancers.filter((p) => p.back !== undefined).slice(0, 40);
    expect(numbered.length).toBeGreaterThan(10);
    for (const person of numbered) {
      const filter = searchFilter(String(person.back));
      expect(filter && numbers(findHeats(schedule, filter))).toEqual(heatsOfPerson(program, person.id));
    }
  });

  it('finds a full name’s heats, and every couple shown carries that name', () => {
    for (const person of dancers.slice(0, 40)) {
      const name = displayName(person.name);
      const filter = searchFilter(name);
      const matches = filter ? findHeats(schedule, filter) : [];
      expect(numbers(matches)).toEqual(expect.arrayContaining(heatsOfPerson(program, person.id)));
      const words = name.toLowerCase().split(/\s+/);
      for (const { entries } of matches)
        for (const entry of entries) {
          const text = [entry.couple.names, ...(entry.solo?.formation.map((d) => d.name) ?? [])].join(' ');
          const haystack = `${text} ${entry.couple.instructor?.name ?? ''} ${entry.couple.studio}`.toLowerCase();
          for (const word of words) expect(haystack).toContain(word);
        }
    }
  });

  it('gives a studio the heats of its people', () => {
    for (const studio of program.studios.values()) {
      const people = [...program.people.values()].filter((p) => p.studioId === studio.id);
      const expected = new Set(people.flatMap((p) => heatsOfPerson(program, p.id)));
      for (const entry of program.entries.values())
        if (entry.studioId === studio.id)
          for (const heat of program.heats.values())
            if (heat.entryId === entry.id && heat.number !== 0) expected.add(Math.abs(heat.number));
      expect(numbers(findHeats(schedule, studioFilter(studio.id))), studio.name).toEqual(
        [...expected].sort((a, b) => a - b),
      );
    }
  });

  it('keeps scratched heats on a heat sheet but leaves them out of the totals', () => {
    const scratchedHeat = schedule.flatMap((v) => v.entries).find((e) => e.scratched);
    const personId = scratchedHeat?.couple.subjectId;
    if (!personId) throw new Error('the large event has no scratched heat');
    const sheet = heatSheet(schedule, { personId });
    const scratched = sheet.rows.filter((r) => r.scratched).length;
    expect(scratched).toBeGreaterThan(0);
    const counted = sheet.totals.match(/\d+/g)?.reduce((n, d) => n + Number(d), 0);
    expect(counted).toBe(sheet.rows.length - scratched);
  });
});
