import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPath } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { lanAddresses, linkBaseFor } from '../startBanner.ts';

/** Where a listening server writes its address, in its data directory. */
const ADDRESS_FILE = 'server-address.json';

/** What a listening server records about itself, for the CLI working on the same data directory. */
export interface ServerAddress {
  pid: number;
  /** Where this machine reaches it (the CLI's requests go here). */
  url: string;
  /** Base of invite links: ONDECK_PUBLIC_URL, else the venue network's address, else localhost — as the banner prints. */
  linkBase: string;
  startedAt: string;
}

/**
 * Records the address the server actually listens on (`ONDECK_PORT=0` picks a free port that
 * only the running server knows) in its data directory, and removes it when the server closes.
 * The CLI reads it to print invite links that work and to send its commands to the server.
 */
export const serverAddress = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const path = join(config.dataDir, ADDRESS_FILE);
  let recorded: ServerAddress | null = null;
  app.addHook('onListen', async () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    recorded = {
      pid: process.pid,
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      linkBase: linkBaseFor({ port, host: config.host, publicUrl: config.publicUrl, lanAddresses: lanAddresses() }),
      startedAt: new Date().toISOString(),
    };
    try {
      writeFileSync(path, `${JSON.stringify(recorded, null, 2)}\n`);
    } catch (error) {
      // Serving matters more than the CLI's convenience: it says it cannot know the address.
      app.log.warn({ err: error, path }, 'could not record the server address for the CLI');
    }
  });
  app.addHook('onClose', async () => {
    // Only our own record: another server may have started on this data directory since.
    if (recorded && readServerAddressFile(config.dataDir)?.startedAt === recorded.startedAt)
      rmSync(path, { force: true });
  });
});

function readServerAddressFile(dataDir: string): ServerAddress | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, ADDRESS_FILE), 'utf8')) as Partial<ServerAddress>;
    const { pid, url, linkBase, startedAt } = parsed;
    if (typeof pid !== 'number' || typeof url !== 'string' || typeof linkBase !== 'string') return null;
    if (typeof startedAt !== 'string' || !/^https?:\/\//.test(url) || !/^https?:\/\//.test(linkBase)) return null;
    return { pid, url, linkBase, startedAt };
  } catch {
    return null;
  }
}

/**
 * The server running on this data directory, if one is: its record, when its process is alive
 * and it answers `/up` (whatever its health). Null otherwise (none started, or it was stopped or killed since).
 */
export async function runningServer(dataDir: string): Promise<ServerAddress | null> {
  const recorded = readServerAddressFile(dataDir);
  if (!recorded) return null;
  try {
    process.kill(recorded.pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's process (a server run as a service user).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const answers = await fetch(`${recorded.url}${apiPath('health', {})}`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  return answers ? recorded : null;
}
