import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ApiCall,
  apiPath,
  apiRequest,
  type CreateEventResponse,
  type DocName,
  type Invite,
  type JsonRouteName,
  type Program,
  type ProgramData,
  type Role,
  type RouteResponse,
  readProgram,
  SYNC_PATH,
  syncRoomName,
  writeProgram,
} from '@ondeck/shared';
import { importShowcaseFixtures, type WebSocketConstructor, WirePeer } from '@ondeck/shared/testkit';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ADMIN_TOKEN, type TestServer } from './server.ts';

/** Calls route `name` of the API (the route table), typed by its entry; a failure throws with the answer. */
async function call<N extends JsonRouteName>(server: TestServer, name: N, args: ApiCall<N>): Promise<RouteResponse<N>> {
  const { path, init } = apiRequest(name, args);
  const response = await fetch(`${server.url}${path}`, init);
  if (!response.ok) throw new Error(`${init.method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as RouteResponse<N>;
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
  return call(server, 'createEvent', { body: { id, name, template }, token: ADMIN_TOKEN });
}

/** Redeems an invite outside the browser: a token to check the server's data with. */
export async function joinToken(server: TestServer, invite: Invite): Promise<string> {
  return (await call(server, 'join', { body: { code: invite.code } })).token;
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
  return (await call(server, 'createInvite', { params: { eventId }, body, token: organizerToken })).invite;
}

export async function listInvites(server: TestServer, eventId: string, organizerToken: string): Promise<Invite[]> {
  return (await call(server, 'listInvites', { params: { eventId }, token: organizerToken })).invites;
}

export async function revokeInvite(server: TestServer, eventId: string, organizerToken: string, inviteId: string) {
  await call(server, 'revokeInvite', { params: { eventId, inviteId }, token: organizerToken });
}

/** What the server has of a document (committed or not, it is what its next start loads). */
export async function serverDoc(server: TestServer, eventId: string, token: string, doc: DocName): Promise<Y.Doc> {
  const response = await fetch(`${server.url}${apiPath('docState', { eventId, '*': doc })}`, {
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
export function showcaseData(now = new Date(2026, 10, 22, 12, 0)): ProgramData {
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
