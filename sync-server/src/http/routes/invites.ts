import { type Invite, joinPath, readRecord } from '@ondeck/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../appContext.ts';
import type { InviteRow } from '../../catalog/indexDatabase.ts';
import { ApiErrors } from '../../errors.ts';
import { inviteLabel } from '../../events/inviteLabels.ts';
import { requireCaller } from '../auth.ts';
import { withEventDocument } from '../eventDocument.ts';
import { apiRoute } from '../routeTable.ts';

export function inviteView(row: InviteRow, linkBase: string): Invite {
  return { ...row, link: `${linkBase}${joinPath(row.code)}` };
}

const ORGANISER_ONLY = () => 'only the organiser manages invites';

export async function inviteRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const { catalog, tokens, sync } = context;

  apiRoute(app, 'createInvite', async (request) => {
    const { eventId } = request.params;
    await requireCaller(request, tokens, 'createInvite', eventId, ORGANISER_ONLY);
    const { role, personId } = request.body;
    if (role === 'judge' && personId === undefined) throw new ApiErrors.JUDGE_REQUIRED();
    const { label } = request.body;
    // Only an unlabelled judge invite needs the program: its label is the judge's name.
    const judge =
      label === undefined && role === 'judge' && personId !== undefined
        ? await withEventDocument(context.registry, request.log, eventId, 'program', (room) =>
            readRecord(room.doc, 'people', personId),
          )
        : undefined;
    const invite = catalog.createInvite({
      eventId,
      role,
      ...(personId === undefined ? {} : { personId }),
      label: inviteLabel(role, { label, ...(judge ? { judge } : {}) }),
    });
    return { invite: inviteView(invite, context.linkBase(request)) };
  });

  apiRoute(app, 'listInvites', async (request) => {
    await requireCaller(request, tokens, 'listInvites', request.params.eventId, ORGANISER_ONLY);
    const base = context.linkBase(request);
    return { invites: catalog.listInvites(request.params.eventId).map((i) => inviteView(i, base)) };
  });

  apiRoute(app, 'revokeInvite', async (request) => {
    const { eventId, inviteId } = request.params;
    await requireCaller(request, tokens, 'revokeInvite', eventId, ORGANISER_ONLY);
    const invite = catalog.revokeInvite(eventId, inviteId);
    if (!invite) throw new ApiErrors.INVITE_NOT_FOUND('no such invite for this event');
    tokens.revoke(invite.id);
    const closed = sync.closeInvite(invite.id);
    request.log.info({ event: eventId, invite: invite.id, closed }, 'invite revoked');
    return { invite: inviteView(invite, context.linkBase(request)) };
  });

  apiRoute(app, 'join', async (request) => {
    const invite = catalog.findInviteByCode(request.body.code);
    if (!invite)
      throw new ApiErrors.INVITE_NOT_FOUND('this invite link is not known here; check the link or ask the organiser');
    if (invite.revokedAt) throw new ApiErrors.INVITE_REVOKED();
    const event = catalog.getEvent(invite.eventId);
    if (!event) throw new ApiErrors.UNKNOWN_EVENT('the event of this invite no longer exists');
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
  });
}
