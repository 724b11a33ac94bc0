/**
 * Clock ranges of one live document already found deleted, per client: a deletion in Yjs is
 * never undone, so a range found deleted stays deleted for the life of that document.
 *
 * NOTE: a stock provider answers every confirmation (a sync step 1) with a step 2 that carries
 * its document's whole delete set, and our own writing clients do the same. Telling whether the
 * server already holds those deletions meant walking every deleted struct of the document at
 * each answer: 11 % of the server's time with ten stock writers once their documents had
 * overwritten a few thousand marks (`bench -- --writers`, CPU profile). Ranges checked once are
 * kept here, merged, and the next answer's are found by a binary search.
 */
export class KnownDeletions {
  /** Per client: disjoint, merged ranges as flat [start, end, start, end, …], sorted by start. */
  private readonly byClient = new Map<number, number[]>();

  /** Whether [start, end) of `client` is known deleted. */
  covers(client: number, start: number, end: number): boolean {
    const ranges = this.byClient.get(client);
    if (!ranges) return false;
    const i = lastStartingAtOrBefore(ranges, start);
    return i >= 0 && (ranges[i + 1] as number) >= end;
  }

  /** Records [start, end) of `client` as deleted, merging it with the ranges it touches. */
  add(client: number, start: number, end: number): void {
    let ranges = this.byClient.get(client);
    if (!ranges) {
      ranges = [];
      this.byClient.set(client, ranges);
    }
    // The first range that may touch [start, end): the one starting at or before it, if it
    // reaches `start`, else the next.
    let first = lastStartingAtOrBefore(ranges, start);
    if (first < 0 || (ranges[first + 1] as number) < start) first += 2;
    let last = first;
    let from = start;
    let to = end;
    while (last < ranges.length && (ranges[last] as number) <= end) {
      from = Math.min(from, ranges[last] as number);
      to = Math.max(to, ranges[last + 1] as number);
      last += 2;
    }
    ranges.splice(first, last - first, from, to);
  }
}

/** Index (even) of the last range starting at or before `clock`; -2 when none does. */
function lastStartingAtOrBefore(ranges: readonly number[], clock: number): number {
  let low = 0;
  let high = ranges.length / 2 - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((ranges[mid * 2] as number) <= clock) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found * 2;
}
