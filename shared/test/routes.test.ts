import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  API_ROUTES,
  ApiErrorCode,
  apiPath,
  apiRequest,
  type CreateInviteRequest,
  type Fields,
  findApiRoute,
  isApiErrorCode,
  type JoinResponse,
  type JsonRouteName,
  type RouteBody,
  type RouteParams,
  type RouteResponse,
  type TokenQuery,
} from '../src/index.ts';
import { optional, required } from '../src/protocol/routeSpec.ts';

describe('the route table', () => {
  it('fills in a path: parameters encoded, the `*` rest kept whole, the query when given', () => {
    expect(apiPath('revokeInvite', { eventId: 'spring', inviteId: 'a b' })).toBe('/api/events/spring/invites/a%20b');
    expect(apiPath('docState', { eventId: 'spring', '*': 'scores/j1' })).toBe('/api/events/spring/docs/scores/j1');
    expect(apiPath('playlistZip', { eventId: 'spring' }, { token: 'x.y+z' })).toBe(
      '/api/events/spring/playlist.zip?token=x.y%2Bz',
    );
    expect(apiPath('listFiles', { eventId: 'spring' }, {})).toBe('/api/events/spring/files');
    expect(apiPath('join', {})).toBe('/api/join');
  });

  it('builds a JSON call: method, token, body', () => {
    const { path, init } = apiRequest('createInvite', {
      params: { eventId: 'spring' },
      body: { role: 'dj' },
      token: 'organizer-token',
    });
    expect(path).toBe('/api/events/spring/invites');
    expect(init).toEqual({
      method: 'POST',
      headers: {
        Accept: 'application/json',
        Authorization: 'Bearer organizer-token',
        'Content-Type': 'application/json',
      },
      body: '{"role":"dj"}',
    });
    expect(apiRequest('listEvents', {}).init).toEqual({ method: 'GET', headers: { Accept: 'application/json' } });
  });

  it('finds a route by method and fastify path, HEAD as GET', () => {
    expect(findApiRoute('DELETE', '/api/events/:eventId/invites/:inviteId')).toBe('revokeInvite');
    expect(findApiRoute('HEAD', '/api/events/:eventId/files/:sha256')).toBe('getFile');
    expect(findApiRoute('PUT', '/api/events')).toBeUndefined();
    expect(findApiRoute('GET', '/api/events/spring')).toBeUndefined();
  });

  it('has one route per method and path, each naming only codes of the union', () => {
    const keys = Object.values(API_ROUTES).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of Object.values(API_ROUTES))
      for (const code of route.errors) expect(isApiErrorCode(code)).toBe(true);
    expect(isApiErrorCode('INVITE_REVOKED')).toBe(true);
    expect(isApiErrorCode('INVITE_GONE')).toBe(false);
    expect(ApiErrorCode.INVITE_REVOKED).toBe('INVITE_REVOKED');
  });

  it('types calls by the entry that validates them', () => {
    expectTypeOf<RouteParams<'docState'>>().toEqualTypeOf<{ eventId: string; '*': string }>();
    expectTypeOf<RouteParams<'revokeInvite'>>().toEqualTypeOf<{ eventId: string; inviteId: string }>();
    expectTypeOf<RouteBody<'createInvite'>>().toEqualTypeOf<CreateInviteRequest>();
    expectTypeOf<RouteBody<'uploadFile'>>().toEqualTypeOf<Blob>();
    expectTypeOf<RouteBody<'listInvites'>>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteResponse<'join'>>().toEqualTypeOf<JoinResponse>();
    expectTypeOf<RouteResponse<'docState'>>().toEqualTypeOf<Blob>();
    expectTypeOf<Parameters<typeof apiPath<'getFile'>>[2]>().toEqualTypeOf<TokenQuery | undefined>();
    expectTypeOf<JsonRouteName>().toEqualTypeOf<
      | 'health'
      | 'publicKeys'
      | 'createEvent'
      | 'listEvents'
      | 'createOrganizerInvite'
      | 'getEvent'
      | 'createInvite'
      | 'listInvites'
      | 'revokeInvite'
      | 'venueExchange'
      | 'serverLinks'
      | 'cloudAccess'
      | 'join'
      | 'listFiles'
      | 'listImports'
      | 'getImport'
      | 'commitImport'
      | 'discardImport'
    >();
    // A schema must mark exactly the type's required fields as required, and name every field.
    expectTypeOf({ role: optional({}), personId: optional({}), label: optional({}) }).not.toExtend<
      Fields<CreateInviteRequest>
    >();
    expectTypeOf({ role: required({}), personId: optional({}) }).not.toExtend<Fields<CreateInviteRequest>>();
    expectTypeOf({ role: required({}), personId: optional({}), label: optional({}) }).toExtend<
      Fields<CreateInviteRequest>
    >();
  });
});
