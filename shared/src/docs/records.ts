import type * as Y from 'yjs';

/**
 * Records are plain JSON values in a `Y.Map`, keyed by id and replaced whole (DESIGN.md).
 *
 * NOTE: removing a record writes `null` instead of deleting the key. A Yjs delete alone does
 * not advance the state vector, and the server confirms "saved" by sending its state vector:
 * with tombstones every change is visible in it, so the device can tell what is confirmed.
 */
export type RecordMap<T> = Y.Map<T | null>;

export function readAll<T>(map: RecordMap<T>): Map<string, T> {
  const out = new Map<string, T>();
  map.forEach((value, key) => {
    if (value !== null && value !== undefined) out.set(key, value);
  });
  return out;
}

export function readOne<T>(map: RecordMap<T>, id: string): T | undefined {
  const value = map.get(id);
  return value === null ? undefined : value;
}

export function writeOne<T>(map: RecordMap<T>, id: string, value: T): void {
  map.set(id, value);
}

export function removeOne<T>(map: RecordMap<T>, id: string): void {
  if (map.get(id) !== undefined && map.get(id) !== null) map.set(id, null);
}

/**
 * Sets each key of `patch` that has a value as its own map key, all in one transaction, so two
 * devices changing different keys at once both keep their change; undefined leaves a key alone.
 */
export function patchMap(doc: Y.Doc, map: Y.Map<unknown>, patch: object): void {
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) map.set(key, value);
  });
}
