import type { FastifyRequest } from 'fastify';
import type { TokenService } from './auth/tokens.ts';
import type { EventBackups } from './backup/eventBackups.ts';
import type { IndexDatabase } from './catalog/indexDatabase.ts';
import type { ClusterNode } from './cluster/clusterNode.ts';
import type { Config } from './config.ts';
import type { EventRegistry } from './loadedEvents/eventRegistry.ts';
import type { Metrics } from './metrics.ts';
import type { ObjectStore } from './objectStore/index.ts';
import type { SyncServer } from './sync/syncServer.ts';

/**
 * What routes get: the parts `buildApp` built, each once. A module of its own so that routes
 * depend on these types, not on the file that builds the app and registers them.
 */
export interface AppContext {
  config: Config;
  catalog: IndexDatabase;
  tokens: TokenService;
  /** The loaded events, shared by the sync server, the backups and the routes. */
  registry: EventRegistry;
  sync: SyncServer;
  metrics: Metrics;
  backups: EventBackups;
  /** Object storage: backups, and the events' music. */
  store: ObjectStore;
  /** This node of a cluster (ONDECK_CLUSTER_NODE); null for a server on its own. */
  cluster: ClusterNode | null;
  /**
   * Base of invite links: the configured public URL, else the address the request came to
   * unless that is loopback, then the server's own address on the local network; loopback only
   * when the server knows no other (the organiser's screen says so).
   */
  linkBase(request?: FastifyRequest): string;
}
