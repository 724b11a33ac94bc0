import type * as Y from 'yjs';
import type { Correction, Score } from '../model/types.ts';
import { patchMap, type RecordMap, readAll, readOne, removeOne, writeOne } from './records.ts';

/** Choices a judge makes on their own device (DOMAIN.md §4), kept in their scores document. */
export interface JudgeChoices {
  sort?: 'back' | 'level';
  showAssignments?: 'first' | 'only' | 'mixed';
  /** "On the floor" toggle from the judge's footer. */
  present?: boolean;
}

function marksMap(doc: Y.Doc): RecordMap<Score> {
  return doc.getMap('marks');
}

/** Key of a mark for one couple in a heat (slot 0 when the heat has no slots). */
export function heatScoreKey(heatId: string, slot?: number): string {
  return `h/${heatId}/${slot ?? 0}`;
}

/** Key of a category score: one mark per student per agenda category (DOMAIN.md §3.4). */
export function categoryScoreKey(categoryId: string, personId: string): string {
  return `c/${categoryId}/${personId}`;
}

/** The key a mark is kept under in its judge's document. */
export function scoreKey(score: Pick<Score, 'heatId' | 'slot' | 'categoryId' | 'personId'>): string {
  return score.categoryId !== undefined && score.personId !== undefined
    ? categoryScoreKey(score.categoryId, score.personId)
    : heatScoreKey(score.heatId, score.slot);
}

/** What a mark key names: a couple's heat and slot, or a student's category score. */
export function parseScoreKey(
  key: string,
): { heatId: string; slot?: number } | { categoryId: string; personId: string } | null {
  const [kind, first, second, ...rest] = key.split('/');
  if (rest.length > 0 || first === undefined || second === undefined) return null;
  if (kind === 'c') return { categoryId: first, personId: second };
  if (kind !== 'h' || !/^\d+$/.test(second)) return null;
  const slot = Number(second);
  return slot === 0 ? { heatId: first } : { heatId: first, slot };
}

export function readMarks(doc: Y.Doc): Map<string, Score> {
  return readAll(marksMap(doc));
}

/**
 * Every mark key ever written, with null for a mark that was cleared: an import must not bring
 * back what a judge took away (see import/merge.ts).
 */
export function readMarksAndCleared(doc: Y.Doc): Map<string, Score | null> {
  const out = new Map<string, Score | null>();
  marksMap(doc).forEach((value, key) => {
    out.set(key, value ?? null);
  });
  return out;
}

export function readMark(doc: Y.Doc, key: string): Score | undefined {
  return readOne(marksMap(doc), key);
}

export function putMark(doc: Y.Doc, score: Score): void {
  writeOne(marksMap(doc), scoreKey(score), score);
}

export function clearMark(doc: Y.Doc, key: string): void {
  removeOne(marksMap(doc), key);
}

/**
 * Calls `onChange` after every change of a judge's marks with the marks it touched (undefined:
 * cleared), so a reader of thousands of marks keeps up without reading them all again.
 * Returns a function that stops it.
 */
export function observeMarks(doc: Y.Doc, onChange: (changed: Map<string, Score | undefined>) => void): () => void {
  const map = marksMap(doc);
  const observer = (event: Y.YMapEvent<Score | null>) => {
    const changed = new Map<string, Score | undefined>();
    for (const key of event.keysChanged) changed.set(key, map.get(key) ?? undefined);
    onChange(changed);
  };
  map.observe(observer);
  return () => map.unobserve(observer);
}

function correctionsMap(doc: Y.Doc): RecordMap<Correction> {
  return doc.getMap('corrections');
}

/** The organiser's corrections of this judge's marks, oldest first. */
export function readCorrections(doc: Y.Doc): Correction[] {
  return [...readAll(correctionsMap(doc)).values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/**
 * The organiser corrects or clears a judge's mark (issue 15 point 5): the mark and the record of
 * the correction in one transaction, so the judge's tablet never shows one without the other.
 */
export function correctMark(doc: Y.Doc, key: string, mark: Score | null, correction: Correction): void {
  doc.transact(() => {
    if (mark) putMark(doc, mark);
    else clearMark(doc, key);
    writeOne(correctionsMap(doc), correction.id, correction);
  });
}

export function readJudgeChoices(doc: Y.Doc): JudgeChoices {
  return doc.getMap('choices').toJSON() as JudgeChoices;
}

export function updateJudgeChoices(doc: Y.Doc, patch: JudgeChoices): void {
  patchMap(doc, doc.getMap('choices'), patch);
}

const watchers = new WeakMap<Y.Doc, { users: number; stop: () => void }>();

/**
 * Keeps the later mark when two devices of one judge changed the same mark while apart: Yjs
 * settles concurrent writes to a key by client id, not by time. When a change from elsewhere
 * replaces this device's mark with an older one (`updatedAt`), the newer mark is written
 * again — a change after both — so every device ends on it. A cleared mark carries no time and
 * is left as Yjs settles it. Watching is shared per document; call the returned function to stop.
 */
export function keepLatestMarks(doc: Y.Doc): () => void {
  let watcher = watchers.get(doc);
  if (!watcher) {
    const map = marksMap(doc);
    const observer = (event: Y.YMapEvent<Score | null>, transaction: Y.Transaction) => {
      if (transaction.local) return;
      const newer: Score[] = [];
      event.changes.keys.forEach((change, key) => {
        if (change.action !== 'update') return;
        const before = change.oldValue as Score | null | undefined;
        const now = map.get(key);
        if (before && now && before.updatedAt > now.updatedAt) newer.push(before);
      });
      if (newer.length === 0) return;
      doc.transact(() => {
        for (const score of newer) putMark(doc, score);
      });
    };
    map.observe(observer);
    watcher = { users: 0, stop: () => map.unobserve(observer) };
    watchers.set(doc, watcher);
  }
  const current = watcher;
  current.users++;
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    current.users--;
    if (current.users > 0) return;
    current.stop();
    watchers.delete(doc);
  };
}
