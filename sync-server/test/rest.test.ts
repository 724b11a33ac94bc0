import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  type CreateEventResponse,
  type Invite,
  type JoinResponse,
  putRecord,
  readProgram,
  syncRoomName,
} from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { ADMIN_TOKEN, api, createTestEvent, startServer, type TestServer } from './support/server.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('the REST API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ ONDECK_PUBLIC_URL: 'https://floor.example.com' });
  });
  afterAll(() => server.close());

  it('creates events for the admin only, and refuses duplicates', async () => {
    const body = { id: 'spring-showcase', name: 'Spring Showcase' };
    expect((await api<ErrorBody>(server, 'POST', '/api/events', body)).body.error.code).toBe('UNAUTHORIZED');
    expect((await api(server, 'POST', '/api/events', body, 'wrong-admin-token-000')).status).toBe(401);

    const created = await api<CreateEventResponse>(server, 'POST', '/api/events', body, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    expect(created.body.event).toMatchObject(body);
    expect(created.body.organizerInvite.role).toBe('organizer');
    expect(created.body.organizerInvite.link).toBe(
      `https://floor.example.com/join/${created.body.organizerInvite.code}`,
    );

    const again = await api<ErrorBody>(server, 'POST', '/api/events', body, ADMIN_TOKEN);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EVENT_EXISTS');

    const listed = await api<{ events: Array<{ id: string }> }>(server, 'GET', '/api/events', undefined, ADMIN_TOKEN);
    expect(listed.body.events.map((e) => e.id)).toContain('spring-showcase');
  });

  it('manages invites: create per role, list with joins, revoke', async () => {
    const event = await createTestEvent(server, 'invites');
    const path = `/api/events/${event.id}/invites`;
    const judge = await api<{ invite: Invite }>(
      server,
      'POST',
      path,
      { role: 'judge', personId: 'j7', label: 'Judge Ann' },
      event.organizerToken,
    );
    expect(judge.status).toBe(201);
    expect(judge.body.invite).toMatchObject({ role: 'judge', personId: 'j7', label: 'Judge Ann', joins: 0 });

    const noJudge = await api<ErrorBody>(server, 'POST', path, { role: 'judge' }, event.organizerToken);
    expect(noJudge.body.error.code).toBe('JUDGE_REQUIRED');
    const badRole = await api<ErrorBody>(server, 'POST', path, { role: 'king' }, event.organizerToken);
    expect(badRole.status).toBe(400);

    const joined = await api<JoinResponse>(server, 'POST', '/api/join', { code: judge.body.invite.code });
    expect(joined.body).toMatchObject({ eventId: event.id, role: 'judge', personId: 'j7', label: 'Judge Ann' });
    expect(joined.body.expiresAt).toBeGreaterThan(Date.now() / 1000 + 86_400);

    // Only the organiser manages invites.
    expect((await api(server, 'GET', path, undefined, joined.body.token)).status).toBe(403);

    const list = await api<{ invites: Invite[] }>(server, 'GET', path, undefined, event.organizerToken);
    const listed = list.body.invites.find((i) => i.id === judge.body.invite.id);
    expect(listed?.joins).toBe(1);
    expect(listed?.lastJoinedAt).toBeDefined();

    const info = await api<{ event: { id: string }; role: string; personId: string }>(
      server,
      'GET',
      `/api/events/${event.id}`,
      undefined,
      joined.body.token,
    );
    expect(info.body).toMatchObject({ event: { id: event.id }, role: 'judge', personId: 'j7' });

    const revoked = await api<{ invite: Invite }>(
      server,
      'DELETE',
      `${path}/${judge.body.invite.id}`,
      undefined,
      event.organizerToken,
    );
    expect(revoked.body.invite.revokedAt).toBeDefined();
    const after = await api<ErrorBody>(server, 'GET', `/api/events/${event.id}`, undefined, joined.body.token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_REVOKED');
    expect(
      (await api<ErrorBody>(server, 'DELETE', `${path}/nosuchinvite`, undefined, event.organizerToken)).status,
    ).toBe(404);
    expect((await api<ErrorBody>(server, 'POST', '/api/join', { code: 'unknowncode1' })).body.error.code).toBe(
      'INVITE_NOT_FOUND',
    );
  });

  it('serves a document’s first copy compressed, cacheable by version, to those who may read it', async () => {
    const event = await createTestEvent(server, 'state');
    const writer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
    await waitForSynced(writer);
    writer.doc.transact(() => {
      for (let i = 0; i < 500; i++) putRecord(writer.doc, 'studios', { id: `s${i}`, name: `Studio number ${i}` });
    });
    await waitForConfirmed(writer);
    const staff = await event.tokenFor('staff');
    const url = `${server.url}/api/events/${event.id}/docs/program`;

    const br = await fetch(url, { headers: { authorization: `Bearer ${staff.token}`, 'accept-encoding': 'br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    const etag = br.headers.get('etag') as string;
    const raw = await rawBody(url, staff.token, 'br');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, brotliDecompressSync(raw));
    expect(readProgram(doc).studios.size).toBe(500);

    const gz = await rawBody(url, staff.token, 'gzip');
    expect(gunzipSync(gz).length).toBe(Y.encodeStateAsUpdate(doc).length);
    expect(raw.length).toBeLessThan(gunzipSync(gz).length / 4);

    const notModified = await fetch(url, {
      headers: { authorization: `Bearer ${staff.token}`, 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    putRecord(writer.doc, 'studios', { id: 'new', name: 'New' });
    await waitForConfirmed(writer);
    const changed = await fetch(url, { headers: { authorization: `Bearer ${staff.token}`, 'if-none-match': etag } });
    expect(changed.status).toBe(200);

    const scores = await api<ErrorBody>(
      server,
      'GET',
      `/api/events/${event.id}/docs/scores/j1`,
      undefined,
      staff.token,
    );
    expect(scores.status).toBe(403);
    expect((await api(server, 'GET', `/api/events/${event.id}/docs/program`)).status).toBe(401);
    expect(
      (await api<ErrorBody>(server, 'GET', `/api/events/${event.id}/docs/other`, undefined, staff.token)).body.error
        .code,
    ).toBe('INVALID_DOCUMENT');
    writer.destroy();
  });

  it('reports health and metrics', async () => {
    const up = await api<{ status: string }>(server, 'GET', '/up');
    expect(up.body.status).toBe('ok');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^ondeck_connections \d+$/m);
    expect(metrics).toMatch(/^ondeck_commits_total \d+$/m);
    expect(metrics).toMatch(/ondeck_commit_duration_seconds_bucket/);
  });

  it('answers unknown API routes with a JSON error', async () => {
    const res = await api<ErrorBody>(server, 'GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

/** The body as sent on the wire, without fetch's automatic decompression. */
async function rawBody(url: string, token: string, encoding: string): Promise<Buffer> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.end();
  });
}
