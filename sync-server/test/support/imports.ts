import {
  apiPath,
  type DocName,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
  type Program,
  readProgram,
} from '@ondeck/shared';
import * as Y from 'yjs';

type ErrorBody = { error: { code: string; message: string } };

/** Uploads a file for import as a browser does: the bytes as the body, the file name in the query. */
export async function uploadImport(
  server: { url: string },
  eventId: string,
  token: string,
  body: Uint8Array,
  options: { format?: ImportFormat; name?: string } = {},
): Promise<{ status: number; body: ImportPreview & ErrorBody }> {
  const query = new URLSearchParams({ format: options.format ?? 'showcase', name: options.name ?? 'event.sqlite3' });
  const response = await fetch(`${server.url}/api/events/${eventId}/imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  return { status: response.status, body: (await response.json()) as ImportPreview & ErrorBody };
}

export async function commitImport(
  server: { url: string },
  eventId: string,
  token: string,
  importId: string,
): Promise<{ status: number; body: ImportResult & ErrorBody }> {
  const response = await fetch(`${server.url}/api/events/${eventId}/imports/${importId}/commit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as ImportResult & ErrorBody };
}

/** Uploads and commits, failing the test when either is refused. */
export async function importFile(
  server: { url: string },
  eventId: string,
  token: string,
  body: Uint8Array,
  options: { format?: ImportFormat; name?: string } = {},
): Promise<{ preview: ImportPreview; result: ImportResult }> {
  const uploaded = await uploadImport(server, eventId, token, body, options);
  if (uploaded.status !== 201) throw new Error(`upload refused: ${JSON.stringify(uploaded.body)}`);
  const committed = await commitImport(server, eventId, token, uploaded.body.id);
  if (committed.status !== 200) throw new Error(`commit refused: ${JSON.stringify(committed.body)}`);
  return { preview: uploaded.body, result: committed.body };
}

/** What the server holds of a document. */
export async function serverDoc(server: { url: string }, eventId: string, token: string, doc: DocName): Promise<Y.Doc> {
  const response = await fetch(`${server.url}${apiPath('docState', { eventId, '*': doc })}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${doc}: ${response.status} ${await response.text()}`);
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, new Uint8Array(await response.arrayBuffer()));
  return ydoc;
}

export async function serverProgram(server: { url: string }, eventId: string, token: string): Promise<Program> {
  return readProgram(await serverDoc(server, eventId, token, 'program'));
}

/** The whole state of the event's program and the given scores documents, to prove nothing changed. */
export async function eventState(
  server: { url: string },
  eventId: string,
  token: string,
  judges: readonly string[] = [],
): Promise<string[]> {
  const docs: DocName[] = ['program', ...judges.map((j) => `scores/${j}` as DocName)];
  return Promise.all(
    docs.map(async (name) =>
      Buffer.from(Y.encodeStateVector(await serverDoc(server, eventId, token, name))).toString('hex'),
    ),
  );
}
