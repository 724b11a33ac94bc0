import { groupBy } from '../collections/groupBy.ts';
import type { Program } from '../docs/program.ts';
import type { CatExtension, Category, Dance, Entry, Heat, HeatCategory, Person, Solo } from '../model/types.ts';

/** The agenda item a heat is danced under, and the part of a split category. */
export interface AgendaPlace {
  category: Category;
  /** Set when the heat falls in a continuation part of a split category. */
  extension?: CatExtension;
}

/** A dance's agenda category for each kind of heat, plain and pro. */
type CategoryField = Extract<keyof Dance, `${string}CategoryId`>;

const CATEGORY_FIELD: Record<HeatCategory, { plain: CategoryField; pro: CategoryField }> = {
  Open: { plain: 'openCategoryId', pro: 'proOpenCategoryId' },
  Closed: { plain: 'closedCategoryId', pro: 'proClosedCategoryId' },
  Solo: { plain: 'soloCategoryId', pro: 'proSoloCategoryId' },
  Multi: { plain: 'multiCategoryId', pro: 'proMultiCategoryId' },
};

export function isStudent(person: Person | undefined): boolean {
  return person?.type === 'Student';
}

/** Whether nobody in the entry is a student: its heats use the dance's pro categories. */
function isProEntry(program: Program, entry: Entry | undefined): boolean {
  if (!entry) return false;
  return ![entry.leadId, entry.followId].some((id) => isStudent(program.people.get(id)));
}

/**
 * A heat's agenda item (DOMAIN.md §2 dances): the dance's category for the heat's kind — the
 * pro variant when the entry has no student — a solo's override first; then, for a split
 * category, the part whose start heat is the last one at or before this heat's number.
 * The caller passes the heat's solo and the split parts it already holds, so a whole schedule
 * is placed without rescanning solos or extensions per heat.
 */
export function agendaPlace(
  program: Program,
  heat: Heat,
  solo: Solo | undefined,
  extensions: Map<string, CatExtension[]>,
): AgendaPlace | undefined {
  const dance = program.dances.get(heat.danceId);
  let categoryId = heat.category === 'Solo' ? solo?.categoryOverrideId : undefined;
  if (!categoryId && dance) {
    const fields = CATEGORY_FIELD[heat.category];
    const pro = isProEntry(program, program.entries.get(heat.entryId));
    categoryId = (pro ? dance[fields.pro] : undefined) ?? dance[fields.plain];
  }
  const category = categoryId ? program.categories.get(categoryId) : undefined;
  if (!category) return undefined;
  const parts = extensions.get(category.id);
  const number = Math.abs(heat.number);
  const extension = parts?.filter((x) => x.startHeat > 0 && x.startHeat <= number).at(-1);
  return extension ? { category, extension } : { category };
}

/** Continuation parts of split categories, by category, in start-heat order. */
export function extensionsByCategory(program: Program): Map<string, CatExtension[]> {
  const out = groupBy(program.catExtensions.values(), (x) => x.categoryId);
  for (const list of out.values()) list.sort((a, b) => a.startHeat - b.startHeat);
  return out;
}

/** The heading shown above a run of heats: the agenda item's name, its part, day and time. */
export interface AgendaHeading {
  key: string;
  name: string;
  day?: string;
  time?: string;
}

export function agendaHeading(place: AgendaPlace | undefined): AgendaHeading | undefined {
  if (!place) return undefined;
  const { category, extension } = place;
  const day = extension?.day ?? category.day;
  const time = extension?.time ?? category.time;
  return {
    key: extension ? `${category.id}/${extension.id}` : category.id,
    name: extension ? `${category.name} – part ${extension.part}` : category.name,
    ...(day ? { day } : {}),
    ...(time ? { time } : {}),
  };
}
