import { API_ROUTES, ApiErrorCode } from '@ondeck/shared';
import Fastify, { errorCodes } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrors } from '../src/errors.ts';
import { apiRoute, routeTable } from '../src/http/routeTable.ts';
import { api, startServer, type TestServer } from './support/server.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('the route table', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('is what the server registers: every route of the table, and (held by the guard) no other', () => {
    for (const [name, route] of Object.entries(API_ROUTES))
      expect(server.app.hasRoute({ method: route.method, url: route.path }), name).toBe(true);
    expect(server.app.hasPlugin('ondeck-route-table')).toBe(true);
  });

  it('stops a server that registers a route under its paths the table does not declare', async () => {
    const app = Fastify();
    await app.register(routeTable);
    await expect(
      (async () => {
        app.get('/api/events/:eventId/secrets', async () => ({}));
        await app.ready();
      })(),
    ).rejects.toThrow(/GET \/api\/events\/:eventId\/secrets is not in the route table/);
    await app.close();
  });

  it('lets through the routes it declares and the app’s own', async () => {
    const app = Fastify();
    await app.register(routeTable);
    apiRoute(app, 'join', async () => {
      throw new ApiErrors.INVITE_REVOKED();
    });
    app.get('/*', async () => 'the app');
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/judge' })).body).toBe('the app');
    await app.close();
  });

  it('answers a path that is not valid URL encoding in the API’s shape, with a code of the union', async () => {
    const bad = await api<ErrorBody>(server, 'GET', '/api/events/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(ApiErrorCode.BAD_URL);
  });

  it('gives fastify’s own refusals the statuses fastify gives them', () => {
    type ErrorClass = new (...args: string[]) => { statusCode?: number };
    const compared = Object.entries(ApiErrors as Record<string, ErrorClass>).filter(([code, ApiErrorClass]) => {
      const FastifyErrorClass = (errorCodes as Record<string, ErrorClass>)[`FST_ERR_${code}`];
      if (!FastifyErrorClass) return false;
      expect(new ApiErrorClass('x', 'y').statusCode, code).toBe(new FastifyErrorClass().statusCode);
      return true;
    });
    expect(compared.length).toBe(9);
  });
});
