import type { CreateEventResponse, Dance, Entry, Heat, Person, ProgramData } from '@ondeck/shared';
import { writeProgram } from '@ondeck/shared';
import { createEventWithToken, writeOverWire } from './api.ts';
import type { TestServer } from './server.ts';

export const JUDGE_IDS = ['j1', 'j2', 'j3'] as const;
/** Back numbers of the ten couples (each a professional lead with a student). */
export const BACKS = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110] as const;

/**
 * A small event with one scrutineered multi-dance: "Smooth Championship" (Waltz, Tango) with
 * ten couples in heat 1, so a semi-final comes first; three judges.
 */
export function scrutineeredProgram(name: string): ProgramData {
  const judges: Person[] = [
    ['j1', 'Stone, Amy'],
    ['j2', 'Wright, Isabella'],
    ['j3', 'Watson, Lisa'],
  ].map(([id, judgeName]) => ({ id: id as string, name: judgeName as string, type: 'Judge', studioId: 'event-staff' }));
  const studios = [
    { id: 'event-staff', name: 'Event Staff' },
    { id: 's1', name: 'Riverside Dance' },
    { id: 's2', name: 'Hilltop Ballroom' },
  ];
  const first = ['Ann', 'Beth', 'Cara', 'Dana', 'Eve', 'Fay', 'Gina', 'Hope', 'Iris', 'June'];
  const pros: Person[] = BACKS.map((back, i) => ({
    id: `p${i + 1}`,
    name: `Pro${i + 1}, Max`,
    type: 'Professional',
    role: 'Leader',
    back,
    studioId: i % 2 === 0 ? 's1' : 's2',
  }));
  const students: Person[] = first.map((given, i) => ({
    id: `t${i + 1}`,
    name: `Student, ${given}`,
    type: 'Student',
    role: 'Follower',
    studioId: i % 2 === 0 ? 's1' : 's2',
    levelId: 'l2',
    ageId: 'a1',
  }));
  const dances: Dance[] = [
    { id: 'd-waltz', name: 'Waltz', order: 1 },
    { id: 'd-tango', name: 'Tango', order: 2 },
    { id: 'd-champ', name: 'Smooth Championship', order: 3, heatLength: 2, semiFinals: true, multiCategoryId: 'c1' },
  ];
  const entries: Entry[] = BACKS.map((_, i) => ({
    id: `e${i + 1}`,
    leadId: `p${i + 1}`,
    followId: `t${i + 1}`,
    levelId: 'l2',
    ageId: 'a1',
  }));
  const heats: Heat[] = entries.map((entry, i) => ({
    id: `h${i + 1}`,
    number: 1,
    category: 'Multi',
    danceId: 'd-champ',
    entryId: entry.id,
  }));
  return {
    settings: { name, multiScoring: '1' },
    studios,
    people: [...judges, ...pros, ...students],
    judges: JUDGE_IDS.map((id) => ({
      id,
      present: true,
      ballroom: 'Both',
      sort: 'back',
      showAssignments: 'first',
      reviewSolos: 'All',
    })),
    ages: [{ id: 'a1', category: 'A', description: '18-35', order: 1 }],
    levels: [
      { id: 'l1', name: 'Bronze', order: 1 },
      { id: 'l2', name: 'Silver', order: 2 },
    ],
    categories: [{ id: 'c1', name: 'Smooth Championship', order: 1 }],
    dances,
    multis: [
      { id: 'm1', parentId: 'd-champ', danceId: 'd-waltz', slot: 1 },
      { id: 'm2', parentId: 'd-champ', danceId: 'd-tango', slot: 2 },
    ],
    entries,
    heats,
  };
}

/** A new event holding `scrutineeredProgram`, written once by its organiser; with that organiser's token. */
export async function createScrutineeredEvent(
  server: TestServer,
  name = 'Smooth Championship',
): Promise<CreateEventResponse & { organizerToken: string }> {
  const created = await createEventWithToken(server, 'empty', name);
  const saved = await writeOverWire(server, created.event.id, created.organizerToken, 'program', (doc) =>
    writeProgram(doc, scrutineeredProgram(name)),
  );
  if (saved !== 'saved') throw new Error('the organiser could not write the program');
  return created;
}
