import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import {
  CSV_TEMPLATE,
  clearMark,
  heatScoreKey,
  MARKS_CSV_HEADINGS,
  parseCsv,
  putMark,
  removeRecord,
  syncRoomName,
} from '@ondeck/shared';
import { toneWav } from '@ondeck/shared/testkit';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { importFile, serverProgram, uploadImport } from './support/imports.ts';
import { createTestEvent, startServer, type TestServer } from './support/server.ts';
import { fixtureRows, type Rows, showcaseDatabase } from './support/showcaseDb.ts';

const now = new Date(Date.UTC(2026, 10, 22, 12));

async function zipOf(files: Record<string, Uint8Array>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return buffer(zip.outputStream);
}

async function download(server: TestServer, path: string, token: string) {
  const response = await fetch(`${server.url}${path}?token=${encodeURIComponent(token)}`);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** An Active Storage blob row and the path its file has in a ZIP of the storage folder. */
function blob(id: number, name: string, bytes: Uint8Array, contentType: string) {
  const key = `${String(id).padStart(2, '0')}${'k'.repeat(26)}`;
  return {
    row: {
      id,
      key,
      filename: name,
      content_type: contentType,
      byte_size: bytes.length,
      checksum: createHash('md5').update(bytes).digest('base64'),
      service_name: 'local',
    },
    path: `storage/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`,
    bytes,
  };
}

describe('taking an event in and out', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('brings a ZIP’s music along, content-addressed like an upload', async () => {
    const event = await createTestEvent(server, 'zip-music');
    const { rows } = fixtureRows(now);
    const waltz = toneWav({ seconds: 0.3, frequency: 440 });
    const solo = toneWav({ seconds: 0.3, frequency: 523 });
    const blobs = [
      blob(1, 'moon-river.wav', waltz, 'audio/wav'),
      blob(2, 'routine.wav', solo, 'audio/wav'),
      blob(3, 'counter.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'image/png'),
      blob(4, 'tango.mp3', waltz, 'audio/mpeg'),
      blob(5, 'notes.txt', new TextEncoder().encode('not music at all, just words'), 'audio/mpeg'),
    ];
    const withMusic: Rows = {
      ...rows,
      active_storage_blobs: blobs.map((b) => b.row),
      active_storage_attachments: [
        { name: 'song_file', record_type: 'Song', record_id: 1, blob_id: 1 },
        { name: 'song_file', record_type: 'Solo', record_id: 2, blob_id: 2 },
        { name: 'counter_art', record_type: 'Event', record_id: 1, blob_id: 3 },
        { name: 'song_file', record_type: 'Song', record_id: 2, blob_id: 4 },
        { name: 'song_file', record_type: 'Solo', record_id: 1, blob_id: 5 },
      ].map((row, i) => ({ id: i + 1, ...row })),
    };
    const zip = await zipOf({
      'showcase/db/spring.sqlite3': showcaseDatabase(withMusic),
      'README.txt': new TextEncoder().encode('the event'),
      ...Object.fromEntries(blobs.filter((b) => b.row.id !== 4).map((b) => [`showcase/${b.path}`, b.bytes])),
    });
    const uploaded = await uploadImport(server, event.id, event.organizerToken, zip, { name: 'spring.zip' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.database).toEqual({ name: 'showcase/db/spring.sqlite3', schemaVersion: expect.any(String) });
    expect(uploaded.body.music).toEqual({ attached: 4, found: 3, missing: 1 });
    expect(uploaded.body.skipped).toEqual(
      expect.arrayContaining([
        '1 attached counter picture: ondeck imports the music of songs and solos only',
        "music of 1 song and solos: not in the ZIP's storage folder",
        '1 other file in the ZIP (README.txt): not a database or storage file',
      ]),
    );
    const { result } = await importFile(server, event.id, event.organizerToken, zip, { name: 'spring.zip' });
    expect(result.music).toEqual({
      stored: 2,
      skipped: [expect.stringMatching(/^notes\.txt: This is not an audio file/)],
    });
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const program = await serverProgram(server, event.id, event.organizerToken);
    expect(program.songs.get('song-1')?.songFile).toBe(sha(waltz));
    expect(program.solos.get('solo-2')?.songFile).toBe(sha(solo));
    expect(program.songs.get('song-2')?.songFile).toBeUndefined();
    const served = await download(server, `/api/events/${event.id}/files/${sha(waltz)}`, event.organizerToken);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(Buffer.from(waltz))).toBe(true);

    // Importing the database alone again keeps the music the ZIP brought.
    const again = await uploadImport(server, event.id, event.organizerToken, showcaseDatabase(withMusic));
    expect(again.body.changes.records).toEqual([]);
    expect(again.body.skipped).toContain(
      'music of 4 songs and solos: the upload is the database alone; upload a ZIP of the database and its storage folder to bring the music along',
    );
  });

  it('writes the marks judges entered into a copy of the database, in Showcase’s own columns', async () => {
    const event = await createTestEvent(server, 'round-trip');
    const { rows } = fixtureRows(now);
    const assigned: Rows = {
      ...rows,
      events: rows.events?.map((e) => ({ ...e, assign_judges: 1 })) ?? [],
      scores: [...(rows.scores ?? []), { id: 3, judge_id: 3, heat_id: 3 }, { id: 4, judge_id: 3, heat_id: 8 }],
    };
    const source = showcaseDatabase(assigned);
    await importFile(server, event.id, event.organizerToken, source, { name: 'spring.sqlite3' });

    const judge = await event.tokenFor('judge', 'person-3');
    const tablet = stockProvider(server.syncUrl, syncRoomName(event.id, 'scores/person-3'), judge.token);
    await waitForSynced(tablet);
    const at = Date.UTC(2026, 10, 23, 15, 30, 12, 345);
    putMark(tablet.doc, { heatId: 'heat-1', value: 'GH', updatedAt: at });
    clearMark(tablet.doc, heatScoreKey('heat-2'));
    putMark(tablet.doc, { heatId: 'heat-8', value: 'S', comments: 'Lovely "frame",\nkeep it', updatedAt: at + 1 });
    putMark(tablet.doc, { heatId: 'heat-5', slot: 2, value: '1', updatedAt: at + 2 });
    putMark(tablet.doc, { heatId: '', categoryId: 'cat-1', personId: 'person-2', value: 'G', updatedAt: at + 3 });
    await waitForConfirmed(tablet);
    tablet.destroy();
    // The organiser takes the judge off heat 3 (couple 3).
    const laptop = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(laptop);
    removeRecord(laptop.doc, 'assignments', 'assign-3');
    await waitForConfirmed(laptop);
    laptop.destroy();

    const exported = await download(server, `/api/events/${event.id}/export/showcase.sqlite3`, event.organizerToken);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="spring-ondeck-marks.sqlite3"');
    const db = new Database(exported.bytes);
    const scores = db
      .prepare(
        'SELECT id, judge_id, heat_id, slot, person_id, value, good, bad, comments, updated_at FROM scores ORDER BY id',
      )
      .all();
    expect(scores).toEqual([
      {
        id: 1,
        judge_id: 3,
        heat_id: 1,
        slot: null,
        person_id: null,
        value: 'GH',
        good: null,
        bad: null,
        comments: null,
        updated_at: '2026-11-23 15:30:12.345000',
      },
      // Cleared on the tablet: the row stays, empty, as the judge's assignment (assign_judges is on).
      {
        id: 2,
        judge_id: 3,
        heat_id: 2,
        slot: null,
        person_id: null,
        value: null,
        good: null,
        bad: null,
        comments: null,
        updated_at: expect.any(String),
      },
      {
        id: 4,
        judge_id: 3,
        heat_id: 8,
        slot: null,
        person_id: null,
        value: 'S',
        good: null,
        bad: null,
        comments: 'Lovely "frame",\nkeep it',
        updated_at: '2026-11-23 15:30:12.346000',
      },
      {
        id: 5,
        judge_id: 3,
        heat_id: 5,
        slot: 2,
        person_id: null,
        value: '1',
        good: null,
        bad: null,
        comments: null,
        updated_at: '2026-11-23 15:30:12.347000',
      },
      {
        id: 6,
        judge_id: 3,
        heat_id: -1,
        slot: null,
        person_id: 2,
        value: null,
        good: 'G',
        bad: null,
        comments: null,
        updated_at: '2026-11-23 15:30:12.348000',
      },
    ]);
    // The rest of the database is the one uploaded.
    const original = new Database(source);
    for (const table of ['heats', 'people', 'entries', 'events'])
      expect(db.prepare(`SELECT * FROM ${table} ORDER BY id`).all(), table).toEqual(
        original.prepare(`SELECT * FROM ${table} ORDER BY id`).all(),
      );
    original.close();
    db.close();

    // Imported again, the exported database changes nothing.
    const again = await uploadImport(server, event.id, event.organizerToken, exported.bytes);
    expect(again.body.changes.records.filter((r) => r.collection !== 'assignments')).toEqual([]);
    expect(again.body.changes.marks).toMatchObject({ added: 0, updated: 0 });

    const csv = await download(server, `/api/events/${event.id}/export/marks.csv`, event.organizerToken);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = parseCsv(csv.bytes.toString('utf8').replace(/^\ufeff/, ''));
    expect(lines[0]?.cells).toEqual([...MARKS_CSV_HEADINGS]);
    expect(lines.slice(1).map((l) => l.cells)).toEqual([
      [
        'Judy Sheindlin',
        '1',
        '',
        'Closed',
        'Waltz',
        '1',
        'Arthur Murray',
        'Kathryn Murray',
        'One',
        '',
        '',
        'GH',
        '',
        '',
        '',
        '2026-11-23T15:30:12.345Z',
      ],
      [
        'Judy Sheindlin',
        '4',
        '2',
        'Multi',
        'All Around Smooth',
        '1',
        'Arthur Murray',
        'Kathryn Murray',
        'One',
        '',
        '',
        '1',
        '',
        '',
        '',
        '2026-11-23T15:30:12.347Z',
      ],
      [
        'Judy Sheindlin',
        '7',
        '',
        'Closed',
        'Tango',
        '1',
        'Arthur Murray',
        'Student One',
        'One',
        '',
        '',
        'S',
        '',
        '',
        'Lovely "frame",\nkeep it',
        '2026-11-23T15:30:12.346Z',
      ],
      [
        'Judy Sheindlin',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        'Closed American Smooth',
        'Kathryn Murray',
        'G',
        '',
        '',
        '',
        '2026-11-23T15:30:12.348Z',
      ],
    ]);
  });

  it('makes a program of the CSV template, and exports its marks as CSV only', async () => {
    const event = await createTestEvent(server, 'from-csv');
    const template = new TextEncoder().encode(CSV_TEMPLATE);
    const { preview, result } = await importFile(server, event.id, event.organizerToken, template, {
      format: 'csv',
      name: 'program.csv',
    });
    expect(preview).toMatchObject({ format: 'csv', canCommit: true, problems: [], reimport: false });
    expect(preview.tables).toEqual([{ table: 'lines', rows: 3, imported: true }]);
    expect(result.changes.collections.heats?.added).toBe(2);
    const program = await serverProgram(server, event.id, event.organizerToken);
    expect([...program.people.values()].map((p) => p.name).sort()).toEqual([
      'Murray, Arthur',
      'Sheindlin, Judy',
      'Smith, Jane',
    ]);
    const again = await uploadImport(server, event.id, event.organizerToken, template, { format: 'csv' });
    expect(again.body).toMatchObject({ reimport: true, changes: { records: [] } });

    const showcase = await download(server, `/api/events/${event.id}/export/showcase.sqlite3`, event.organizerToken);
    expect(showcase.status).toBe(404);
    expect(JSON.parse(showcase.bytes.toString()).error.code).toBe('NO_SHOWCASE_SOURCE');
    const csv = await download(server, `/api/events/${event.id}/export/marks.csv`, event.organizerToken);
    expect(csv.status).toBe(200);
  });
});
