import { networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinPath } from '@ondeck/shared';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { ensureDemoEvent } from './events/demoEvent.ts';

// The file that listens; everything else is `buildApp`.
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, { defaultClientDir: resolve(here, '../../client/dist') });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }

  const { app, context, generatedAdminToken } = await buildApp(config);
  const demoInvites = config.demo ? ensureDemoEvent(config.dataDir, context.catalog) : [];
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const local = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
  app.log.info({ url: local }, 'listening');
  // Storage trouble never stops the server: it is reported, and backups retry until it heals.
  context.store.check().then(
    () => app.log.info({ storage: context.store.location }, 'object storage reachable'),
    (error: unknown) => app.log.error({ err: error }, 'object storage is not usable yet; backups will retry'),
  );
  void context.backups.catchUp();

  const base = config.publicUrl ?? `http://localhost:${port}`;
  const lines = [`ondeck is running: open ${base}`];
  if (config.host === '0.0.0.0') {
    for (const ip of lanAddresses()) lines.push(`  on the venue network: http://${ip}:${port}`);
  }
  if (generatedAdminToken) {
    lines.push('', `Admin token (shown once; keep it to create events): ${generatedAdminToken}`);
  }
  if (demoInvites.length > 0) {
    lines.push('', 'Demo event — open a link on the device of each person (or scan its QR code later):');
    for (const invite of demoInvites) {
      const who = invite.role === 'judge' ? `Judge ${invite.label}` : invite.label;
      lines.push(`  ${who.padEnd(28)} ${base}${joinPath(invite.code)}`);
    }
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => (i as { address: string }).address);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
