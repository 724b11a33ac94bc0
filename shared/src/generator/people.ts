import { EVENT_STAFF_STUDIO_ID, NOBODY_ID } from '../model/defaults.ts';
import type { BallroomLetter, JudgePrefs, Person, PersonType, Studio } from '../model/types.ts';
import type { Random } from '../random.ts';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, STUDIO_KINDS, STUDIO_PLACES } from './names.ts';
import type { Profile } from './profiles.ts';
import { SEED_AGES, SEED_LEVELS } from './seeds.ts';
import { STYLE_POPULARITY, type Style } from './styles.ts';

/** A dancing person, with what the generator needs to know beyond the record. */
export interface Dancer {
  person: Person;
  studio: number;
  male: boolean;
  pro: boolean;
  /** Level and age orders (students only; 0 for professionals). */
  level: number;
  age: number;
  /** Favourite style first. */
  styles: Style[];
}

export interface Cast {
  studios: Studio[];
  /** Judges, DJ, emcee, organiser and the "Nobody" placeholder. */
  staff: Person[];
  judges: JudgePrefs[];
  /** Per studio, its professionals and students. */
  rosters: Array<{ pros: Dancer[]; students: Dancer[] }>;
}

export const levelId = (order: number): string => `l${order}`;
export const ageId = (order: number): string => `a${order}`;

/** Weights by order (index 0 = order 1): most students are bronze/silver, in their 40s to 60s. */
const LEVEL_WEIGHTS = [10, 20, 22, 16, 14, 10, 8];
const AGE_WEIGHTS = [2, 14, 20, 24, 22, 12, 5, 1];

const orders = (count: number): number[] => Array.from({ length: count }, (_, i) => i + 1);

/** Names are unique per person type (a student may share a name with a judge, as in showcase). */
function nameMaker(rng: Random) {
  const taken = new Set<string>();
  return (type: PersonType, male: boolean): string => {
    for (;;) {
      const name = `${rng.pick(LAST_NAMES)}, ${rng.pick(male ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES)}`;
      if (!taken.has(`${type}/${name}`)) {
        taken.add(`${type}/${name}`);
        return name;
      }
    }
  };
}

function stylesFor(rng: Random): Style[] {
  const all = Object.keys(STYLE_POPULARITY) as Style[];
  const styles = [rng.weighted(all, (s) => STYLE_POPULARITY[s])];
  for (const p of [0.5, 0.15]) {
    if (!rng.chance(p)) break;
    const rest = all.filter((s) => !styles.includes(s));
    styles.push(rng.weighted(rest, (s) => STYLE_POPULARITY[s]));
  }
  return styles;
}

function makeStudios(profile: Profile, rng: Random): Studio[] {
  const places = rng.shuffle(STUDIO_PLACES).slice(0, profile.studios);
  const studios: Studio[] = places.map((place, i) => ({ id: `s${i + 1}`, name: `${place} ${rng.pick(STUDIO_KINDS)}` }));
  // Sister studios and preferred ballrooms are rare but real; a few of each in a big event.
  for (let i = 0; i + 1 < Math.floor(profile.studios / 20) * 2; i += 2) {
    const a = studios[i] as Studio;
    const b = studios[i + 1] as Studio;
    a.pairedWith = [b.id];
    b.pairedWith = [a.id];
  }
  const preferring = profile.ballrooms.length > 0 ? Math.floor(profile.studios / 13) : 0;
  for (let i = 0; i < preferring; i++) {
    const studio = studios[studios.length - 1 - i] as Studio;
    studio.ballroom = profile.ballrooms[i % profile.ballrooms.length] as BallroomLetter;
  }
  return [{ id: EVENT_STAFF_STUDIO_ID, name: 'Event Staff' }, ...studios];
}

export function castEvent(profile: Profile, rng: Random): Cast {
  const name = nameMaker(rng);
  const studios = makeStudios(profile, rng);
  let nextPerson = 1;
  const rosters: Cast['rosters'] = [];
  const studentLeaders: Dancer[] = [];
  let nextProBack = 101;

  for (let s = 0; s < profile.studios; s++) {
    const studioId = (studios[s + 1] as Studio).id;
    const studentCount = rng.int(...profile.studentsPerStudio);
    const pros: Dancer[] = [];
    // About one professional for every three or four students, as in a real studio.
    const proCount = Math.min(
      profile.prosPerStudio[1],
      Math.max(profile.prosPerStudio[0], Math.round(studentCount / 3.5) + rng.int(-1, 1)),
    );
    for (let i = 0; i < proCount; i++) {
      // Every studio has a male and a female professional, so any student finds a partner;
      // most students are women, so most other professionals are men.
      const male = i === 0 ? true : i === 1 ? false : rng.chance(0.65);
      pros.push({
        person: {
          id: `p${nextPerson++}`,
          name: name('Professional', male),
          type: 'Professional',
          role: male ? 'Leader' : 'Follower',
          back: nextProBack++,
          studioId,
        },
        studio: s,
        male,
        pro: true,
        level: 0,
        age: 0,
        styles: [],
      });
    }
    const students: Dancer[] = [];
    for (let i = 0; i < studentCount; i++) {
      const male = rng.chance(0.35);
      const level = rng.weighted(orders(SEED_LEVELS.length), (o) => LEVEL_WEIGHTS[o - 1] ?? 1);
      const age = rng.weighted(orders(SEED_AGES.length), (o) => AGE_WEIGHTS[o - 1] ?? 1);
      const dancer: Dancer = {
        person: {
          id: `p${nextPerson++}`,
          name: name('Student', male),
          type: 'Student',
          role: male ? 'Leader' : 'Follower',
          studioId,
          levelId: levelId(level),
          ageId: ageId(age),
        },
        studio: s,
        male,
        pro: false,
        level,
        age,
        styles: stylesFor(rng),
      };
      if (male) studentLeaders.push(dancer);
      students.push(dancer);
    }
    rosters.push({ pros, students });
  }

  // A heat shows the leader's back number, so student leaders need one too; they start at
  // the next hundred after the professionals.
  let nextStudentBack = Math.ceil(nextProBack / 100) * 100 + 1;
  for (const leader of studentLeaders) leader.person.back = nextStudentBack++;

  const staffPerson = (id: string, type: PersonType): Person => ({
    id,
    name: name(type, rng.chance(0.5)),
    type,
    studioId: EVENT_STAFF_STUDIO_ID,
  });
  const judgePeople = profile.judges.map((_, i) => staffPerson(`j${i + 1}`, 'Judge'));
  const lastJudge = judgePeople[judgePeople.length - 1];
  if (profile.dancingJudge && lastJudge) {
    lastJudge.excludeId = rng.pick(rosters.flatMap((r) => r.pros)).person.id;
  }
  const staff: Person[] = [
    ...judgePeople,
    staffPerson('dj1', 'DJ'),
    staffPerson('mc1', 'Emcee'),
    staffPerson('org1', 'Organizer'),
    { id: NOBODY_ID, name: 'Nobody', type: 'Placeholder', studioId: EVENT_STAFF_STUDIO_ID },
  ];
  const judges: JudgePrefs[] = profile.judges.map((prefs, i) => ({ id: `j${i + 1}`, present: true, ...prefs }));
  return { studios, staff, judges, rosters };
}
