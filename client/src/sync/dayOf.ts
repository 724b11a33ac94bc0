import {
  applyMarkPatch,
  assignJudges,
  type BallroomLetter,
  correctMark,
  DEFAULT_JUDGE_PREFS,
  type Entry,
  type Heat,
  heatScoreKey,
  type JudgeChoices,
  type JudgePrefs,
  judgesOnFloor,
  mergeHeat,
  moveHeat,
  type NoRoom,
  newId,
  observeRemoteChanges,
  type Person,
  putRecord,
  readCollection,
  readMark,
  readProgram,
  readRecord,
  removeRecord,
  renumberHeats,
  restoreHeat,
  restorePerson,
  roomIn,
  type Score,
  scoresDocName,
  scratchHeat,
  scratchPerson,
  setHeatBallroom,
  settleProgram,
  updateJudgeChoices,
  updateSettings,
  walkOnNumber,
} from '@ondeck/shared';
import { useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import { useSession } from './context.ts';

/** Why a couple could not go where the organiser asked, in the floor's words. */
export const NO_ROOM_TEXT: Record<NoRoom, string> = {
  'other dance': 'another dance is on the floor in that heat',
  full: 'that heat is full',
  dancing: 'one of them is already dancing in that heat',
};

function heatOf(doc: Y.Doc, heatId: string): Heat {
  const heat = readRecord(doc, 'heats', heatId);
  if (!heat) throw new Error('That couple is no longer in the program.');
  return heat;
}

/**
 * The organiser's changes on the day (issue 15): scratches, walk-ons, moves, judge assignment.
 * Each is one change of the program, computed inside it from the document as it is at that
 * moment, so a change that arrived a second ago is counted. Null for a role that may not.
 */
export function useDayOfEditor() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('program')) return null;
    const program = (change: (doc: Y.Doc) => void) => session.write('program', change);
    const putHeat = (doc: Y.Doc, heat: Heat) => putRecord(doc, 'heats', heat);
    return {
      /** Scratches a person's heats not yet marked and keeps them listed; resolves with how many. */
      scratchPerson: async (personId: string, marked: ReadonlySet<number>): Promise<number> => {
        let count = 0;
        await program((doc) => {
          const change = scratchPerson(readProgram(doc), personId, marked, Date.now());
          if (!change) return;
          putRecord(doc, 'people', change.person);
          for (const heat of change.heats) putHeat(doc, heat);
          count = change.heats.length;
        });
        return count;
      },
      restorePerson: (personId: string) =>
        program((doc) => {
          const change = restorePerson(readProgram(doc), personId, Date.now());
          if (!change) return;
          putRecord(doc, 'people', change.person);
          for (const heat of change.heats) putHeat(doc, heat);
        }),
      /** Removes someone who dances in no heat (staff, say); `putPerson` undoes it. */
      removePerson: (personId: string) => program((doc) => removeRecord(doc, 'people', personId)),
      putPerson: (person: Person) => program((doc) => putRecord(doc, 'people', person)),
      scratchHeat: (heatId: string) => program((doc) => putHeat(doc, scratchHeat(heatOf(doc, heatId), Date.now()))),
      restoreHeat: (heatId: string) => program((doc) => putHeat(doc, restoreHeat(heatOf(doc, heatId), Date.now()))),
      /** A late entry: the couple's entry and its heat, unscheduled (heat 0) until "Schedule". */
      addWalkOn: (entry: Entry, heat: Omit<Heat, 'number' | 'entryId'>) =>
        program((doc) => {
          putRecord(doc, 'entries', entry);
          putHeat(doc, { ...heat, entryId: entry.id, number: 0 });
        }),
      /** "Schedule": into the first heat after `after` of its dance with room, or a new heat; resolves with the number. */
      schedule: async (heatId: string, after: number): Promise<number> => {
        let number = 0;
        await program((doc) => {
          const heat = heatOf(doc, heatId);
          number = walkOnNumber(readProgram(doc), heat, after);
          putHeat(doc, moveHeat(heat, number, Date.now()));
        });
        return number;
      },
      /** Moves a couple to heat `number`; resolves with why it could not, or null once moved. */
      move: async (heatId: string, number: number): Promise<string | null> => {
        let refused: string | null = null;
        await program((doc) => {
          const heat = heatOf(doc, heatId);
          const problem = roomIn(readProgram(doc), heat, number);
          if (problem) refused = NO_ROOM_TEXT[problem];
          else putHeat(doc, moveHeat(heat, number, Date.now()));
        });
        return refused;
      },
      setBallroom: (heatId: string, ballroom: BallroomLetter | undefined) =>
        program((doc) => putHeat(doc, setHeatBallroom(heatOf(doc, heatId), ballroom, Date.now()))),
      renumber: () =>
        program((doc) => {
          for (const heat of renumberHeats(readProgram(doc), Date.now())) putHeat(doc, heat);
        }),
      setLocked: (locked: boolean) => program((doc) => updateSettings(doc, { locked })),
      /** "Assign judges" over the couples of every heat not yet marked; turns assignments on. */
      assignJudges: (marked: ReadonlySet<number>, choices: ReadonlyMap<string, JudgeChoices | undefined>) =>
        program((doc) => {
          const current = readProgram(doc);
          const change = assignJudges(current, marked, judgesOnFloor(current, choices));
          updateSettings(doc, { assignJudges: true });
          for (const id of change.remove) removeRecord(doc, 'assignments', id);
          for (const assignment of change.put) putRecord(doc, 'assignments', assignment);
        }),
      /** "Reset": every assignment cleared. */
      resetAssignments: () =>
        program((doc) => {
          for (const id of readCollection(doc, 'assignments').keys()) removeRecord(doc, 'assignments', id);
        }),
      updateJudge: (judgeId: string, patch: Partial<Omit<JudgePrefs, 'id'>>) =>
        program((doc) => {
          const stored = readRecord(doc, 'judges', judgeId);
          putRecord(doc, 'judges', { ...DEFAULT_JUDGE_PREFS, ...stored, ...patch, id: judgeId });
        }),
      /** A dancing judge's partner (`excludeId`), or none. */
      setDancingPartner: (judgeId: string, partnerId: string | undefined) =>
        program((doc) => {
          const judge = readRecord(doc, 'people', judgeId);
          if (!judge) return;
          const { excludeId: _, ...rest } = judge;
          putRecord(doc, 'people', { ...rest, ...(partnerId ? { excludeId: partnerId } : {}) });
        }),
      dismissNotice: (id: string) => program((doc) => removeRecord(doc, 'notices', id)),
    };
  }, [session]);
}

/** A judge's "on the floor" toggle, the same one the judge's tablet shows (it lives in their scores document). */
export function usePresenceEditor() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('program')) return null;
    return (judgeId: string, present: boolean) =>
      session.write(scoresDocName(judgeId), (doc) => updateJudgeChoices(doc, { present }));
  }, [session]);
}

/** What the organiser sets a mark to: its value, or null to clear it. */
export interface MarkCorrection {
  judgeId: string;
  heatId: string;
  slot?: number | undefined;
  value: string | null;
  /** The mark as a line of text, before and after (`markText`), for the record. */
  describe: (mark: Score | undefined) => string;
}

/** The organiser corrects or clears a judge's mark (issue 15 point 5), recorded as a correction. */
export function useMarkCorrector() {
  const session = useSession();
  return useMemo(() => {
    if (session.principal.role !== 'organizer') return null;
    return ({ judgeId, heatId, slot, value, describe }: MarkCorrection) =>
      session.write(scoresDocName(judgeId), (doc) => {
        const key = heatScoreKey(heatId, slot);
        const before = readMark(doc, key);
        const now = Date.now();
        const after = applyMarkPatch(before, { heatId, slot }, value === null ? CLEARED : { value }, now);
        correctMark(doc, key, after, {
          id: newId(),
          key,
          heatId,
          ...(slot ? { slot } : {}),
          ...(session.principal.personId ? { by: session.principal.personId } : {}),
          at: now,
          was: describe(before),
          now: describe(after ?? undefined),
        });
      });
  }, [session]);
}

const CLEARED = { value: undefined, good: undefined, bad: undefined, comments: undefined };

/**
 * Keeps two organisers' offline edits (issue 15 point 6) while this screen is open: when a
 * change from another laptop replaces a couple this device changed, both changes are kept
 * (`mergeHeat`); then the whole program is settled (`settleProgram`) and what that did is left
 * as notices. Every organiser's device applies the same rule, so they agree.
 */
export function useSettleProgram(): void {
  const session = useSession();
  const writable = session.canWrite('program');
  useEffect(() => {
    if (!writable) return;
    const replica = session.replica('program');
    let timer: ReturnType<typeof setTimeout> | null = null;
    const settle = () => {
      timer = null;
      const { heats, notices } = settleProgram(readProgram(replica.doc), Date.now());
      if (heats.length === 0) return;
      void session.write('program', (doc) => {
        for (const heat of heats) putRecord(doc, 'heats', heat);
        for (const notice of notices) putRecord(doc, 'notices', notice);
      });
    };
    const stop = observeRemoteChanges(replica.doc, 'heats', (replaced) => {
      const merged = replaced.map(({ before, now }) => ({ now, merged: mergeHeat(before, now) }));
      const kept = merged.filter(({ now, merged }) => JSON.stringify(now) !== JSON.stringify(merged));
      if (kept.length > 0)
        void session.write('program', (doc) => {
          for (const { merged } of kept) putRecord(doc, 'heats', merged);
        });
      // NOTE: a burst of updates (a laptop rejoining) settles once, after it.
      if (timer === null) timer = setTimeout(settle, 300);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [session, writable]);
}
