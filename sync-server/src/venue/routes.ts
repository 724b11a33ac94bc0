import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../appContext.ts';
import { ApiErrors } from '../errors.ts';
import { requireCaller, requireKnownEvent } from '../http/auth.ts';
import { apiRoute } from '../http/routeTable.ts';
import type { VenueMode } from './venueMode.ts';

/**
 * The venue routes. On the cloud, `venueExchange` is a venue's round: the invites it revoked
 * are revoked here too, and it learns the event's documents and invites. On either server,
 * `serverLinks` shows the organiser the other servers of the event. At a venue, `cloudAccess`
 * gives a device the cloud's token for its invite, so it syncs with both servers.
 */
export async function venueRoutes(app: FastifyInstance, { context, venue }: { context: AppContext; venue: VenueMode }) {
  const { catalog, tokens, sync, registry } = context;
  const { contacts } = venue;

  apiRoute(app, 'venueExchange', async (request) => {
    const { eventId } = request.params;
    const claims = await requireCaller(
      request,
      tokens,
      'venueExchange',
      eventId,
      () => 'only a venue server, with its venue credential, trades with the cloud',
    );
    const event = requireKnownEvent(catalog, eventId);
    for (const inviteId of new Set(request.body.revoked)) {
      const invite = catalog.getInvite(inviteId);
      if (!invite || invite.eventId !== eventId || invite.revokedAt) continue;
      catalog.revokeInvite(eventId, inviteId);
      tokens.revoke(inviteId);
      const closed = sync.closeInvite(inviteId);
      request.log.info({ event: eventId, invite: inviteId, closed }, 'invite revoked at the venue; revoked here');
    }
    const credential = catalog.getInvite(claims.jti);
    contacts.heard(eventId, claims.jti, {
      label: credential?.label ?? 'Venue server',
      url: request.body.url ?? null,
      waiting: request.body.waiting,
    });
    if (request.body.origins) venue.origins.set(eventId, claims.jti, request.body.origins);
    const loaded = await registry.acquire(eventId).catch((error: unknown) => {
      request.log.error({ err: error, event: eventId }, 'event failed to load');
      throw new ApiErrors.DOCUMENT_UNAVAILABLE('the event could not be loaded; try again later');
    });
    let docs: string[];
    try {
      docs = [...new Set([...loaded.store.docNames(), ...loaded.rooms.keys()])];
    } finally {
      registry.release(loaded);
    }
    return { eventName: event.name, docs, invites: catalog.listInvites(eventId) };
  });

  apiRoute(app, 'cloudAccess', async (request) => {
    const { eventId } = request.params;
    const claims = await requireCaller(
      request,
      tokens,
      'cloudAccess',
      eventId,
      () => 'a venue server reaches the cloud with its own credential',
    );
    requireKnownEvent(catalog, eventId);
    return venue.cloudAccess(eventId, claims.jti);
  });

  apiRoute(app, 'serverLinks', async (request) => {
    const { eventId } = request.params;
    await requireCaller(request, tokens, 'serverLinks', eventId, () => 'only the organiser sees the event’s servers');
    requireKnownEvent(catalog, eventId);
    const follower = venue.follower(eventId);
    if (follower) return { role: 'venue' as const, links: [follower.status()] };
    return { role: 'cloud' as const, links: contacts.links(eventId) };
  });
}
