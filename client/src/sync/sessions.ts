import type { Membership } from '../storage/db.ts';
import { EventSession } from './session.ts';

/** One session per event per tab, kept while the tab lives (switching events keeps both synced). */
const sessions = new Map<string, EventSession>();

export function sessionFor(membership: Membership): EventSession {
  const existing = sessions.get(membership.eventId);
  // A new token (the event was joined again) needs new sockets.
  if (existing && existing.membership.token === membership.token) return existing;
  existing?.destroy();
  const session = new EventSession(membership);
  sessions.set(membership.eventId, session);
  return session;
}

export function closeSession(eventId: string): void {
  sessions.get(eventId)?.destroy();
  sessions.delete(eventId);
}
