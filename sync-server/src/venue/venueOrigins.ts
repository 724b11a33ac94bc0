import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSlug, isWebOrigin, RECORD_ID_PATTERN } from '@ondeck/shared';
import { writeJsonFile } from './jsonFile.ts';

const ORIGINS_FILE = 'venue-origins.json';
const RECORD_ID = new RegExp(RECORD_ID_PATTERN);

type Stored = Record<string, Record<string, string[]>>;

/**
 * On the cloud: the origins of each venue's app pages, per event and venue credential, in a
 * file of the data directory. Kept across restarts because they matter most when the venue is
 * gone: its devices fall back to the cloud then, and a cloud restarted meanwhile must still let
 * their pages in — the venue cannot report them again.
 */
export class VenueOrigins {
  private readonly path: string;
  private readonly byEvent = new Map<string, Map<string, readonly string[]>>();

  constructor(dataDir: string) {
    this.path = join(dataDir, ORIGINS_FILE);
    for (const [eventId, venues] of Object.entries(this.read()))
      this.byEvent.set(eventId, new Map(Object.entries(venues)));
  }

  /** The origins a venue reported; written down when they changed. */
  set(eventId: string, inviteId: string, origins: readonly string[]): void {
    let venues = this.byEvent.get(eventId);
    if (!venues) {
      venues = new Map();
      this.byEvent.set(eventId, venues);
    }
    const before = venues.get(inviteId);
    if (before && before.length === origins.length && before.every((origin, i) => origin === origins[i])) return;
    venues.set(inviteId, [...origins]);
    this.write();
  }

  /** Whether a page of this origin is one of a venue of the event whose credential still holds. */
  allows(eventId: string, origin: string, revoked: (inviteId: string) => boolean): boolean {
    for (const [inviteId, origins] of this.byEvent.get(eventId) ?? [])
      if (origins.includes(origin) && !revoked(inviteId)) return true;
    return false;
  }

  /** What the file holds that has the shape of it; a damaged file is a venue that reports again. */
  private read(): Stored {
    if (!existsSync(this.path)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return {};
    }
    const stored: Stored = {};
    if (typeof parsed !== 'object' || parsed === null) return stored;
    for (const [eventId, venues] of Object.entries(parsed)) {
      if (!isSlug(eventId) || typeof venues !== 'object' || venues === null) continue;
      for (const [inviteId, origins] of Object.entries(venues)) {
        if (!RECORD_ID.test(inviteId) || !Array.isArray(origins)) continue;
        stored[eventId] = { ...stored[eventId], [inviteId]: origins.filter(isWebOrigin) };
      }
    }
    return stored;
  }

  private write(): void {
    const stored: Stored = {};
    for (const [eventId, venues] of this.byEvent)
      stored[eventId] = Object.fromEntries([...venues].map(([inviteId, origins]) => [inviteId, [...origins]]));
    writeJsonFile(this.path, stored);
  }
}
