import {
  type Callbacks,
  type CompetitionResult,
  callbacksRecord,
  type PublishedResult,
  putRecord,
  removeRecord,
} from '@ondeck/shared';
import { useMemo } from 'react';
import { useSession } from '../../sync/context.ts';
import { publishCallbacks } from './liveResults.ts';

/** The organiser's results actions; null when this device may not change the program. */
export function useResultsPublisher() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('program')) return null;
    return {
      /** Publishes a semi-final's finalists as the callbacks stand now (with the judges there are). */
      publishCallbacks: (result: CompetitionResult): Promise<void> =>
        publishCallbacks(session, [callbacksRecord(result, Date.now())]),
      /** Takes back published finalists: judges' finals wait again. */
      withdrawCallbacks: (record: Callbacks): Promise<void> =>
        session.write('program', (doc) => removeRecord(doc, 'callbacks', record.id)),
      /** Replaces the published results with these tables (one change). */
      publishResults: (tables: readonly PublishedResult[], previous: Iterable<string>): Promise<void> =>
        session.write('program', (doc) => {
          const keep = new Set(tables.map((t) => t.id));
          for (const id of previous) if (!keep.has(id)) removeRecord(doc, 'results', id);
          for (const table of tables) putRecord(doc, 'results', table);
        }),
      unpublishResults: (ids: Iterable<string>): Promise<void> =>
        session.write('program', (doc) => {
          for (const id of ids) removeRecord(doc, 'results', id);
        }),
    };
  }, [session]);
}
