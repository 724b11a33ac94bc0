import type { ImportPreview, ImportResult } from '@ondeck/shared';
// NOTE: the one builder of real Showcase databases (from schema.rb, by SQLite) lives with the
// server's tests; its own dependencies resolve from there.
import { fixtureRows, type Rows, selectRows, showcaseDatabase } from '../../sync-server/test/support/showcaseDb.ts';
import type { TestServer } from './server.ts';

export { selectRows };

/**
 * The reference showcase (rubys/showcase fixtures, MIT) as a real Showcase database, with
 * comments on, a second judge, Sam Ruby (person 12), so two tablets can mark, and the
 * fixtures' two voice notes.
 */
export function referenceDatabase(): Buffer {
  const { rows } = fixtureRows(new Date(Date.UTC(2026, 10, 22, 12)));
  const edited: Rows = {
    ...rows,
    events: (rows.events ?? []).map((row) => ({ ...row, judge_comments: 1 })),
    people: [...(rows.people ?? []), { id: 12, name: 'Ruby, Sam', type: 'Judge', studio_id: 0 }],
    // Voice notes, as the fixtures have: Showcase keeps them, ondeck leaves them out.
    recordings: [
      { id: 1, judge_id: 1, heat_id: 1 },
      { id: 2, judge_id: 1, heat_id: 2 },
    ],
  };
  return showcaseDatabase(edited);
}

async function call<T>(server: TestServer, path: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Imports a database through the API, preview then commit, as the organiser. */
export async function importDatabase(server: TestServer, eventId: string, token: string, bytes: Buffer) {
  const preview = await call<ImportPreview>(
    server,
    `/api/events/${eventId}/imports?format=showcase&name=spring.sqlite3`,
    token,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    },
  );
  return call<ImportResult>(server, `/api/events/${eventId}/imports/${preview.id}/commit`, token, { method: 'POST' });
}

/** The event's marks in a copy of its Showcase database. */
export async function exportDatabase(server: TestServer, eventId: string, token: string): Promise<Buffer> {
  const response = await fetch(`${server.url}/api/events/${eventId}/export/showcase.sqlite3`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`export: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}
