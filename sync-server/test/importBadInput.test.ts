import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { commitImport, eventState, importFile, uploadImport } from './support/imports.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';
import { fixtureRows, type Rows, showcaseDatabase } from './support/showcaseDb.ts';

const MAX_IMPORT = 2 * 1024 * 1024;
const now = new Date(Date.UTC(2026, 10, 22, 12));

async function zipOf(files: Record<string, Uint8Array>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return buffer(zip.outputStream);
}

/**
 * Every bad input of issue 14 gets a clear error that names the problem, and leaves the event
 * exactly as it was: an event holding the reference showcase is the target each time.
 */
describe('bad imports', () => {
  let server: TestServer;
  let event: TestEvent;
  const { rows } = fixtureRows(now);
  const good = showcaseDatabase(rows);
  const state = () => eventState(server, event.id, event.organizerToken, ['person-3']);

  beforeAll(async () => {
    server = await startServer({ ONDECK_MAX_IMPORT_BYTES: String(MAX_IMPORT) });
    event = await createTestEvent(server, 'bad-imports');
    await importFile(server, event.id, event.organizerToken, good);
  });
  afterAll(() => server.close());

  /** Uploads `body`; expects the upload refused with `status` and `code`; returns the message. */
  async function refused(body: Uint8Array, status: number, code: string, format: 'showcase' | 'csv' = 'showcase') {
    const before = await state();
    const result = await uploadImport(server, event.id, event.organizerToken, body, { format });
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(await state()).toEqual(before);
    return result.body.error.message;
  }

  /** Uploads `body`; expects a preview with errors and a refused commit; returns the problems. */
  async function previewedWithErrors(body: Uint8Array, format: 'showcase' | 'csv' = 'showcase') {
    const before = await state();
    const uploaded = await uploadImport(server, event.id, event.organizerToken, body, { format });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.canCommit).toBe(false);
    const committed = await commitImport(server, event.id, event.organizerToken, uploaded.body.id);
    expect(committed.status).toBe(422);
    expect(committed.body.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(committed.body.error.message).toMatch(/Nothing was imported\.$/);
    expect(await state()).toEqual(before);
    return uploaded.body.problems;
  }

  it('refuses a file that is not SQLite, naming what it looks like', async () => {
    expect(await refused(new TextEncoder().encode('Heat,Dance\n1,Waltz\n'), 415, 'NOT_SQLITE')).toMatch(
      /not a Showcase database: .*SQLite file \(\.sqlite3\) or a ZIP .* it is text/,
    );
    expect(await refused(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), 415, 'NOT_SQLITE')).toMatch(/gzip-compressed/);
    expect(await refused(new Uint8Array(0), 415, 'NOT_SQLITE')).toMatch(/the file is empty/);
  });

  it('refuses a SQLite database of another shape', async () => {
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE updates (seq INTEGER PRIMARY KEY, doc TEXT); CREATE TABLE snapshots (id INTEGER PRIMARY KEY)',
    );
    expect(await refused(db.serialize(), 422, 'NOT_A_SHOWCASE_DATABASE')).toMatch(
      /has none of Showcase's tables.*updates, snapshots/,
    );
    db.close();
    const noHeats = showcaseDatabase(
      {},
      { schema: (schema) => (schema.tables = schema.tables.filter((t) => t.name !== 'heats')) },
    );
    expect(await refused(noHeats, 422, 'NOT_A_SHOWCASE_DATABASE')).toMatch(/lacks table heats/);
  });

  it('refuses a truncated or damaged file', async () => {
    expect(await refused(good.subarray(0, good.length - 8192), 422, 'DATABASE_CORRUPT')).toMatch(/cut short/);
    const damaged = Buffer.from(good);
    damaged.fill(0x5a, 4096 * 3, 4096 * 6);
    expect(await refused(damaged, 422, 'DATABASE_CORRUPT')).toMatch(/damaged/);
    const zip = await zipOf({ 'event.sqlite3': good });
    expect(await refused(zip.subarray(0, zip.length - 200), 422, 'ZIP_CORRUPT')).toMatch(/damaged or cut short/);
  });

  it('refuses a file over the limit without keeping any of it', async () => {
    const big = new Uint8Array(MAX_IMPORT + 1024).fill(7);
    big.set(good.subarray(0, 100));
    expect(await refused(big, 413, 'IMPORT_TOO_LARGE')).toMatch(/ONDECK_MAX_IMPORT_BYTES/);
    // Sent in chunks with no length up front, it is counted as it comes and cut off.
    const chunked = await fetch(`${server.url}/api/events/${event.id}/imports?format=showcase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${event.organizerToken}` },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(big.subarray(0, 65_536));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('IMPORT_TOO_LARGE');
    const pending = join(server.dataDir, 'imports', event.id);
    expect(existsSync(pending) ? readdirSync(pending) : []).toEqual([]);
  });

  it('keeps at most five uploads waiting, dropping the oldest', async () => {
    const sheet = new TextEncoder().encode('Lead,Follow,Studio,Level\n');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await uploadImport(server, event.id, event.organizerToken, sheet, { format: 'csv' })).body.id);
    const status = await fetch(`${server.url}/api/events/${event.id}/imports`, {
      headers: { authorization: `Bearer ${event.organizerToken}` },
    });
    const waiting = ((await status.json()) as { pending: Array<{ id: string }> }).pending.map((p) => p.id);
    expect(waiting).toHaveLength(5);
    expect(waiting).not.toContain(ids[0]);
    expect(waiting).toContain(ids[5]);
    for (const id of waiting)
      await fetch(`${server.url}/api/events/${event.id}/imports/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${event.organizerToken}` },
      });
  });

  it('refuses a ZIP without a database, or with two', async () => {
    expect(
      await refused(
        await zipOf({ 'storage/ab/cd/abcdefghijklmnopqrstuvwx': new Uint8Array(10) }),
        422,
        'ZIP_WITHOUT_DATABASE',
      ),
    ).toMatch(/holds no Showcase database.*storage\/ab\/cd/);
    expect(await refused(await zipOf({ 'a.sqlite3': good, 'b.sqlite3': good }), 422, 'ZIP_SEVERAL_DATABASES')).toMatch(
      /2 databases/,
    );
  });

  it('shows every dangling reference with its row, and will not commit them', async () => {
    const broken: Rows = {
      ...rows,
      heats: [...(rows.heats ?? []), { id: 99, number: 8, category: 'Open', dance_id: 1, entry_id: 40 }],
      people: [...(rows.people ?? []), { id: 50, name: 'Lost, Lucy', type: 'Student', studio_id: 9 }],
    };
    const problems = await previewedWithErrors(showcaseDatabase(broken));
    expect(problems).toEqual([
      {
        severity: 'error',
        table: 'people',
        row: '50',
        column: 'studio_id',
        message: 'studio_id 9 is not a row of studios',
      },
      {
        severity: 'error',
        table: 'heats',
        row: '99',
        column: 'entry_id',
        message: 'entry_id 40 is not a row of entries',
      },
    ]);
  });

  it('imports what it can of an older or newer schema, saying which columns are missing or new', async () => {
    const older = showcaseDatabase(
      { ...rows, people: rows.people?.map(({ available: _, ...row }) => row) ?? [] },
      {
        schema: (schema) => {
          schema.version = '20240301000000';
          const people = schema.tables.find((t) => t.name === 'people');
          if (people) people.columns = people.columns.filter((c) => c.name !== 'available');
          schema.tables
            .find((t) => t.name === 'heats')
            ?.columns.push({ name: 'judge_notes', type: 'text', notNull: false });
        },
      },
    );
    const uploaded = await uploadImport(server, event.id, event.organizerToken, older);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.database?.schemaVersion).toBe('20240301000000');
    expect(uploaded.body.problems.map((p) => `${p.severity} ${p.table}: ${p.message}`)).toEqual([
      expect.stringMatching(
        /^warning heats: column judge_notes is not in the Showcase schema ondeck knows \(an older Showcase: schema of 2024-03-01/,
      ),
      expect.stringMatching(
        /^warning people: column available is missing \(an older Showcase: schema of 2024-03-01.*read as empty/,
      ),
    ]);
    expect(uploaded.body.canCommit).toBe(true);
    expect((await commitImport(server, event.id, event.organizerToken, uploaded.body.id)).status).toBe(200);
  });

  it('refuses a CSV in another encoding, or without the columns it needs, line by line', async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('Heat,Dance,Lead,Follow,Studio,Level\n1,Waltz,"Murray, Arthur","Garc'),
      0xed,
      ...new TextEncoder().encode('a, Ana",Boston,Full Bronze\n'),
    ]);
    expect(await previewedWithErrors(latin1, 'csv')).toEqual([
      expect.objectContaining({
        severity: 'error',
        table: 'csv',
        row: '2',
        message: expect.stringMatching(/byte 0xED is not UTF-8/),
      }),
    ]);
    const missing = new TextEncoder().encode('Heat,Dance,Lead\n1,Waltz,"Murray, Arthur"\n');
    expect(await previewedWithErrors(missing, 'csv')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^missing columns "Follow", "Studio", "Level"/) }),
    ]);
    expect(await refused(good, 415, 'NOT_CSV', 'csv')).toMatch(/SQLite database, not a CSV/);
  });
});
