/** What went wrong with on-device storage, in words for the person holding the device. */
export interface StorageProblem {
  kind: 'quota' | 'unavailable' | 'failed';
  message: string;
}

/** The names of an error and of the errors it wraps (Dexie keeps IndexedDB's in `inner`). */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  for (let current = error; typeof current === 'object' && current !== null; ) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}

/** Maps IndexedDB and Dexie errors to a problem a person can act on. */
export function describeStorageError(error: unknown): StorageProblem {
  const names = errorNames(error);
  const is = (name: string) => names.includes(name);
  if (is('QuotaExceededError'))
    return {
      kind: 'quota',
      message:
        'This device is out of storage space. New changes are kept only until the app closes: free up space (delete photos, videos or other events), then reload.',
    };
  if (is('MissingAPIError') || is('InvalidStateError') || is('OpenFailedError'))
    return {
      kind: 'unavailable',
      message:
        'This browser does not let ondeck store data (private browsing, or storage turned off). Open ondeck in a normal window.',
    };
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'failed', message: `Saving on this device failed: ${detail}` };
}
