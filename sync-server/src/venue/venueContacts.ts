import type { ServerLink } from '@ondeck/shared';

/** A venue heard from within this long is linked: it reports every ONDECK_VENUE_EXCHANGE_MS (5 s by default). */
const LINKED_WITHIN_MS = 30_000;

interface Contact {
  label: string;
  url: string | null;
  lastHeardAt: Date;
  waiting: number;
}

/**
 * On the cloud: the venue servers following its events, as each last reported in its exchange.
 * NOTE: in memory only. A venue reports every few seconds while its link works, so after a
 * restart the organiser's screen knows it again within one round; a venue not heard from since
 * is one whose link is down, which is what the screen then says.
 */
export class VenueContacts {
  private readonly byEvent = new Map<string, Map<string, Contact>>();

  heard(eventId: string, inviteId: string, contact: Omit<Contact, 'lastHeardAt'>, now = new Date()): void {
    let venues = this.byEvent.get(eventId);
    if (!venues) {
      venues = new Map();
      this.byEvent.set(eventId, venues);
    }
    venues.set(inviteId, { ...contact, lastHeardAt: now });
  }

  /** Forgets a venue whose credential was revoked. */
  forget(eventId: string, inviteId: string): void {
    this.byEvent.get(eventId)?.delete(inviteId);
  }

  links(eventId: string, now = Date.now()): ServerLink[] {
    return [...(this.byEvent.get(eventId)?.values() ?? [])].map((contact) => ({
      kind: 'venue',
      label: contact.label,
      url: contact.url,
      lastHeardAt: contact.lastHeardAt.toISOString(),
      linked: now - contact.lastHeardAt.getTime() < LINKED_WITHIN_MS,
      waitingForCloud: contact.waiting,
    }));
  }
}
