import type { Entry, Heat, Person, ProgramData } from '@ondeck/shared';
import { programRows, showcaseDatabase } from '../../sync-server/test/support/showcaseDb.ts';
import { showcaseData } from './api.ts';

/**
 * The reference showcase (rubys/showcase fixtures, MIT) with six more couples — a professional
 * leading a student, backs 301–306 — dancing Closed Waltz in heat 8 and Open Tango in heat 9,
 * and three judges: Judy Sheindlin, Sam Ruby (who dances with the professional of couple 301)
 * and Third Judge.
 */
export function dayOfData(): ProgramData {
  const data = showcaseData();
  const people: Person[] = [...(data.people ?? [])];
  const entries: Entry[] = [...(data.entries ?? [])];
  const heats: Heat[] = [...(data.heats ?? [])];
  for (let i = 1; i <= 6; i++) {
    people.push({ id: `s${i}`, name: `Student, Dancer${i}`, type: 'Student', studioId: 'studio-one' });
    people.push({ id: `p${i}`, name: `Pro, Teacher${i}`, type: 'Professional', studioId: 'studio-one', back: 300 + i });
    entries.push({ id: `e${i}`, leadId: `p${i}`, followId: `s${i}`, levelId: 'level-one', ageId: 'age-B' });
    heats.push({ id: `w${i}`, number: 8, category: 'Closed', danceId: 'dance-waltz', entryId: `e${i}` });
    heats.push({ id: `t${i}`, number: 9, category: 'Open', danceId: 'dance-tango', entryId: `e${i}` });
  }
  people.push({ id: 'sam', name: 'Ruby, Sam', type: 'Judge', studioId: 'event-staff', excludeId: 'p1' });
  people.push({ id: 'third', name: 'Judge, Third', type: 'Judge', studioId: 'event-staff' });
  return { ...data, people, entries, heats };
}

/** `dayOfData` as a real Showcase database, for the import. */
export function dayOfDatabase(): Buffer {
  return showcaseDatabase(programRows(dayOfData(), {}));
}
