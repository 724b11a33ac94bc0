import { useMutation } from '@tanstack/react-query';
import { callApi } from '../../api/client.ts';
import type { Membership } from '../../device/hooks.ts';
import { keepMembership } from '../../device/mutations.ts';

/** Redeems an invite code at this server and keeps the token on the device. */
export async function joinEvent(code: string): Promise<Membership> {
  const serverUrl = window.location.origin;
  const joined = await callApi(serverUrl, 'join', { body: { code } });
  const membership: Membership = {
    eventId: joined.eventId,
    eventName: joined.eventName,
    serverUrl,
    role: joined.role,
    ...(joined.personId ? { personId: joined.personId } : {}),
    label: joined.label,
    token: joined.token,
    expiresAt: joined.expiresAt,
    joinedAt: Date.now(),
  };
  await keepMembership(membership);
  return membership;
}

export function useJoinEvent() {
  return useMutation({ mutationFn: joinEvent });
}
