import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('a request body is taken exactly as sent, never coerced', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'types');
  });
  afterAll(() => server.close());

  it.each([
    ['a number for a text', { role: 'staff', label: 12 }, /label must be string/],
    ['an array for a text', { role: 'staff', label: ['Door'] }, /label must be string/],
    ['an array for a choice', { role: ['staff'] }, /role must be equal to one of the allowed values/],
    ['null for a text', { role: 'staff', label: null }, /label must be string/],
  ])('refuses %s with INVALID_REQUEST and names the field', async (_, body, message) => {
    const answer = await api<ErrorBody>(server, 'POST', `/api/events/${event.id}/invites`, body, event.organizerToken);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_REQUEST');
    expect(answer.body.error.message).toMatch(message);
  });

  it('refuses an invite code sent as an array, under the same rule as a wrong code', async () => {
    const answer = await api<ErrorBody>(server, 'POST', '/api/join', { code: ['abcdefgh12'] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/code must be string/);
  });

  it('still reads numbers and ids from the URL, which is text', async () => {
    const listed = await api(server, 'GET', '/api/events?cacheBust=1', undefined, ADMIN_TOKEN);
    expect(listed.status).toBe(200);
    const ok = await api(
      server,
      'POST',
      `/api/events/${event.id}/invites`,
      { role: 'staff', label: 'Door' },
      event.organizerToken,
    );
    expect(ok.status).toBe(201);
  });
});
