import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ANY_ROUTE_ERRORS,
  API_ROUTES,
  type ApiError,
  type CreateEventResponse,
  findApiRoute,
  isApiErrorCode,
  type JoinResponse,
  type Role,
} from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import { type BuiltApp, buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { StorageSettings } from '../../src/objectStore/index.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer extends BuiltApp {
  config: Config;
  url: string;
  /** Base URL for y-websocket's `serverUrl`. */
  syncUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The `ONDECK_*` variables that point a server at these storage settings. */
export function storageEnv(settings: StorageSettings): Record<string, string> {
  if (settings.kind === 'dir') return { ONDECK_STORAGE: 'dir', ONDECK_STORAGE_DIR: settings.dir };
  return {
    ONDECK_STORAGE: 's3',
    ONDECK_S3_ENDPOINT: settings.endpoint ?? '',
    ONDECK_S3_REGION: settings.region,
    ONDECK_S3_BUCKET: settings.bucket,
    ONDECK_S3_ACCESS_KEY_ID: settings.accessKeyId,
    ONDECK_S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
  };
}

/** A real server on a port-0 listener with its own temporary data directory. */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ondeck-test-'));
  const config = loadConfig(
    {
      ONDECK_DATA_DIR: dataDir,
      ONDECK_PORT: '0',
      ONDECK_HOST: '127.0.0.1',
      ONDECK_ADMIN_TOKEN: ADMIN_TOKEN,
      ONDECK_LOG_LEVEL: 'silent',
      ONDECK_CLIENT_DIR: 'none',
      ...env,
    },
    { defaultClientDir: null },
  );
  const built = await buildApp(config);
  const undeclared = watchErrorCodes(built.app);
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    ...built,
    config,
    url,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    async close() {
      await built.app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (undeclared.length > 0)
        throw new Error(`error answers the route table does not declare:\n${undeclared.join('\n')}`);
    },
  };
}

/**
 * Holds every test's server to the route table's error lists: an error answer that is not an
 * `ApiError` with a code its route declares (or any route may answer) is noted, and fails the
 * test file when its server closes. So each error a test provokes checks the table.
 */
function watchErrorCodes(app: FastifyInstance): string[] {
  const undeclared: string[] = [];
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400) return payload;
    const name = request.routeOptions.url && findApiRoute(request.method, request.routeOptions.url);
    const declared: readonly string[] = [...ANY_ROUTE_ERRORS, ...(name ? API_ROUTES[name].errors : [])];
    let code: unknown;
    try {
      code = (JSON.parse(String(payload)) as Partial<ApiError>).error?.code;
    } catch {
      // Not JSON: noted below with no code.
    }
    if (!isApiErrorCode(code) || !declared.includes(code))
      undeclared.push(
        `${request.method} ${request.url.split('?')[0]} (${name || 'no route'}) answered ${String(code)}`,
      );
    return payload;
  });
  return undeclared;
}

export async function api<T>(
  server: { url: string },
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface TestEvent {
  id: string;
  organizerToken: string;
  /** Joins through a fresh invite and returns the token. */
  tokenFor(role: Role, personId?: string): Promise<JoinResponse>;
  inviteFor(role: Role, personId?: string): Promise<{ id: string; code: string }>;
}

/** Creates an event through the admin API and joins as its organiser. */
export async function createTestEvent(
  server: { url: string },
  id: string,
  template: 'empty' | 'demo' | 'large' = 'empty',
): Promise<TestEvent> {
  const created = await api<CreateEventResponse>(
    server,
    'POST',
    '/api/events',
    { id, name: `Event ${id}`, template },
    ADMIN_TOKEN,
  );
  if (created.status !== 201) throw new Error(`event creation failed: ${JSON.stringify(created.body)}`);
  const organizer = await api<JoinResponse>(server, 'POST', '/api/join', { code: created.body.organizerInvite.code });
  const organizerToken = organizer.body.token;
  const inviteFor = async (role: Role, personId?: string) => {
    const res = await api<{ invite: { id: string; code: string } }>(
      server,
      'POST',
      `/api/events/${id}/invites`,
      { role, ...(personId ? { personId } : {}) },
      organizerToken,
    );
    if (res.status !== 201) throw new Error(`invite failed: ${JSON.stringify(res.body)}`);
    return res.body.invite;
  };
  return {
    id,
    organizerToken,
    inviteFor,
    async tokenFor(role, personId) {
      const invite = await inviteFor(role, personId);
      const joined = await api<JoinResponse>(server, 'POST', '/api/join', { code: invite.code });
      return joined.body;
    },
  };
}
