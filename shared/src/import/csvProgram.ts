import type { ProgramData } from '../docs/program.ts';
import { SEED_AGES, SEED_DANCES, SEED_LEVELS } from '../generator/seeds.ts';
import { EVENT_STAFF_STUDIO_ID } from '../model/defaults.ts';
import { displayName } from '../model/names.ts';
import type {
  Age,
  BallroomLetter,
  Dance,
  Entry,
  Heat,
  HeatCategory,
  JudgePrefs,
  Level,
  Person,
  PersonType,
  Solo,
  Studio,
} from '../model/types.ts';
import type { ImportProblem } from '../protocol/importApi.ts';
import { programProblems } from './check.ts';
import { CsvError, type CsvRecord, columnLetter, decodeCsv, parseCsv, writeCsv } from './csv.ts';

/**
 * The spreadsheet an organiser without Showcase fills in (README "Importing a spreadsheet"):
 * one line per couple per dance — a heat — and lines with no dance to list people who do not
 * dance, such as judges. Headings are matched without regard to case, spaces or order.
 */
export const CSV_COLUMNS = [
  { heading: 'Heat', required: false, help: 'heat number (45.1 for a split); empty = not scheduled yet' },
  { heading: 'Dance', required: false, help: 'dance name; empty = the line only lists the Lead (e.g. a judge)' },
  { heading: 'Type', required: false, help: 'Closed (the default), Open, Solo or Multi' },
  { heading: 'Lead', required: true, help: 'name, "Last, First" or "First Last"' },
  { heading: 'Lead type', required: false, help: 'Student (the default), Professional, Guest, Judge, DJ, Emcee…' },
  { heading: 'Lead back', required: false, help: 'back number' },
  { heading: 'Follow', required: true, help: 'name; needed on lines with a dance' },
  { heading: 'Follow type', required: false, help: 'as Lead type' },
  { heading: 'Follow back', required: false, help: 'back number' },
  { heading: 'Studio', required: true, help: 'studio of the couple; may be empty for judges and staff' },
  { heading: 'Level', required: true, help: 'e.g. Full Bronze; needed on lines with a dance' },
  { heading: 'Age', required: false, help: 'age category, e.g. B1' },
  { heading: 'Ballroom', required: false, help: 'A, B, C or D' },
] as const;

type Heading = (typeof CSV_COLUMNS)[number]['heading'];

/** A template to start from: the headings and two example heats and a judge. */
export const CSV_TEMPLATE = writeCsv([
  CSV_COLUMNS.map((c) => c.heading),
  [
    '1',
    'Waltz',
    'Closed',
    'Murray, Arthur',
    'Professional',
    '101',
    'Smith, Jane',
    'Student',
    '',
    'Boston Ballroom',
    'Full Bronze',
    'B1',
    '',
  ],
  [
    '2',
    'Cha Cha',
    'Open',
    'Murray, Arthur',
    'Professional',
    '101',
    'Smith, Jane',
    'Student',
    '',
    'Boston Ballroom',
    'Full Bronze',
    'B1',
    '',
  ],
  ['', '', '', 'Sheindlin, Judy', 'Judge', '', '', '', '', '', '', '', ''],
]);

export interface CsvImport {
  data: ProgramData;
  problems: ImportProblem[];
  /** Lines read (not counting the headings), and what they became. */
  counts: { lines: number; people: number; studios: number; entries: number; heats: number };
}

const PERSON_TYPES: Record<string, PersonType> = {
  student: 'Student',
  professional: 'Professional',
  pro: 'Professional',
  instructor: 'Professional',
  guest: 'Guest',
  judge: 'Judge',
  dj: 'DJ',
  emcee: 'Emcee',
  official: 'Official',
  organizer: 'Organizer',
  organiser: 'Organizer',
};
const HEAT_TYPES: Record<string, HeatCategory> = { open: 'Open', closed: 'Closed', solo: 'Solo', multi: 'Multi' };
const LETTERS: readonly BallroomLetter[] = ['A', 'B', 'C', 'D'];
const STAFF = new Set<PersonType>(['Judge', 'DJ', 'Emcee', 'Official', 'Organizer']);

const normalHeading = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
const normalName = (text: string) => displayName(text).toLowerCase().replace(/\s+/g, ' ');
const tidy = (text: string | undefined) => (text ?? '').trim().replace(/\s+/g, ' ');

/**
 * A stable id from a name: the same spreadsheet line becomes the same record when the sheet is
 * imported again, so a corrected sheet updates the event instead of doubling it.
 * NOTE: 64 bits of FNV-1a; a collision among an event's few thousand names is ~1 in 10^12.
 */
function stableId(prefix: string, key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${prefix}-${h1.toString(36)}${h2.toString(36)}`;
}

/**
 * Reads the CSV template into a program. Every line that cannot be used is an error naming its
 * line and column; with any error the program is not to be committed (nothing half-imported).
 */
export function importCsvProgram(bytes: Uint8Array): CsvImport {
  const problems: ImportProblem[] = [];
  const counts = { lines: 0, people: 0, studios: 0, entries: 0, heats: 0 };
  const empty: CsvImport = { data: { settings: {} }, problems, counts };
  let records: CsvRecord[];
  try {
    records = parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push({ severity: 'error', table: 'csv', row: String(error.line), message: error.message });
    return empty;
  }
  const [head, ...lines] = records;
  if (!head) {
    problems.push({ severity: 'error', table: 'csv', message: 'the file is empty: it needs a line of headings' });
    return empty;
  }
  const at = new Map<Heading, number>();
  head.cells.forEach((text, index) => {
    const column = CSV_COLUMNS.find((c) => normalHeading(c.heading) === normalHeading(text));
    if (!column) {
      if (text.trim() !== '')
        problems.push({
          severity: 'warning',
          table: 'csv',
          row: String(head.line),
          column: `${text} (${columnLetter(index)})`,
          message: 'not a column of the template; ignored',
        });
    } else if (at.has(column.heading))
      problems.push({
        severity: 'error',
        table: 'csv',
        row: String(head.line),
        column: `${text} (${columnLetter(index)})`,
        message: `"${column.heading}" is a heading twice`,
      });
    else at.set(column.heading, index);
  });
  const missing = CSV_COLUMNS.filter((c) => c.required && !at.has(c.heading)).map((c) => c.heading);
  if (missing.length > 0) {
    problems.push({
      severity: 'error',
      table: 'csv',
      row: String(head.line),
      message: `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (the headings are: ${CSV_COLUMNS.map((c) => c.heading).join(', ')})`,
    });
    return empty;
  }

  const studios = new Map<string, Studio>();
  const people = new Map<string, Person & { line: number }>();
  const backs = new Map<number, { personId: string; name: string; line: number }>();
  const levels = new Map<string, Level>();
  const ages = new Map<string, Age>();
  const dances = new Map<string, Dance>();
  const entries = new Map<string, Entry>();
  const heats: Heat[] = [];
  const solos: Solo[] = [];
  const judges: JudgePrefs[] = [];
  const heatCount = new Map<string, number>();

  const ordered = <T>(seeds: readonly string[], name: string, known: Map<string, T>) => {
    const seed = seeds.findIndex((s) => s.toLowerCase() === name.toLowerCase());
    return seed >= 0 ? seed + 1 : seeds.length + known.size + 1;
  };

  for (const record of lines) {
    counts.lines++;
    const line = String(record.line);
    const cell = (heading: Heading) => {
      const index = at.get(heading);
      return index === undefined ? '' : tidy(record.cells[index]);
    };
    const where = (heading: Heading) => `${heading} (${columnLetter(at.get(heading) ?? 0)})`;
    const lineProblems: Array<{ index: number; problem: ImportProblem }> = [];
    const error = (heading: Heading, message: string) =>
      lineProblems.push({
        index: at.get(heading) ?? 0,
        problem: { severity: 'error', table: 'csv', row: line, column: where(heading), message },
      });

    const dance = cell('Dance');
    const lead = cell('Lead');
    const follow = cell('Follow');
    const studioName = cell('Studio');
    const levelName = cell('Level');
    const ageName = cell('Age');
    const typeOf = (heading: 'Lead type' | 'Follow type'): PersonType | undefined => {
      const text = cell(heading);
      if (text === '') return undefined;
      const type = PERSON_TYPES[text.toLowerCase()];
      if (!type)
        error(
          heading,
          `"${text}" is not a type of person (${Object.values(PERSON_TYPES)
            .filter((t, i, all) => all.indexOf(t) === i)
            .join(', ')})`,
        );
      return type;
    };
    const backOf = (heading: 'Lead back' | 'Follow back'): number | undefined => {
      const text = cell(heading);
      if (text === '') return undefined;
      if (!/^\d{1,6}$/.test(text)) {
        error(heading, `"${text}" is not a back number (a whole number)`);
        return undefined;
      }
      return Number(text);
    };
    const leadType = typeOf('Lead type');
    const followType = typeOf('Follow type');
    const leadBack = backOf('Lead back');
    const followBack = backOf('Follow back');
    if (lead === '') error('Lead', 'a name is needed');
    let number = 0;
    let kind: HeatCategory = 'Closed';
    let ballroom: BallroomLetter | undefined;
    if (dance !== '') {
      if (follow === '') error('Follow', 'a name is needed on a line with a dance');
      if (studioName === '') error('Studio', 'a studio is needed on a line with a dance');
      if (levelName === '') error('Level', 'a level is needed on a line with a dance');
      const heatText = cell('Heat');
      if (heatText !== '') {
        number = Number(heatText);
        if (!/^-?\d+(\.\d+)?$/.test(heatText) || Number.isNaN(number))
          error('Heat', `"${heatText}" is not a heat number`);
      }
      const typeText = cell('Type');
      if (typeText !== '') {
        const found = HEAT_TYPES[typeText.toLowerCase()];
        if (found) kind = found;
        else error('Type', `"${typeText}" is not a kind of heat (Open, Closed, Solo or Multi)`);
      }
      const ballroomText = cell('Ballroom').toUpperCase();
      if (ballroomText !== '') {
        ballroom = LETTERS.find((l) => l === ballroomText);
        if (!ballroom) error('Ballroom', `"${cell('Ballroom')}" is not a ballroom (A, B, C or D)`);
      }
    } else {
      for (const heading of ['Heat', 'Type', 'Follow', 'Level', 'Ballroom'] as const)
        if (cell(heading) !== '') error(heading, 'a line with no Dance only lists the Lead; say the dance');
    }
    const personType = (type: PersonType | undefined) => type ?? 'Student';
    const studioFor = (type: PersonType) =>
      studioName === ''
        ? STAFF.has(type)
          ? EVENT_STAFF_STUDIO_ID
          : undefined
        : stableId('studio', studioName.toLowerCase());
    if (lead !== '' && studioName === '' && dance === '' && !STAFF.has(personType(leadType)))
      error('Studio', 'a studio is needed for a dancer (judges and staff may leave it empty)');

    // A person: the same name is the same person; what a line says must agree with earlier lines.
    const personFrom = (
      name: string,
      type: PersonType | undefined,
      back: number | undefined,
      heading: 'Lead' | 'Follow',
    ) => {
      const id = stableId('p', normalName(name));
      const known = people.get(id);
      const studioId = studioFor(personType(type));
      if (known) {
        if (type && type !== known.type)
          error(`${heading} type`, `${displayName(name)} is a ${known.type} on line ${known.line}`);
        if (back !== undefined && known.back !== undefined && back !== known.back)
          error(`${heading} back`, `${displayName(name)} has back number ${known.back} on line ${known.line}`);
      }
      const holder = back === undefined ? undefined : backs.get(back);
      if (holder && holder.personId !== id)
        error(`${heading} back`, `back number ${back} is ${holder.name}'s (line ${holder.line})`);
      return { id, known, studioId, type: personType(type) };
    };

    const leadPerson = lead === '' ? undefined : personFrom(lead, leadType, leadBack, 'Lead');
    const followPerson =
      dance === '' || follow === '' ? undefined : personFrom(follow, followType, followBack, 'Follow');
    if (
      leadPerson &&
      followPerson &&
      leadBack !== undefined &&
      leadBack === followBack &&
      leadPerson.id !== followPerson.id
    )
      error('Follow back', `back number ${leadBack} is the Lead's on this line`);
    if (lineProblems.length > 0) {
      // Left to right, as the line reads in the spreadsheet.
      problems.push(...lineProblems.sort((a, b) => a.index - b.index).map((p) => p.problem));
      continue;
    }
    // Only a line without errors adds records, so no error leaves half a line behind.
    for (const [person, name, back] of [
      [leadPerson, lead, leadBack],
      [followPerson, follow, followBack],
    ] as const) {
      if (!person || back === undefined) continue;
      backs.set(back, { personId: person.id, name: displayName(name), line: record.line });
      if (person.known && person.known.back === undefined) person.known.back = back;
    }
    if (studioName !== '') {
      const id = stableId('studio', studioName.toLowerCase());
      if (!studios.has(id)) studios.set(id, { id, name: studioName });
    }
    for (const [person, name, back] of [
      [leadPerson, lead, leadBack],
      [followPerson, follow, followBack],
    ] as const) {
      if (!person || person.known) continue;
      const studioId = person.studioId ?? EVENT_STAFF_STUDIO_ID;
      if (studioId === EVENT_STAFF_STUDIO_ID && !studios.has(studioId))
        studios.set(studioId, { id: studioId, name: 'Event Staff' });
      const record: Person & { line: number } = {
        id: person.id,
        name,
        type: person.type,
        studioId,
        line: Number(line),
      };
      if (back !== undefined) record.back = back;
      people.set(person.id, record);
      if (person.type === 'Judge')
        judges.push({
          id: person.id,
          present: true,
          ballroom: 'Both',
          sort: 'back',
          showAssignments: 'first',
          reviewSolos: 'All',
        });
    }
    if (dance === '' || !leadPerson || !followPerson) continue;

    const levelId = stableId('level', levelName.toLowerCase());
    if (!levels.has(levelId))
      levels.set(levelId, { id: levelId, name: levelName, order: ordered(SEED_LEVELS, levelName, levels) });
    let ageId: string | undefined;
    if (ageName !== '') {
      ageId = stableId('age', ageName.toLowerCase());
      if (!ages.has(ageId)) {
        const seed = SEED_AGES.find(([category]) => category.toLowerCase() === ageName.toLowerCase());
        ages.set(ageId, {
          id: ageId,
          category: ageName,
          description: seed?.[1] ?? '',
          order: ordered(
            SEED_AGES.map(([c]) => c),
            ageName,
            ages,
          ),
        });
      }
    }
    const danceId = stableId('dance', dance.toLowerCase());
    if (!dances.has(danceId))
      dances.set(danceId, { id: danceId, name: dance, order: ordered(SEED_DANCES, dance, dances) });
    const studioId = stableId('studio', studioName.toLowerCase());
    const entryKey = [leadPerson.id, followPerson.id, levelId, ageId ?? '', studioId].join('|');
    const entryId = stableId('entry', entryKey);
    if (!entries.has(entryId)) {
      const entry: Entry = { id: entryId, leadId: leadPerson.id, followId: followPerson.id, levelId, studioId };
      if (ageId) entry.ageId = ageId;
      entries.set(entryId, entry);
    }
    // The same couple may dance the same dance twice (say Closed, then Open): each is a heat.
    const heatKey = [entryId, danceId, kind].join('|');
    const nth = (heatCount.get(heatKey) ?? 0) + 1;
    heatCount.set(heatKey, nth);
    const heat: Heat = { id: stableId('heat', `${heatKey}|${nth}`), number, category: kind, danceId, entryId };
    if (ballroom) heat.ballroom = ballroom;
    heats.push(heat);
    if (kind === 'Solo') solos.push({ id: stableId('solo', heat.id), heatId: heat.id, order: 0 });
  }

  // Solos dance in heat order; unscheduled ones after, in the order of the sheet.
  [...solos]
    .map((solo, index) => ({ solo, index, number: heats.find((h) => h.id === solo.heatId)?.number ?? 0 }))
    .sort((a, b) => (a.number > 0 ? a.number : Infinity) - (b.number > 0 ? b.number : Infinity) || a.index - b.index)
    .forEach(({ solo }, i) => {
      solo.order = i + 1;
    });

  const data: ProgramData = {
    settings: {},
    studios: [...studios.values()],
    people: [...people.values()].map(({ line: _line, ...person }) => person),
    judges,
    levels: [...levels.values()],
    ages: [...ages.values()],
    dances: [...dances.values()],
    entries: [...entries.values()],
    heats,
    solos,
  };
  for (const message of programProblems(data)) problems.push({ severity: 'error', table: 'program', message });
  counts.people = people.size;
  counts.studios = studios.size;
  counts.entries = entries.size;
  counts.heats = heats.length;
  return { data, problems, counts };
}
