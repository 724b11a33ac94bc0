import type { Invite } from '@ondeck/shared';
import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../api/client.ts';
import { useEventMembership } from '../../sync/hooks.ts';

export const invitesKey = (eventId: string) => ['events', eventId, 'invites'] as const;

/** The event's invites (with joins) from the server: plain HTTP, so TanStack Query. */
export function useInvites() {
  const { serverUrl, eventId, token } = useEventMembership();
  return useQuery({
    queryKey: invitesKey(eventId),
    queryFn: async () =>
      (await requestJson<{ invites: Invite[] }>(serverUrl, `/api/events/${eventId}/invites`, { token })).invites,
    // Joins happen on other devices: keep the count fresh while the screen is open.
    refetchInterval: 15_000,
  });
}
