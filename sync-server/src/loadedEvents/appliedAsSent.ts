import * as Y from 'yjs';
import type { DecodedUpdate } from './decodeUpdate.ts';

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
  // Compared as joined ranges per client: the same clocks deleted, whatever the ranges' order.
  const made = transaction.deleteSet.clients;
  const sent = new Map<number, { clock: number; len: number }[]>();
  for (const range of decoded.deletes) {
    const item = { clock: range.clock, len: range.length };
    const items = sent.get(range.client);
    if (items) items.push(item);
    else sent.set(range.client, [item]);
  }
  let madeClients = 0;
  for (const items of made.values()) if (items.length > 0) madeClients++;
  if (madeClients !== sent.size) return false;
  for (const [client, items] of sent) {
    const a = merged(items);
    const b = merged(made.get(client) ?? []);
    if (a.length !== b.length || a.some(([from, to], i) => from !== b[i]?.[0] || to !== b[i]?.[1])) return false;
  }
  return true;
}

/** A client's deleted ranges, in order and joined where they touch, as [from, to). */
function merged(items: readonly { clock: number; len: number }[]): [number, number][] {
  const sorted = [...items].sort((a, b) => a.clock - b.clock);
  const out: [number, number][] = [];
  for (const { clock, len } of sorted) {
    const last = out.at(-1);
    if (last && clock <= last[1]) last[1] = Math.max(last[1], clock + len);
    else out.push([clock, clock + len]);
  }
  return out;
}
