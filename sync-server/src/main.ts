import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { ensureDemoEvent } from './events/demoEvent.ts';
import { lanAddresses, startBanner } from './startBanner.ts';

// The file that listens; everything else is `buildApp`.
const here = dirname(fileURLToPath(import.meta.url));
/** How long the banner waits for object storage's first answer, so its log line comes first. */
const STORAGE_CHECK_WAIT_MS = 3_000;

interface Flushable {
  flush(done: (error?: Error) => void): void;
}

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
  const demoInvites = config.demo ? await ensureDemoEvent(config.dataDir, context.catalog, context.store, app.log) : [];
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const local = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
  app.log.info({ url: local }, 'listening');
  // Storage trouble never stops the server: it is reported, and backups retry until it heals.
  const storage = context.store.check().then(
    () => app.log.info({ storage: context.store.location }, 'object storage reachable'),
    (error: unknown) => app.log.error({ err: error }, 'object storage is not usable yet; backups will retry'),
  );
  void context.backups.catchUp();

  // NOTE: the banner comes after the start-up log lines (storage answers within a moment, or
  // reports later on its own), so no JSON line lands in the middle of the links.
  await Promise.race([storage, new Promise((resolve) => setTimeout(resolve, STORAGE_CHECK_WAIT_MS))]);
  await new Promise((resolve) => setImmediate(resolve));
  // pino writes asynchronously: what it holds goes out before the banner.
  await new Promise<void>((resolve) => (app.log as unknown as Flushable).flush(() => resolve()));
  process.stdout.write(
    startBanner({
      port,
      host: config.host,
      publicUrl: config.publicUrl,
      lanAddresses: lanAddresses(),
      adminToken: generatedAdminToken,
      demoInvites,
    }),
  );

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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
