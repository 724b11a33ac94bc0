import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EVENT_STAFF_STUDIO_ID,
  NOBODY_ID,
  type ProgramData,
  railsTime,
  type Score,
  SHOWCASE_PREFIX,
} from '@ondeck/shared';
import { readShowcaseFixtures } from '@ondeck/shared/testkit';
import Database from 'better-sqlite3';

/**
 * Real Showcase event databases for tests, built by SQLite itself from the very schema.rb of
 * rubys/showcase (MIT, © 2022 Sam Ruby; copied in shared/fixtures/showcase), the way
 * `bin/rails db:schema:load` makes them.
 */
const SHOWCASE_DIR = (() => {
  // From the source (test/support) or a bundle (dist/): the checkout's shared/fixtures/showcase.
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'fixtures', 'showcase');
    if (existsSync(join(candidate, 'schema.rb'))) return candidate;
  }
  throw new Error('shared/fixtures/showcase/schema.rb is not above this file');
})();

export interface SchemaColumn {
  name: string;
  type: string;
  notNull: boolean;
  default?: string | number | boolean;
  precision?: number;
  scale?: number;
}

export interface SchemaTable {
  name: string;
  columns: SchemaColumn[];
  indexes: Array<{ name: string; columns: string[]; unique: boolean; where?: string }>;
  foreignKeys: Array<{ column: string; table: string }>;
}

export interface Schema {
  version: string;
  tables: SchemaTable[];
}

const singular = (table: string) =>
  table === 'people' ? 'person' : table.endsWith('ies') ? `${table.slice(0, -3)}y` : table.replace(/s$/, '');

/** Parses the Rails schema DSL of schema.rb: tables, columns with type, null and default, indexes, foreign keys. */
export function parseSchemaRb(text = readFileSync(join(SHOWCASE_DIR, 'schema.rb'), 'utf8')): Schema {
  const version = /define\(version: ([\d_]+)\)/.exec(text)?.[1]?.replace(/_/g, '') ?? '';
  const tables: SchemaTable[] = [];
  let table: SchemaTable | undefined;
  for (const line of text.split('\n')) {
    const create = /^\s*create_table "(\w+)"/.exec(line);
    if (create) {
      table = { name: create[1] as string, columns: [], indexes: [], foreignKeys: [] };
      tables.push(table);
      continue;
    }
    const index = /^\s*t\.index \[([^\]]+)\], name: "(\w+)"(.*)$/.exec(line);
    if (index && table) {
      table.indexes.push({
        name: index[2] as string,
        columns: [...(index[1] as string).matchAll(/"(\w+)"/g)].map((m) => m[1] as string),
        unique: /unique: true/.test(index[3] ?? ''),
        ...(/where: "([^"]+)"/.test(index[3] ?? '')
          ? { where: /where: "([^"]+)"/.exec(index[3] ?? '')?.[1] as string }
          : {}),
      });
      continue;
    }
    const column = /^\s*t\.(\w+) "(\w+)"(.*)$/.exec(line);
    if (column && table) {
      const options = column[3] ?? '';
      const fallback = /default: ("[^"]*"|true|false|-?[\d.]+)/.exec(options)?.[1];
      table.columns.push({
        name: column[2] as string,
        type: column[1] as string,
        notNull: /null: false/.test(options),
        ...(fallback === undefined
          ? {}
          : {
              default: fallback.startsWith('"')
                ? fallback.slice(1, -1)
                : fallback === 'true' || fallback === 'false'
                  ? fallback === 'true'
                  : Number(fallback),
            }),
        ...(/precision: (\d+)/.test(options) ? { precision: Number(/precision: (\d+)/.exec(options)?.[1]) } : {}),
        ...(/scale: (\d+)/.test(options) ? { scale: Number(/scale: (\d+)/.exec(options)?.[1]) } : {}),
      });
      continue;
    }
    const foreign = /^\s*add_foreign_key "(\w+)", "(\w+)"(?:, column: "(\w+)")?/.exec(line);
    if (foreign) {
      const from = tables.find((t) => t.name === foreign[1]);
      from?.foreignKeys.push({
        column: foreign[3] ?? `${singular(foreign[2] as string)}_id`,
        table: foreign[2] as string,
      });
    }
  }
  return { version, tables };
}

const SQL_TYPES: Record<string, string> = {
  string: 'varchar',
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  float: 'float',
  boolean: 'boolean',
  datetime: 'datetime(6)',
  date: 'date',
};

const q = (name: string) => `"${name}"`;

/** The CREATE statements Rails' SQLite adapter makes for a schema (with schema_migrations and ar_internal_metadata). */
export function schemaSql(schema: Schema): string {
  const statements = [
    'CREATE TABLE "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY)',
    'CREATE TABLE "ar_internal_metadata" ("key" varchar NOT NULL PRIMARY KEY, "value" varchar, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL)',
  ];
  for (const table of schema.tables) {
    const columns = [
      '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL',
      ...table.columns.map((c) => {
        const type =
          c.type === 'decimal' ? `decimal(${c.precision ?? 10}, ${c.scale ?? 0})` : (SQL_TYPES[c.type] ?? c.type);
        const fallback =
          c.default === undefined
            ? ''
            : ` DEFAULT ${typeof c.default === 'string' ? `'${c.default.replace(/'/g, "''")}'` : typeof c.default === 'boolean' ? Number(c.default) : c.default}`;
        return `${q(c.name)} ${type}${fallback}${c.notNull ? ' NOT NULL' : ''}`;
      }),
      ...table.foreignKeys.map((fk) => `FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(fk.table)} ("id")`),
    ];
    statements.push(`CREATE TABLE ${q(table.name)} (${columns.join(', ')})`);
    for (const index of table.indexes)
      statements.push(
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table.name)} (${index.columns.map(q).join(', ')})${index.where ? ` WHERE ${index.where}` : ''}`,
      );
  }
  return `${statements.join(';\n')};`;
}

export type Rows = Record<string, Array<Record<string, unknown>>>;

export interface BuildOptions {
  /** Changes to the schema before the tables are made: an older or newer Showcase. */
  schema?: (schema: Schema) => void;
  /** Leave the file in WAL mode, as a running Rails app does. */
  wal?: boolean;
}

/**
 * A Showcase event database file's bytes, made by SQLite from schema.rb with these rows. Columns
 * a row leaves out take their schema defaults; timestamps Rails would set are filled in.
 */
export function showcaseDatabase(rows: Rows, options: BuildOptions = {}): Buffer {
  const schema = parseSchemaRb();
  options.schema?.(schema);
  const db = new Database(':memory:');
  // As Rails loads fixtures: references are checked by the import, not refused on the way in.
  db.pragma('foreign_keys = OFF');
  db.exec(schemaSql(schema));
  db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(schema.version);
  const now = railsTime(Date.UTC(2026, 2, 14, 9, 0));
  db.transaction(() => {
    for (const [name, list] of Object.entries(rows)) {
      const table = schema.tables.find((t) => t.name === name);
      if (!table) throw new Error(`no table ${name} in the schema`);
      for (const row of list) {
        const values: Record<string, unknown> = { ...row };
        for (const stamp of ['created_at', 'updated_at'])
          if (values[stamp] === undefined && table.columns.some((c) => c.name === stamp)) values[stamp] = now;
        for (const [key, value] of Object.entries(values)) if (typeof value === 'boolean') values[key] = Number(value);
        const keys = Object.keys(values).filter((k) => values[k] !== undefined);
        db.prepare(
          `INSERT INTO ${q(name)} (${keys.map(q).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
        ).run(Object.fromEntries(keys.map((k) => [k, values[k]])));
      }
    }
  })();
  const bytes = db.serialize();
  db.close();
  if (!options.wal) return bytes;
  // A file in WAL mode, as Rails leaves it: the header says so (bytes 18 and 19 are 2).
  const wal = Buffer.from(bytes);
  wal[18] = 2;
  wal[19] = 2;
  return wal;
}

/** Which table a fixture's label column refers to (`studio: one` → studios). */
const LABEL_TABLES: Record<string, string> = {
  studio: 'studios',
  studio1: 'studios',
  studio2: 'studios',
  level: 'levels',
  age: 'ages',
  exclude: 'people',
  person: 'people',
  lead: 'people',
  follow: 'people',
  instructor: 'people',
  judge: 'people',
  category: 'categories',
  category_override: 'categories',
  open_category: 'categories',
  closed_category: 'categories',
  solo_category: 'categories',
  multi_category: 'categories',
  pro_open_category: 'categories',
  pro_closed_category: 'categories',
  pro_solo_category: 'categories',
  pro_multi_category: 'categories',
  parent: 'dances',
  dance: 'dances',
  combo_dance: 'dances',
  entry: 'entries',
  heat: 'heats',
  solo: 'solos',
};

/** The reference fixtures' YAML texts by table. */
export function fixtureFiles(): Record<string, string> {
  const dir = join(SHOWCASE_DIR, 'fixtures');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => [f.slice(0, -'.yml'.length), readFileSync(join(dir, f), 'utf8')]),
  );
}

/**
 * The reference fixtures as database rows, the way Rails loads fixtures: each labelled row gets
 * an id (here its place in the file, skipping explicit ids), labels become `_id` columns.
 * `ids` translates the fixture importer's `<prefix>-<label>` ids to the database's.
 */
export function fixtureRows(now: Date): { rows: Rows; ids: Map<string, string> } {
  const tables = readShowcaseFixtures(fixtureFiles(), now);
  const idOf = new Map<string, Map<string, number>>();
  for (const [name, list] of tables) {
    const explicit = new Set(list.flatMap(([, row]) => (row.id === undefined ? [] : [Number(row.id)])));
    const ids = new Map<string, number>();
    let next = 1;
    for (const [label, row] of list) {
      if (row.id !== undefined) ids.set(label, Number(row.id));
      else {
        while (explicit.has(next)) next++;
        ids.set(label, next++);
      }
    }
    idOf.set(name, ids);
  }
  const schema = parseSchemaRb();
  const rows: Rows = {};
  const translate = new Map<string, string>();
  for (const [name, list] of tables) {
    const columns = new Set(schema.tables.find((t) => t.name === name)?.columns.map((c) => c.name));
    rows[name] = list.map(([label, row]) => {
      const out: Record<string, unknown> = { id: idOf.get(name)?.get(label) };
      if (row.id === undefined && SHOWCASE_PREFIX[name])
        translate.set(`${SHOWCASE_PREFIX[name]}-${label}`, `${SHOWCASE_PREFIX[name]}-${out.id}`);
      for (const [column, value] of Object.entries(row)) {
        const target = LABEL_TABLES[column];
        if (target && columns.has(`${column}_id`) && typeof value === 'string') {
          const id = idOf.get(target)?.get(value);
          if (id === undefined) throw new Error(`${name}.${label}: ${column} "${value}" is not a row of ${target}`);
          out[`${column}_id`] = id;
        } else out[column] = value;
      }
      if (name === 'scores' && out.updated_at === undefined) out.updated_at = railsTime(now.getTime());
      return out;
    });
  }
  return { rows, ids: translate };
}

/** Showcase ids for an ondeck program's records: 1, 2, … per collection; Event Staff and Nobody are 0. */
function idMaps(data: ProgramData) {
  const maps = new Map<string, Map<string, number>>();
  for (const [collection, records] of Object.entries(data)) {
    if (!Array.isArray(records)) continue;
    const map = new Map<string, number>();
    let next = 1;
    for (const record of records as Array<{ id: string }>) {
      if (record.id === EVENT_STAFF_STUDIO_ID || record.id === NOBODY_ID) map.set(record.id, 0);
      else map.set(record.id, next++);
    }
    maps.set(collection, map);
  }
  return (collection: string, id: string | undefined): number | null => {
    if (id === undefined) return null;
    if (id === EVENT_STAFF_STUDIO_ID || id === NOBODY_ID) return 0;
    const n = maps.get(collection)?.get(id);
    if (n === undefined) throw new Error(`no ${collection} ${id}`);
    return n;
  };
}

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

/**
 * An ondeck program (the generator's large event, say) and judges' marks as the rows of a
 * Showcase database: the inverse of the import, for building realistic databases.
 */
export function programRows(
  data: ProgramData,
  marks: Record<string, Score[]>,
  assignments: Array<{ judgeId: string; heatId: string }> = [],
): Rows {
  const id = idMaps(data);
  const s = data.settings;
  const pairs = new Set<string>();
  return {
    events: [
      {
        id: 1,
        name: s.name,
        date: s.date,
        location: s.location,
        open_scoring: s.openScoring,
        closed_scoring: s.closedScoring,
        multi_scoring: s.multiScoring,
        solo_scoring: s.soloScoring,
        judge_comments: flag(s.judgeComments),
        assign_judges: flag(s.assignJudges),
        finalist: s.finalist,
        backnums: flag(s.backnums),
        ballrooms: s.ballrooms,
        max_heat_size: s.maxHeatSize,
        heat_length: s.heatLength,
        solo_length: s.soloLength,
        include_times: flag(s.includeTimes),
      },
    ],
    studios: (data.studios ?? []).map((r) => ({ id: id('studios', r.id), name: r.name, ballroom: r.ballroom })),
    studio_pairs: (data.studios ?? []).flatMap((r) =>
      (r.pairedWith ?? []).flatMap((other) => {
        const key = [r.id, other].sort().join('|');
        if (pairs.has(key)) return [];
        pairs.add(key);
        return [{ studio1_id: id('studios', r.id), studio2_id: id('studios', other) }];
      }),
    ),
    people: (data.people ?? []).map((r) => ({
      id: id('people', r.id),
      name: r.name,
      type: r.type,
      role: r.role,
      back: r.back,
      studio_id: id('studios', r.studioId),
      level_id: id('levels', r.levelId),
      // Showcase requires an age; an entry without one takes the first.
      age_id: id('ages', r.ageId ?? data.ages?.[0]?.id),
      exclude_id: id('people', r.excludeId),
      available: r.available,
    })),
    judges: (data.judges ?? []).map((r, i) => ({
      id: i + 1,
      person_id: id('people', r.id),
      present: r.present,
      ballroom: r.ballroom,
      sort: r.sort,
      show_assignments: r.showAssignments,
      review_solos: r.reviewSolos,
    })),
    ages: (data.ages ?? []).map((r) => ({ id: id('ages', r.id), category: r.category, description: r.description })),
    levels: (data.levels ?? []).map((r) => ({ id: id('levels', r.id), name: r.name })),
    categories: (data.categories ?? []).map((r) => ({
      id: id('categories', r.id),
      name: r.name,
      order: r.order,
      day: r.day,
      time: r.time,
      ballrooms: r.ballrooms,
      max_heat_size: r.maxHeatSize,
      split: r.split,
      locked: r.locked,
      pro: r.pro,
      routines: r.routines,
      use_category_scoring: r.useCategoryScoring,
    })),
    cat_extensions: (data.catExtensions ?? []).map((r) => ({
      id: id('catExtensions', r.id),
      category_id: id('categories', r.categoryId),
      part: r.part,
      order: r.order,
      day: r.day,
      time: r.time,
      start_heat: r.startHeat,
    })),
    dances: (data.dances ?? []).map((r) => ({
      id: id('dances', r.id),
      name: r.name,
      order: r.order,
      heat_length: r.heatLength,
      limit: r.limit,
      semi_finals: r.semiFinals,
      open_category_id: id('categories', r.openCategoryId),
      closed_category_id: id('categories', r.closedCategoryId),
      solo_category_id: id('categories', r.soloCategoryId),
      multi_category_id: id('categories', r.multiCategoryId),
      pro_open_category_id: id('categories', r.proOpenCategoryId),
      pro_closed_category_id: id('categories', r.proClosedCategoryId),
      pro_solo_category_id: id('categories', r.proSoloCategoryId),
      pro_multi_category_id: id('categories', r.proMultiCategoryId),
    })),
    multis: (data.multis ?? []).map((r) => ({
      id: id('multis', r.id),
      parent_id: id('dances', r.parentId),
      dance_id: id('dances', r.danceId),
      slot: r.slot,
    })),
    multi_levels: (data.multiLevels ?? []).map((r) => ({
      id: id('multiLevels', r.id),
      dance_id: id('dances', r.danceId),
      name: r.name,
      start_level: r.startLevel,
      stop_level: r.stopLevel,
      start_age: r.startAge,
      stop_age: r.stopAge,
      couple_type: r.coupleType,
    })),
    entries: (data.entries ?? []).map((r) => ({
      id: id('entries', r.id),
      lead_id: id('people', r.leadId),
      follow_id: id('people', r.followId),
      instructor_id: id('people', r.instructorId),
      // Showcase requires an age; an entry without one takes the first.
      age_id: id('ages', r.ageId ?? data.ages?.[0]?.id),
      level_id: id('levels', r.levelId),
      studio_id: id('studios', r.studioId),
    })),
    heats: (data.heats ?? []).map((r) => ({
      id: id('heats', r.id),
      number: r.number,
      category: r.category,
      dance_id: id('dances', r.danceId),
      entry_id: id('entries', r.entryId),
      ballroom: r.ballroom,
      prev_number: r.prevNumber,
    })),
    solos: (data.solos ?? []).map((r) => ({
      id: id('solos', r.id),
      heat_id: id('heats', r.heatId),
      order: r.order,
      song: r.song,
      artist: r.artist,
      combo_dance_id: id('dances', r.comboDanceId),
      category_override_id: id('categories', r.categoryOverrideId),
    })),
    formations: (data.formations ?? []).map((r) => ({
      id: id('formations', r.id),
      solo_id: id('solos', r.soloId),
      person_id: id('people', r.personId),
      on_floor: r.onFloor,
    })),
    songs: (data.songs ?? []).map((r) => ({
      id: id('songs', r.id),
      dance_id: id('dances', r.danceId),
      title: r.title,
      artist: r.artist,
      order: r.order,
    })),
    feedbacks: (data.feedbacks ?? []).map((r) => ({
      id: id('feedbacks', r.id),
      order: r.order,
      value: r.value,
      abbr: r.abbr,
    })),
    scores: [
      ...Object.entries(marks).flatMap(([judgeId, list]) =>
        list.map((m) => {
          const judge = id('people', judgeId);
          const at = railsTime(m.updatedAt);
          if (m.categoryId !== undefined)
            return {
              judge_id: judge,
              heat_id: -(id('categories', m.categoryId) as number),
              person_id: id('people', m.personId),
              good: m.value,
              comments: m.comments,
              created_at: at,
              updated_at: at,
            };
          return {
            judge_id: judge,
            heat_id: id('heats', m.heatId),
            slot: m.slot,
            value: m.value,
            good: m.good,
            bad: m.bad,
            comments: m.comments,
            created_at: at,
            updated_at: at,
          };
        }),
      ),
      ...assignments.map((a) => ({ judge_id: id('people', a.judgeId), heat_id: id('heats', a.heatId) })),
    ].map((row, i) => ({ id: i + 1, ...row })),
  };
}

/** Rows a query returns from a database's bytes (an exported database, say). */
export function selectRows(bytes: Uint8Array, sql: string): Array<Record<string, unknown>> {
  const db = new Database(Buffer.from(bytes));
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}
