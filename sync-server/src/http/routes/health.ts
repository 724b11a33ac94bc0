import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { apiRoute } from '../routeTable.ts';

/** `/up` for load balancers and Docker's health check; `/metrics` for Prometheus. */
export async function healthRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  // The server keeps serving while storage is away, so /up stays 200 and reports how far
  // behind each backup is instead.
  apiRoute(app, 'health', async () => {
    const now = Date.now();
    const age = (at: Date | null) => (at ? Math.round((now - at.getTime()) / 1000) : null);
    const backups = context.backups.statuses().map((s) => ({
      name: s.name,
      lastGoodBackupAt: s.lastGoodBackupAt?.toISOString() ?? null,
      ageSeconds: age(s.lastGoodBackupAt),
      pendingSeconds: age(s.pendingSince),
      consecutiveFailures: s.consecutiveFailures,
      ...(s.lastError ? { lastError: { code: s.lastError.code, message: s.lastError.message } } : {}),
    }));
    return {
      status: 'ok',
      loadedEvents: context.sync.registry.all().length,
      connections: context.sync.connectionCount,
      storage: context.store.kind,
      backupsBehind: backups.filter((b) => b.consecutiveFailures > 0).length,
      backups,
    };
  });

  apiRoute(app, 'metrics', async (_request, reply) =>
    reply.type(context.metrics.registry.contentType).send(await context.metrics.registry.metrics()),
  );
}
