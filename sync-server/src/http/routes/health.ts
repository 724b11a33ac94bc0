import { statfsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../appContext.ts';
import { ApiErrors } from '../../errors.ts';
import { apiRoute } from '../routeTable.ts';

/**
 * Below this much free space the disk counts as full even before a commit fails: a commit needs
 * pages for its rows, its index and the WAL, and a backup needs room for a whole copy.
 */
const NEARLY_FULL_BYTES = 1024 * 1024;

/** `/up` for load balancers and Docker's health check; `/metrics` for Prometheus. */
export async function healthRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  // The server keeps serving while storage is away or the disk is full (reads, and whatever is
  // committed), so /up stays 200 and reports how far behind each backup is and whether changes
  // can be saved instead.
  apiRoute(app, 'health', async () => {
    const now = Date.now();
    const storageFull = context.registry.all().flatMap((event) => {
      const since = event.storageFullSince;
      return since ? [{ event: event.id, since: since.toISOString(), waitingChanges: event.pendingCount }] : [];
    });
    const diskFreeBytes = freeBytes(context.config.dataDir);
    const full = storageFull.length > 0 || (diskFreeBytes !== null && diskFreeBytes < NEARLY_FULL_BYTES);
    const age = (at: Date | null) => (at ? Math.round((now - at.getTime()) / 1000) : null);
    const backups = context.backups.statuses().map((s) => ({
      name: s.name,
      lastGoodBackupAt: s.lastGoodBackupAt?.toISOString() ?? null,
      ageSeconds: age(s.lastGoodBackupAt),
      pendingSeconds: age(s.pendingSince),
      consecutiveFailures: s.consecutiveFailures,
      ...(s.lastError ? { lastError: { code: s.lastError.code, message: s.lastError.message } } : {}),
    }));
    const error = full ? { code: 'STORAGE_FULL' as const, message: new ApiErrors.STORAGE_FULL().message } : null;
    return {
      status: full ? 'storage-full' : 'ok',
      ...(error ? { error } : {}),
      diskFreeBytes,
      storageFull,
      loadedEvents: context.registry.all().length,
      connections: context.sync.connectionCount,
      storage: context.store.kind,
      backupsBehind: backups.filter((b) => b.consecutiveFailures > 0).length,
      backups,
      ...(context.cluster ? { cluster: context.cluster.health() } : {}),
    };
  });

  apiRoute(app, 'metrics', async (_request, reply) =>
    reply.type(context.metrics.registry.contentType).send(await context.metrics.registry.metrics()),
  );
}

function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
