import { principalOf } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../appContext.ts';
import { createEvent } from '../../events/createEvent.ts';
import { DEFAULT_INVITE_LABELS } from '../../events/inviteLabels.ts';
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

  apiRoute(app, 'createOrganizerInvite', async (request) => {
    requireAdmin(request, catalog, config.adminToken);
    const { eventId } = request.params;
    requireKnownEvent(catalog, eventId);
    const invite = catalog.createInvite({
      eventId,
      role: 'organizer',
      label: request.body.label?.trim() || DEFAULT_INVITE_LABELS.organizer,
    });
    request.log.info({ event: eventId, invite: invite.id }, 'organiser invite created by the admin');
    return { invite: inviteView(invite, context.linkBase(request)) };
  });

  apiRoute(app, 'getEvent', async (request) => {
    const claims = await requireEventToken(request, context.tokens, request.params.eventId);
    return { event: requireKnownEvent(catalog, request.params.eventId), ...principalOf(claims) };
  });
}
