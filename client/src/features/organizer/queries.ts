import { markedHeatNumbers, type Person, type Program } from '@ondeck/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { callApi } from '../../api/client.ts';
import { type JudgeScores, useEventMembership } from '../../sync/hooks.ts';

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

/** Heat numbers some judge has marked: danced and judged, left alone by scratches and assignment. */
export function useMarkedHeatNumbers(program: Program | undefined, docs: Map<string, JudgeScores>): Set<number> {
  return useMemo(
    () =>
      program
        ? markedHeatNumbers(
            program,
            [...docs.values()].map((d) => d.marks),
          )
        : new Set<number>(),
    [program, docs],
  );
}

/** The judges of the event, by name. */
export function useJudges(program: Program | undefined): Person[] {
  return useMemo(
    () =>
      program
        ? [...program.people.values()]
            .filter((p) => p.type === 'Judge')
            .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        : [],
    [program],
  );
}
