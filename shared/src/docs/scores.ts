import type * as Y from 'yjs';
import type { Score } from '../model/types.ts';
import { type RecordMap, readAll, readOne, removeOne, writeOne } from './records.ts';

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

export function scoreKey(score: Pick<Score, 'heatId' | 'slot' | 'categoryId' | 'personId'>): string {
  return score.categoryId !== undefined && score.personId !== undefined
    ? categoryScoreKey(score.categoryId, score.personId)
    : heatScoreKey(score.heatId, score.slot);
}

export function readMarks(doc: Y.Doc): Map<string, Score> {
  return readAll(marksMap(doc));
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

export function readJudgeChoices(doc: Y.Doc): JudgeChoices {
  return doc.getMap('choices').toJSON() as JudgeChoices;
}

export function updateJudgeChoices(doc: Y.Doc, patch: JudgeChoices): void {
  const map = doc.getMap('choices');
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) map.set(key, value);
  });
}
