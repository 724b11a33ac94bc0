import {
  type Announcement,
  type Correction,
  type CurrentHeat,
  type DocName,
  type JudgeChoices,
  type Program,
  readAnnouncements,
  readCollection,
  readCorrections,
  readCurrentHeats,
  readEventName,
  readJudgeChoices,
  readMarks,
  readProgram,
  type Score,
  scoresDocName,
} from '@ondeck/shared';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { usePendingCount, useSavedAt } from '../device/hooks.ts';
import { useBrowserOffline } from '../lib/useBrowserOffline.ts';
import type { Membership } from '../storage/db.ts';
import { useSession } from './context.ts';
import { describeIndicator, type Indicator } from './indicator.ts';
import type { SessionStatus } from './session.ts';

/**
 * A value read from one of the event's documents through a shared accessor, re-read when the
 * document changes (locally, from another tab or from the server). Undefined until the
 * document has loaded from IndexedDB.
 */
function useDocValue<T>(name: DocName, read: (doc: Y.Doc) => T): T | undefined {
  const replica = useSession().replica(name);
  const cache = useRef<{ replica: typeof replica; version: number; value: T } | null>(null);
  const subscribe = useCallback((onChange: () => void) => replica.subscribe(onChange), [replica]);
  const getSnapshot = () => {
    if (!replica.loaded) return undefined;
    const cached = cache.current;
    if (cached && cached.replica === replica && cached.version === replica.version) return cached.value;
    const value = read(replica.doc);
    cache.current = { replica, version: replica.version, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

export function useProgram(): Program | undefined {
  return useDocValue('program', readProgram);
}

/** The event's name as stored in its program (undefined until it has one): cheap enough for the shell on every screen. */
export function useEventName(): string | undefined {
  return useDocValue('program', readEventName);
}

function readResultsPublished(doc: Y.Doc): boolean {
  return readCollection(doc, 'results').size > 0;
}

/** Whether the organiser has published results (the public results screen has something to show). */
export function useResultsPublished(): boolean {
  return useDocValue('program', readResultsPublished) ?? false;
}

export interface Live {
  current: Map<string, CurrentHeat>;
  announcements: Announcement[];
}

function readLive(doc: Y.Doc): Live {
  return { current: readCurrentHeats(doc), announcements: readAnnouncements(doc) };
}

export function useLive(): Live | undefined {
  return useDocValue('live', readLive);
}

export interface JudgeScores {
  marks: Map<string, Score>;
  choices: JudgeChoices;
  /** The organiser's corrections of these marks, oldest first. */
  corrections: Correction[];
}

function readScores(doc: Y.Doc): JudgeScores {
  return { marks: readMarks(doc), choices: readJudgeChoices(doc), corrections: readCorrections(doc) };
}

export function useScores(judgeId: string): JudgeScores | undefined {
  return useDocValue(scoresDocName(judgeId), readScores);
}

/**
 * The scores documents of these judges, by judge id, re-read when any of them changes; a
 * judge whose document has not loaded yet is missing from the map.
 */
export function useJudgesScores(judgeIds: readonly string[]): Map<string, JudgeScores> {
  const session = useSession();
  const key = judgeIds.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids' joined key stands for the list
  const replicas = useMemo(
    () => judgeIds.map((id) => [id, session.replica(scoresDocName(id))] as const),
    [session, key],
  );
  const cache = useRef<{ versions: string; value: Map<string, JudgeScores> } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const stops = replicas.map(([, replica]) => replica.subscribe(onChange));
      return () => {
        for (const stop of stops) stop();
      };
    },
    [replicas],
  );
  const getSnapshot = () => {
    const versions = replicas.map(([, r]) => `${r.loaded ? r.version : '-'}`).join(',');
    if (cache.current?.versions === versions) return cache.current.value;
    const value = new Map<string, JudgeScores>();
    for (const [id, replica] of replicas) if (replica.loaded) value.set(id, readScores(replica.doc));
    cache.current = { versions, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

export function useEventMembership(): Membership {
  return useSession().membership;
}

export interface SyncView extends Indicator {
  pending: number;
  /** A change the server refused, when it refused one. */
  denied: string | null;
}

/**
 * The session's connection state and refusals, from memory: cheap enough for a screen that
 * re-renders on every tap (the pending count below costs a storage query).
 */
export function useSessionStatus(): SessionStatus {
  const session = useSession();
  return useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.status(),
  );
}

/** The truth about this event's sync, for the indicator on every screen. */
export function useSyncStatus(): SyncView {
  const session = useSession();
  const status = useSessionStatus();
  const pending = (usePendingCount(session.membership.eventId) ?? 0) + status.unstored;
  const savedAt = useSavedAt(session.membership.eventId) ?? null;
  const browserOffline = useBrowserOffline();
  const indicator = describeIndicator({
    connection: status.connection,
    pending,
    savedAt,
    browserOffline,
    cloud: status.cloud,
  });
  // Re-render once a minute is not needed: "All saved at 14:32" names a fixed time.
  return { ...indicator, pending, denied: status.denied };
}

/** Calls `onLeft` when another tab removes this event from the device. */
export function useOnEventLeft(onLeft: () => void): void {
  const session = useSession();
  const [handler] = useState(() => ({ current: onLeft }));
  handler.current = onLeft;
  useEffect(() => {
    session.onLeft = () => handler.current();
    return () => {
      session.onLeft = null;
    };
  }, [session, handler]);
}
