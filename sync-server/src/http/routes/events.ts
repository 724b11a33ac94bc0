import { type CreateEventRequest, principalOf } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../appContext.ts';
import { notFound } from '../../errors.ts';
import { createEvent } from '../../events/createEvent.ts';
import { requireAdmin, requireEventToken } from '../auth.ts';
import { EVENT_ID_SCHEMA, EVENT_PARAMS } from '../schemas.ts';
import { inviteView } from './invites.ts';

export async function eventRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const { catalog, config } = context;

  app.post<{ Body: CreateEventRequest }>(
    '/api/events',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name'],
          properties: {
            id: EVENT_ID_SCHEMA,
            name: { type: 'string', minLength: 1, maxLength: 200 },
            template: { enum: ['empty', 'demo', 'large'] },
          },
        },
      },
    },
    async (request, reply) => {
      requireAdmin(request, catalog, config.adminToken);
      const { event, organizerInvite } = createEvent(config.dataDir, catalog, request.body);
      request.log.info({ event: event.id }, 'event created');
      return reply.status(201).send({ event, organizerInvite: inviteView(organizerInvite, context.linkBase(request)) });
    },
  );

  app.get('/api/events', async (request) => {
    requireAdmin(request, catalog, config.adminToken);
    return { events: catalog.listEvents() };
  });

  app.get<{ Params: { eventId: string } }>(
    '/api/events/:eventId',
    { schema: { params: EVENT_PARAMS } },
    async (request) => {
      const claims = await requireEventToken(request, context.tokens, request.params.eventId);
      const event = catalog.getEvent(request.params.eventId);
      if (!event) throw notFound('UNKNOWN_EVENT', 'no such event here');
      return { event, ...principalOf(claims) };
    },
  );
}
