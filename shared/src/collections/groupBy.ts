/**
 * The items by key, keys in first-seen order and each group in input order. Map.groupBy does
 * this from ES2024; the workspace targets Node 20 (ES2023).
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = out.get(key);
    if (group) group.push(item);
    else out.set(key, [item]);
  }
  return out;
}
