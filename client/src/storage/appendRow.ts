import { db, type StoredUpdate } from './db.ts';

/**
 * Adds one row to the update log in its own transaction. Runs in the writer worker, or in the
 * page when there is no worker. A keyed row that is stored already (its key is taken) is done.
 */
export async function addUpdateRow(row: StoredUpdate): Promise<void> {
  try {
    await db.transaction('rw', db.updates, (tx) => {
      const added = db.updates.add(row);
      // NOTE: commit as soon as the add is queued instead of after its success event: the row
      // reaches disk one event-loop round trip sooner, a window in which a flat battery loses it.
      tx.idbtrans.commit?.();
      return added;
    });
  } catch (error) {
    if (row.key !== undefined && (error as { name?: unknown } | null)?.name === 'ConstraintError') return;
    throw error;
  }
}
