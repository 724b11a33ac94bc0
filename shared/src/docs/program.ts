import * as Y from 'yjs';
import { DEFAULT_SETTINGS } from '../model/defaults.ts';
import type {
  Age,
  Callbacks,
  CatExtension,
  Category,
  Dance,
  Entry,
  EventSettings,
  Feedback,
  Formation,
  Heat,
  JudgePrefs,
  Level,
  Multi,
  MultiLevel,
  Person,
  ProgramNotice,
  PublishedResult,
  Solo,
  Song,
  Studio,
} from '../model/types.ts';
import { patchMap, type RecordMap, readAll, readOne, removeOne, writeOne } from './records.ts';

/** A couple (entry, or a heat's couple) assigned to a judge when `assignJudges` is on. */
export interface Assignment {
  id: string;
  judgeId: string;
  heatId: string;
}

/** Record types of the `program` document, one `Y.Map` per collection. */
export interface ProgramCollections {
  studios: Studio;
  people: Person;
  judges: JudgePrefs;
  ages: Age;
  levels: Level;
  categories: Category;
  catExtensions: CatExtension;
  dances: Dance;
  multis: Multi;
  multiLevels: MultiLevel;
  entries: Entry;
  heats: Heat;
  solos: Solo;
  formations: Formation;
  songs: Song;
  feedbacks: Feedback;
  assignments: Assignment;
  /** Finalists of scrutineered semi-finals, published by the organiser's device. */
  callbacks: Callbacks;
  /** Results the organiser published for everyone (the `public` role reads the program). */
  results: PublishedResult;
  /** What settling two organisers' offline changes did or could not do, until dismissed. */
  notices: ProgramNotice;
}

export type CollectionName = keyof ProgramCollections;

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'studios',
  'people',
  'judges',
  'ages',
  'levels',
  'categories',
  'catExtensions',
  'dances',
  'multis',
  'multiLevels',
  'entries',
  'heats',
  'solos',
  'formations',
  'songs',
  'feedbacks',
  'assignments',
  'callbacks',
  'results',
  'notices',
];

/** The whole program as plain values: what a screen reads. */
export type Program = { settings: EventSettings } & {
  [K in CollectionName]: Map<string, ProgramCollections[K]>;
};

/** The program as plain data to write once into a new document (generator, import). */
export type ProgramData = { settings: Partial<EventSettings> } & {
  [K in CollectionName]?: ProgramCollections[K][];
};

const SETTINGS = 'settings';

function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SETTINGS);
}

function programCollection<K extends CollectionName>(doc: Y.Doc, name: K): RecordMap<ProgramCollections[K]> {
  return doc.getMap(name);
}

export function readSettings(doc: Y.Doc): EventSettings {
  const stored = settingsMap(doc).toJSON() as Partial<EventSettings>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/**
 * The event's name as the organiser set it; undefined while this copy of the program has none
 * (a device's copy before the server's first arrives), where `readSettings` says "Showcase".
 */
export function readEventName(doc: Y.Doc): string | undefined {
  const name = settingsMap(doc).get('name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Sets the given settings, one key each, so two organisers can change different ones at once. */
export function updateSettings(doc: Y.Doc, patch: Partial<EventSettings>): void {
  patchMap(doc, settingsMap(doc), patch);
}

export function readCollection<K extends CollectionName>(doc: Y.Doc, name: K): Map<string, ProgramCollections[K]> {
  return readAll(programCollection(doc, name));
}

export function readRecord<K extends CollectionName>(
  doc: Y.Doc,
  name: K,
  id: string,
): ProgramCollections[K] | undefined {
  return readOne(programCollection(doc, name), id);
}

export function putRecord<K extends CollectionName>(doc: Y.Doc, name: K, record: ProgramCollections[K]): void {
  writeOne(programCollection(doc, name), record.id, record);
}

export function removeRecord(doc: Y.Doc, name: CollectionName, id: string): void {
  removeOne(programCollection(doc, name), id);
}

/** A record as it was before a change from another device replaced it, and as it is now. */
export interface RemoteReplacement<T> {
  before: T;
  now: T;
}

/**
 * Calls `onRemote` after every change from another device (or the server) to one collection,
 * with the records it replaced that this device held, each before and after — what a rule
 * needs to keep both sides of two offline edits (schedule/settle.ts `mergeHeat`); the list is
 * empty when the change only added or removed records. Local changes are not reported.
 * Returns a function that stops it.
 */
export function observeRemoteChanges<K extends CollectionName>(
  doc: Y.Doc,
  name: K,
  onRemote: (replaced: RemoteReplacement<ProgramCollections[K]>[]) => void,
): () => void {
  const map = programCollection(doc, name);
  const observer = (event: Y.YMapEvent<ProgramCollections[K] | null>, transaction: Y.Transaction) => {
    if (transaction.local) return;
    const changes: RemoteReplacement<ProgramCollections[K]>[] = [];
    event.changes.keys.forEach((change, key) => {
      if (change.action !== 'update') return;
      const before = change.oldValue as ProgramCollections[K] | null | undefined;
      const now = map.get(key);
      if (before && now) changes.push({ before, now });
    });
    onRemote(changes);
  };
  map.observe(observer);
  return () => map.unobserve(observer);
}

export function readProgram(doc: Y.Doc): Program {
  const program = { settings: readSettings(doc) } as Program;
  for (const name of COLLECTION_NAMES) {
    (program as Record<CollectionName, Map<string, unknown>>)[name] = readCollection(doc, name);
  }
  return program;
}

/** Writes a whole program in one transaction. Only the program's writer does this, once. */
export function writeProgram(doc: Y.Doc, data: ProgramData): void {
  doc.transact(() => {
    updateSettings(doc, data.settings);
    for (const name of COLLECTION_NAMES) {
      const map = programCollection(doc, name) as RecordMap<{ id: string }>;
      for (const record of data[name] ?? []) writeOne(map, record.id, record);
    }
  });
}

/** Encodes program data as one Yjs update, ready to store as a document's first snapshot. */
export function encodeProgram(data: ProgramData): Uint8Array {
  const doc = new Y.Doc();
  writeProgram(doc, data);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
