/** Storage requests in flight at once when one answer needs many of them. */
const BATCH_SIZE = 8;

/**
 * `fn` over every item, a batch of a few at a time, results in the items' order.
 * NOTE: a few requests at a time keep a long list quick without flooding the storage service.
 */
export async function mapInBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE)
    results.push(...(await Promise.all(items.slice(i, i + BATCH_SIZE).map(fn))));
  return results;
}
