import type { Program } from '../docs/program.ts';
import { NOBODY_ID } from '../model/defaults.ts';
import { displayName, levelInitials } from '../model/names.ts';
import type { Entry, EventSettings, Person } from '../model/types.ts';
import { isStudent } from './agenda.ts';

/** One dancer as a heat list shows them. */
export interface DancerView {
  id: string;
  name: string;
  back?: number;
  studio?: string;
  studioId?: string;
}

/** A couple (an entry) as every screen shows it. */
export interface CoupleView {
  entryId: string;
  /** The lead's back number (DOMAIN.md §2 heats); none when the event's `backnums` is off. */
  back?: number;
  lead: DancerView;
  follow: DancerView;
  /** A credited professional when both dancers are students. */
  instructor?: DancerView;
  /** "Ann Smith & Bob Jones"; one name when the partner is Nobody. */
  names: string;
  /** The studio the entry dances for. */
  studio: string;
  studioId?: string;
  /** e.g. "G - FB - B1": couple type, level initials, age category. */
  category: string;
  levelOrder: number;
  /** The student the entry is about (lead unless the lead is a professional). */
  subjectId: string;
  /** Every person dancing in the couple, for "my heats" and conflicts. */
  personIds: string[];
}

/** A person's back number as screens show it: none when the event does not use back numbers. */
function shownBack(program: Program, person: Person | undefined): number | undefined {
  return program.settings.backnums ? person?.back : undefined;
}

/** One person as heat lists show them: display name, back number (when the event uses them), studio. */
export function dancerView(program: Program, person: Person | undefined, id: string): DancerView {
  if (!person) return { id, name: id === NOBODY_ID ? '' : 'Unknown dancer' };
  const studio = program.studios.get(person.studioId)?.name;
  const back = shownBack(program, person);
  return {
    id,
    name: id === NOBODY_ID ? '' : displayName(person.name),
    ...(back === undefined ? {} : { back }),
    ...(studio ? { studio, studioId: person.studioId } : {}),
  };
}

/**
 * Couple type (DOMAIN.md §2 events `pro_am`): with "G", G = gentleman student with a pro,
 * L = lady student with a pro; with "L", L = student leader, F = student follower; AC = both
 * students (amateur couple). Pro-pro entries are "Pro".
 */
function coupleType(settings: EventSettings, lead: Person | undefined, follow: Person | undefined): string {
  const leadStudent = isStudent(lead);
  const followStudent = isStudent(follow);
  if (leadStudent && followStudent) return 'AC';
  if (leadStudent) return settings.proAm === 'L' ? 'L' : 'G';
  if (followStudent) return settings.proAm === 'L' ? 'F' : 'L';
  return 'Pro';
}

export function coupleView(program: Program, entry: Entry): CoupleView {
  const lead = program.people.get(entry.leadId);
  const follow = program.people.get(entry.followId);
  const instructor = entry.instructorId ? program.people.get(entry.instructorId) : undefined;
  const leadView = dancerView(program, lead, entry.leadId);
  const followView = dancerView(program, follow, entry.followId);
  const level = program.levels.get(entry.levelId);
  const age = entry.ageId ? program.ages.get(entry.ageId) : undefined;
  const parts = [coupleType(program.settings, lead, follow)];
  if (level) parts.push(levelInitials(level.name) || level.name);
  if (age && program.settings.trackAges) parts.push(age.category);
  const studioId = entry.studioId ?? (isStudent(lead) ? lead?.studioId : follow?.studioId) ?? lead?.studioId;
  const subjectId = isStudent(lead) || !isStudent(follow) ? entry.leadId : entry.followId;
  const back = shownBack(program, lead);
  const personIds = [entry.leadId, entry.followId, ...(entry.instructorId ? [entry.instructorId] : [])].filter(
    (id) => id !== NOBODY_ID,
  );
  return {
    entryId: entry.id,
    ...(back === undefined ? {} : { back }),
    lead: leadView,
    follow: followView,
    ...(instructor && entry.instructorId ? { instructor: dancerView(program, instructor, entry.instructorId) } : {}),
    names: [leadView.name, followView.name].filter(Boolean).join(' & '),
    studio: (studioId ? program.studios.get(studioId)?.name : undefined) ?? '',
    ...(studioId ? { studioId } : {}),
    category: parts.join(' - '),
    levelOrder: level?.order ?? 0,
    subjectId,
    personIds,
  };
}
