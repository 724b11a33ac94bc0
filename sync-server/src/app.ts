import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { keyRoutes } from './auth/routes.ts';
import { openTokenService } from './auth/serverTokens.ts';
import type { TokenService } from './auth/tokens.ts';
import { EventBackups } from './backup/eventBackups.ts';
import { IndexDatabase } from './catalog/indexDatabase.ts';
import type { Config } from './config.ts';
import { clientPlugin } from './http/clientPlugin.ts';
import { errorHandler, frameworkErrors } from './http/errorHandler.ts';
import { docStateRoutes } from './http/routes/docState.ts';
import { eventRoutes } from './http/routes/events.ts';
import { healthRoutes } from './http/routes/health.ts';
import { inviteRoutes } from './http/routes/invites.ts';
import { routeTable } from './http/routeTable.ts';
import { importRoutes } from './import/routes.ts';
import { Metrics } from './metrics.ts';
import { musicRoutes } from './music/routes.ts';
import { createObjectStore, type ObjectStore } from './objectStore/index.ts';
import { SyncServer } from './sync/syncServer.ts';

/** What routes and the sync server share. */
export interface AppContext {
  config: Config;
  catalog: IndexDatabase;
  tokens: TokenService;
  sync: SyncServer;
  metrics: Metrics;
  backups: EventBackups;
  /** Object storage: backups, and the events' music. */
  store: ObjectStore;
  /** Base of invite links: the configured public URL, else the address the request came to. */
  linkBase(request?: FastifyRequest): string;
}

export interface BuiltApp {
  app: FastifyInstance;
  context: AppContext;
  /** An admin token generated on this first start, to print once; null otherwise. */
  generatedAdminToken: string | null;
}

/**
 * The whole server as a Fastify instance, apart from the file that listens: tests build it
 * with a temporary data directory and use `app.inject()` or a port-0 listener.
 */
export async function buildApp(config: Config): Promise<BuiltApp> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens travel in Authorization headers and the sync URL's query: neither is logged.
      redact: ['req.headers.authorization', 'token'],
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
      },
    },
    bodyLimit: 1024 * 1024,
    // Unknown fields are refused, not silently dropped: a client sending them has a bug.
    ajv: { customOptions: { removeAdditional: false } },
    forceCloseConnections: true,
    frameworkErrors,
  });
  const catalog = new IndexDatabase(config.dataDir, config.sqliteSynchronous);
  const generatedAdminToken = catalog.ensureAdminToken(config.adminToken);
  const tokens = await openTokenService(catalog, config, app.log);
  const metrics = new Metrics();
  const store = createObjectStore(config.storage);
  const backups = new EventBackups(store, config.backup, config.dataDir, catalog, app.log);
  const sync = new SyncServer({ config, catalog, tokens, metrics, log: app.log, hooks: backups.hooks });
  backups.attach(sync.registry);
  metrics.watchBackups(() => backups.statuses());

  const context: AppContext = {
    config,
    catalog,
    tokens,
    sync,
    metrics,
    backups,
    store,
    linkBase(request) {
      if (config.publicUrl) return config.publicUrl;
      if (request) return `${request.protocol}://${request.host}`;
      return `http://localhost:${config.port}`;
    },
  };

  await app.register(routeTable);
  await app.register(errorHandler);
  await app.register(healthRoutes, { context });
  await app.register(keyRoutes, { tokens });
  await app.register(eventRoutes, { context });
  await app.register(inviteRoutes, { context });
  await app.register(docStateRoutes, { context });
  await app.register(musicRoutes, { context });
  await app.register(importRoutes, { context });
  await app.register(clientPlugin, { clientDir: config.clientDir });

  app.server.on('upgrade', (req, socket, head) => {
    if (!sync.onUpgrade(req, socket, head)) socket.destroy();
  });
  app.addHook('preClose', async () => {
    // Unloading each event backs it up; then whatever else is pending (the index) goes too.
    await sync.shutdown();
    await backups.close();
  });
  app.addHook('onClose', async () => {
    catalog.close();
  });

  return { app, context, generatedAdminToken };
}
