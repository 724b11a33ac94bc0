import * as Y from 'yjs';
import type { StoredDoc } from './eventStore.ts';

/**
 * Applies what storage holds of one document (its latest snapshot, then the updates after it)
 * to `doc`, merged into one update. Throws when any of it cannot be decoded.
 */
export function replayStoredDoc(doc: Y.Doc, stored: StoredDoc, origin?: unknown): void {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  if (parts.length > 0)
    Y.applyUpdate(doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts), origin);
}
