import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/client.ts';

export const adminEventsKey = ['admin', 'events'] as const;

/** The events on this server, for the holder of the admin token (plain HTTP, so TanStack Query). */
export function useAdminEvents(token: string | null) {
  return useQuery({
    queryKey: [...adminEventsKey, token],
    queryFn: async () =>
      (await callApi(window.location.origin, 'listEvents', { token: token ?? '' })).events.sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      ),
    enabled: token !== null,
    // A wrong token will not get better by asking again.
    retry: false,
  });
}
