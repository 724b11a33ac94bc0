import type { DocName } from '@ondeck/shared';
import * as Y from 'yjs';
import { type Ends, isCovered } from '../lib/coverage.ts';
import { type LogShape, shapeOf } from './compaction.ts';
import { db, type StoredUpdate } from './db.ts';
import { holdUntilWritten, newRowKey, written } from './leavingJournal.ts';
import { writeUpdateRow } from './updateWriter.ts';

/** Every stored update of one document, to apply before the network is even asked. */
export function loadDocUpdates(eventId: string, doc: DocName): Promise<StoredUpdate[]> {
  return db.updates.where('[eventId+doc]').equals([eventId, doc]).toArray();
}

/** The shape of a document's confirmed log, for the compaction policy. */
export function confirmedShape(rows: readonly StoredUpdate[]): LogShape {
  return shapeOf(rows.filter((row) => row.pending === 0).map((row) => row.update.byteLength));
}

/**
 * The row for one update. `ends` marks a change made on this device: it stays pending until a
 * server state vector covers it, and is held for the leaving page's journal from now until
 * `appendUpdate` has stored it. Updates that came from the server are stored as confirmed.
 */
export function updateRow(eventId: string, doc: DocName, update: Uint8Array, ends: Ends | null): StoredUpdate {
  // NOTE: IndexedDB and postMessage clone a typed array's whole buffer; updates read off a WebSocket message
  // are views into it, so store an exact copy.
  const own = update.byteOffset === 0 && update.byteLength === update.buffer.byteLength ? update : update.slice();
  if (!ends) return { eventId, doc, update: own, pending: 0 };
  const row = { eventId, doc, update: own, pending: 1 as const, ends, key: newRowKey() };
  holdUntilWritten(row);
  return row;
}

/** Appends one row to the document's log. */
export async function appendUpdate(row: StoredUpdate): Promise<void> {
  await writeUpdateRow(row);
  if (row.key !== undefined) written(row.key);
}

/**
 * Marks as confirmed every pending change of the document that the server's committed state
 * vector covers, and records when. Returns how many changes (and bytes) it confirmed.
 */
export async function confirmCovered(
  eventId: string,
  doc: DocName,
  stateVector: ReadonlyMap<number, number>,
  now: number,
): Promise<{ rows: number; bytes: number }> {
  return db.transaction('rw', [db.updates, db.docs], async () => {
    const pending = await db.updates.where('[eventId+doc+pending]').equals([eventId, doc, 1]).toArray();
    const covered = pending.filter((row) => isCovered(row.ends ?? [], stateVector));
    if (covered.length === 0) return { rows: 0, bytes: 0 };
    await db.updates.bulkUpdate(
      covered.map((row) => ({ key: row.id as number, changes: { pending: 0 as const, ends: undefined } })),
    );
    await db.docs.put({ eventId, doc, savedAt: now });
    return { rows: covered.length, bytes: covered.reduce((sum, row) => sum + row.update.byteLength, 0) };
  });
}

/**
 * Replaces the document's confirmed rows by their merge, in one transaction (another tab may be
 * appending meanwhile: it only ever adds rows, and only the rows read here are removed).
 * Pending rows stay separate so their bookkeeping is untouched.
 */
export async function compactDoc(eventId: string, doc: DocName): Promise<LogShape> {
  return db.transaction('rw', db.updates, async () => {
    const rows = await db.updates.where('[eventId+doc+pending]').equals([eventId, doc, 0]).toArray();
    if (rows.length < 2) return shapeOf(rows.map((row) => row.update.byteLength));
    const merged = Y.mergeUpdates(rows.map((row) => row.update));
    await db.updates.bulkDelete(rows.map((row) => row.id as number));
    await db.updates.add({ eventId, doc, update: merged, pending: 0 });
    return shapeOf([merged.byteLength]);
  });
}
