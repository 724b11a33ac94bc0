import type { CollectionName, ProgramCollections, ProgramData } from '../docs/program.ts';
import { COLLECTION_NAMES } from '../docs/program.ts';
import { isRecordId } from '../protocol/ids.ts';

type Reference<K extends CollectionName> = readonly [
  field: keyof ProgramCollections[K] & string,
  target: CollectionName,
];

/** Every field of a program record that holds another record's id (DOMAIN.md §2 foreign keys). */
const REFERENCES: { [K in CollectionName]: ReadonlyArray<Reference<K>> } = {
  studios: [['pairedWith', 'studios']],
  people: [
    ['studioId', 'studios'],
    ['levelId', 'levels'],
    ['ageId', 'ages'],
    ['excludeId', 'people'],
  ],
  judges: [['id', 'people']],
  ages: [],
  levels: [],
  categories: [],
  catExtensions: [['categoryId', 'categories']],
  dances: [
    ['openCategoryId', 'categories'],
    ['closedCategoryId', 'categories'],
    ['soloCategoryId', 'categories'],
    ['multiCategoryId', 'categories'],
    ['proOpenCategoryId', 'categories'],
    ['proClosedCategoryId', 'categories'],
    ['proSoloCategoryId', 'categories'],
    ['proMultiCategoryId', 'categories'],
  ],
  multis: [
    ['parentId', 'dances'],
    ['danceId', 'dances'],
  ],
  multiLevels: [['danceId', 'dances']],
  entries: [
    ['leadId', 'people'],
    ['followId', 'people'],
    ['instructorId', 'people'],
    ['ageId', 'ages'],
    ['levelId', 'levels'],
    ['studioId', 'studios'],
  ],
  heats: [
    ['danceId', 'dances'],
    ['entryId', 'entries'],
  ],
  solos: [
    ['heatId', 'heats'],
    ['comboDanceId', 'dances'],
    ['categoryOverrideId', 'categories'],
  ],
  formations: [
    ['soloId', 'solos'],
    ['personId', 'people'],
  ],
  songs: [['danceId', 'dances']],
  feedbacks: [],
  assignments: [
    ['judgeId', 'people'],
    ['heatId', 'heats'],
  ],
  callbacks: [
    ['danceId', 'dances'],
    ['finalists', 'heats'],
    ['judges', 'people'],
  ],
  results: [],
  notices: [['heatIds', 'heats']],
};

/**
 * What is wrong with program data before it is written: ids that are not record ids, an id
 * used twice in a collection, a reference to a record that does not exist. Empty when sound.
 */
export function programProblems(data: ProgramData): string[] {
  const problems: string[] = [];
  const ids = new Map<CollectionName, Set<string>>();
  for (const name of COLLECTION_NAMES) {
    const seen = new Set<string>();
    for (const record of data[name] ?? []) {
      if (!isRecordId(record.id)) problems.push(`${name}: invalid id ${JSON.stringify(record.id)}`);
      if (seen.has(record.id)) problems.push(`${name}/${record.id}: duplicate id`);
      seen.add(record.id);
    }
    ids.set(name, seen);
  }
  for (const name of COLLECTION_NAMES) {
    const references = REFERENCES[name] as ReadonlyArray<readonly [string, CollectionName]>;
    for (const record of data[name] ?? []) {
      for (const [field, target] of references) {
        const value = (record as unknown as Record<string, unknown>)[field];
        for (const id of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
          if (!ids.get(target)?.has(id)) problems.push(`${name}/${record.id}.${field}: no ${target}/${String(id)}`);
        }
      }
    }
  }
  return problems;
}
