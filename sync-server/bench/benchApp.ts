import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@ondeck/shared';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

/**
 * The ondeck server under test in a bench child process: a temporary data directory, a port-0
 * listener on loopback, silent logs, and tokens minted straight from its catalogue.
 */
export async function startBenchApp(
  dataDirPrefix: string,
  env: Record<string, string> = {},
  options: { unchecked?: boolean } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const loaded = loadConfig(
    {
      ONDECK_DATA_DIR: dataDir,
      ONDECK_PORT: '0',
      ONDECK_HOST: '127.0.0.1',
      ONDECK_LOG_LEVEL: 'silent',
      ONDECK_CLIENT_DIR: 'none',
      ONDECK_ADMIN_TOKEN: 'bench-admin-token-0123456789',
      ...env,
    },
    { defaultClientDir: null },
  );
  // The control run of the validation-cost figure: the same server without the limits.
  const config = options.unchecked ? { ...loaded, unchecked: true as const } : loaded;
  const { app, context } = await buildApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return {
    context,
    dataDir,
    port: typeof address === 'object' && address ? address.port : 0,
    /** A signed token for a new invite of `role` (and, for a judge, `personId`). */
    async token(eventId: string, role: Role, personId?: string): Promise<string> {
      const who = personId === undefined ? {} : { personId };
      const invite = context.catalog.createInvite({ eventId, role, label: role, ...who });
      return (await context.tokens.sign({ eventId, role, inviteId: invite.id, ...who })).token;
    },
  };
}
