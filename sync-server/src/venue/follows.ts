import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSlug, type PublicSigningKey, RECORD_ID_PATTERN } from '@ondeck/shared';
import { writeJsonFile } from './jsonFile.ts';

/** One cloud event this venue server follows, with the credential it follows it with. */
export interface Follow {
  eventId: string;
  eventName: string;
  /** The cloud server's origin, e.g. `https://ondeck.example.com`. */
  cloudUrl: string;
  /** The venue invite's code, so a link given again is recognised. */
  inviteCode: string;
  /** The venue invite's id (the token's `jti`). */
  inviteId: string;
  /** The `venue` token the cloud signed for this event. */
  token: string;
  /** When the token expires (seconds since the epoch). */
  expiresAt: number;
  /** The cloud's public key that signs the event's tokens: trusted here for this event only. */
  cloudKey: PublicSigningKey;
}

const FOLLOWS_FILE = 'venue-follows.json';

/**
 * The events this server follows as a venue, in a file of the data directory (not the index
 * database: a cloud server never has one, and it holds credentials, so it is written owner-only).
 */
export class Follows {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FOLLOWS_FILE);
  }

  list(): Follow[] {
    if (!existsSync(this.path)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      throw new Error(`${this.path} is not valid JSON; fix it or follow the events again`);
    }
    const follows = (parsed as { follows?: unknown }).follows;
    if (!Array.isArray(follows) || !follows.every(isFollow))
      throw new Error(`${this.path} does not hold venue follows; fix it or follow the events again`);
    return follows;
  }

  get(eventId: string): Follow | undefined {
    return this.list().find((follow) => follow.eventId === eventId);
  }

  /** Adds the follow, or replaces the one of the same event. */
  save(follow: Follow): void {
    this.write([...this.list().filter((f) => f.eventId !== follow.eventId), follow]);
  }

  remove(eventId: string): boolean {
    const all = this.list();
    const kept = all.filter((f) => f.eventId !== eventId);
    if (kept.length === all.length) return false;
    this.write(kept);
    return true;
  }

  private write(follows: Follow[]): void {
    writeJsonFile(this.path, { follows }, 0o600);
  }
}

function isFollow(value: unknown): value is Follow {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const key = f.cloudKey as Record<string, unknown> | null | undefined;
  return (
    typeof f.eventId === 'string' &&
    isSlug(f.eventId) &&
    typeof f.eventName === 'string' &&
    typeof f.cloudUrl === 'string' &&
    /^https?:\/\//.test(f.cloudUrl) &&
    typeof f.inviteCode === 'string' &&
    typeof f.inviteId === 'string' &&
    new RegExp(RECORD_ID_PATTERN).test(f.inviteId) &&
    typeof f.token === 'string' &&
    typeof f.expiresAt === 'number' &&
    typeof key === 'object' &&
    key !== null &&
    typeof key.x === 'string' &&
    typeof key.kid === 'string'
  );
}
