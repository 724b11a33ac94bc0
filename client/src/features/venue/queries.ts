import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/client.ts';
import { useEventMembership } from '../../sync/hooks.ts';

/** How often the organiser's screen asks its server about the other side of the venue link. */
const LINKS_REFRESH_MS = 5_000;

/**
 * The event's other servers as the organiser's server sees them (a venue's cloud, or the venues
 * following this cloud): plain HTTP, refreshed while the screen is open.
 */
export function useServerLinks() {
  const { serverUrl, eventId, token } = useEventMembership();
  return useQuery({
    queryKey: ['events', eventId, 'server-links'] as const,
    queryFn: () => callApi(serverUrl, 'serverLinks', { params: { eventId }, token }),
    refetchInterval: LINKS_REFRESH_MS,
  });
}
