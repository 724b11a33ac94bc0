import { apiPath, apiRequest, type ImportPreview, type ImportResult } from '@ondeck/shared';
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

/** Imports a database through the API, preview then commit, as the organiser. */
export async function importDatabase(server: TestServer, eventId: string, token: string, bytes: Buffer) {
  const path = apiPath('uploadImport', { eventId }, { format: 'showcase', name: 'spring.sqlite3' });
  const uploaded = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  const preview = (await uploaded.json()) as ImportPreview;
  const { path: commitPath, init } = apiRequest('commitImport', { params: { eventId, importId: preview.id }, token });
  const committed = await fetch(`${server.url}${commitPath}`, init);
  if (!committed.ok) throw new Error(`commit: ${committed.status} ${await committed.text()}`);
  return (await committed.json()) as ImportResult;
}

/** The event's marks in a copy of its Showcase database. */
export async function exportDatabase(server: TestServer, eventId: string, token: string): Promise<Buffer> {
  const response = await fetch(`${server.url}${apiPath('exportShowcase', { eventId }, {})}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`export: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}
