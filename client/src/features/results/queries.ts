import type { ResultsEngine } from '@ondeck/shared';
import { useSyncExternalStore } from 'react';
import { useSession } from '../../sync/context.ts';
import { liveResultsFor } from './liveResults.ts';

/**
 * The organiser's live results: the engine (null until the program has loaded), and a version
 * that changes whenever they may have, so a screen re-renders as marks arrive.
 */
export function useResults(): { engine: ResultsEngine | null; version: number } {
  const live = liveResultsFor(useSession());
  const version = useSyncExternalStore(live.subscribe, () => live.version);
  return { engine: live.current(), version };
}
