import type { Invite } from './api.ts';
import { isWebOrigin } from './ids.ts';

/**
 * REST payloads between a venue server and the cloud server it follows (README "Venue server"),
 * and the organiser's view of that link. A venue server follows an event with a `venue` token:
 * it syncs each document as a Yjs peer of the cloud, and trades what is not a document here.
 */

/** `POST /api/events/:id/venue-exchange`, sent by the venue while its link to the cloud works. */
export interface VenueExchangeRequest {
  /** Ids of the event's invites revoked at the venue: the cloud revokes them too. */
  revoked: string[];
  /** Changes the venue holds that the cloud has not confirmed yet. */
  waiting: number;
  /** Where devices on the venue's network reach it, for the organiser's screen. */
  url?: string;
  /**
   * The origins of the venue's app pages (the origins the venue itself lets sync): the cloud
   * lets those pages open sync sockets of this event, so a device at the venue can fall back
   * to the cloud when the venue stops.
   */
  origins?: string[];
}

/** What the cloud answers the venue. */
export interface VenueExchangeResponse {
  eventName: string;
  /** The event's documents on the cloud: the venue follows each. */
  docs: string[];
  /** The event's invites, revoked ones included, as the cloud holds them. */
  invites: Omit<Invite, 'link'>[];
}

/**
 * Where a device that joined at a venue reaches the cloud, and the cloud's token for the same
 * invite: with it the device syncs with the cloud too, and falls back to it by itself.
 */
export interface CloudAccess {
  /** The cloud server's origin, e.g. `https://ondeck.example.com`. */
  url: string;
  /** The cloud's token for the caller's invite. */
  token: string;
  /** When that token expires (seconds since the epoch). */
  expiresAt: number;
}

/** A JWT's three base64url parts, within the size the servers accept. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Whether a value is a `CloudAccess` (what a venue answers arrives over the network: a device
 * keeps and connects to only what has this shape).
 */
export function isCloudAccess(value: unknown): value is CloudAccess {
  if (typeof value !== 'object' || value === null) return false;
  const { url, token, expiresAt } = value as Record<string, unknown>;
  return (
    isWebOrigin(url) &&
    typeof token === 'string' &&
    token.length <= 4096 &&
    TOKEN_SHAPE.test(token) &&
    typeof expiresAt === 'number' &&
    Number.isSafeInteger(expiresAt) &&
    expiresAt > 0
  );
}

/**
 * `GET /api/events/:id/cloud-access`, asked at a venue: the cloud's access for the caller's
 * invite, or null with the reason (a cloud server, the cloud out of reach, an invite made at
 * the venue that the cloud does not know).
 */
export type CloudAccessResponse =
  | { cloud: CloudAccess }
  | {
      cloud: null;
      reason: string;
      /** Whether asking again later may give one (the cloud was out of reach), so a device asks again. */
      later: boolean;
    };

/** One other server this server trades the event's changes with. */
export interface ServerLink {
  /** `cloud`: the server this venue follows; `venue`: a venue server following this one. */
  kind: 'cloud' | 'venue';
  /** Who it is: the cloud's address, or the venue credential's label. */
  label: string;
  /** Its address, as it was last given. */
  url: string | null;
  /** When this server last heard from it (ISO 8601), null when never. */
  lastHeardAt: string | null;
  /**
   * Whether the link works now: at the venue, a document link to the cloud is open; on the
   * cloud, the venue was heard from within the last 30 seconds (it reports every few).
   */
  linked: boolean;
  /**
   * Changes that wait to cross to the cloud: counted by the venue itself, or as the venue
   * last said (the cloud cannot see the venue while the link is down). Null when unknown.
   */
  waitingForCloud: number | null;
  /** Why the link does not work when the other side refused it (a revoked venue credential…). */
  problem?: string;
}

/** `GET /api/events/:id/links`: the other servers of the event, as this server sees them. */
export interface ServerLinks {
  /** What this server is for this event. */
  role: 'cloud' | 'venue';
  links: ServerLink[];
}
