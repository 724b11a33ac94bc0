import { type CloudAccess, isCloudAccess } from '@ondeck/shared';
import { callApi, RequestError } from '../api/client.ts';
import type { Membership } from '../storage/db.ts';

/** What the device learnt: the cloud's access, or none — and whether asking again may give one. */
export type CloudAnswer = { cloud: CloudAccess } | { cloud: null; later: boolean };

/**
 * Asks the server whose app this is (a venue) for the cloud's address and token for this
 * device's invite (README "Venue server"). The answer arrives over the network: only a cloud
 * access of the right shape, at another origin than the venue's own, is kept.
 */
export async function askCloudAccess(membership: Membership): Promise<CloudAnswer> {
  const { serverUrl, eventId, token } = membership;
  let answer: unknown;
  try {
    answer = await callApi(serverUrl, 'cloudAccess', { params: { eventId }, token });
  } catch (error) {
    // Out of reach or restarting: ask again later. Refused (a server without the route, a
    // revoked invite): not for this session.
    const status = error instanceof RequestError ? error.status : 0;
    return { cloud: null, later: status === 0 || status >= 500 || status === 429 };
  }
  const cloud = (answer as { cloud?: unknown } | null)?.cloud;
  if (isCloudAccess(cloud) && cloud.url !== new URL(serverUrl).origin) return { cloud };
  return { cloud: null, later: (answer as { later?: unknown } | null)?.later === true };
}
