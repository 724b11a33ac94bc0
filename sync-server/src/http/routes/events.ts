import { principalOf } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { createEvent } from '../../events/createEvent.ts';
import { requireAdmin, requireEventToken, requireKnownEvent } from '../auth.ts';
import { apiRoute } from '../routeTable.ts';
import { inviteView } from './invites.ts';

export async function eventRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const { catalog, config } = context;

  apiRoute(app, 'createEvent', async (request) => {
    requireAdmin(request, catalog, config.adminToken);
    const { event, organizerInvite } = createEvent(config.dataDir, catalog, request.body);
    request.log.info({ event: event.id }, 'event created');
    return { event, organizerInvite: inviteView(organizerInvite, context.linkBase(request)) };
  });

  apiRoute(app, 'listEvents', async (request) => {
    requireAdmin(request, catalog, config.adminToken);
    return { events: catalog.listEvents() };
  });

  apiRoute(app, 'getEvent', async (request) => {
    const claims = await requireEventToken(request, context.tokens, request.params.eventId);
    return { event: requireKnownEvent(catalog, request.params.eventId), ...principalOf(claims) };
  });
}
