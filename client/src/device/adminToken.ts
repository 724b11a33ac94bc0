import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'ondeck:admin-token';
const listeners = new Set<() => void>();

// NOTE: the admin token creates events on the whole server, so it is kept for this tab only
// (sessionStorage): a laptop left at the venue's desk does not keep it once the tab is closed.
function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The admin token this tab was given, and a setter (null forgets it). */
export function useAdminToken(): [string | null, (token: string | null) => void] {
  const token = useSyncExternalStore(subscribe, read, () => null);
  const set = useCallback((next: string | null) => {
    try {
      if (next === null) sessionStorage.removeItem(KEY);
      else sessionStorage.setItem(KEY, next);
    } finally {
      for (const listener of listeners) listener();
    }
  }, []);
  return [token, set];
}
