import type { CloudAccess, DocName } from '@ondeck/shared';
import Dexie, { liveQuery, type Observable } from 'dexie';
import { db, type Membership } from './db.ts';

/** The events this device has joined, newest first. Live across tabs. */
export function watchMemberships(): Observable<Membership[]> {
  return liveQuery(async () => (await db.events.toArray()).sort((a, b) => b.joinedAt - a.joinedAt));
}

export function watchMembership(eventId: string): Observable<Membership | null> {
  return liveQuery(async () => (await db.events.get(eventId)) ?? null);
}

/**
 * The membership as a one-off read, cached per event: a screen can suspend on it during its
 * first render instead of waiting for an effect to subscribe (on a cold start, effects run only
 * after the first paint — hundreds of milliseconds later on a slow tablet).
 */
const firstReads = new Map<string, Promise<Membership | null>>();

export function readMembershipOnce(eventId: string): Promise<Membership | null> {
  let read = firstReads.get(eventId);
  if (!read) {
    read = db.events.get(eventId).then((membership) => membership ?? null);
    firstReads.set(eventId, read);
  }
  return read;
}

export async function saveMembership(membership: Membership): Promise<void> {
  await db.events.put(membership);
  firstReads.delete(membership.eventId);
}

/** Keeps the cloud's access a venue gave for this event's membership. */
export async function saveCloudAccess(eventId: string, cloud: CloudAccess): Promise<void> {
  await db.events.update(eventId, { cloud });
  firstReads.delete(eventId);
}

/** Changes made on this device that the server has not confirmed, per event. Live across tabs. */
export function watchPendingCount(eventId: string): Observable<number> {
  return liveQuery(() => db.updates.where('[eventId+pending]').equals([eventId, 1]).count());
}

/** When the server last confirmed a change of this event (ms since the epoch), if ever. */
export function watchSavedAt(eventId: string): Observable<number | null> {
  return liveQuery(async () => {
    const metas = await db.docs.where('eventId').equals(eventId).toArray();
    const times = metas.map((meta) => meta.savedAt ?? 0).filter((at) => at > 0);
    return times.length > 0 ? Math.max(...times) : null;
  });
}

export interface EventUsage {
  bytes: number;
  documents: number;
  songs: number;
}

/** Bytes this event keeps in IndexedDB (documents and music), for the "this device" screen. */
export async function eventUsage(eventId: string): Promise<EventUsage> {
  let bytes = 0;
  const docs = new Set<DocName>();
  await db.updates
    .where('[eventId+doc]')
    .between([eventId, Dexie.minKey], [eventId, Dexie.maxKey])
    .each((row) => {
      bytes += row.update.byteLength;
      docs.add(row.doc);
    });
  let songs = 0;
  await db.music
    .where('eventId')
    .equals(eventId)
    .each((song) => {
      bytes += song.blob.size;
      songs++;
    });
  return { bytes, documents: docs.size, songs };
}

/** Removes an event and everything it stored, in one transaction. */
export async function deleteEventData(eventId: string): Promise<void> {
  await db.transaction('rw', [db.events, db.updates, db.docs, db.music], async () => {
    await db.updates.where('[eventId+doc]').between([eventId, Dexie.minKey], [eventId, Dexie.maxKey]).delete();
    await db.docs.where('eventId').equals(eventId).delete();
    await db.music.where('eventId').equals(eventId).delete();
    await db.events.delete(eventId);
  });
  firstReads.delete(eventId);
}
