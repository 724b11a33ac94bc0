import type { MusicFile } from '@ondeck/shared';
import { contentKey, type ObjectStore } from '../objectStore/index.ts';

const CACHE_LIMIT = 20_000;
/** Storage requests in flight at once when describing many files. */
const PARALLEL = 8;

/**
 * Which files belong to which event. The bytes live once, content-addressed under
 * `files/<sha256>`; each event that uploaded a file gets an empty reference object
 * `events/<eventId>/files/<sha256>` next to them, so a token of one event can never fetch
 * another event's music by its hash, and the references travel with the files when an event
 * moves to another server.
 *
 * NOTE: content never changes under its hash and references are never removed, so what was
 * once found is cached in memory (bounded), saving a storage round trip per request.
 */
export class EventFiles {
  private readonly known = new Set<string>();
  private readonly infos = new Map<string, MusicFile>();

  constructor(private readonly store: ObjectStore) {}

  /** Records that `eventId` uploaded this (already stored) file. */
  async add(eventId: string, info: MusicFile): Promise<void> {
    await this.store.put(referenceKey(eventId, info.sha256), new Uint8Array(0), {
      metadata: { size: String(info.size), type: info.type },
    });
    this.remember(eventId, info);
  }

  /** The file, when it belongs to the event and is in storage; null otherwise. */
  async get(eventId: string, sha256: string): Promise<MusicFile | null> {
    const member = `${eventId}/${sha256}`;
    if (!this.known.has(member)) {
      if (!(await this.store.head(referenceKey(eventId, sha256)))) return null;
    }
    let info = this.infos.get(sha256);
    if (!info) {
      const head = await this.store.head(contentKey(sha256));
      if (!head) return null;
      info = { sha256, size: head.size, type: head.contentType };
    }
    this.remember(eventId, info);
    return info;
  }

  /** Every file the event uploaded that is still in storage. */
  async list(eventId: string): Promise<MusicFile[]> {
    const prefix = `events/${eventId}/files/`;
    const hashes = (await this.store.list(prefix)).map((object) => object.key.slice(prefix.length));
    const found: MusicFile[] = [];
    for (let i = 0; i < hashes.length; i += PARALLEL) {
      const batch = await Promise.all(hashes.slice(i, i + PARALLEL).map((sha256) => this.get(eventId, sha256)));
      for (const info of batch) if (info) found.push(info);
    }
    return found;
  }

  /** The file's bytes, or one inclusive byte range of them. */
  open(sha256: string, range?: { start: number; end: number }) {
    return this.store.getStream(contentKey(sha256), range ? { range } : {});
  }

  private remember(eventId: string, info: MusicFile): void {
    if (this.known.size >= CACHE_LIMIT) this.known.clear();
    if (this.infos.size >= CACHE_LIMIT) this.infos.clear();
    this.known.add(`${eventId}/${info.sha256}`);
    this.infos.set(info.sha256, info);
  }
}

function referenceKey(eventId: string, sha256: string): string {
  // contentKey validates the hash, so a reference key can never leave its folder.
  return `events/${eventId}/${contentKey(sha256)}`;
}
