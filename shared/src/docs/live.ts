import type * as Y from 'yjs';
import type { BallroomLetter } from '../model/types.ts';
import { type RecordMap, readAll, writeOne } from './records.ts';

/** The heat on the floor of one ballroom. */
export interface CurrentHeat {
  /** Heat number; 0 resets the counter. */
  number: number;
  /** Milliseconds since the epoch when it was started. */
  startedAt: number;
  /** Person id of whoever started it, when known. */
  by?: string;
}

export interface Announcement {
  id: string;
  text: string;
  at: number;
}

/** Key of the single floor when the event has one ballroom. */
export const MAIN_FLOOR = '';
export type FloorKey = typeof MAIN_FLOOR | BallroomLetter;

function currentMap(doc: Y.Doc): RecordMap<CurrentHeat> {
  return doc.getMap('current');
}

function announcementsMap(doc: Y.Doc): RecordMap<Announcement> {
  return doc.getMap('announcements');
}

/** Current heat per floor (`MAIN_FLOOR` or a ballroom letter). */
export function readCurrentHeats(doc: Y.Doc): Map<string, CurrentHeat> {
  return readAll(currentMap(doc));
}

export function startHeat(doc: Y.Doc, floor: FloorKey, heat: CurrentHeat): void {
  writeOne(currentMap(doc), floor, heat);
}

export function readAnnouncements(doc: Y.Doc): Announcement[] {
  return [...readAll(announcementsMap(doc)).values()].sort((a, b) => a.at - b.at);
}
