import type { BallroomLetter, EventSettings, JudgePrefs, ScaleCode } from '../model/types.ts';
import type { SeedDance } from './seeds.ts';
import type { Style } from './styles.ts';

/** An agenda category, and which heats land in it. */
export interface AgendaItem {
  key: string;
  name: string;
  holds: 'Open' | 'Closed' | 'Open+Closed' | 'Solo' | 'Multi';
  /** Seed dances (freestyle, solo) or multi-dance names (multi) whose heats land here. */
  dances: readonly string[];
  scoring?: ScaleCode;
  maxHeatSize?: number;
}

/** One agenda block of a day; `part` ≥ 2 continues a split category as a `CatExtension`. */
export interface AgendaSlot {
  item: string;
  part?: number;
}

export interface AgendaDay {
  day: string;
  /** Minutes after midnight. */
  startsAt: number;
  slots: readonly AgendaSlot[];
}

/** A competition split of a championship multi-dance. */
export interface SplitPlan {
  name: string;
  /** Level orders, inclusive. */
  levels: readonly [number, number];
  /** Age orders, inclusive. */
  ages?: readonly [number, number];
  couples: number;
}

export interface MultiDancePlan {
  name: string;
  dances: readonly SeedDance[];
  /** Students of this style enter it. */
  style: Style;
  /** Share of those students' entries that enter a plain (non-championship) multi-dance. */
  entryShare?: number;
  /**
   * Scrutineered championship: each inner list is one heat number holding those splits
   * (several = packed splits). `fractional` numbers the heats N.1, N.2, … under one N.
   */
  championship?: { heats: readonly (readonly SplitPlan[])[]; fractional?: boolean };
}

export interface Profile {
  settings: Partial<EventSettings>;
  studios: number;
  prosPerStudio: readonly [number, number];
  studentsPerStudio: readonly [number, number];
  /** Share of a studio's male students who also dance with a female student (amateur couple). */
  amateurCouples: number;
  judges: ReadonlyArray<Omit<JudgePrefs, 'id' | 'present'>>;
  /** The last judge also dances with a professional (`excludeId`), so assignments must avoid them. */
  dancingJudge: boolean;
  /** Ballroom letters heats are spread over; empty for one floor. */
  ballrooms: readonly BallroomLetter[];
  couplesPerFloor: number;
  /** [weight, min, max] freestyle heats per Pro-Am entry. */
  heatsPerEntry: ReadonlyArray<readonly [number, number, number]>;
  solos: number;
  /** Solos with extra on-floor participants (formations), and how many of them are whole-studio. */
  formations: number;
  studioFormations: number;
  /** Agenda item (holding no dances) that formations and some solos move to (`categoryOverrideId`). */
  finale?: string;
  finaleSolos: number;
  unscheduled: number;
  scratched: number;
  songsPerDance: readonly [number, number];
  items: readonly AgendaItem[];
  days: readonly AgendaDay[];
  multis: readonly MultiDancePlan[];
}

const SMOOTH: SeedDance[] = ['Waltz', 'Fox Trot', 'Tango', 'V. Waltz'];
const RHYTHM: SeedDance[] = ['Cha Cha', 'Rumba', 'Swing', 'Bolero', 'Mambo'];
const SPECIALTY: SeedDance[] = ['Quickstep', 'Peabody', 'Samba', 'Paso Doble'];
const NIGHTCLUB: SeedDance[] = [
  'Salsa',
  'Merengue',
  'Bachata',
  'Hustle',
  'WCS',
  'NC2',
  'Arg. Tango',
  'ECS',
  'Lindy Hop',
];
const COUNTRY: SeedDance[] = [
  'CW Two Step',
  'CW Waltz',
  'CW Cha Cha',
  'CW Swing',
  'CW Three Step',
  'CW Shuffle',
  '4 Count',
  'Polka',
];

const hours = (h: number, m = 0): number => h * 60 + m;

/**
 * The largest real showcase (DOMAIN.md §10): ~600 people from 40 studios, four rotating
 * ballrooms, two days. Scales: open `1`, closed `G`, multi `1`, solos four-part `4`; agenda
 * items override with `&`, `@`, `+`, `G` and `#`, so every scale is on some heats.
 */
export const LARGE: Profile = {
  settings: {
    name: 'Grand Ballroom Showcase',
    date: 'March 13-14, 2026',
    location: 'Riverside Convention Center, Hall B',
    openScoring: '1',
    closedScoring: 'G',
    multiScoring: '1',
    soloScoring: '4',
    judgeComments: true,
    ballrooms: 6,
    maxHeatSize: 8,
    heatLength: 90,
    soloLength: 150,
    includeTimes: true,
  },
  studios: 40,
  prosPerStudio: [2, 7],
  studentsPerStudio: [6, 17],
  amateurCouples: 0.25,
  judges: [
    { ballroom: 'Both', sort: 'back', showAssignments: 'first', reviewSolos: 'All' },
    { ballroom: 'A', sort: 'back', showAssignments: 'first', reviewSolos: 'Even' },
    { ballroom: 'B', sort: 'level', showAssignments: 'first', reviewSolos: 'Odd' },
    { ballroom: 'C', sort: 'back', showAssignments: 'mixed', reviewSolos: 'Even' },
    { ballroom: 'D', sort: 'back', showAssignments: 'only', reviewSolos: 'Odd' },
    { ballroom: 'Both', sort: 'level', showAssignments: 'first', reviewSolos: 'All' },
  ],
  dancingJudge: true,
  ballrooms: ['A', 'B', 'C', 'D'],
  couplesPerFloor: 7,
  heatsPerEntry: [
    [0.3, 2, 5],
    [0.45, 5, 10],
    [0.25, 11, 20],
  ],
  solos: 200,
  formations: 10,
  studioFormations: 4,
  finale: 'fin',
  finaleSolos: 12,
  unscheduled: 9,
  scratched: 60,
  songsPerDance: [2, 4],
  items: [
    { key: 'cs', name: 'Closed American Smooth', holds: 'Closed', dances: SMOOTH },
    { key: 'cr', name: 'Closed American Rhythm', holds: 'Closed', dances: RHYTHM },
    {
      key: 'mx',
      name: 'Multi-Dance Events',
      holds: 'Multi',
      dances: ['Smooth 3-Dance', 'Rhythm 3-Dance', 'Nightclub 2-Dance'],
      scoring: 'G',
    },
    { key: 's1', name: 'Solos I: Smooth & Specialty', holds: 'Solo', dances: [...SMOOTH, ...SPECIALTY] },
    { key: 'nc', name: 'Nightclub & Swing', holds: 'Open+Closed', dances: NIGHTCLUB, scoring: '&' },
    { key: 'os', name: 'Open American Smooth', holds: 'Open', dances: SMOOTH },
    { key: 'or', name: 'Open American Rhythm', holds: 'Open', dances: RHYTHM },
    { key: 'ls', name: 'Latin & Specialty', holds: 'Open+Closed', dances: SPECIALTY, scoring: '@' },
    { key: 'cw', name: 'Country Western', holds: 'Open+Closed', dances: COUNTRY, scoring: '+' },
    {
      key: 's2',
      name: 'Solos II: Rhythm, Nightclub & Country',
      holds: 'Solo',
      dances: [...RHYTHM, ...NIGHTCLUB, ...COUNTRY],
    },
    {
      key: 'ch',
      name: 'Championships',
      holds: 'Multi',
      dances: ['American Smooth Championship', 'American Rhythm Championship'],
      maxHeatSize: 14,
    },
    { key: 'cm', name: 'Country Multi-Dance', holds: 'Multi', dances: ['Country 3-Dance'], scoring: '#' },
    { key: 'fin', name: 'Showcase Finale', holds: 'Solo', dances: [] },
  ],
  days: [
    {
      day: 'Friday',
      startsAt: hours(8),
      slots: [{ item: 'cs' }, { item: 'cr' }, { item: 'mx' }, { item: 's1' }, { item: 'nc' }, { item: 'ls' }],
    },
    {
      day: 'Saturday',
      startsAt: hours(8),
      slots: [
        { item: 'cs', part: 2 },
        { item: 'os' },
        { item: 'or' },
        { item: 's2' },
        { item: 'or', part: 2 },
        { item: 'cw' },
        { item: 'ch' },
        { item: 'cm' },
        { item: 'fin' },
      ],
    },
  ],
  multis: [
    { name: 'Smooth 3-Dance', dances: ['Waltz', 'Tango', 'Fox Trot'], style: 'smooth', entryShare: 0.15 },
    { name: 'Rhythm 3-Dance', dances: ['Cha Cha', 'Rumba', 'Swing'], style: 'rhythm', entryShare: 0.15 },
    { name: 'Nightclub 2-Dance', dances: ['Salsa', 'Bachata'], style: 'nightclub', entryShare: 0.15 },
    {
      name: 'American Smooth Championship',
      dances: ['Waltz', 'Tango', 'Fox Trot', 'V. Waltz'],
      style: 'smooth',
      championship: {
        heats: [
          [{ name: 'Bronze - Pro-Am', levels: [1, 3], couples: 12 }],
          [
            { name: 'Silver - Pro-Am', levels: [4, 5], couples: 5 },
            { name: 'Gold - Pro-Am', levels: [6, 7], couples: 4 },
          ],
        ],
      },
    },
    {
      name: 'American Rhythm Championship',
      dances: ['Cha Cha', 'Rumba', 'Swing', 'Bolero'],
      style: 'rhythm',
      championship: {
        fractional: true,
        heats: [
          [{ name: 'Bronze 18-45 - Pro-Am', levels: [1, 3], ages: [1, 3], couples: 6 }],
          [{ name: 'Bronze 46+ - Pro-Am', levels: [1, 3], ages: [4, 8], couples: 7 }],
          [{ name: 'Silver-Gold - Pro-Am', levels: [4, 7], couples: 6 }],
        ],
      },
    },
    {
      name: 'Country 3-Dance',
      dances: ['CW Two Step', 'CW Waltz', 'CW Cha Cha'],
      style: 'country',
      entryShare: 0.35,
    },
  ],
};

const DEMO_SMOOTH: SeedDance[] = ['Waltz', 'Fox Trot', 'Tango'];
const DEMO_RHYTHM: SeedDance[] = ['Cha Cha', 'Rumba', 'Swing'];
const DEMO_NIGHTCLUB: SeedDance[] = ['Salsa', 'Bachata'];

/**
 * A small event for someone trying ondeck: four studios, three judges, one floor, two days.
 * Scales: open `1`, closed `G`, multi `#`, solos one number `1`; nightclub `&`, Latin `@` and
 * country `+` agenda items give every judge screen something to show.
 */
export const DEMO: Profile = {
  settings: {
    name: 'ondeck Demo Showcase',
    date: 'June 6-7, 2026',
    location: 'Starlight Ballroom',
    openScoring: '1',
    closedScoring: 'G',
    multiScoring: '#',
    soloScoring: '1',
    judgeComments: true,
    ballrooms: 1,
    maxHeatSize: 8,
    heatLength: 90,
    soloLength: 150,
    includeTimes: true,
  },
  studios: 4,
  prosPerStudio: [2, 2],
  studentsPerStudio: [4, 5],
  amateurCouples: 0.5,
  judges: [
    { ballroom: 'Both', sort: 'back', showAssignments: 'first', reviewSolos: 'All' },
    { ballroom: 'Both', sort: 'level', showAssignments: 'first', reviewSolos: 'All' },
    { ballroom: 'Both', sort: 'back', showAssignments: 'first', reviewSolos: 'All' },
  ],
  dancingJudge: false,
  ballrooms: [],
  couplesPerFloor: 6,
  heatsPerEntry: [
    [0.5, 4, 6],
    [0.5, 6, 9],
  ],
  solos: 5,
  formations: 1,
  studioFormations: 1,
  finaleSolos: 0,
  unscheduled: 1,
  scratched: 2,
  songsPerDance: [2, 2],
  items: [
    { key: 'cs', name: 'Closed American Smooth', holds: 'Closed', dances: DEMO_SMOOTH },
    { key: 'or', name: 'Open American Rhythm', holds: 'Open', dances: DEMO_RHYTHM },
    { key: 'nc', name: 'Nightclub', holds: 'Open', dances: DEMO_NIGHTCLUB, scoring: '&' },
    { key: 'so', name: 'Solos', holds: 'Solo', dances: [...DEMO_SMOOTH, ...DEMO_RHYTHM, ...DEMO_NIGHTCLUB] },
    { key: 'ls', name: 'Latin', holds: 'Open', dances: ['Samba', 'Paso Doble'], scoring: '@' },
    { key: 'cw', name: 'Country Western', holds: 'Open', dances: ['CW Two Step', 'CW Waltz'], scoring: '+' },
    { key: 'mx', name: 'Multi-Dance', holds: 'Multi', dances: ['Smooth 3-Dance'] },
  ],
  days: [
    {
      day: 'Saturday',
      startsAt: hours(13),
      slots: [{ item: 'cs' }, { item: 'or' }, { item: 'nc' }, { item: 'so' }],
    },
    {
      day: 'Sunday',
      startsAt: hours(10),
      slots: [{ item: 'or', part: 2 }, { item: 'ls' }, { item: 'cw' }, { item: 'mx' }],
    },
  ],
  multis: [{ name: 'Smooth 3-Dance', dances: ['Waltz', 'Tango', 'Fox Trot'], style: 'smooth', entryShare: 0.4 }],
};
