/** What went wrong with on-device storage, in words for the person holding the device. */
export interface StorageProblem {
  kind: 'quota' | 'unavailable' | 'failed';
  message: string;
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { name, inner } = error as { name?: unknown; inner?: unknown };
  // Dexie wraps the DOMException of IndexedDB in `inner`.
  if (name === 'AbortError' && inner) return errorName(inner);
  return typeof name === 'string' ? name : '';
}

/** Maps IndexedDB and Dexie errors to a problem a person can act on. */
export function describeStorageError(error: unknown): StorageProblem {
  const name = errorName(error);
  if (name === 'QuotaExceededError')
    return {
      kind: 'quota',
      message:
        'This device is out of storage space. New changes are kept only until the app closes: free up space (delete photos, videos or other events), then reload.',
    };
  if (name === 'MissingAPIError' || name === 'InvalidStateError' || name === 'OpenFailedError')
    return {
      kind: 'unavailable',
      message:
        'This browser does not let ondeck store data (private browsing, or storage turned off). Open ondeck in a normal window.',
    };
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'failed', message: `Saving on this device failed: ${detail}` };
}
