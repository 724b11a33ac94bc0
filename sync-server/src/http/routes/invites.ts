import type { CreateInviteRequest, Invite, JoinRequest, JoinResponse } from '@ondeck/shared';
import { isOrganizer, joinPath, ROLES } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../appContext.ts';
import type { InviteRow } from '../../catalog/indexDatabase.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { DEFAULT_INVITE_LABELS } from '../../events/inviteLabels.ts';
import { requireEventToken } from '../auth.ts';
import { EVENT_ID_SCHEMA, EVENT_PARAMS, RECORD_ID_SCHEMA } from '../schemas.ts';

export function inviteView(row: InviteRow, linkBase: string): Invite {
  return { ...row, link: `${linkBase}${joinPath(row.code)}` };
}

export async function inviteRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const { catalog, tokens, sync } = context;

  const requireOrganizer = async (request: Parameters<typeof requireEventToken>[0], eventId: string) => {
    const claims = await requireEventToken(request, tokens, eventId);
    if (!isOrganizer({ role: claims.role })) throw forbidden('only the organiser manages invites');
    return claims;
  };

  app.post<{ Params: { eventId: string }; Body: CreateInviteRequest }>(
    '/api/events/:eventId/invites',
    {
      schema: {
        params: EVENT_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['role'],
          properties: {
            role: { enum: [...ROLES] },
            personId: RECORD_ID_SCHEMA,
            label: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
    async (request, reply) => {
      const { eventId } = request.params;
      await requireOrganizer(request, eventId);
      const { role, personId } = request.body;
      if (role === 'judge' && personId === undefined)
        throw new AppError('JUDGE_REQUIRED', 'a judge invite names the judge (personId)');
      const invite = catalog.createInvite({
        eventId,
        role,
        ...(personId === undefined ? {} : { personId }),
        label: request.body.label ?? DEFAULT_INVITE_LABELS[role],
      });
      return reply.status(201).send({ invite: inviteView(invite, context.linkBase(request)) });
    },
  );

  app.get<{ Params: { eventId: string } }>(
    '/api/events/:eventId/invites',
    { schema: { params: EVENT_PARAMS } },
    async (request) => {
      await requireOrganizer(request, request.params.eventId);
      const base = context.linkBase(request);
      return { invites: catalog.listInvites(request.params.eventId).map((i) => inviteView(i, base)) };
    },
  );

  app.delete<{ Params: { eventId: string; inviteId: string } }>(
    '/api/events/:eventId/invites/:inviteId',
    {
      schema: {
        params: {
          type: 'object',
          properties: { eventId: EVENT_ID_SCHEMA, inviteId: RECORD_ID_SCHEMA },
        },
      },
    },
    async (request) => {
      const { eventId, inviteId } = request.params;
      await requireOrganizer(request, eventId);
      const invite = catalog.revokeInvite(eventId, inviteId);
      if (!invite) throw notFound('INVITE_NOT_FOUND', 'no such invite for this event');
      tokens.revoke(invite.id);
      const closed = sync.closeInvite(invite.id);
      request.log.info({ event: eventId, invite: invite.id, closed }, 'invite revoked');
      return { invite: inviteView(invite, context.linkBase(request)) };
    },
  );

  app.post<{ Body: JoinRequest }>(
    '/api/join',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } },
        },
      },
    },
    async (request): Promise<JoinResponse> => {
      const invite = catalog.findInviteByCode(request.body.code);
      if (!invite)
        throw notFound('INVITE_NOT_FOUND', 'this invite link is not known here; check the link or ask the organiser');
      if (invite.revokedAt)
        throw new AppError('INVITE_REVOKED', 'this invite was revoked; ask the organiser for a new link', 410);
      const event = catalog.getEvent(invite.eventId);
      if (!event) throw notFound('UNKNOWN_EVENT', 'the event of this invite no longer exists');
      const { token, expiresAt } = await tokens.sign({
        eventId: invite.eventId,
        role: invite.role,
        ...(invite.personId === undefined ? {} : { personId: invite.personId }),
        inviteId: invite.id,
      });
      catalog.recordJoin(invite.id);
      return {
        token,
        eventId: event.id,
        eventName: event.name,
        role: invite.role,
        ...(invite.personId === undefined ? {} : { personId: invite.personId }),
        label: invite.label,
        expiresAt,
      };
    },
  );
}
