import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buildApp } from '../app.ts';
import { openTokenService } from '../auth/serverTokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { runningServer } from '../http/serverAddress.ts';

/** One HTTP exchange with the server: the running one, or one built in this process. */
type Call = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: { stream: Readable; length: number },
) => Promise<{ status: number; body: Buffer }>;

export interface Session {
  call: Call;
  /** Where the calls go, to say so. */
  where: string;
  close(): Promise<void>;
}

/** An organiser token for this command (the shortest lifetime there is), signed with the server's own key. */
export async function organizerToken(config: Config, catalog: IndexDatabase, eventId: string): Promise<string> {
  const tokens = await openTokenService(catalog, { ...config, tokenTtlDays: 1 });
  return (await tokens.sign({ eventId, role: 'organizer', inviteId: 'cli' })).token;
}

/**
 * The server this data directory belongs to. When one is running on it (it records its address
 * there as it starts listening, whatever port it got), the command goes through it — the event
 * it has loaded takes the change, devices connected to it see it live, a revoked invite's
 * sockets close. Otherwise the command builds the same server in this process (not listening)
 * and sends it the same requests; closing it commits, unloads and backs up as a stopping
 * server does.
 */
export async function openSession(config: Config, token: string): Promise<Session> {
  const headers = { authorization: `Bearer ${token}` };
  const running = await runningServer(config.dataDir);
  if (running) {
    return {
      where: `the running server at ${running.url}`,
      async call(method, path, body) {
        const response = await fetch(`${running.url}${path}`, {
          method,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
          ...(body ? { body: Readable.toWeb(body.stream) as ReadableStream, duplex: 'half' } : {}),
        } as RequestInit);
        return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
      },
      close: async () => {},
    };
  }
  // NOTE: a configured admin token keeps this build from generating (and never printing) one.
  const built = await buildApp({
    ...config,
    clientDir: null,
    logLevel: 'error',
    adminToken: config.adminToken ?? randomBytes(24).toString('hex'),
  });
  return {
    where: `this data directory (${config.dataDir}); no server is running on it`,
    async call(method, path, body) {
      const response = await built.app.inject({
        method,
        url: path,
        headers: body
          ? { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(body.length) }
          : headers,
        ...(body ? { payload: body.stream } : {}),
      });
      return { status: response.statusCode, body: response.rawPayload };
    },
    close: () => built.app.close(),
  };
}

/** A refusal the server answered, as an error carrying its code. */
export function failure(status: number, body: Buffer): Error {
  try {
    const { error } = JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } };
    return Object.assign(new Error(error.message), { code: error.code });
  } catch {
    return new Error(`the server answered ${status}`);
  }
}
