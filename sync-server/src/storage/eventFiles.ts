import { join } from 'node:path';
import { isSlug } from '@ondeck/shared';

/** Where the event databases live in the data directory. */
export function eventsDir(dataDir: string): string {
  return join(dataDir, 'events');
}

/** The event's database file. The id must be a slug: it becomes a file name. */
export function eventPath(dataDir: string, eventId: string): string {
  if (!isSlug(eventId)) throw new Error(`not an event id: ${JSON.stringify(eventId)}`);
  return join(eventsDir(dataDir), `${eventId}.sqlite`);
}
