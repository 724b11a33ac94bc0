import type { Entry } from '../model/types.ts';
import type { Random } from '../random.ts';
import { ageId, type Cast, type Dancer, levelId } from './people.ts';
import type { Profile } from './profiles.ts';
import type { Style } from './styles.ts';

/** An entry and the facts scheduling needs about it. */
export interface Couple {
  entry: Entry;
  /** People on the floor (never the credited instructor). */
  dancers: string[];
  studio: number;
  level: number;
  age: number;
  styles: Style[];
  /** A student with a professional (not an amateur couple or a studio formation). */
  proAm: boolean;
  /** Freestyle heats this couple asks for. */
  heats: number;
}

function makeEntry(id: string, lead: Dancer, follow: Dancer, level: number, age: number, instructor?: Dancer): Entry {
  const entry: Entry = { id, leadId: lead.person.id, followId: follow.person.id, levelId: levelId(level) };
  if (age > 0) entry.ageId = ageId(age);
  if (instructor) entry.instructorId = instructor.person.id;
  return entry;
}

function heatCount(profile: Profile, rng: Random): number {
  const [, min, max] = rng.weighted(profile.heatsPerEntry, ([weight]) => weight);
  return rng.int(min, max);
}

/**
 * Every student dances Pro-Am with a professional of their studio; some male students also
 * dance with a female student of the same studio as an amateur couple, with a credited
 * instructor (DOMAIN.md §2 entries: one professional among lead, follow and instructor).
 */
export function makeCouples(profile: Profile, cast: Cast, rng: Random): Couple[] {
  const couples: Couple[] = [];
  const nextId = (): string => `e${couples.length + 1}`;
  cast.rosters.forEach(({ pros, students }, studio) => {
    for (const student of students) {
      const partners = pros.filter((p) => p.male !== student.male);
      const pro = rng.pick(partners.length > 0 ? partners : pros);
      const [lead, follow] = student.male ? [student, pro] : [pro, student];
      couples.push({
        entry: makeEntry(nextId(), lead, follow, student.level, student.age),
        dancers: [lead.person.id, follow.person.id],
        studio,
        level: student.level,
        age: student.age,
        styles: student.styles,
        proAm: true,
        heats: heatCount(profile, rng),
      });
    }
    const ladies = rng.shuffle(students.filter((s) => !s.male));
    for (const gent of students.filter((s) => s.male)) {
      if (!rng.chance(profile.amateurCouples)) continue;
      const lady = ladies.pop();
      if (!lady) break;
      const level = Math.max(gent.level, lady.level);
      const age = Math.max(gent.age, lady.age);
      couples.push({
        entry: makeEntry(nextId(), gent, lady, level, age, rng.pick(pros)),
        dancers: [gent.person.id, lady.person.id],
        studio,
        level,
        age,
        styles: gent.styles,
        proAm: false,
        heats: rng.int(2, 6),
      });
    }
  });
  return couples;
}
