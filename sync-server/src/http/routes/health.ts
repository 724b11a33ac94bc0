import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';

/** `/up` for load balancers and Docker's health check; `/metrics` for Prometheus. */
export async function healthRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/up', async () => ({
    status: 'ok',
    loadedEvents: context.sync.registry.all().length,
    connections: context.sync.connectionCount,
  }));

  app.get('/metrics', async (_request, reply) => {
    reply.type(context.metrics.registry.contentType);
    return context.metrics.registry.metrics();
  });
}
