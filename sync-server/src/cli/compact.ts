import * as Y from 'yjs';
import { EventDatabase } from '../storage/eventDatabase.ts';
import { replayStoredDoc } from '../storage/replayStoredDoc.ts';

/** Compacts every document of an event file offline; returns how many were compacted. */
export function compactEventFile(path: string, snapshotsKept: number): number {
  const db = new EventDatabase(path);
  try {
    const uptoSeq = db.lastSeq();
    let compacted = 0;
    for (const name of db.docNames()) {
      const stored = db.loadDoc(name);
      if (stored.updates.length === 0) continue;
      // Through a Y.Doc rather than mergeUpdates alone, so deleted content is garbage-collected.
      const doc = new Y.Doc();
      replayStoredDoc(doc, stored);
      db.compact(name, Y.encodeStateAsUpdate(doc), uptoSeq, snapshotsKept);
      doc.destroy();
      compacted++;
    }
    return compacted;
  } finally {
    db.close();
  }
}
