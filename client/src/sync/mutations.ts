import {
  applyMarkPatch,
  clearMark,
  type EventSettings,
  type FloorKey,
  heatScoreKey,
  type JudgeChoices,
  keepLatestMarks,
  MAIN_FLOOR,
  type MarkPatch,
  type Person,
  putMark,
  putRecord,
  readMark,
  removeRecord,
  type Score,
  scoresDocName,
  startHeat,
  updateJudgeChoices,
  updateSettings,
} from '@ondeck/shared';
import { useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import { deleteEventData } from '../storage/events.ts';
import { useSession } from './context.ts';
import { closeSession } from './sessions.ts';

/**
 * Changes go through the shared accessors in one transaction each, so "N changes" counts what a
 * person did. Each hook returns null when the role may not make the change: screens hide the
 * control instead of sending a write the server would refuse.
 */
export function useProgramEditor() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('program')) return null;
    return {
      updateSettings: (patch: Partial<EventSettings>) => session.write('program', (doc) => updateSettings(doc, patch)),
      putPerson: (person: Person) => session.write('program', (doc) => putRecord(doc, 'people', person)),
      removePerson: (id: string) => session.write('program', (doc) => removeRecord(doc, 'people', id)),
    };
  }, [session]);
}

export function useLiveControls() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('live')) return null;
    return {
      /** Starts a heat on one ballroom, or on the whole room (`MAIN_FLOOR`). */
      startHeat: (number: number, floor: FloorKey = MAIN_FLOOR) =>
        session.write('live', (doc) =>
          startHeat(doc, floor, {
            number,
            startedAt: Date.now(),
            ...(session.principal.personId ? { by: session.principal.personId } : {}),
          }),
        ),
    };
  }, [session]);
}

export function useJudgeChoicesEditor(judgeId: string) {
  const session = useSession();
  return useMemo(() => {
    const name = scoresDocName(judgeId);
    if (!session.canWrite(name)) return null;
    return { update: (patch: JudgeChoices) => session.write(name, (doc) => updateJudgeChoices(doc, patch)) };
  }, [session, judgeId]);
}

/** One couple's mark in one heat (and slot), changed from what the document holds at that moment. */
export interface MarkChange {
  heatId: string;
  slot?: number | undefined;
  patch: MarkPatch | ((previous: Score | undefined) => MarkPatch);
}

function applyMarkChange(doc: Y.Doc, { heatId, slot, patch }: MarkChange): void {
  const key = heatScoreKey(heatId, slot);
  const previous = readMark(doc, key);
  const next = applyMarkPatch(
    previous,
    { heatId, slot },
    typeof patch === 'function' ? patch(previous) : patch,
    Date.now(),
  );
  if (next) putMark(doc, next);
  else clearMark(doc, key);
}

/**
 * A judge's marks (the judge, or the organiser correcting them). Each call is one change,
 * stored on the device before the screen moves on; `changeMany` is one change too (a final's
 * ranks). While mounted, a newer mark displaced by an older one from the judge's other
 * tablet is written again (`keepLatestMarks`).
 */
export function useScoresEditor(judgeId: string) {
  const session = useSession();
  const name = scoresDocName(judgeId);
  const writable = session.canWrite(name);
  useEffect(() => (writable ? keepLatestMarks(session.replica(name).doc) : undefined), [session, name, writable]);
  return useMemo(() => {
    if (!writable) return null;
    return {
      change: (change: MarkChange) => session.write(name, (doc) => applyMarkChange(doc, change)),
      changeMany: (changes: readonly MarkChange[]) =>
        session.write(name, (doc) => {
          for (const change of changes) applyMarkChange(doc, change);
        }),
    };
  }, [session, name, writable]);
}

/** Removes the event and all it stored from this device; other tabs of it go home. */
export function useLeaveEvent() {
  const session = useSession();
  return async () => {
    const { eventId } = session.membership;
    session.announceLeft();
    closeSession(eventId);
    await deleteEventData(eventId);
  };
}
