import { type ProgramCollections, putRecord, removeRecord } from '@ondeck/shared';
import { useMemo } from 'react';
import { useSession } from '../../../sync/context.ts';

/** The records of the event's set-up that the Event screens edit. */
type SetupCollection = 'categories' | 'catExtensions' | 'dances' | 'studios';

/**
 * The organiser's set-up edits of the program — agenda items and their parts, dances, studios —
 * each one change, stored on the device first (offline too) through the shared accessors;
 * null when this device may not change the program.
 */
export function useSetupEditor() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('program')) return null;
    return {
      put: <K extends SetupCollection>(collection: K, record: ProgramCollections[K]) =>
        session.write('program', (doc) => putRecord(doc, collection, record)),
      /** Several records in one change: two agenda items swapping places. */
      putMany: <K extends SetupCollection>(collection: K, records: readonly ProgramCollections[K][]) =>
        session.write('program', (doc) => {
          for (const record of records) putRecord(doc, collection, record);
        }),
      /** A category with its split parts, in one change. */
      removeCategory: (id: string, partIds: readonly string[]) =>
        session.write('program', (doc) => {
          for (const partId of partIds) removeRecord(doc, 'catExtensions', partId);
          removeRecord(doc, 'categories', id);
        }),
      remove: (collection: SetupCollection, id: string) =>
        session.write('program', (doc) => removeRecord(doc, collection, id)),
    };
  }, [session]);
}
