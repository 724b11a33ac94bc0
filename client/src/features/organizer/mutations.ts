import type { CreateInviteRequest, Invite } from '@ondeck/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../api/client.ts';
import { useEventMembership } from '../../sync/hooks.ts';
import { invitesKey } from './queries.ts';

export function useCreateInvite() {
  const { serverUrl, eventId, token } = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: CreateInviteRequest) =>
      (
        await requestJson<{ invite: Invite }>(serverUrl, `/api/events/${eventId}/invites`, {
          method: 'POST',
          token,
          body: request,
        })
      ).invite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitesKey(eventId) }),
  });
}

export function useRevokeInvite() {
  const { serverUrl, eventId, token } = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (inviteId: string) =>
      (
        await requestJson<{ invite: Invite }>(serverUrl, `/api/events/${eventId}/invites/${inviteId}`, {
          method: 'DELETE',
          token,
        })
      ).invite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitesKey(eventId) }),
  });
}
