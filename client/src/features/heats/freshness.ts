import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { formatTime } from '../../lib/format.ts';
import type { DocConnection } from '../../sync/connection.ts';
import { useSession } from '../../sync/context.ts';

/** How fresh this device's copy of the current heat is. */
export interface Freshness {
  /** Synced with the server right now: changes arrive within a second. */
  live: boolean;
  connection: DocConnection;
  /** When this device last knew it was in sync (ms since the epoch), if ever. */
  heardAt: number | null;
}

const MARK_EVERY_MS = 5_000;

function storedAt(key: string): number | null {
  try {
    const value = Number(localStorage.getItem(key));
    return value > 0 ? value : null;
  } catch {
    return null;
  }
}

function store(key: string, at: number): void {
  try {
    localStorage.setItem(key, String(at));
  } catch {
    // Private browsing without storage: the time is kept for this page only.
  }
}

/**
 * While the event syncs, the time is written down every few seconds (and kept across reloads),
 * so a phone that loses the network can say when it last heard from the server.
 */
export function useFreshness(): Freshness {
  const session = useSession();
  const subscribe = useCallback((onChange: () => void) => session.subscribe(onChange), [session]);
  const status = useSyncExternalStore(subscribe, () => session.status());
  // A device at a venue that fell back to the cloud is as live as the cloud.
  const connection =
    status.connection.state !== 'connected' && status.cloud?.connection.state === 'connected'
      ? status.cloud.connection
      : status.connection;
  const key = `ondeck:${session.membership.eventId}:heard-at`;
  const live = connection.state === 'connected';
  const [heardAt, setHeardAt] = useState(() => storedAt(key));
  useEffect(() => {
    if (!live) {
      setHeardAt(storedAt(key));
      return;
    }
    const mark = () => store(key, Date.now());
    mark();
    const timer = setInterval(mark, MARK_EVERY_MS);
    return () => clearInterval(timer);
  }, [live, key]);
  return { live, connection, heardAt };
}

const WHY: Record<DocConnection['state'], string> = {
  connected: 'live',
  offline: 'offline',
  waiting: 'server unreachable',
  unresponsive: 'server not answering',
  connecting: 'connecting',
  idle: 'connecting',
  blocked: 'not syncing',
};

/** "Live", or "last heard 14:32 (offline)". */
export function describeFreshness({ live, connection, heardAt }: Freshness): string {
  if (live) return 'Live';
  const why = WHY[connection.state];
  return heardAt ? `Last heard ${formatTime(heardAt)} (${why})` : `Not heard from the server yet (${why})`;
}
