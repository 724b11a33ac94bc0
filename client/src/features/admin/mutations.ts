import type { CreateEventRequest } from '@ondeck/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../api/client.ts';
import { joinEvent } from '../home/mutations.ts';
import { adminEventsKey } from './queries.ts';

/** The label of the organiser invite the admin's own device joins with to open an event. */
const ADMIN_INVITE_LABEL = 'Admin';

/** Creates an event on this server; answers it with its first organiser invite. */
export function useCreateEvent(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateEventRequest) =>
      callApi(window.location.origin, 'createEvent', { body: request, token }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminEventsKey }),
  });
}

/** A new organiser invite for an event, to hand to its organiser. */
export function useOrganizerInvite(token: string) {
  return useMutation({
    mutationFn: async ({ eventId, label }: { eventId: string; label?: string }) =>
      (
        await callApi(window.location.origin, 'createOrganizerInvite', {
          params: { eventId },
          body: label ? { label } : {},
          token,
        })
      ).invite,
  });
}

/** Opens an event on this device as its organiser: an invite of the admin's own, redeemed here. */
export function useOpenEvent(token: string) {
  return useMutation({
    mutationFn: async (eventId: string) => {
      const { invite } = await callApi(window.location.origin, 'createOrganizerInvite', {
        params: { eventId },
        body: { label: ADMIN_INVITE_LABEL },
        token,
      });
      return joinEvent(invite.code);
    },
  });
}
