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
import type { ImportProblem } from '../protocol/importApi.ts';
import { programProblems } from './check.ts';

/** The program, and the marks that belong in each judge's own `scores/<judgeId>` document. */
export type ShowcaseImport = ProgramData & { scoresByJudge: Record<string, Score[]> };

export interface ShowcaseImportOptions {
  /** "Today" for ERB dates and the time of imported marks without `updated_at`; default now. */
  now?: Date;
}

/** A Showcase row as plain values: a fixture's YAML mapping or a database row. */
export type ShowcaseRow = Record<string, unknown>;
/** A table's rows in order, each with its key: the fixture label or the database id. */
export type ShowcaseRows = ReadonlyArray<readonly [key: string, row: ShowcaseRow]>;

/** Where a reference leads: a record id, nothing (the column is empty), or a dangling reference. */
export type Reference = { id: string } | { none: true } | { missing: string; column: string };

/**
 * How rows name each other: fixtures by label (`studio: one`) or id (`studio_id: 0`), a
 * database by id alone. Ids are the same either way, so one row becomes one record.
 */
export interface ShowcaseReferences {
  /** The ondeck id of a row of `table`. */
  idOf(table: string, key: string, row: ShowcaseRow): string;
  /** The record `row` refers to through `association` (`studio` → `studio_id`) in `table`. */
  find(row: ShowcaseRow, association: string, table: string): Reference;
}

/** An attached music file of a song or a solo (Active Storage), to bring along when present. */
export interface ShowcaseMusic {
  collection: 'songs' | 'solos';
  recordId: string;
  /** Active Storage's key: the file's name in the storage folder. */
  key: string;
  filename: string;
  contentType?: string;
  byteSize?: number;
  /** Active Storage's checksum: the base64 MD5 of the file. */
  checksum?: string;
}

export interface ShowcaseMapping {
  data: ShowcaseImport;
  music: ShowcaseMusic[];
  problems: ImportProblem[];
  /** Attachments of other kinds (counter art, voice notes), by record type: not imported. */
  otherAttachments: Record<string, number>;
}

/** Ondeck ids are `<prefix>-<id>` (or `<prefix>-<label>` for fixture rows without an id). */
export const SHOWCASE_PREFIX: Readonly<Record<string, string>> = {
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

/**
 * The ondeck id of a Showcase row by its database id. Id 0 is Showcase's "Event Staff" studio
 * and "Nobody" person, which ondeck has under fixed ids.
 */
export function showcaseRecordId(table: string, id: number): string {
  if (table === 'studios' && id === 0) return EVENT_STAFF_STUDIO_ID;
  if (table === 'people' && id === 0) return NOBODY_ID;
  return `${SHOWCASE_PREFIX[table]}-${id}`;
}

/** The Showcase database id behind an ondeck id (the inverse of `showcaseRecordId`), if any. */
export function showcaseRowId(table: string, recordId: string): number | undefined {
  if (table === 'studios' && recordId === EVENT_STAFF_STUDIO_ID) return 0;
  if (table === 'people' && recordId === NOBODY_ID) return 0;
  const prefix = `${SHOWCASE_PREFIX[table]}-`;
  if (!recordId.startsWith(prefix)) return undefined;
  const digits = recordId.slice(prefix.length);
  return /^(0|[1-9]\d{0,15})$/.test(digits) ? Number(digits) : undefined;
}

/** References between the rows of a Showcase database: by id. */
export function databaseReferences(tables: ReadonlyMap<string, ShowcaseRows>): ShowcaseReferences {
  const ids = new Map<string, Set<number>>();
  for (const [name, rows] of tables) ids.set(name, new Set(rows.map(([key]) => Number(key))));
  return {
    idOf: (table, key) => showcaseRecordId(table, Number(key)),
    find(row, association, table) {
      const column = `${association}_id`;
      const value = row[column];
      if (value === null || value === undefined || value === '') return { none: true };
      const n = Number(value);
      // Showcase refers to its "Event Staff" studio and "Nobody" person as 0 with or without a row.
      if (n === 0 && (table === 'studios' || table === 'people')) return { id: showcaseRecordId(table, 0) };
      if (!Number.isInteger(n) || !ids.get(table)?.has(n))
        return { missing: `${column} ${JSON.stringify(value)} is not a row of ${table}`, column };
      return { id: showcaseRecordId(table, n) };
    },
  };
}

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

/**
 * The record without its undefined fields, so records carry only what the row said.
 * NOTE: copied rather than `delete`d: deleting keys turns V8 objects into slow dictionaries,
 * which cost the large event's import a measurable share of its time in GC and copying.
 */
function compact<T extends object>(record: T): T {
  const out = {} as T;
  for (const key in record) if (record[key] !== undefined) out[key] = record[key];
  return out;
}

const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

/** Rails booleans arrive as true/false, 1/0 or "t"/"f". */
const bool = (v: unknown): boolean | undefined =>
  v === null || v === undefined ? undefined : v === true || v === 1 || v === 't' || v === 'true' || v === '1';

const letter = (v: unknown): BallroomLetter | undefined => LETTERS.find((l) => l === str(v));

/**
 * Milliseconds of a Rails timestamp. Rails keeps them in UTC as `2025-03-14 10:00:00.123456`
 * (no zone), which `Date.parse` would read as local time.
 */
export function showcaseTime(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  const s = str(v)?.trim();
  if (!s) return undefined;
  // NOTE: the usual shape, read by position: a score row each, and bench:import shows a
  // regular expression and Date.parse per row as a tenth of the mapping.
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})?$/.test(s)) {
    const n = (from: number, to: number) => Number(s.slice(from, to));
    const ms = s.length > 20 ? Number(s.slice(20, 23).padEnd(3, '0')) : 0;
    return Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), ms);
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) {
    const parsed = Date.parse(s);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  const fraction = (m[3] ?? '').slice(0, 4);
  const zone = !m[4] || /^(z|utc)$/i.test(m[4]) ? 'Z' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
}

/**
 * Maps the rows of a Showcase event — test fixtures or a real database — to ondeck program
 * records, and score rows to per-judge marks. Empty score rows are judge assignments
 * (DOMAIN.md §2 scores) and become `assignments`. Nothing throws: a reference that does not
 * resolve is an error (its row is left out), a value outside the Showcase domain a warning
 * (the default is used), each naming its table, row and column.
 */
export function mapShowcase(
  tables: ReadonlyMap<string, ShowcaseRows>,
  refs: ShowcaseReferences,
  options: ShowcaseImportOptions = {},
): ShowcaseMapping {
  const now = options.now ?? new Date();
  const problems: ImportProblem[] = [];
  const specials = new Set<string>();

  type Place = { table: string; key: string };
  const report = (severity: ImportProblem['severity'], at: Place, column: string | undefined, message: string) =>
    problems.push(compact({ severity, table: at.table, row: at.key, column, message }));

  const num = (row: ShowcaseRow, column: string, at: Place): number | undefined => {
    const v = row[column];
    if (v === null || v === undefined || v === '') return undefined;
    const n = Number(v);
    if (Number.isNaN(n)) {
      report('warning', at, column, `${JSON.stringify(v)} is not a number; left empty`);
      return undefined;
    }
    return n;
  };
  const oneOf = <T extends string>(
    row: ShowcaseRow,
    column: string,
    allowed: readonly T[],
    at: Place,
    fallback?: T,
  ) => {
    const s = str(row[column]);
    if (s === undefined) return undefined;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    report(
      'warning',
      at,
      column,
      `unexpected ${JSON.stringify(s)} (${allowed.join(', ')})${fallback ? `; taken as ${fallback}` : '; left empty'}`,
    );
    return fallback;
  };
  const settle = (found: Reference, at: Place): string | undefined => {
    if ('missing' in found) {
      report('error', at, found.column, found.missing);
      return undefined;
    }
    if ('none' in found) return undefined;
    if (found.id === EVENT_STAFF_STUDIO_ID || found.id === NOBODY_ID) specials.add(found.id);
    return found.id;
  };
  /** The referenced record's id; a dangling reference is an error and counts as none. */
  const ref = (row: ShowcaseRow, association: string, table: string, at: Place): string | undefined =>
    settle(refs.find(row, association, table), at);
  /** Like `ref`, and a row that refers to nothing is an error too: the caller leaves it out. */
  const required = (row: ShowcaseRow, association: string, table: string, at: Place): string | undefined => {
    const found = refs.find(row, association, table);
    if ('none' in found) report('error', at, `${association}_id`, `${association} is required; the row is left out`);
    return settle(found, at);
  };
  const rows = (table: string) =>
    (tables.get(table) ?? []).map(([key, row], i) => ({ key, row, at: { table, key }, position: i + 1 }));
  /** Maps every row; a row whose mapping gives undefined (a required reference failed) is left out. */
  const each = <T>(table: string, map: (r: ReturnType<typeof rows>[number]) => T | undefined): T[] =>
    rows(table).flatMap((r) => {
      const record = map(r);
      return record === undefined ? [] : [record];
    });
  const idOf = (r: { key: string; row: ShowcaseRow; at: Place }) => refs.idOf(r.at.table, r.key, r.row);

  const studios: Studio[] = each('studios', (r) =>
    compact({ id: idOf(r), name: str(r.row.name) ?? r.key, ballroom: letter(r.row.ballroom) }),
  );
  for (const r of rows('studio_pairs')) {
    const a = required(r.row, 'studio1', 'studios', r.at);
    const b = required(r.row, 'studio2', 'studios', r.at);
    if (!a || !b) continue;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const studio = studios.find((s) => s.id === from);
      if (studio) studio.pairedWith = [...(studio.pairedWith ?? []), to];
    }
  }

  const people: Person[] = each('people', (r) => {
    const studioId = required(r.row, 'studio', 'studios', r.at);
    if (!studioId) return undefined;
    const type = str(r.row.type);
    return compact({
      id: idOf(r),
      name: str(r.row.name) ?? r.key,
      type: type && AS_GUEST.has(type) ? 'Guest' : (oneOf(r.row, 'type', PERSON_TYPES, r.at, 'Guest') ?? 'Guest'),
      role: oneOf(r.row, 'role', ['Leader', 'Follower', 'Both'] as const, r.at),
      back: num(r.row, 'back', r.at),
      studioId,
      levelId: ref(r.row, 'level', 'levels', r.at),
      ageId: ref(r.row, 'age', 'ages', r.at),
      excludeId: ref(r.row, 'exclude', 'people', r.at),
      available: str(r.row.available),
    });
  });

  const judges: JudgePrefs[] = each('judges', (r) => {
    const id = required(r.row, 'person', 'people', r.at);
    if (!id) return undefined;
    return {
      id,
      present: bool(r.row.present) ?? true,
      ballroom: str(r.row.ballroom) === 'Both' ? 'Both' : (letter(r.row.ballroom) ?? 'Both'),
      sort: oneOf(r.row, 'sort', ['back', 'level'] as const, r.at, 'back') ?? 'back',
      showAssignments: oneOf(r.row, 'show_assignments', ['first', 'only', 'mixed'] as const, r.at, 'first') ?? 'first',
      reviewSolos: oneOf(r.row, 'review_solos', ['All', 'Even', 'Odd', 'None'] as const, r.at, 'All') ?? 'All',
    };
  });

  // Showcase orders ages and levels by id; rows without one keep their place in the file.
  const ages: Age[] = each('ages', (r) => ({
    id: idOf(r),
    category: str(r.row.category) ?? r.key,
    description: str(r.row.description) ?? '',
    order: num(r.row, 'id', r.at) ?? r.position,
  }));
  const levels: Level[] = each('levels', (r) => ({
    id: idOf(r),
    name: str(r.row.name) ?? r.key,
    order: num(r.row, 'id', r.at) ?? r.position,
  }));

  const categories: Category[] = each('categories', (r) =>
    compact({
      id: idOf(r),
      name: str(r.row.name) ?? r.key,
      order: num(r.row, 'order', r.at) ?? r.position,
      day: str(r.row.day),
      time: str(r.row.time),
      ballrooms: num(r.row, 'ballrooms', r.at),
      maxHeatSize: num(r.row, 'max_heat_size', r.at),
      split: str(r.row.split),
      locked: bool(r.row.locked),
      pro: bool(r.row.pro),
      routines: bool(r.row.routines),
      useCategoryScoring: bool(r.row.use_category_scoring),
    }),
  );
  const catExtensions: CatExtension[] = each('cat_extensions', (r) => {
    const categoryId = required(r.row, 'category', 'categories', r.at);
    if (!categoryId) return undefined;
    return compact({
      id: idOf(r),
      categoryId,
      part: num(r.row, 'part', r.at) ?? 1,
      order: num(r.row, 'order', r.at) ?? r.position,
      day: str(r.row.day),
      time: str(r.row.time),
      // Showcase fills start_heat when it schedules; 0 = not scheduled yet, like heat 0.
      startHeat: num(r.row, 'start_heat', r.at) ?? 0,
    });
  });

  const dances: Dance[] = each('dances', (r) =>
    compact({
      id: idOf(r),
      name: str(r.row.name) ?? r.key,
      order: num(r.row, 'order', r.at) ?? r.position,
      heatLength: num(r.row, 'heat_length', r.at),
      limit: num(r.row, 'limit', r.at),
      semiFinals: bool(r.row.semi_finals),
      openCategoryId: ref(r.row, 'open_category', 'categories', r.at),
      closedCategoryId: ref(r.row, 'closed_category', 'categories', r.at),
      soloCategoryId: ref(r.row, 'solo_category', 'categories', r.at),
      multiCategoryId: ref(r.row, 'multi_category', 'categories', r.at),
      proOpenCategoryId: ref(r.row, 'pro_open_category', 'categories', r.at),
      proClosedCategoryId: ref(r.row, 'pro_closed_category', 'categories', r.at),
      proSoloCategoryId: ref(r.row, 'pro_solo_category', 'categories', r.at),
      proMultiCategoryId: ref(r.row, 'pro_multi_category', 'categories', r.at),
    }),
  );
  const multis: Multi[] = each('multis', (r) => {
    const parentId = required(r.row, 'parent', 'dances', r.at);
    const danceId = required(r.row, 'dance', 'dances', r.at);
    if (!parentId || !danceId) return undefined;
    return compact({ id: idOf(r), parentId, danceId, slot: num(r.row, 'slot', r.at) });
  });
  const multiLevels: MultiLevel[] = each('multi_levels', (r) => {
    const danceId = required(r.row, 'dance', 'dances', r.at);
    if (!danceId) return undefined;
    return compact({
      id: idOf(r),
      danceId,
      name: str(r.row.name) ?? r.key,
      startLevel: num(r.row, 'start_level', r.at),
      stopLevel: num(r.row, 'stop_level', r.at),
      startAge: num(r.row, 'start_age', r.at),
      stopAge: num(r.row, 'stop_age', r.at),
      coupleType: str(r.row.couple_type),
    });
  });

  const entries: Entry[] = each('entries', (r) => {
    const leadId = required(r.row, 'lead', 'people', r.at);
    const followId = required(r.row, 'follow', 'people', r.at);
    const levelId = required(r.row, 'level', 'levels', r.at);
    const rest = {
      instructorId: ref(r.row, 'instructor', 'people', r.at),
      ageId: ref(r.row, 'age', 'ages', r.at),
      studioId: ref(r.row, 'studio', 'studios', r.at),
    };
    if (!leadId || !followId || !levelId) return undefined;
    return compact({ id: idOf(r), leadId, followId, ...rest, levelId });
  });
  const heats: Heat[] = each('heats', (r) => {
    const danceId = required(r.row, 'dance', 'dances', r.at);
    const entryId = required(r.row, 'entry', 'entries', r.at);
    if (!danceId || !entryId) return undefined;
    return compact({
      id: idOf(r),
      number: num(r.row, 'number', r.at) ?? 0,
      category: oneOf(r.row, 'category', HEAT_CATEGORIES, r.at, 'Open') ?? 'Open',
      danceId,
      entryId,
      ballroom: letter(r.row.ballroom),
      prevNumber: num(r.row, 'prev_number', r.at),
    });
  });
  const solos: Solo[] = each('solos', (r) => {
    const heatId = required(r.row, 'heat', 'heats', r.at);
    if (!heatId) return undefined;
    return compact({
      id: idOf(r),
      heatId,
      order: num(r.row, 'order', r.at) ?? r.position,
      song: str(r.row.song),
      artist: str(r.row.artist),
      comboDanceId: ref(r.row, 'combo_dance', 'dances', r.at),
      categoryOverrideId: ref(r.row, 'category_override', 'categories', r.at),
    });
  });
  const formations: Formation[] = each('formations', (r) => {
    const soloId = required(r.row, 'solo', 'solos', r.at);
    const personId = required(r.row, 'person', 'people', r.at);
    if (!soloId || !personId) return undefined;
    // Showcase's column defaults to true: members dance unless marked credit-only.
    return { id: idOf(r), soloId, personId, onFloor: bool(r.row.on_floor) ?? true };
  });
  const songs: Song[] = each('songs', (r) => {
    const danceId = required(r.row, 'dance', 'dances', r.at);
    if (!danceId) return undefined;
    return compact({
      id: idOf(r),
      danceId,
      title: str(r.row.title) ?? r.key,
      artist: str(r.row.artist),
      order: num(r.row, 'order', r.at) ?? r.position,
    });
  });
  const feedbacks: Feedback[] = each('feedbacks', (r) => ({
    id: idOf(r),
    order: num(r.row, 'order', r.at) ?? r.position,
    value: str(r.row.value) ?? '',
    abbr: str(r.row.abbr) ?? '',
  }));

  const { scoresByJudge, assignments } = mapScores();

  function mapScores() {
    const byJudge = new Map<string, Map<string, { score: Score; at: Place }>>();
    const assigned: NonNullable<ProgramData['assignments']> = [];
    for (const r of rows('scores')) {
      const judgeId = required(r.row, 'judge', 'people', r.at);
      const content = {
        value: str(r.row.value),
        good: str(r.row.good),
        bad: str(r.row.bad),
        comments: str(r.row.comments),
      };
      const heatNumber = num(r.row, 'heat_id', r.at);
      const updatedAt = showcaseTime(r.row.updated_at) ?? now.getTime();
      let score: Score;
      let key: string;
      if (heatNumber !== undefined && heatNumber < 0) {
        // A category score: heat_id is minus the category's id and the mark is kept in `good`.
        const categoryId = required({ category_id: -heatNumber }, 'category', 'categories', r.at);
        const personId = required(r.row, 'person', 'people', r.at);
        if (!judgeId || !categoryId || !personId) continue;
        score = compact({
          heatId: '',
          categoryId,
          personId,
          value: content.good ?? content.value,
          comments: content.comments,
          updatedAt,
        });
        key = `c/${categoryId}/${personId}`;
      } else {
        const heatId = required(r.row, 'heat', 'heats', r.at);
        if (!judgeId || !heatId) continue;
        if (
          content.value === undefined &&
          content.good === undefined &&
          content.bad === undefined &&
          content.comments === undefined
        ) {
          assigned.push({ id: idOf(r), judgeId, heatId });
          continue;
        }
        const slot = num(r.row, 'slot', r.at);
        score = compact({ heatId, slot, ...content, updatedAt });
        key = `h/${heatId}/${slot ?? 0}`;
      }
      const judged = byJudge.get(judgeId) ?? new Map<string, { score: Score; at: Place }>();
      byJudge.set(judgeId, judged);
      const earlier = judged.get(key);
      if (earlier) {
        // Showcase finds or creates one row per judge, heat and slot; two rows are a race it lost.
        const [kept, dropped] =
          earlier.score.updatedAt > score.updatedAt ? [earlier, { score, at: r.at }] : [{ score, at: r.at }, earlier];
        report(
          'warning',
          dropped.at,
          undefined,
          `another row (${kept.at.key}) holds this judge's mark for the same couple; the later one is kept`,
        );
        judged.set(key, kept);
      } else judged.set(key, { score, at: r.at });
    }
    const marks: Record<string, Score[]> = {};
    for (const [judgeId, judged] of byJudge) marks[judgeId] = [...judged.values()].map((j) => j.score);
    return { scoresByJudge: marks, assignments: assigned };
  }

  const { music, otherAttachments } = mapAttachments();

  function mapAttachments() {
    const blobs = new Map(rows('active_storage_blobs').map((r) => [r.key, r]));
    const found: ShowcaseMusic[] = [];
    const others: Record<string, number> = {};
    const targets: Record<string, { collection: 'songs' | 'solos'; table: string }> = {
      Song: { collection: 'songs', table: 'songs' },
      Solo: { collection: 'solos', table: 'solos' },
    };
    const known = { songs: new Set(songs.map((s) => s.id)), solos: new Set(solos.map((s) => s.id)) };
    for (const r of rows('active_storage_attachments')) {
      const type = str(r.row.record_type) ?? '';
      const target = targets[type];
      if (!target || str(r.row.name) !== 'song_file') {
        others[type] = (others[type] ?? 0) + 1;
        continue;
      }
      const blob = blobs.get(str(r.row.blob_id) ?? '');
      const record = refs.find(r.row, 'record', target.table);
      if (!blob) {
        report('warning', r.at, 'blob_id', `blob ${String(r.row.blob_id)} is not a row of active_storage_blobs`);
        continue;
      }
      // Music of a song or solo that is gone (or was left out) has nothing to attach to.
      const recordId = 'id' in record ? record.id : undefined;
      if (!recordId || !known[target.collection].has(recordId)) {
        report(
          'warning',
          r.at,
          'record_id',
          `${type} ${String(r.row.record_id)} is not imported; its music is left out`,
        );
        continue;
      }
      found.push(
        compact({
          collection: target.collection,
          recordId,
          key: str(blob.row.key) ?? '',
          filename: str(blob.row.filename) ?? '',
          contentType: str(blob.row.content_type),
          byteSize: num(blob.row, 'byte_size', blob.at),
          checksum: str(blob.row.checksum),
        }),
      );
    }
    return { music: found, otherAttachments: others };
  }

  if (specials.has(EVENT_STAFF_STUDIO_ID) && !studios.some((s) => s.id === EVENT_STAFF_STUDIO_ID)) {
    studios.unshift({ id: EVENT_STAFF_STUDIO_ID, name: 'Event Staff' });
  }
  if (specials.has(NOBODY_ID) && !people.some((p) => p.id === NOBODY_ID)) {
    people.unshift({ id: NOBODY_ID, name: 'Nobody', type: 'Placeholder', studioId: EVENT_STAFF_STUDIO_ID });
    if (!studios.some((s) => s.id === EVENT_STAFF_STUDIO_ID))
      studios.unshift({ id: EVENT_STAFF_STUDIO_ID, name: 'Event Staff' });
  }

  const data: ShowcaseImport = {
    settings: settingsOf(rows('events')[0]),
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
  // Rows left out for a failed reference are already reported; what remains must fit together.
  if (!problems.some((p) => p.severity === 'error')) {
    for (const message of programProblems(data)) problems.push({ severity: 'error', table: 'program', message });
  }
  return { data, music, problems, otherAttachments };

  function settingsOf(r: ReturnType<typeof rows>[number] | undefined): Partial<EventSettings> {
    if (!r) return {};
    const { row, at } = r;
    const ballrooms = num(row, 'ballrooms', at);
    const columnOrder = num(row, 'column_order', at);
    const rangeCat = num(row, 'heat_range_cat', at);
    const assign = num(row, 'assign_judges', at);
    return compact({
      name: str(row.name),
      date: str(row.date),
      location: str(row.location),
      openScoring: oneOf(row, 'open_scoring', SCALES, at),
      closedScoring: oneOf(row, 'closed_scoring', SCALES, at),
      multiScoring: oneOf(row, 'multi_scoring', SCALES, at),
      soloScoring: oneOf(row, 'solo_scoring', ['1', '4'] as const, at),
      judgeComments: bool(row.judge_comments),
      // An integer column in showcase (0/1).
      assignJudges: assign === undefined ? undefined : assign > 0,
      finalist: str(row.finalist),
      strictScoring: bool(row.strict_scoring),
      backnums: bool(row.backnums),
      trackAges: bool(row.track_ages),
      columnOrder: columnOrder === 1 || columnOrder === 2 ? columnOrder : undefined,
      proAm: oneOf(row, 'pro_am', ['G', 'L'] as const, at),
      ballrooms:
        ballrooms !== undefined && ballrooms >= 1 && ballrooms <= 6
          ? (ballrooms as EventSettings['ballrooms'])
          : undefined,
      maxHeatSize: num(row, 'max_heat_size', at),
      combineOpenClosed: rangeCat === undefined ? undefined : rangeCat === 1,
      heatLength: num(row, 'heat_length', at),
      soloLength: num(row, 'solo_length', at),
      includeTimes: bool(row.include_times),
      locked: bool(row.locked),
    });
  }
}
