import {
  heatScoreKey,
  type Program,
  putMark,
  readMarks,
  readProgram,
  type Score,
  scoreKey,
  syncRoomName,
} from '@ondeck/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { commitImport, importFile, serverDoc, serverProgram, uploadImport } from './support/imports.ts';
import { type LargeShowcase, largeShowcase } from './support/largeShowcase.ts';
import { createTestEvent, startServer, type TestServer } from './support/server.ts';
import { fixtureRows, type Rows, showcaseDatabase } from './support/showcaseDb.ts';

type Row = Record<string, unknown>;

/** Rows of a table of a database, by SQL. */
function select(bytes: Buffer, sql: string): Row[] {
  const db = new Database(bytes);
  try {
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
}

const person = (id: unknown) => (id === 0 ? 'nobody' : `person-${String(id)}`);
const optional = (value: unknown, map: (v: unknown) => unknown = (v) => v) =>
  value === null || value === undefined ? undefined : map(value);

/** The program holds every row of the database, field by field, and nothing else. */
function expectProgramMatches(program: Program, bytes: Buffer) {
  const heats = select(bytes, 'SELECT * FROM heats');
  expect(program.heats.size).toBe(heats.length);
  for (const row of heats) {
    expect(program.heats.get(`heat-${row.id}`)).toEqual(
      JSON.parse(
        JSON.stringify({
          id: `heat-${row.id}`,
          number: row.number,
          category: row.category,
          danceId: `dance-${row.dance_id}`,
          entryId: `entry-${row.entry_id}`,
          ballroom: optional(row.ballroom),
          prevNumber: optional(row.prev_number),
        }),
      ),
    );
  }
  const people = select(bytes, 'SELECT * FROM people');
  expect([...program.people.keys()].sort()).toEqual(people.map((row) => person(row.id)).sort());
  for (const row of people)
    expect(program.people.get(person(row.id))).toEqual(
      JSON.parse(
        JSON.stringify({
          id: person(row.id),
          name: row.name,
          type: row.type,
          role: optional(row.role),
          back: optional(row.back),
          studioId: row.studio_id === 0 ? 'event-staff' : `studio-${row.studio_id}`,
          levelId: optional(row.level_id, (v) => `level-${v}`),
          ageId: optional(row.age_id, (v) => `age-${v}`),
          excludeId: optional(row.exclude_id, person),
          available: optional(row.available),
        }),
      ),
    );
  for (const row of select(bytes, 'SELECT * FROM entries'))
    expect(program.entries.get(`entry-${row.id}`)).toMatchObject({
      leadId: person(row.lead_id),
      followId: person(row.follow_id),
      levelId: `level-${row.level_id}`,
      ageId: `age-${row.age_id}`,
    });
  for (const row of select(bytes, 'SELECT * FROM solos'))
    expect(program.solos.get(`solo-${row.id}`)).toMatchObject({ heatId: `heat-${row.heat_id}`, order: row.order });
  for (const row of select(bytes, 'SELECT * FROM formations'))
    expect(program.formations.get(`formation-${row.id}`)).toEqual({
      id: `formation-${row.id}`,
      soloId: `solo-${row.solo_id}`,
      personId: person(row.person_id),
      onFloor: row.on_floor === 1,
    });
  for (const row of select(bytes, 'SELECT * FROM judges'))
    expect(program.judges.get(person(row.person_id))).toEqual({
      id: person(row.person_id),
      present: row.present === 1,
      ballroom: row.ballroom,
      sort: row.sort,
      showAssignments: row.show_assignments,
      reviewSolos: row.review_solos,
    });
  for (const [table, collection] of [
    ['dances', 'dances'],
    ['categories', 'categories'],
    ['cat_extensions', 'catExtensions'],
    ['multis', 'multis'],
    ['multi_levels', 'multiLevels'],
    ['studios', 'studios'],
    ['songs', 'songs'],
    ['levels', 'levels'],
    ['ages', 'ages'],
    ['feedbacks', 'feedbacks'],
  ] as const)
    expect(program[collection].size, table).toBe(select(bytes, `SELECT id FROM ${table}`).length);
}

/** Every score row is a mark in its judge's own document (or, empty, an assignment), field by field. */
function expectMarksMatch(program: Program, marksOf: (judgeId: string) => Map<string, Score>, bytes: Buffer) {
  const rows = select(bytes, 'SELECT * FROM scores');
  const judges = new Set<string>();
  let marks = 0;
  for (const row of rows) {
    const judgeId = person(row.judge_id);
    const empty = [row.value, row.good, row.bad, row.comments].every((v) => v === null);
    if (empty) {
      expect(program.assignments.get(`assign-${row.id}`)).toEqual({
        id: `assign-${row.id}`,
        judgeId,
        heatId: `heat-${row.heat_id}`,
      });
      continue;
    }
    judges.add(judgeId);
    marks++;
    const updatedAt = Date.parse(`${String(row.updated_at).replace(' ', 'T')}Z`);
    const expected: Score =
      (row.heat_id as number) < 0
        ? JSON.parse(
            JSON.stringify({
              heatId: '',
              categoryId: `cat-${-(row.heat_id as number)}`,
              personId: person(row.person_id),
              value: row.good,
              comments: optional(row.comments),
              updatedAt,
            }),
          )
        : JSON.parse(
            JSON.stringify({
              heatId: `heat-${row.heat_id}`,
              slot: optional(row.slot),
              value: optional(row.value),
              good: optional(row.good),
              bad: optional(row.bad),
              comments: optional(row.comments),
              updatedAt,
            }),
          );
    expect(marksOf(judgeId).get(scoreKey(expected))).toEqual(expected);
  }
  expect([...judges].reduce((n, j) => n + marksOf(j).size, 0)).toBe(marks);
}

describe('importing a Showcase database through the API', () => {
  let server: TestServer;
  let large: LargeShowcase;
  beforeAll(async () => {
    server = await startServer();
    large = largeShowcase();
  });
  afterAll(() => server.close());

  it('previews, then commits, the reference fixtures: every table and mark', async () => {
    const event = await createTestEvent(server, 'fixtures-import');
    const { rows } = fixtureRows(new Date(Date.UTC(2026, 10, 22, 12)));
    const bytes = showcaseDatabase(rows);
    const uploaded = await uploadImport(server, event.id, event.organizerToken, bytes, {
      name: 'showcase-2026.sqlite3',
    });
    expect(uploaded.status).toBe(201);
    const preview = uploaded.body;
    expect(preview).toMatchObject({
      format: 'showcase',
      fileName: 'showcase-2026.sqlite3',
      size: bytes.length,
      reimport: false,
      canCommit: true,
      problems: [],
    });
    expect(preview.tables).toContainEqual({ table: 'heats', rows: 8, imported: true });
    expect(preview.tables).toContainEqual({
      table: 'payments',
      rows: 0,
      imported: false,
      reason: 'invoicing: ondeck does no billing',
    });
    expect(preview.changes.collections.heats).toEqual({ added: 8, changed: 0, removed: 0, unchanged: 0 });
    expect(preview.changes.marks).toMatchObject({ added: 2, updated: 0, keptNewer: 0 });
    // Nothing changes before the commit.
    expect((await serverProgram(server, event.id, event.organizerToken)).heats.size).toBe(0);

    const committed = await commitImport(server, event.id, event.organizerToken, preview.id);
    expect(committed.status).toBe(200);
    expect(committed.body.changes).toEqual(preview.changes);
    const program = await serverProgram(server, event.id, event.organizerToken);
    expectProgramMatches(program, bytes);
    const marks = new Map<string, Map<string, Score>>();
    for (const judge of ['person-3'])
      marks.set(judge, readMarks(await serverDoc(server, event.id, event.organizerToken, `scores/${judge}`)));
    expectMarksMatch(program, (j) => marks.get(j) ?? new Map(), bytes);
    // The upload is gone once committed.
    expect((await commitImport(server, event.id, event.organizerToken, preview.id)).body.error.code).toBe(
      'IMPORT_NOT_FOUND',
    );
  });

  it('brings the largest real event in, row for row, live to the devices connected', async () => {
    const event = await createTestEvent(server, 'large-import');
    const oracle = showcaseDatabase(large.rows);
    const judges = (large.rows.judges ?? []).map((row) => person(row.person_id));
    // The organiser's laptop and a judge's tablet are open while the import is committed.
    const laptop = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    const judge = await event.tokenFor('judge', judges[0]);
    const tablet = stockProvider(server.syncUrl, syncRoomName(event.id, `scores/${judges[0]}`), judge.token);
    await Promise.all([waitForSynced(laptop), waitForSynced(tablet)]);

    const { preview, result } = await importFile(server, event.id, event.organizerToken, large.bytes);
    expect(preview.problems).toEqual([]);
    expect(preview.tables.find((t) => t.table === 'heats')?.rows).toBeGreaterThan(4000);
    expect(result.changes.marks.added).toBe(large.marks);

    const program = await serverProgram(server, event.id, event.organizerToken);
    expect(program.heats.size).toBeGreaterThan(4000);
    expect([...program.people.values()].length).toBeGreaterThan(550);
    expectProgramMatches(program, oracle);
    const marks = new Map<string, Map<string, Score>>();
    for (const j of judges)
      marks.set(j, readMarks(await serverDoc(server, event.id, event.organizerToken, `scores/${j}`)));
    expectMarksMatch(program, (j) => marks.get(j) ?? new Map(), oracle);
    const kinds = new Set(
      [...marks.values()]
        .flatMap((m) => [...m.values()])
        .map((m) =>
          m.categoryId
            ? 'category'
            : m.value?.startsWith('{')
              ? 'solo4'
              : m.good
                ? 'feedback'
                : m.slot
                  ? 'slot'
                  : 'value',
        ),
    );
    expect(kinds).toEqual(new Set(['category', 'solo4', 'feedback', 'slot', 'value']));

    await waitFor(() => readProgram(laptop.doc).heats.size === program.heats.size, 10_000, 'the program on the laptop');
    await waitFor(
      () => readMarks(tablet.doc).size === marks.get(judges[0] as string)?.size,
      10_000,
      'the marks on the tablet',
    );
    laptop.destroy();
    tablet.destroy();
  });

  it('applies only what changed on a re-import, and keeps the marks entered in ondeck', async () => {
    const event = await createTestEvent(server, 'reimport');
    const { rows } = fixtureRows(new Date(Date.UTC(2026, 10, 22, 12)));
    await importFile(server, event.id, event.organizerToken, showcaseDatabase(rows));
    const judgeId = 'person-3';
    // Judy marks on her tablet: a new mark, and heat 1 changed after Showcase's mark.
    const judge = await event.tokenFor('judge', judgeId);
    const tablet = stockProvider(server.syncUrl, syncRoomName(event.id, `scores/${judgeId}`), judge.token);
    await waitForSynced(tablet);
    const later = Date.UTC(2026, 10, 23, 10);
    putMark(tablet.doc, { heatId: 'heat-1', value: 'GH', updatedAt: later });
    putMark(tablet.doc, { heatId: 'heat-8', value: 'S', comments: 'Good posture', updatedAt: later });
    await waitForConfirmed(tablet);

    // Meanwhile in Showcase: a person renamed, heat 6 scratched, a new entry with a heat, and an
    // older change to heat 1's mark.
    const edited: Rows = structuredClone(rows);
    const kathryn = edited.people?.find((p) => p.name === 'Murray, Kathryn') as Row;
    kathryn.name = 'Murray-Smith, Kathryn';
    const six = edited.heats?.find((h) => h.number === 6) as Row;
    six.number = -6;
    edited.entries?.push({ id: 5, lead_id: 4, follow_id: 2, level_id: 3, age_id: 4 });
    edited.heats?.push({ id: 9, number: 8, category: 'Closed', dance_id: 2, entry_id: 5 });
    const heatOne = edited.scores?.find((s) => s.heat_id === 1) as Row;
    heatOne.value = 'B';
    heatOne.updated_at = '2026-11-22 18:00:00.000000';

    const uploaded = await uploadImport(server, event.id, event.organizerToken, showcaseDatabase(edited));
    expect(uploaded.body.reimport).toBe(true);
    expect(
      uploaded.body.changes.records.map((r) =>
        `${r.change} ${r.collection} ${r.id} ${r.fields?.join(',') ?? ''}`.trim(),
      ),
    ).toEqual([
      `changed people person-${kathryn.id} name`,
      'added entries entry-5',
      `changed heats heat-${six.id} number`,
      'added heats heat-9',
    ]);
    expect(uploaded.body.changes.marks).toMatchObject({ added: 0, updated: 0, keptNewer: 1, unchanged: 1 });
    const before = await serverProgram(server, event.id, event.organizerToken);
    await commitImport(server, event.id, event.organizerToken, uploaded.body.id);

    const program = await serverProgram(server, event.id, event.organizerToken);
    expect(program.people.get(`person-${kathryn.id}`)?.name).toBe('Murray-Smith, Kathryn');
    expect(program.heats.get(`heat-${six.id}`)?.number).toBe(-6);
    expect(program.heats.get('heat-9')).toMatchObject({ number: 8, entryId: 'entry-5' });
    for (const [collection, records] of Object.entries(before) as Array<[keyof Program, unknown]>) {
      if (!(records instanceof Map)) continue;
      const changed = [...records.keys()].filter(
        (id) =>
          JSON.stringify(records.get(id)) !== JSON.stringify((program[collection] as Map<string, unknown>).get(id)),
      );
      expect(changed, collection).toEqual(
        collection === 'people' ? [`person-${kathryn.id}`] : collection === 'heats' ? [`heat-${six.id}`] : [],
      );
    }
    await waitFor(() => readMarks(tablet.doc).size === 3, 10_000, 'the marks on the tablet');
    const marks = readMarks(await serverDoc(server, event.id, event.organizerToken, `scores/${judgeId}`));
    expect(marks.get(heatScoreKey('heat-1'))).toEqual({ heatId: 'heat-1', value: 'GH', updatedAt: later });
    expect(marks.get(heatScoreKey('heat-8'))).toMatchObject({ value: 'S', comments: 'Good posture' });
    tablet.destroy();
  });

  it('lets only the organiser import, and says when an upload is gone', async () => {
    const event = await createTestEvent(server, 'import-roles');
    const dj = await event.tokenFor('dj');
    const refused = await uploadImport(server, event.id, dj.token, showcaseDatabase({}));
    expect(refused.status).toBe(403);
    const missing = await commitImport(server, event.id, event.organizerToken, 'abcdefabcdef');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('IMPORT_NOT_FOUND');
  });
});
