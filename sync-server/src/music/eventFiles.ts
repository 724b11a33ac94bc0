import type { MusicFile } from '@ondeck/shared';
import { contentKey, mapInBatches, type ObjectStore } from '../objectStore/index.ts';

const CACHE_LIMIT = 20_000;

/**
 * Which files belong to which event. The bytes live once, content-addressed under
 * `files/<sha256>`; each event that uploaded a file gets an empty reference object
 * `events/<eventId>/files/<sha256>` next to them, so a token of one event can never fetch
 * another event's music by its hash, and the references travel with the files when an event
 * moves to another server. A reference's metadata says the file's size and type, so one HEAD
 * of it answers a lookup.
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

  /** The file, when it belongs to the event; null otherwise. */
  async get(eventId: string, sha256: string): Promise<MusicFile | null> {
    const cached = this.infos.get(sha256);
    if (cached && this.known.has(`${eventId}/${sha256}`)) return cached;
    const reference = await this.store.head(referenceKey(eventId, sha256));
    if (!reference) return null;
    const info = describedBy(sha256, reference.metadata) ?? (await this.describeContent(sha256));
    if (info) this.remember(eventId, info);
    return info;
  }

  /** Every file the event uploaded. */
  async list(eventId: string): Promise<MusicFile[]> {
    const prefix = `events/${eventId}/files/`;
    const hashes = (await this.store.list(prefix)).map((object) => object.key.slice(prefix.length));
    const found = await mapInBatches(hashes, (sha256) => this.get(eventId, sha256));
    return found.filter((info) => info !== null);
  }

  /** The file's bytes, or one inclusive byte range of them. */
  open(sha256: string, range?: { start: number; end: number }) {
    return this.store.getStream(contentKey(sha256), range ? { range } : {});
  }

  /**
   * NOTE: a reference copied by hand (an event moved between directory stores without its
   * `.meta` sidecars) has lost the size and type `add` wrote; the file itself still says them.
   */
  private async describeContent(sha256: string): Promise<MusicFile | null> {
    const head = await this.store.head(contentKey(sha256));
    return head && { sha256, size: head.size, type: head.contentType };
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

/** The file as its reference's metadata describes it, or null when that metadata is missing. */
function describedBy(sha256: string, metadata: Record<string, string>): MusicFile | null {
  const size = Number(metadata.size);
  const { type } = metadata;
  if (metadata.size === undefined || !Number.isSafeInteger(size) || size < 0 || !type) return null;
  return { sha256, size, type };
}
