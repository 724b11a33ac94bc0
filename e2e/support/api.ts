import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CreateEventResponse,
  type DocName,
  docStatePath,
  type Invite,
  importShowcaseFixtures,
  type Program,
  type ProgramData,
  type Role,
  readProgram,
  SYNC_PATH,
  syncRoomName,
  type WebSocketConstructor,
  WirePeer,
  writeProgram,
} from '@ondeck/shared';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ADMIN_TOKEN, type TestServer } from './server.ts';

async function call<T>(server: TestServer, path: string, token: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

let counter = 0;

type Template = 'empty' | 'demo' | 'large';

/** A fresh event on the server (admin API), with its first organiser invite. */
export async function createEvent(
  server: TestServer,
  template: Template = 'demo',
  name = 'Spring Showcase',
): Promise<CreateEventResponse> {
  counter++;
  const id = `e2e-${Date.now().toString(36)}-${counter}`;
  return call<CreateEventResponse>(server, '/api/events', ADMIN_TOKEN, {
    method: 'POST',
    body: JSON.stringify({ id, name, template }),
  });
}

/** Redeems an invite outside the browser: a token to check the server's data with. */
export async function joinToken(server: TestServer, invite: Invite): Promise<string> {
  const response = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: invite.code }),
  });
  if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A fresh event, with its organiser's token to set it up and check it with. */
export async function createEventWithToken(
  server: TestServer,
  template: Template,
  name: string,
): Promise<CreateEventResponse & { organizerToken: string }> {
  const created = await createEvent(server, template, name);
  return { ...created, organizerToken: await joinToken(server, created.organizerInvite) };
}

export async function createInvite(
  server: TestServer,
  eventId: string,
  organizerToken: string,
  role: Role,
  personId?: string,
): Promise<Invite> {
  const body = { role, ...(personId ? { personId } : {}) };
  return (
    await call<{ invite: Invite }>(server, `/api/events/${eventId}/invites`, organizerToken, {
      method: 'POST',
      body: JSON.stringify(body),
    })
  ).invite;
}

export async function listInvites(server: TestServer, eventId: string, organizerToken: string): Promise<Invite[]> {
  return (await call<{ invites: Invite[] }>(server, `/api/events/${eventId}/invites`, organizerToken)).invites;
}

export async function revokeInvite(server: TestServer, eventId: string, organizerToken: string, inviteId: string) {
  await call(server, `/api/events/${eventId}/invites/${inviteId}`, organizerToken, { method: 'DELETE' });
}

/** What the server has of a document (committed or not, it is what its next start loads). */
export async function serverDoc(server: TestServer, eventId: string, token: string, doc: DocName): Promise<Y.Doc> {
  const response = await fetch(`${server.url}${docStatePath(eventId, doc)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${doc}: ${response.status} ${await response.text()}`);
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, new Uint8Array(await response.arrayBuffer()));
  return ydoc;
}

export async function serverProgram(server: TestServer, eventId: string, token: string): Promise<Program> {
  return readProgram(await serverDoc(server, eventId, token, 'program'));
}

/** The WebSocket address of a document, as a device with `token` opens it. */
export function syncUrl(server: TestServer, eventId: string, token: string, doc: DocName): string {
  return `${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${syncRoomName(eventId, doc)}?token=${encodeURIComponent(token)}`;
}

/**
 * Makes a change to a document straight over the wire, as a device holding `token` would — the
 * standard y-websocket protocol, no app in between. Resolves `saved` once the server's committed
 * state vector covers the change, `denied` when the server refuses it (y-protocols auth).
 */
export async function writeOverWire(
  server: TestServer,
  eventId: string,
  token: string,
  doc: DocName,
  change: (ydoc: Y.Doc) => void,
): Promise<'saved' | 'denied'> {
  const client = await WirePeer.connect(
    WebSocket as unknown as WebSocketConstructor,
    syncUrl(server, eventId, token, doc),
  );
  try {
    const ydoc = new Y.Doc();
    const first = client.next('step2');
    client.sendStep1();
    Y.applyUpdate(ydoc, (await first).update);
    let update: Uint8Array | null = null;
    ydoc.on('update', (bytes: Uint8Array) => {
      update = bytes;
    });
    change(ydoc);
    if (!update) throw new Error('the change changed nothing');
    const clock = Y.getState(ydoc.store, ydoc.clientID);
    const answer = new Promise<'saved' | 'denied'>((resolve) => {
      client.onFrame = (frame) => {
        if (frame.kind === 'denied') resolve('denied');
        if (frame.kind === 'step1' && (Y.decodeStateVector(frame.stateVector).get(ydoc.clientID) ?? 0) >= clock)
          resolve('saved');
      };
    });
    client.sendUpdate(update);
    return await answer;
  } finally {
    await client.close();
  }
}

/** The reference showcase (rubys/showcase fixtures, MIT) as program data. */
function showcaseData(now = new Date(2026, 10, 22, 12, 0)): ProgramData {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'fixtures', 'showcase', 'fixtures');
  const files = Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.yml'))
      .map((file) => [file.slice(0, -'.yml'.length), readFileSync(join(dir, file), 'utf8')]),
  );
  return importShowcaseFixtures(files, { now });
}

/** A new event holding the reference showcase, written once by its organiser; with that organiser's token. */
export async function createShowcaseEvent(
  server: TestServer,
  name = 'Reference Showcase',
): Promise<CreateEventResponse & { organizerToken: string }> {
  const created = await createEventWithToken(server, 'empty', name);
  const data = showcaseData();
  const result = await writeOverWire(server, created.event.id, created.organizerToken, 'program', (doc) =>
    writeProgram(doc, { ...data, settings: { ...data.settings, name } }),
  );
  if (result !== 'saved') throw new Error('the organiser could not write the showcase program');
  return created;
}
