import {
  type EventSettings,
  type FloorKey,
  type JudgeChoices,
  MAIN_FLOOR,
  type Person,
  putRecord,
  removeRecord,
  scoresDocName,
  startHeat,
  updateJudgeChoices,
  updateSettings,
} from '@ondeck/shared';
import { useMemo } from 'react';
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
