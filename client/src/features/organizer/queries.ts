import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/client.ts';
import { useEventMembership } from '../../sync/hooks.ts';

export const invitesKey = (eventId: string) => ['events', eventId, 'invites'] as const;

/** The event's invites (with joins) from the server: plain HTTP, so TanStack Query. */
export function useInvites() {
  const { serverUrl, eventId, token } = useEventMembership();
  return useQuery({
    queryKey: invitesKey(eventId),
    queryFn: async () => (await callApi(serverUrl, 'listInvites', { params: { eventId }, token })).invites,
    // Joins happen on other devices: keep the count fresh while the screen is open.
    refetchInterval: 15_000,
  });
}
