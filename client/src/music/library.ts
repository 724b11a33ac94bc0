import { liveQuery, type Observable } from 'dexie';
import { db } from '../storage/db.ts';

/** The music of one event kept on this device. */
export interface Library {
  /** SHA-256 of every song stored. */
  hashes: Set<string>;
  /** Bytes they take. */
  bytes: number;
}

/** The event's stored songs, live across tabs (blobs are not read, only their sizes). */
export function watchLibrary(eventId: string): Observable<Library> {
  return liveQuery(async () => {
    const hashes = new Set<string>();
    let bytes = 0;
    await db.music
      .where('eventId')
      .equals(eventId)
      .each((song) => {
        hashes.add(song.sha256);
        bytes += song.blob.size;
      });
    return { hashes, bytes };
  });
}

export async function storedHashes(eventId: string): Promise<Set<string>> {
  const keys = await db.music.where('eventId').equals(eventId).primaryKeys();
  return new Set(keys.map(([, sha256]) => sha256));
}

export async function saveSong(eventId: string, sha256: string, blob: Blob): Promise<void> {
  await db.music.put({ eventId, sha256, blob, storedAt: Date.now() });
}

/** The stored copy of a song, if this device has one. */
export async function readSong(eventId: string, sha256: string): Promise<Blob | null> {
  return (await db.music.get([eventId, sha256]))?.blob ?? null;
}

/** Frees the space: removes every song of the event from this device. */
export async function forgetMusic(eventId: string): Promise<void> {
  await db.music.where('eventId').equals(eventId).delete();
}
