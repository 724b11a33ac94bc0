import type { CreateInviteRequest } from '@ondeck/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../api/client.ts';
import { useEventMembership } from '../../sync/hooks.ts';
import { invitesKey } from './queries.ts';

export function useCreateInvite() {
  const { serverUrl, eventId, token } = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: CreateInviteRequest) =>
      (await callApi(serverUrl, 'createInvite', { params: { eventId }, body: request, token })).invite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitesKey(eventId) }),
  });
}

export function useRevokeInvite() {
  const { serverUrl, eventId, token } = useEventMembership();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (inviteId: string) =>
      (await callApi(serverUrl, 'revokeInvite', { params: { eventId, inviteId }, token })).invite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitesKey(eventId) }),
  });
}
