import { parse } from 'yaml';
import type { ProgramData } from '../docs/program.ts';
import { EVENT_STAFF_STUDIO_ID, NOBODY_ID } from '../model/defaults.ts';
import type {
  Age,
  BallroomLetter,
  CatExtension,
  Category,
  Dance,
  Entry,
  EventSettings,
  Feedback,
  Formation,
  Heat,
  HeatCategory,
  JudgePrefs,
  Level,
  Multi,
  MultiLevel,
  Person,
  PersonType,
  ScaleCode,
  Score,
  Solo,
  Song,
  Studio,
} from '../model/types.ts';
import { programProblems } from './check.ts';
import { expandErb } from './erb.ts';

/** The program, and the marks that belong in each judge's own `scores/<judgeId>` document. */
export type ShowcaseImport = ProgramData & { scoresByJudge: Record<string, Score[]> };

export interface ShowcaseImportOptions {
  /** "Today" for ERB dates and the time of imported marks without `updated_at`; default now. */
  now?: Date;
}

type Row = Record<string, unknown>;
/** A fixture file: rows by label, in file order. */
type Table = Map<string, Row>;

/** Ondeck ids are `<prefix>-<label>` (or `<prefix>-<id>` for rows with an explicit id). */
const PREFIX: Record<string, string> = {
  studios: 'studio',
  people: 'person',
  ages: 'age',
  levels: 'level',
  categories: 'cat',
  cat_extensions: 'catx',
  dances: 'dance',
  multis: 'multi',
  multi_levels: 'mlevel',
  entries: 'entry',
  heats: 'heat',
  solos: 'solo',
  formations: 'formation',
  songs: 'song',
  feedbacks: 'fb',
  // Empty score rows are judge assignments.
  scores: 'assign',
};

/** Tables that become ondeck data without ids of their own (settings, judge prefs, pairs). */
const KNOWN = new Set([...Object.keys(PREFIX), 'events', 'judges', 'studio_pairs']);

/**
 * Showcase tables with no ondeck counterpart: invoicing, seating and site administration
 * (DOMAIN.md §2), and recordings, whose audio attachments do not travel in fixtures.
 */
const IGNORED = new Set([
  'recordings',
  'billables',
  'payments',
  'tables',
  'questions',
  'answers',
  'age_costs',
  'package_includes',
  'person_options',
  'locations',
  'showcases',
  'users',
  'regions',
]);

const SCALES: readonly ScaleCode[] = ['1', 'G', '#', '+', '&', '@', '0', '='];
const HEAT_CATEGORIES: readonly HeatCategory[] = ['Open', 'Closed', 'Solo', 'Multi'];
const PERSON_TYPES: readonly PersonType[] = [
  'Student',
  'Professional',
  'Guest',
  'Judge',
  'DJ',
  'Emcee',
  'Official',
  'Organizer',
  'Placeholder',
];
/** Showcase person types ondeck has no type for: studio people who do not dance. */
const AS_GUEST = new Set(['Franchisee', 'Studio Staff']);
const LETTERS: readonly BallroomLetter[] = ['A', 'B', 'C', 'D'];

/** Drops undefined fields, so records carry only what the fixture said. */
function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as Array<keyof T>) if (record[key] === undefined) delete record[key];
  return record;
}

const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

function num(v: unknown, where: string): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`${where}: ${JSON.stringify(v)} is not a number`);
  return n;
}

/** Rails booleans arrive as true/false, 1/0 or "t"/"f". */
const bool = (v: unknown): boolean | undefined =>
  v === null || v === undefined ? undefined : v === true || v === 1 || v === 't' || v === 'true' || v === '1';

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(s)) throw new Error(`${where}: unexpected ${JSON.stringify(s)}`);
  return s as T;
}

const letter = (v: unknown): BallroomLetter | undefined => LETTERS.find((l) => l === str(v));

/** Resolves Rails fixture references: `studio: one` by label, `studio_id: 0` by explicit id. */
function makeResolver(tables: Map<string, Table>) {
  const explicit = new Map<string, Set<number>>();
  for (const [name, table] of tables) {
    explicit.set(name, new Set([...table.values()].flatMap((row) => (row.id === undefined ? [] : [Number(row.id)]))));
  }
  const specials = new Set<string>();
  const byNumber = (table: string, n: number): string => {
    // Showcase's id 0 rows: the "Event Staff" studio and the "Nobody" person.
    if (table === 'studios' && n === 0) return EVENT_STAFF_STUDIO_ID;
    if (table === 'people' && n === 0) return NOBODY_ID;
    return `${PREFIX[table]}-${n}`;
  };
  const idOf = (table: string, label: string, row: Row): string =>
    row.id === undefined
      ? `${PREFIX[table]}-${label.replace(/[^A-Za-z0-9_-]/g, '_')}`
      : byNumber(table, Number(row.id));

  return {
    /** Ids of EVENT_STAFF_STUDIO_ID / NOBODY_ID referred to, which must exist in the result. */
    specials,
    idOf,
    ref(row: Row, association: string, table: string, where: string): string | undefined {
      const label = row[association];
      if (label !== undefined && label !== null) {
        const target = tables.get(table)?.get(String(label));
        if (!target) throw new Error(`${where}: ${association} "${String(label)}" is not a row of ${table}`);
        return idOf(table, String(label), target);
      }
      const n = num(row[`${association}_id`], where);
      if (n === undefined) return undefined;
      const id = byNumber(table, n);
      if (id === EVENT_STAFF_STUDIO_ID || id === NOBODY_ID) specials.add(id);
      else if (!explicit.get(table)?.has(n))
        throw new Error(`${where}: ${association}_id ${n} is not a row of ${table}`);
      return id;
    },
    required(row: Row, association: string, table: string, where: string): string {
      const id = this.ref(row, association, table, where);
      if (id === undefined) throw new Error(`${where}: ${association} is required`);
      return id;
    },
  };
}

function settingsOf(row: Row | undefined): Partial<EventSettings> {
  if (!row) return {};
  const where = 'events';
  const ballrooms = num(row.ballrooms, where);
  const columnOrder = num(row.column_order, where);
  const rangeCat = num(row.heat_range_cat, where);
  return compact({
    name: str(row.name),
    date: str(row.date),
    location: str(row.location),
    openScoring: oneOf(row.open_scoring, SCALES, `${where}.open_scoring`),
    closedScoring: oneOf(row.closed_scoring, SCALES, `${where}.closed_scoring`),
    multiScoring: oneOf(row.multi_scoring, SCALES, `${where}.multi_scoring`),
    soloScoring: oneOf(row.solo_scoring, ['1', '4'] as const, `${where}.solo_scoring`),
    judgeComments: bool(row.judge_comments),
    // An integer column in showcase (0/1).
    assignJudges:
      row.assign_judges === undefined || row.assign_judges === null ? undefined : Number(row.assign_judges) > 0,
    finalist: str(row.finalist),
    strictScoring: bool(row.strict_scoring),
    backnums: bool(row.backnums),
    trackAges: bool(row.track_ages),
    columnOrder: columnOrder === 1 || columnOrder === 2 ? columnOrder : undefined,
    proAm: oneOf(row.pro_am, ['G', 'L'] as const, `${where}.pro_am`),
    ballrooms:
      ballrooms !== undefined && ballrooms >= 1 && ballrooms <= 6
        ? (ballrooms as EventSettings['ballrooms'])
        : undefined,
    maxHeatSize: num(row.max_heat_size, where),
    combineOpenClosed: rangeCat === undefined ? undefined : rangeCat === 1,
    heatLength: num(row.heat_length, where),
    soloLength: num(row.solo_length, where),
    includeTimes: bool(row.include_times),
    locked: bool(row.locked),
  });
}

/**
 * Maps rubys/showcase test fixtures (YAML texts keyed by table name: `people`, `heats`, …) to
 * ondeck program records, and score rows to per-judge marks. Empty score rows are judge
 * assignments (DOMAIN.md §2 scores) and become `assignments`. Throws on a reference that does
 * not resolve, an unknown table, or a value outside the showcase domain.
 */
export function importShowcaseFixtures(
  files: Record<string, string>,
  options: ShowcaseImportOptions = {},
): ShowcaseImport {
  const now = options.now ?? new Date();
  const tables = new Map<string, Table>();
  for (const [name, text] of Object.entries(files)) {
    if (IGNORED.has(name)) continue;
    if (!KNOWN.has(name)) throw new Error(`unknown showcase table ${name}`);
    const parsed: unknown = parse(expandErb(text, now)) ?? {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${name}: expected rows by label`);
    tables.set(name, new Map(Object.entries(parsed as Record<string, Row>).map(([label, row]) => [label, row ?? {}])));
  }
  const r = makeResolver(tables);
  const rows = (table: string): Array<[label: string, row: Row, where: string, position: number]> =>
    [...(tables.get(table) ?? new Map<string, Row>())].map(([label, row], i) => [
      label,
      row,
      `${table}.${label}`,
      i + 1,
    ]);

  const studios: Studio[] = rows('studios').map(([label, row]) =>
    compact({ id: r.idOf('studios', label, row), name: str(row.name) ?? label, ballroom: letter(row.ballroom) }),
  );
  for (const [, row, where] of rows('studio_pairs')) {
    const [a, b] = [r.required(row, 'studio1', 'studios', where), r.required(row, 'studio2', 'studios', where)];
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const studio = studios.find((s) => s.id === from);
      if (studio) studio.pairedWith = [...(studio.pairedWith ?? []), to];
    }
  }

  const people: Person[] = rows('people').map(([label, row, where]) => {
    const type = str(row.type);
    return compact({
      id: r.idOf('people', label, row),
      name: str(row.name) ?? label,
      type: type && AS_GUEST.has(type) ? 'Guest' : (oneOf(type, PERSON_TYPES, `${where}.type`) ?? 'Guest'),
      role: oneOf(row.role, ['Leader', 'Follower', 'Both'] as const, `${where}.role`),
      back: num(row.back, where),
      studioId: r.required(row, 'studio', 'studios', where),
      levelId: r.ref(row, 'level', 'levels', where),
      ageId: r.ref(row, 'age', 'ages', where),
      excludeId: r.ref(row, 'exclude', 'people', where),
      available: str(row.available),
    });
  });

  const judges: JudgePrefs[] = rows('judges').map(([, row, where]) => ({
    id: r.required(row, 'person', 'people', where),
    present: bool(row.present) ?? true,
    ballroom: str(row.ballroom) === 'Both' ? 'Both' : (letter(row.ballroom) ?? 'Both'),
    sort: oneOf(row.sort, ['back', 'level'] as const, `${where}.sort`) ?? 'back',
    showAssignments: oneOf(row.show_assignments, ['first', 'only', 'mixed'] as const, where) ?? 'first',
    reviewSolos: oneOf(row.review_solos, ['All', 'Even', 'Odd', 'None'] as const, where) ?? 'All',
  }));

  // Showcase orders ages and levels by id; rows without one keep their place in the file.
  const ages: Age[] = rows('ages').map(([label, row, where, position]) => ({
    id: r.idOf('ages', label, row),
    category: str(row.category) ?? label,
    description: str(row.description) ?? '',
    order: num(row.id, where) ?? position,
  }));
  const levels: Level[] = rows('levels').map(([label, row, where, position]) => ({
    id: r.idOf('levels', label, row),
    name: str(row.name) ?? label,
    order: num(row.id, where) ?? position,
  }));

  const categories: Category[] = rows('categories').map(([label, row, where, position]) =>
    compact({
      id: r.idOf('categories', label, row),
      name: str(row.name) ?? label,
      order: num(row.order, where) ?? position,
      day: str(row.day),
      time: str(row.time),
      ballrooms: num(row.ballrooms, where),
      maxHeatSize: num(row.max_heat_size, where),
      split: str(row.split),
      locked: bool(row.locked),
      pro: bool(row.pro),
      routines: bool(row.routines),
      useCategoryScoring: bool(row.use_category_scoring),
    }),
  );
  const catExtensions: CatExtension[] = rows('cat_extensions').map(([label, row, where, position]) =>
    compact({
      id: r.idOf('cat_extensions', label, row),
      categoryId: r.required(row, 'category', 'categories', where),
      part: num(row.part, where) ?? 1,
      order: num(row.order, where) ?? position,
      day: str(row.day),
      time: str(row.time),
      // Showcase fills start_heat when it schedules; 0 = not scheduled yet, like heat 0.
      startHeat: num(row.start_heat, where) ?? 0,
    }),
  );

  const dances: Dance[] = rows('dances').map(([label, row, where, position]) =>
    compact({
      id: r.idOf('dances', label, row),
      name: str(row.name) ?? label,
      order: num(row.order, where) ?? position,
      heatLength: num(row.heat_length, where),
      limit: num(row.limit, where),
      semiFinals: bool(row.semi_finals),
      openCategoryId: r.ref(row, 'open_category', 'categories', where),
      closedCategoryId: r.ref(row, 'closed_category', 'categories', where),
      soloCategoryId: r.ref(row, 'solo_category', 'categories', where),
      multiCategoryId: r.ref(row, 'multi_category', 'categories', where),
      proOpenCategoryId: r.ref(row, 'pro_open_category', 'categories', where),
      proClosedCategoryId: r.ref(row, 'pro_closed_category', 'categories', where),
      proSoloCategoryId: r.ref(row, 'pro_solo_category', 'categories', where),
      proMultiCategoryId: r.ref(row, 'pro_multi_category', 'categories', where),
    }),
  );
  const multis: Multi[] = rows('multis').map(([label, row, where]) =>
    compact({
      id: r.idOf('multis', label, row),
      parentId: r.required(row, 'parent', 'dances', where),
      danceId: r.required(row, 'dance', 'dances', where),
      slot: num(row.slot, where),
    }),
  );
  const multiLevels: MultiLevel[] = rows('multi_levels').map(([label, row, where]) =>
    compact({
      id: r.idOf('multi_levels', label, row),
      danceId: r.required(row, 'dance', 'dances', where),
      name: str(row.name) ?? label,
      startLevel: num(row.start_level, where),
      stopLevel: num(row.stop_level, where),
      startAge: num(row.start_age, where),
      stopAge: num(row.stop_age, where),
      coupleType: str(row.couple_type),
    }),
  );

  const entries: Entry[] = rows('entries').map(([label, row, where]) =>
    compact({
      id: r.idOf('entries', label, row),
      leadId: r.required(row, 'lead', 'people', where),
      followId: r.required(row, 'follow', 'people', where),
      instructorId: r.ref(row, 'instructor', 'people', where),
      ageId: r.ref(row, 'age', 'ages', where),
      levelId: r.required(row, 'level', 'levels', where),
      studioId: r.ref(row, 'studio', 'studios', where),
    }),
  );
  const heats: Heat[] = rows('heats').map(([label, row, where]) =>
    compact({
      id: r.idOf('heats', label, row),
      number: num(row.number, where) ?? 0,
      category: oneOf(row.category, HEAT_CATEGORIES, `${where}.category`) ?? 'Open',
      danceId: r.required(row, 'dance', 'dances', where),
      entryId: r.required(row, 'entry', 'entries', where),
      ballroom: letter(row.ballroom),
      prevNumber: num(row.prev_number, where),
    }),
  );
  const solos: Solo[] = rows('solos').map(([label, row, where, position]) =>
    compact({
      id: r.idOf('solos', label, row),
      heatId: r.required(row, 'heat', 'heats', where),
      order: num(row.order, where) ?? position,
      song: str(row.song),
      artist: str(row.artist),
      comboDanceId: r.ref(row, 'combo_dance', 'dances', where),
      categoryOverrideId: r.ref(row, 'category_override', 'categories', where),
    }),
  );
  const formations: Formation[] = rows('formations').map(([label, row, where]) => ({
    id: r.idOf('formations', label, row),
    soloId: r.required(row, 'solo', 'solos', where),
    personId: r.required(row, 'person', 'people', where),
    // Showcase's column defaults to true: members dance unless marked credit-only.
    onFloor: bool(row.on_floor) ?? true,
  }));
  const songs: Song[] = rows('songs').map(([label, row, where, position]) =>
    compact({
      id: r.idOf('songs', label, row),
      danceId: r.required(row, 'dance', 'dances', where),
      title: str(row.title) ?? label,
      artist: str(row.artist),
      order: num(row.order, where) ?? position,
    }),
  );
  const feedbacks: Feedback[] = rows('feedbacks').map(([label, row, where, position]) => ({
    id: r.idOf('feedbacks', label, row),
    order: num(row.order, where) ?? position,
    value: str(row.value) ?? '',
    abbr: str(row.abbr) ?? '',
  }));

  const scoresByJudge: Record<string, Score[]> = {};
  const assignments: NonNullable<ProgramData['assignments']> = [];
  for (const [label, row, where] of rows('scores')) {
    const judgeId = r.required(row, 'judge', 'people', where);
    const content = { value: str(row.value), good: str(row.good), bad: str(row.bad), comments: str(row.comments) };
    const heatNumber = num(row.heat_id, where);
    const updated = Date.parse(str(row.updated_at) ?? '');
    const updatedAt = Number.isNaN(updated) ? now.getTime() : updated;
    let score: Score;
    if (heatNumber !== undefined && heatNumber < 0) {
      // A category score: heat_id is minus the category's id and the mark is kept in `good`.
      const categoryId = r.required({ category_id: -heatNumber }, 'category', 'categories', where);
      score = compact({
        heatId: '',
        categoryId,
        personId: r.required(row, 'person', 'people', where),
        value: content.good ?? content.value,
        comments: content.comments,
        updatedAt,
      });
    } else {
      const heatId = r.required(row, 'heat', 'heats', where);
      if (Object.values(content).every((v) => v === undefined)) {
        assignments.push({ id: r.idOf('scores', label, row), judgeId, heatId });
        continue;
      }
      score = compact({ heatId, slot: num(row.slot, where), ...content, updatedAt });
    }
    const judged = scoresByJudge[judgeId] ?? [];
    judged.push(score);
    scoresByJudge[judgeId] = judged;
  }

  if (r.specials.has(EVENT_STAFF_STUDIO_ID) && !studios.some((s) => s.id === EVENT_STAFF_STUDIO_ID)) {
    studios.unshift({ id: EVENT_STAFF_STUDIO_ID, name: 'Event Staff' });
  }
  if (r.specials.has(NOBODY_ID) && !people.some((p) => p.id === NOBODY_ID)) {
    people.unshift({ id: NOBODY_ID, name: 'Nobody', type: 'Placeholder', studioId: EVENT_STAFF_STUDIO_ID });
    if (!studios.some((s) => s.id === EVENT_STAFF_STUDIO_ID))
      studios.unshift({ id: EVENT_STAFF_STUDIO_ID, name: 'Event Staff' });
  }

  const program: ShowcaseImport = {
    settings: settingsOf([...(tables.get('events')?.values() ?? [])][0]),
    studios,
    people,
    judges,
    ages,
    levels,
    categories,
    catExtensions,
    dances,
    multis,
    multiLevels,
    entries,
    heats,
    solos,
    formations,
    songs,
    feedbacks,
    assignments,
    scoresByJudge,
  };
  const problems = programProblems(program);
  if (problems.length > 0) throw new Error(`showcase fixtures do not fit together:\n${problems.join('\n')}`);
  return program;
}
