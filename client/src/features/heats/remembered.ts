import { useCallback, useState } from 'react';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * A choice made on this device and kept across visits and offline (localStorage): "my heats",
 * the emcee's ballroom, the counter's layout. Without storage it lasts for the visit.
 */
export function useRemembered(key: string): [string | null, (value: string | null) => void] {
  const [value, setValue] = useState(() => read(key));
  const remember = useCallback(
    (next: string | null) => {
      setValue(next);
      try {
        if (next === null) localStorage.removeItem(key);
        else localStorage.setItem(key, next);
      } catch {
        // Not remembered; still used for this visit.
      }
    },
    [key],
  );
  return [value, remember];
}
