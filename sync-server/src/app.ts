import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isLoopbackHost } from '@ondeck/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './appContext.ts';
import { openTokenService } from './auth/serverTokens.ts';
import { EventBackups } from './backup/eventBackups.ts';
import { IndexDatabase } from './catalog/indexDatabase.ts';
import { clusterGate } from './cluster/clusterGate.ts';
import { ClusterNode } from './cluster/clusterNode.ts';
import type { Config } from './config.ts';
import { clientPlugin } from './http/clientPlugin.ts';
import { errorHandler, frameworkErrors } from './http/errorHandler.ts';
import { OriginPolicy } from './http/originPolicy.ts';
import { rateLimits } from './http/rateLimits.ts';
import { requestValidator } from './http/requestValidator.ts';
import { docStateRoutes } from './http/routes/docState.ts';
import { eventRoutes } from './http/routes/events.ts';
import { healthRoutes } from './http/routes/health.ts';
import { inviteRoutes } from './http/routes/invites.ts';
import { keyRoutes } from './http/routes/keys.ts';
import { routeTable } from './http/routeTable.ts';
import { securityHeaders, securityHeadersFor } from './http/securityHeaders.ts';
import { serverAddress } from './http/serverAddress.ts';
import { importRoutes } from './import/routes.ts';
import { EventRegistry } from './loadedEvents/eventRegistry.ts';
import { UPDATE_LIMITS } from './loadedEvents/updateLimits.ts';
import { Metrics } from './metrics.ts';
import { musicRoutes } from './music/routes.ts';
import { createObjectStore } from './objectStore/index.ts';
import { lanAddresses, reachableBase } from './startBanner.ts';
import { SyncServer } from './sync/syncServer.ts';
import { venueRoutes } from './venue/routes.ts';
import { VenueMode } from './venue/venueMode.ts';

export interface BuiltApp {
  app: FastifyInstance;
  context: AppContext;
  /** An admin token generated on this first start, to print once; null otherwise. */
  generatedAdminToken: string | null;
}

/**
 * The whole server as a Fastify instance, apart from the file that listens: tests build it
 * with a temporary data directory and use `app.inject()` or a port-0 listener.
 *
 * Built once, in one direction: each part gets what it depends on when it is made — the
 * backups hook into the event registry as it is built, and the registry goes to the sync
 * server and the routes — and nothing is wired together afterwards.
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
    forceCloseConnections: true,
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkErrors((request, reply) => {
      reply.headers(securityHeadersFor(request, config.publicUrl));
    }),
  });
  app.setValidatorCompiler(requestValidator());
  const catalog = new IndexDatabase(config.dataDir, config.sqliteSynchronous);
  const generatedAdminToken = catalog.ensureAdminToken(config.adminToken);
  const tokens = await openTokenService(catalog, config, app.log);
  const metrics = new Metrics();
  const store = createObjectStore(config.storage);
  const cluster =
    config.cluster && config.storage.kind === 's3'
      ? new ClusterNode({
          settings: config.cluster,
          s3: config.storage,
          store,
          dataDir: config.dataDir,
          catalog,
          tokens,
          metrics,
          log: app.log,
        })
      : null;
  const backups = new EventBackups({
    store: cluster?.backupStore() ?? store,
    settings: config.backup,
    dataDir: config.dataDir,
    catalog,
    metrics,
    log: app.log,
  });
  const registry = new EventRegistry({
    dataDir: config.dataDir,
    options: {
      idleTimeoutMs: config.idleTimeoutMs,
      compactAfterUpdates: config.compactAfterUpdates,
      restAfterMs: config.restAfterMs,
      snapshotsKept: config.snapshotsKept,
      synchronous: config.sqliteSynchronous,
      limits: config.unchecked
        ? null
        : { update: UPDATE_LIMITS, maxDocumentBytes: config.maxDocumentBytes, maxEventBytes: config.maxEventBytes },
    },
    metrics,
    log: app.log,
    hooks: cluster?.hooks(backups.hooks) ?? backups.hooks,
  });
  const origins = new OriginPolicy(config);
  const sync = new SyncServer({
    config,
    catalog,
    tokens,
    metrics,
    log: app.log,
    registry,
    allowsOrigin: (origin, localPort, eventId) =>
      origins.allows(origin, localPort) ||
      (origin !== undefined &&
        venue.origins.allows(eventId, origin, (inviteId) => catalog.getInvite(inviteId)?.revokedAt !== undefined)),
  });
  cluster?.attach({ registry, sync, backups });

  // Venue mode (README "Venue server"): follows nothing on a cloud server.
  const venue = new VenueMode({
    dataDir: config.dataDir,
    links: config.venueFollow,
    exchangeMs: config.venueExchangeMs,
    registry,
    catalog,
    tokens,
    sync,
    store,
    log: app.log,
    venueUrl: () => context.linkBase(),
    venueOrigins: () => {
      const address = app.server.address();
      return origins.ownOrigins(typeof address === 'object' && address ? address.port : config.port);
    },
  });

  const context: AppContext = {
    config,
    catalog,
    tokens,
    registry,
    sync,
    metrics,
    backups,
    store,
    cluster,
    linkBase(request) {
      if (config.publicUrl) return config.publicUrl;
      // A request that came to a network address came from a device that reaches it there.
      if (request && !isLoopbackHost(request.hostname)) return `${request.protocol}://${request.host}`;
      // Opened on this computer (`localhost`): a QR code on that name cannot work on a phone.
      const address = app.server.address();
      const port = request?.port ?? (typeof address === 'object' && address ? address.port : config.port);
      const reachable = reachableBase({ port, host: config.host, publicUrl: undefined, lanAddresses: lanAddresses() });
      return reachable ?? (request ? `${request.protocol}://${request.host}` : `http://localhost:${port}`);
    },
  };

  // A venue's pages sync with the clouds it follows too (README "Venue server").
  await app.register(securityHeaders, { publicUrl: config.publicUrl, syncsWith: () => venue.cloudOrigins() });
  await app.register(rateLimits, { config });
  await app.register(routeTable);
  await app.register(serverAddress, { config });
  await app.register(errorHandler);
  if (cluster) await app.register(clusterGate, { cluster });
  await app.register(healthRoutes, { context });
  await app.register(keyRoutes, { tokens });
  await app.register(eventRoutes, { context });
  await app.register(inviteRoutes, { context });
  await app.register(docStateRoutes, { context });
  await app.register(musicRoutes, { context });
  await app.register(importRoutes, { context });
  await app.register(venueRoutes, { context, venue });
  await app.register(clientPlugin, { clientDir: config.clientDir });

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // NOTE: an upgrading socket has no error listener until the WebSocket server adopts it: a
    // device that resets while its upgrade is refused (say, during shutdown) ended the process
    // with an unhandled ECONNRESET — seen in the cluster test's rolling restarts.
    socket.on('error', () => socket.destroy());
    if (!sync.onUpgrade(req, socket, head)) socket.destroy();
  };
  app.server.on('upgrade', cluster ? cluster.gateUpgrade(upgrade) : upgrade);
  // NOTE: once listening, not when built: the CLI builds the app to run one command, and must
  // not start following the cloud for it.
  app.addHook('onListen', async () => {
    await venue.start();
  });
  app.addHook('preClose', async () => {
    await venue.stop();
    // Unloading each event backs it up; then whatever else is pending (the index) goes too.
    await sync.shutdown();
    await cluster?.close();
    await backups.close();
  });
  app.addHook('onClose', async () => {
    catalog.close();
  });

  return { app, context, generatedAdminToken };
}
