import {
  databaseReferences,
  mapShowcase,
  SHOWCASE_COLUMNS,
  SHOWCASE_SCHEMA_VERSION,
  type ShowcaseImport,
} from '@ondeck/shared';
import { importShowcaseFixtures } from '@ondeck/shared/testkit';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { openSqliteBytes, readShowcaseDatabase } from '../src/import/showcaseDatabase.ts';
import { fixtureFiles, fixtureRows, parseSchemaRb, type Rows, showcaseDatabase } from './support/showcaseDb.ts';

const now = new Date(Date.UTC(2026, 10, 22, 12, 0));

function read(bytes: Buffer) {
  const db = openSqliteBytes(bytes);
  try {
    return readShowcaseDatabase(db);
  } finally {
    db.close();
  }
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

/** Replaces every string (value or key) that is a key of `ids` by its value, deeply. */
function translated<T>(value: T, ids: Map<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    if (typeof v === 'string') return ids.get(v) ?? v;
    if (v && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [ids.get(k) ?? k, inner]));
    return v;
  }) as T;
}

describe('a Showcase database', () => {
  it('has the schema ondeck knows: every table and column of schema.rb', () => {
    const schema = parseSchemaRb();
    expect(schema.version).toBe(SHOWCASE_SCHEMA_VERSION);
    expect(Object.fromEntries(schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)]))).toEqual(
      SHOWCASE_COLUMNS,
    );
  });

  it('maps the reference fixtures exactly as the fixture importer does: one row, one record', () => {
    const { rows, ids } = fixtureRows(now);
    const database = read(showcaseDatabase(rows));
    expect(database.problems).toEqual([]);
    expect(database.schemaVersion).toBe(SHOWCASE_SCHEMA_VERSION);
    const { data, problems } = mapShowcase(database.tables, databaseReferences(database.tables), { now });
    expect(problems).toEqual([]);
    const fromYaml: ShowcaseImport = translated(importShowcaseFixtures(fixtureFiles(), { now }), ids);
    // Every field the fixtures give is the same; the database adds only its columns' defaults.
    expect(data).toMatchObject(fromYaml);
    expect(data.settings).toMatchObject({ ballrooms: 1, finalist: 'F', includeTimes: true });
    expect(data.dances?.find((d) => d.name === 'Waltz')?.semiFinals).toBe(false);
    expect(data.heats).toHaveLength(8);
    expect(data.scoresByJudge).not.toEqual({});
  });

  it('reads a file Rails left in WAL mode', () => {
    const { rows } = fixtureRows(now);
    const bytes = showcaseDatabase(rows, { wal: true });
    expect([bytes[18], bytes[19]]).toEqual([2, 2]);
    expect(read(bytes).tables.get('heats')).toHaveLength(8);
  });

  it('imports what it can of an older Showcase, saying which columns and tables are missing', () => {
    const { rows } = fixtureRows(now);
    const older = showcaseDatabase(
      { ...rows, judges: rows.judges?.map(({ review_solos: _, ...row }) => row) ?? [] },
      {
        schema: (schema) => {
          schema.version = '20230101000000';
          schema.tables = schema.tables.filter((t) => t.name !== 'multi_levels');
          const judges = schema.tables.find((t) => t.name === 'judges');
          if (judges) judges.columns = judges.columns.filter((c) => c.name !== 'review_solos');
        },
      },
    );
    const database = read(older);
    expect(database.problems).toEqual([
      {
        severity: 'warning',
        table: 'multi_levels',
        message:
          'the table is missing (an older Showcase: schema of 2023-01-01, ondeck knows 2025-12-02); nothing of it is imported',
      },
      {
        severity: 'warning',
        table: 'judges',
        message: expect.stringMatching(/^column review_solos is missing \(an older Showcase.*read as empty/),
      },
    ]);
    const { data, problems } = mapShowcase(database.tables, databaseReferences(database.tables));
    expect(problems).toEqual([]);
    expect(data.judges?.[0]?.reviewSolos).toBe('All');
    expect(data.heats).toHaveLength(8);
  });

  it('leaves out what a newer Showcase added, and says so', () => {
    const { rows } = fixtureRows(now);
    const newer = showcaseDatabase(
      { ...rows, awards: [{ id: 1, name: 'Top Teacher' }] },
      {
        schema: (schema) => {
          schema.version = '20270101000000';
          schema.tables.push({
            name: 'awards',
            columns: [{ name: 'name', type: 'string', notNull: false }],
            indexes: [],
            foreignKeys: [],
          });
          schema.tables
            .find((t) => t.name === 'people')
            ?.columns.push({ name: 'pronouns', type: 'string', notNull: false });
        },
      },
    );
    const database = read(newer);
    expect(database.problems.map((p) => `${p.table}: ${p.message}`)).toEqual([
      expect.stringMatching(
        /^awards: not a table of the Showcase schema ondeck knows \(a newer Showcase: schema of 2027-01-01.*1 rows are left out/,
      ),
      expect.stringMatching(/^people: column pronouns is not in the Showcase schema ondeck knows \(a newer Showcase/),
    ]);
    expect(database.counts).toContainEqual(expect.objectContaining({ table: 'awards', rows: 1, imported: false }));
  });

  it('names every dangling reference with its row and column', () => {
    const { rows } = fixtureRows(now);
    const heats = rows.heats ?? [];
    const broken: Rows = {
      ...rows,
      heats: [...heats, { id: 99, number: 8, category: 'Open', dance_id: 1, entry_id: 40 }],
      scores: [...(rows.scores ?? []), { id: 77, judge_id: 3, heat_id: 500, value: '1' }],
    };
    const database = read(showcaseDatabase(broken));
    const { problems } = mapShowcase(database.tables, databaseReferences(database.tables));
    expect(problems).toEqual([
      {
        severity: 'error',
        table: 'heats',
        row: '99',
        column: 'entry_id',
        message: 'entry_id 40 is not a row of entries',
      },
      {
        severity: 'error',
        table: 'scores',
        row: '77',
        column: 'heat_id',
        message: 'heat_id 500 is not a row of heats',
      },
    ]);
  });

  it('refuses a file that is not SQLite, cut short, damaged, or of another shape', () => {
    const { rows } = fixtureRows(now);
    const good = showcaseDatabase(rows);
    const truncated = refusal(() => openSqliteBytes(good.subarray(0, good.length - 4096)));
    expect(truncated.code).toBe('DATABASE_CORRUPT');
    expect(truncated.message).toMatch(/cut short: its header says \d+ bytes, the file has \d+/);
    expect(refusal(() => openSqliteBytes(good.subarray(0, 60))).message).toMatch(/only 60 bytes long/);

    const damaged = Buffer.from(good);
    // Scribble over the middle of the file: the pages of its tables and indexes.
    damaged.fill(0x5a, 4096 * 3, 4096 * 6);
    const corrupt = refusal(() => read(damaged));
    expect(corrupt.code).toBe('DATABASE_CORRUPT');
    expect(corrupt.message).toMatch(/damaged/);

    const ondeckLike = new Database(':memory:');
    ondeckLike.exec(
      'CREATE TABLE updates (seq INTEGER PRIMARY KEY, doc TEXT); CREATE TABLE snapshots (id INTEGER PRIMARY KEY)',
    );
    const other = refusal(() => read(ondeckLike.serialize()));
    expect(other.code).toBe('NOT_A_SHOWCASE_DATABASE');
    expect(other.message).toMatch(/none of Showcase's tables .* it has updates, snapshots/);

    const partial = showcaseDatabase(
      {},
      { schema: (schema) => (schema.tables = schema.tables.filter((t) => t.name !== 'heats')) },
    );
    expect(refusal(() => read(partial)).message).toMatch(/lacks table heats/);
  });
});
