import type { Observable } from 'dexie';
import { use, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Membership } from '../storage/db.ts';
import type { StorageProblem } from '../storage/errors.ts';
import {
  type EventUsage,
  eventUsage,
  readMembershipOnce,
  saveMembership,
  watchMembership,
  watchMemberships,
  watchPendingCount,
  watchSavedAt,
} from '../storage/events.ts';
import { currentStorageProblem, reportStorageError, subscribeStorageProblem } from '../storage/problems.ts';

export type { Membership };

/** Follows a Dexie live query (other tabs' writes included); undefined until the first result. */
export function useLiveQuery<T>(query: () => Observable<T>, key: string): T | undefined {
  const [state, setState] = useState<{ key: string; value: T } | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is identified by its key
  useEffect(() => {
    const subscription = query().subscribe({
      next: (value) => setState({ key, value }),
      error: reportStorageError,
    });
    return () => subscription.unsubscribe();
  }, [key]);
  return state?.key === key ? state.value : undefined;
}

/**
 * Keeps the membership's event name (shown in the list of events, which loads no documents)
 * equal to the name in the event's program, which the organiser may change.
 */
export function useRememberEventName(membership: Membership, name: string | undefined): void {
  useEffect(() => {
    if (name && name !== membership.eventName)
      saveMembership({ ...membership, eventName: name }).catch(reportStorageError);
  }, [membership, name]);
}

export function useMemberships(): Membership[] | undefined {
  return useLiveQuery(watchMemberships, 'memberships');
}

/**
 * The device's membership of an event, null when not joined. Until the live query answers, the
 * screen suspends on a one-off read (see `readMembershipOnce`); after that it never suspends
 * again, so a change to the membership (the event renamed) does not blank the screen.
 */
export function useMembership(eventId: string): Membership | null {
  const live = useLiveQuery(() => watchMembership(eventId), `membership:${eventId}`);
  return live === undefined ? use(readMembershipOnce(eventId)) : live;
}

export function usePendingCount(eventId: string): number | undefined {
  return useLiveQuery(() => watchPendingCount(eventId), `pending:${eventId}`);
}

export function useSavedAt(eventId: string): number | null | undefined {
  return useLiveQuery(() => watchSavedAt(eventId), `saved:${eventId}`);
}

export function useStorageProblem(): StorageProblem | null {
  return useSyncExternalStore(subscribeStorageProblem, currentStorageProblem);
}

export interface DeviceStorage {
  /** Bytes used by this app on the device, and the browser's quota for it. */
  usage?: number;
  quota?: number;
  /** The browser promised not to evict this app's data under storage pressure. */
  persisted?: boolean;
}

async function readDeviceStorage(): Promise<DeviceStorage> {
  const storage = navigator.storage;
  if (!storage) return {};
  const [estimate, persisted] = await Promise.all([storage.estimate?.(), storage.persisted?.()]);
  return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}

/** Storage figures of the device; `refresh` reads them again (e.g. after asking for persistence). */
export function useDeviceStorage(): { storage: DeviceStorage; refresh: () => void } {
  const [storage, setStorage] = useState<DeviceStorage>({});
  const refresh = useCallback(() => {
    readDeviceStorage().then(setStorage, reportStorageError);
  }, []);
  useEffect(refresh, [refresh]);
  return { storage, refresh };
}

export function useEventUsage(eventId: string): EventUsage | undefined {
  const [usage, setUsage] = useState<EventUsage>();
  const pending = usePendingCount(eventId);
  // Recount when the event's pending changes move (a cheap proxy for "its data changed").
  // biome-ignore lint/correctness/useExhaustiveDependencies: pending is the refresh trigger
  useEffect(() => {
    let live = true;
    eventUsage(eventId).then((next) => live && setUsage(next), reportStorageError);
    return () => {
      live = false;
    };
  }, [eventId, pending]);
  return usage;
}
