import { existsSync, mkdirSync } from 'node:fs';
import { apiRequest, type JoinResponse, type PublicKeySet, type PublicSigningKey } from '@ondeck/shared';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import { EventDatabase } from '../storage/eventDatabase.ts';
import { eventPath, eventsDir } from '../storage/eventFiles.ts';
import { isCloudJoin } from './cloudAnswers.ts';
import type { Follow, Follows } from './follows.ts';

/** Following failed: what is wrong, in words for the operator. */
export class FollowError extends Error {}

const CALL_TIMEOUT_MS = 15_000;

/** A venue invite link: the cloud's origin and the invite's code. */
export function parseVenueLink(link: string): { cloudUrl: string; code: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FollowError(`"${link.slice(0, 200)}" is not a link; give the venue invite link the organiser made`);
  }
  const match = /^(.*)\/join\/([A-Za-z0-9_-]{8,64})$/.exec(url.pathname);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !match)
    throw new FollowError('a venue invite link looks like https://ondeck.example.com/join/<code>');
  return { cloudUrl: `${url.origin}${match[1] ?? ''}`, code: match[2] as string };
}

async function call<T>(url: string, init: RequestInit, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  } catch (error) {
    throw new FollowError(
      `the cloud at ${new URL(url).origin} could not be reached to ${what}: ${(error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok)
    throw new FollowError(
      `the cloud refused to ${what} (${response.status}${body?.error ? ` ${body.error.code}: ${body.error.message}` : ''})`,
    );
  return body as T;
}

/**
 * Follows a cloud event from a venue invite link: redeems it for a `venue` token, fetches the
 * cloud's public key that signed it (to verify the event's device tokens here, for this event
 * only), makes the event here with an empty database — its documents come from the cloud, never
 * seeded twice — and records the follow. Following an event again renews its credential.
 */
export async function followEvent(
  link: string,
  { dataDir, catalog, follows }: { dataDir: string; catalog: IndexDatabase; follows: Follows },
): Promise<Follow> {
  const { cloudUrl, code } = parseVenueLink(link);
  const { path, init } = apiRequest('join', { body: { code } });
  const joined = await call<JoinResponse>(`${cloudUrl}${path}`, init, 'redeem the venue invite');
  if (!isCloudJoin(joined)) throw new FollowError('the cloud’s answer to the venue invite is not an ondeck join');
  if (joined.role !== 'venue')
    throw new FollowError(
      `that invite is for a ${joined.role}, not a venue server; ask the organiser for a venue invite`,
    );
  const keys = await call<PublicKeySet>(`${cloudUrl}${apiRequest('publicKeys', {}).path}`, {}, 'give its public key');
  let kid: unknown;
  let jti: unknown;
  try {
    ({ kid } = decodeProtectedHeader(joined.token));
    ({ jti } = decodeJwt(joined.token));
  } catch {
    throw new FollowError('the venue token the cloud gave is malformed');
  }
  if (typeof jti !== 'string') throw new FollowError('the venue token names no invite');
  const cloudKey = Array.isArray(keys?.keys) ? keys.keys.find((key: PublicSigningKey) => key?.kid === kid) : undefined;
  if (!cloudKey) throw new FollowError('the cloud does not list the key that signed the venue token');

  const existing = follows.get(joined.eventId);
  if (!existing && catalog.getEvent(joined.eventId))
    throw new FollowError(
      `event "${joined.eventId}" is this server's own; a venue follows only events it does not hold`,
    );
  if (!existing) {
    const path = eventPath(dataDir, joined.eventId);
    mkdirSync(eventsDir(dataDir), { recursive: true });
    if (!existsSync(path)) new EventDatabase(path).close();
    catalog.createEvent(joined.eventId, joined.eventName);
  }
  const follow: Follow = {
    eventId: joined.eventId,
    eventName: joined.eventName,
    cloudUrl,
    inviteCode: code,
    inviteId: jti,
    token: joined.token,
    expiresAt: joined.expiresAt,
    cloudKey,
  };
  follows.save(follow);
  return follow;
}
