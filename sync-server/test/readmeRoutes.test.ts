import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_ROUTES, type ApiRoute, type JoinResponse, ROLES } from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { api, createTestEvent, startServer, type TestServer } from './support/server.ts';

const README = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');
const BEGIN = '<!-- rest-routes:begin';
const END = '<!-- rest-routes:end -->';
const REWRITE =
  'ONDECK_WRITE_README=1 node_modules/.bin/vitest run --project sync-server sync-server/test/readmeRoutes.test.ts';

/** `/api/events/:eventId/files/:sha256` as the README writes paths: `/api/events/<eventId>/files/<sha256>`. */
function readmePath(path: string): string {
  return path.replace(/:(\w+)/g, '<$1>').replace(/\*$/, '<document>');
}

function who(route: ApiRoute): string {
  if (route.caller === 'anyone') return 'anyone';
  if (route.caller === 'admin') return 'admin token';
  return route.caller.roles.length === ROLES.length ? 'any event token' : route.caller.roles.join(', ');
}

function fields(shape: { fields: Record<string, { presence: string }> }): string {
  return Object.entries(shape.fields)
    .map(([name, field]) => (field.presence === 'required' ? name : `${name}?`))
    .join(', ');
}

function takes(route: ApiRoute): string {
  const parts: string[] = [];
  if (route.query) parts.push(`query: ${fields(route.query as never)}`);
  if (route.body?.kind === 'object') parts.push(`JSON { ${fields(route.body as never)} }`);
  if (route.body?.kind === 'raw') parts.push(`raw body: ${route.body.accepts}`);
  return parts.join('; ');
}

function answers(route: ApiRoute): string {
  const status = route.status ?? 200;
  return route.response.kind === 'json' ? `${status} JSON` : `${status} \`${route.response.contentType}\``;
}

/** The README's list of routes, made from the route table: one item per route, in its order. */
function routesList(): string {
  const items = Object.entries(API_ROUTES).map(([name, entry]) => {
    const route: ApiRoute = entry;
    const given = takes(route);
    const errors = route.errors.length > 0 ? ` Errors: ${route.errors.map((code) => `\`${code}\``).join(', ')}.` : '';
    return `- \`${route.method} ${readmePath(route.path)}\` (\`${name}\`; ${who(route)}${given ? `; ${given}` : ''} → ${answers(route)}): ${route.summary}${errors}`;
  });
  return [
    `${BEGIN} generated from API_ROUTES in shared/src/protocol/routes.ts; to rewrite: ${REWRITE} -->`,
    '',
    ...items,
    '',
    END,
  ].join('\n');
}

describe('the README’s REST section', () => {
  const readme = readFileSync(README, 'utf8');

  it('lists every route of the route table, as the table says (generated from it)', () => {
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    expect(start, 'the README has no generated routes block').toBeGreaterThanOrEqual(0);
    const current = readme.slice(start, end + END.length);
    const generated = routesList();
    if (current !== generated && process.env.ONDECK_WRITE_README === '1') {
      writeFileSync(README, readme.replace(current, generated));
      return;
    }
    expect(current, `the README's routes are out of date; run ${REWRITE}`).toBe(generated);
    for (const route of Object.values(API_ROUTES))
      expect(current).toContain(`\`${route.method} ${readmePath(route.path)}\``);
  });

  describe('documents POST /api/join as the server answers it', () => {
    let server: TestServer;
    afterAll(() => server.close());

    it('with every field of the answer, and none it does not send', async () => {
      const example = /<!-- join-response -->\s*```json\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(example, 'the README has no example join response').toBeDefined();
      const documented = JSON.parse(example as string) as Record<string, unknown>;

      server = await startServer();
      const event = await createTestEvent(server, 'join-doc', 'demo');
      const invite = await event.inviteFor('judge', 'j1');
      const joined = await api<JoinResponse>(server, 'POST', '/api/join', { code: invite.code });
      expect(joined.status).toBe(200);
      expect(Object.keys(documented).sort()).toEqual(Object.keys(joined.body).sort());
      for (const [key, value] of Object.entries(joined.body)) expect(typeof documented[key]).toBe(typeof value);
      expect(readme).toMatch(/`POST \/api\/join` takes `\{ "code": "<the code in the invite link>" \}`/);
    });
  });
});
