import type { Invite } from './api.ts';

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
}

/** What the cloud answers the venue. */
export interface VenueExchangeResponse {
  eventName: string;
  /** The event's documents on the cloud: the venue follows each. */
  docs: string[];
  /** The event's invites, revoked ones included, as the cloud holds them. */
  invites: Omit<Invite, 'link'>[];
}

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
