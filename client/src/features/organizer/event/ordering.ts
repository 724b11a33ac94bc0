/** Records with a unique running position: agenda items, dances. */
interface Ordered {
  id: string;
  order: number;
}

/** The position after the last one, for a new record at the end. */
export function nextOrder(records: Iterable<Ordered>): number {
  let last = 0;
  for (const record of records) last = Math.max(last, record.order);
  return last + 1;
}

/**
 * The record at `index` of `sorted` and its neighbour `step` away with their positions swapped
 * (two records, written as one change), or nothing at either end.
 */
export function swapped<T extends Ordered>(sorted: readonly T[], index: number, step: -1 | 1): T[] {
  const here = sorted[index];
  const there = sorted[index + step];
  if (!here || !there) return [];
  return [
    { ...here, order: there.order },
    { ...there, order: here.order },
  ];
}

/** Whether another record of `records` has this name, whatever its case and spacing. */
export function nameTaken(records: Iterable<{ id: string; name: string }>, name: string, exceptId?: string): boolean {
  const wanted = name.trim().toLowerCase();
  for (const record of records) if (record.id !== exceptId && record.name.trim().toLowerCase() === wanted) return true;
  return false;
}
