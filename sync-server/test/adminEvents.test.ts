import {
  type CreateEventResponse,
  type EventList,
  type InviteResponse,
  type JoinResponse,
  putRecord,
  readProgram,
  syncRoomName,
} from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { ADMIN_TOKEN, api, startServer, type TestServer } from './support/server.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('the admin’s events', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ ONDECK_PUBLIC_URL: 'https://floor.example.com' });
  });
  afterAll(() => server.close());

  const create = (body: unknown) => api<ErrorBody>(server, 'POST', '/api/events', body, ADMIN_TOKEN);

  it.each([
    ['an id with capitals and an underscore', { id: 'Spring_2027', name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['an id that climbs out of the data directory', { id: '../etc', name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['an id with an outer hyphen', { id: '-spring', name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['an id of 65 characters', { id: 'a'.repeat(65), name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['no id', { name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['an id that is not text', { id: { slug: 'spring' }, name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['the reserved id of the index backups', { id: 'index', name: 'Spring' }, 'INVALID_EVENT_ID'],
    ['no name', { id: 'spring' }, 'INVALID_EVENT_NAME'],
    ['an empty name', { id: 'spring', name: '' }, 'INVALID_EVENT_NAME'],
    ['a name of spaces', { id: 'spring', name: '   ' }, 'INVALID_EVENT_NAME'],
    ['a name with a line break', { id: 'spring', name: 'Spring\nShowcase' }, 'INVALID_EVENT_NAME'],
    ['a name of 201 characters', { id: 'spring', name: 'x'.repeat(201) }, 'INVALID_EVENT_NAME'],
    ['a name that is not text', { id: 'spring', name: { first: 'Spring' } }, 'INVALID_EVENT_NAME'],
    ['a template that does not exist', { id: 'spring', name: 'Spring', template: 'huge' }, 'INVALID_REQUEST'],
  ])('refuses %s with a code that names it', async (_what, body, code) => {
    const refused = await create(body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(code);
    expect(refused.body.error.message.length).toBeGreaterThan(10);
    const listed = await api<EventList>(server, 'GET', '/api/events', undefined, ADMIN_TOKEN);
    expect(listed.body.events.map((event) => event.id)).not.toContain('spring');
  });

  it('says what an event id must be', async () => {
    const refused = await create({ id: 'Spring 2027', name: 'Spring' });
    expect(refused.body.error.message).toMatch(/lowercase letters, digits and inner hyphens/);
  });

  it('hands the admin an organiser invite for an event it lists, and only the admin', async () => {
    await create({ id: 'autumn', name: 'Autumn Showcase' });
    const path = '/api/events/autumn/organizer-invites';
    expect((await api<ErrorBody>(server, 'POST', path, {})).body.error.code).toBe('UNAUTHORIZED');
    const created = await create({ id: 'other', name: 'Other' });
    expect(created.status).toBe(201);
    const organizer = await api<JoinResponse>(server, 'POST', '/api/join', {
      code: (created.body as unknown as CreateEventResponse).organizerInvite.code,
    });
    // An organiser's event token is no admin token.
    expect((await api<ErrorBody>(server, 'POST', path, {}, organizer.body.token)).status).toBe(401);

    const unknown = await api<ErrorBody>(server, 'POST', '/api/events/nosuch/organizer-invites', {}, ADMIN_TOKEN);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_EVENT');
    const badId = await api<ErrorBody>(server, 'POST', '/api/events/No_Such/organizer-invites', {}, ADMIN_TOKEN);
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('INVALID_EVENT_ID');
    const badLabel = await api<ErrorBody>(server, 'POST', path, { label: '' }, ADMIN_TOKEN);
    expect(badLabel.body.error.code).toBe('INVALID_REQUEST');

    const invite = await api<InviteResponse>(server, 'POST', path, { label: 'Organiser Ann' }, ADMIN_TOKEN);
    expect(invite.status).toBe(201);
    expect(invite.body.invite).toMatchObject({ eventId: 'autumn', role: 'organizer', label: 'Organiser Ann' });
    expect(invite.body.invite.link).toBe(`https://floor.example.com/join/${invite.body.invite.code}`);
    const plain = await api<InviteResponse>(server, 'POST', path, {}, ADMIN_TOKEN);
    expect(plain.body.invite.label).toBe('Organiser');

    const joined = await api<JoinResponse>(server, 'POST', '/api/join', { code: invite.body.invite.code });
    expect(joined.body).toMatchObject({ eventId: 'autumn', eventName: 'Autumn Showcase', role: 'organizer' });
  });

  it('answers a malformed event id in any path with INVALID_EVENT_ID', async () => {
    const refused = await api<ErrorBody>(server, 'GET', '/api/events/Bad_Event/invites', undefined, 'x');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('INVALID_EVENT_ID');
  });

  it('makes a new event usable at once: its organiser syncs and a second device sees the change', async () => {
    const created = await api<CreateEventResponse>(
      server,
      'POST',
      '/api/events',
      { id: 'right-away', name: 'Right Away' },
      ADMIN_TOKEN,
    );
    expect(created.status).toBe(201);
    const joined = await api<JoinResponse>(server, 'POST', '/api/join', { code: created.body.organizerInvite.code });
    const room = syncRoomName('right-away', 'program');
    const writer = stockProvider(server.syncUrl, room, joined.body.token);
    await waitForSynced(writer);
    expect(readProgram(writer.doc).settings.name).toBe('Right Away');
    putRecord(writer.doc, 'studios', { id: 'first', name: 'First Studio' });
    await waitForConfirmed(writer);

    const reader = stockProvider(server.syncUrl, room, joined.body.token);
    await waitForSynced(reader);
    await waitFor(() => readProgram(reader.doc).studios.get('first')?.name === 'First Studio');
    writer.destroy();
    reader.destroy();
  });
});
