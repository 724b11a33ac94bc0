import {
  type CreateEventResponse,
  type DocName,
  docStatePath,
  type Invite,
  type Program,
  type Role,
  readProgram,
} from '@ondeck/shared';
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

/** A fresh event on the server (admin API), with its first organiser invite. */
export async function createEvent(
  server: TestServer,
  template: 'empty' | 'demo' | 'large' = 'demo',
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
