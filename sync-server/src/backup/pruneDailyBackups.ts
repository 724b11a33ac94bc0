import type { ObjectStore } from '../objectStore/index.ts';
import { backupPrefix, dayOf, isDay } from './keys.ts';

const DAY_MS = 86_400_000;

/**
 * Deletes the daily copies of `name` older than `retentionDays` days, counting today as the
 * first; null keeps every copy. `latest` and anything that is not a daily copy are never
 * touched, and neither is any local file. Returns the deleted keys.
 */
export async function pruneDailyBackups(
  store: ObjectStore,
  name: string,
  retentionDays: number | null,
  now: Date,
): Promise<string[]> {
  if (retentionDays === null) return [];
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1)
    throw new RangeError(`retentionDays must be a whole number of at least 1 (got ${retentionDays})`);
  const oldestKept = dayOf(new Date(now.getTime() - (retentionDays - 1) * DAY_MS));
  const prefix = `${backupPrefix(name)}daily/`;
  const deleted: string[] = [];
  for (const object of await store.list(prefix)) {
    const day = object.key.slice(prefix.length);
    if (!isDay(day) || day >= oldestKept) continue;
    await store.delete(object.key);
    deleted.push(object.key);
  }
  return deleted;
}
