import { isSlug } from '@ondeck/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiErrors } from '../errors.ts';
import type { ClusterNode } from './clusterNode.ts';

/**
 * Every HTTP request for an event waits until this node holds the event (the proxy sent it here
 * by the event id). A join carries only an invite code, which the proxy cannot route by: the node
 * that gets it looks the code up and answers with where to go — the same request with
 * `?event=<id>`, which the proxy sends to the event's node (README "Several nodes" says why).
 */
export const clusterGate = fp(async (app: FastifyInstance, { cluster }: { cluster: ClusterNode }) => {
  const claim = async (eventId: string) => {
    try {
      await cluster.claim(eventId);
    } catch (error) {
      throw new ApiErrors.DOCUMENT_UNAVAILABLE(
        `event ${eventId} is moving between servers; try again in a moment (${(error as Error).message})`,
      );
    }
  };

  app.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url ?? '';
    if (route === '/api/join' && request.method === 'POST') {
      const code = (request.body as { code: string }).code;
      const asked = (request.query as { event?: unknown } | undefined)?.event;
      const eventId = await cluster.records.eventOfCode(code);
      if (eventId === null) return; // the join answers INVITE_NOT_FOUND
      if (asked === eventId) return claim(eventId);
      // NOTE: 307 keeps the method and the body, so the browser posts the same join again.
      return reply.redirect(`/api/join?event=${encodeURIComponent(eventId)}`, 307);
    }
    const eventId = eventOf(request, route);
    if (eventId !== null) await claim(eventId);
  });

  // NOTE: before the answer goes out, so that a device joining with an invite just made finds
  // its code on whichever node the join reaches.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || reply.statusCode >= 300) return payload;
    const eventId = eventOf(request, request.routeOptions.url ?? '');
    if (eventId === null || !cluster.ownership.holds(eventId)) return payload;
    try {
      if (request.routeOptions.url === '/api/events') await cluster.created(eventId);
      else await cluster.records.ship(eventId);
    } catch (error) {
      request.log.warn({ err: error, event: eventId }, 'the event record could not be shipped to storage yet');
    }
    return payload;
  });
});

/** The event a request is for: its path's, or a new event's id. */
function eventOf(request: FastifyRequest, route: string): string | null {
  if (route === '/api/events' && request.method === 'POST') return (request.body as { id: string }).id;
  if (!route.startsWith('/api/events/:eventId')) return null;
  const eventId = (request.params as { eventId?: string }).eventId;
  return eventId !== undefined && isSlug(eventId) ? eventId : null;
}
