import * as Y from 'yjs';
import type { DecodedUpdate } from './decodeUpdate.ts';
import { KnownDeletions } from './knownDeletions.ts';

/**
 * Whether an update can only be integrated as it was sent: the document waits for nothing, and
 * each client's structs in it (no gaps) begin exactly where the document's end.
 */
export function continuesDocument(decoded: DecodedUpdate, doc: Y.Doc): boolean {
  if (doc.store.pendingStructs || doc.store.pendingDs) return false;
  const ends = new Map<number, number>();
  for (const struct of decoded.structs) {
    if (struct.kind === 'skip') return false;
    const end = ends.get(struct.client) ?? Y.getState(doc.store, struct.client);
    if (struct.clock !== end) return false;
    ends.set(struct.client, end + struct.length);
  }
  return true;
}

/**
 * Whether the transaction that applied an update (one that `continuesDocument`) integrated
 * exactly what it holds: every struct — none left waiting — and as deletions exactly its
 * deletions, none already made, none more (a concurrent change that lost deletes itself).
 * Read inside the transaction, before Yjs sorts its deletions.
 */
export function appliedAsSent(decoded: DecodedUpdate, doc: Y.Doc, transaction: Y.Transaction): boolean {
  if (doc.store.pendingStructs || doc.store.pendingDs) return false;
  for (const struct of decoded.structs)
    if (Y.getState(doc.store, struct.client) < struct.clock + struct.length) return false;
  // The same clocks deleted, whatever the ranges' order or overlaps: each set covers the other.
  const made = new KnownDeletions();
  for (const [client, items] of transaction.deleteSet.clients)
    for (const { clock, len } of items) made.add(client, clock, clock + len);
  const sent = new KnownDeletions();
  for (const { client, clock, length } of decoded.deletes) sent.add(client, clock, clock + length);
  if (!decoded.deletes.every(({ client, clock, length }) => made.covers(client, clock, clock + length))) return false;
  for (const [client, items] of transaction.deleteSet.clients)
    for (const { clock, len } of items) if (!sent.covers(client, clock, clock + len)) return false;
  return true;
}
