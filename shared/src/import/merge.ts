import type * as Y from 'yjs';
import {
  COLLECTION_NAMES,
  type CollectionName,
  type Program,
  type ProgramCollections,
  type ProgramData,
  putRecord,
  removeRecord,
  updateSettings,
} from '../docs/program.ts';
import { putMark, scoreKey } from '../docs/scores.ts';
import { displayName } from '../model/names.ts';
import type { EventSettings, Score } from '../model/types.ts';
import type { CollectionChanges, ImportChanges, MarkChanges, RecordChange } from '../protocol/importApi.ts';

/** Everything to write: program records and settings, and each judge's marks. */
export interface ImportPlan {
  settings: Partial<EventSettings>;
  puts: Array<{ [K in CollectionName]: { collection: K; record: ProgramCollections[K] } }[CollectionName]>;
  removes: Array<{ collection: CollectionName; id: string }>;
  marks: Record<string, Score[]>;
  changes: ImportChanges;
}

export interface MergeInput {
  /** What the source holds now (song and solo records carry `songFile` only when it brings music). */
  incoming: ProgramData & { scoresByJudge?: Record<string, Score[]> };
  /** What the same source held when it was last committed into this event, if it was. */
  base?: (ProgramData & { scoresByJudge?: Record<string, Score[]> }) | undefined;
  /** The event's program now. */
  current: Program;
  /** The event's marks now, per judge, with null for a cleared mark. */
  currentMarks(judgeId: string): ReadonlyMap<string, Score | null>;
}

export const RECORD_CHANGES_LISTED = 500;

type AnyRecord = { id: string } & Record<string, unknown>;

/** Deep equality of JSON values, whatever the order of keys; `ignore` names top-level keys to skip. */
function sameJson(a: unknown, b: unknown, ignore?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => k !== ignore && (a as AnyRecord)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => k !== ignore && (b as AnyRecord)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameJson((a as AnyRecord)[k], (b as AnyRecord)[k]));
}

function changedFields(from: AnyRecord, to: AnyRecord): string[] {
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  return [...keys].filter((k) => !sameJson(from[k], to[k])).sort();
}

/**
 * A three-way merge of an import into an event, by record id (Showcase's ids, so a row that
 * was imported before is the same record again):
 * - a record the source did not change since it was last imported (`base`) is left as the
 *   event has it, edited or removed in ondeck or not; a changed or new one is written, and one
 *   the source removed is removed — so re-importing an edited database changes only what
 *   was edited;
 * - `songFile` (music) is ondeck's unless the import brings the file, so a re-import without
 *   the music keeps what was uploaded;
 * - a mark is written only when the source changed it since the last import and it is newer
 *   (`updatedAt`) than the event's, or the event has none: a mark entered in ondeck is never
 *   lost or overwritten by an older one. Marks are never removed by an import.
 * Without a `base` (a first import) everything the source holds is compared with the event.
 */
export function planImport({ incoming, base, current, currentMarks }: MergeInput): ImportPlan {
  const plan: ImportPlan = {
    settings: {},
    puts: [],
    removes: [],
    marks: {},
    changes: {
      settings: [],
      collections: {},
      records: [],
      moreRecords: 0,
      marks: { added: 0, updated: 0, keptNewer: 0, unchanged: 0, byJudge: {} },
    },
  };
  const { changes } = plan;
  // Labels are worked out only for the changes listed: a first import changes thousands.
  const note = (change: Omit<RecordChange, 'label'>, record: AnyRecord) => {
    if (changes.records.length < RECORD_CHANGES_LISTED)
      changes.records.push({ ...change, label: label(change.collection, record) });
    else changes.moreRecords++;
  };
  const label = recordLabeller(incoming, current);

  const currentSettings = current.settings as unknown as Record<string, unknown>;
  const baseSettings = (base?.settings ?? {}) as Record<string, unknown>;
  for (const [key, to] of Object.entries(incoming.settings)) {
    if (to === undefined) continue;
    if (base && sameJson(baseSettings[key], to)) continue;
    if (sameJson(currentSettings[key], to)) continue;
    (plan.settings as Record<string, unknown>)[key] = to;
    changes.settings.push({ key, from: currentSettings[key], to });
  }

  for (const collection of COLLECTION_NAMES) {
    const counts: CollectionChanges = { added: 0, changed: 0, removed: 0, unchanged: 0 };
    const now = current[collection] as unknown as Map<string, AnyRecord>;
    const before = new Map(((base?.[collection] ?? []) as unknown as AnyRecord[]).map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const record of (incoming[collection] ?? []) as unknown as AnyRecord[]) {
      seen.add(record.id);
      const existing = now.get(record.id);
      const previous = before.get(record.id);
      const bringsMusic = record.songFile !== undefined && record.songFile !== existing?.songFile;
      const sourceChanged = !base || !previous || !sameJson(previous, record, 'songFile');
      let next: AnyRecord;
      if (sourceChanged) {
        next = { ...record };
        const kept = record.songFile ?? existing?.songFile;
        if (kept !== undefined) next.songFile = kept;
      } else if (bringsMusic && existing) {
        next = { ...existing, songFile: record.songFile };
      } else {
        counts.unchanged++;
        continue;
      }
      if (existing && sameJson(existing, next)) {
        counts.unchanged++;
        continue;
      }
      plan.puts.push({ collection, record: next } as unknown as ImportPlan['puts'][number]);
      if (existing) {
        counts.changed++;
        note({ collection, id: record.id, change: 'changed', fields: changedFields(existing, next) }, next);
      } else {
        counts.added++;
        note({ collection, id: record.id, change: 'added' }, next);
      }
    }
    for (const [id, previous] of before) {
      if (seen.has(id) || !now.has(id)) continue;
      plan.removes.push({ collection, id });
      counts.removed++;
      note({ collection, id, change: 'removed' }, now.get(id) ?? previous);
    }
    if (counts.added + counts.changed + counts.removed + counts.unchanged > 0) changes.collections[collection] = counts;
  }

  for (const [judgeId, marks] of Object.entries(incoming.scoresByJudge ?? {})) {
    const counts: MarkChanges = { added: 0, updated: 0, keptNewer: 0, unchanged: 0 };
    const before = new Map((base?.scoresByJudge?.[judgeId] ?? []).map((m) => [scoreKey(m), m]));
    const now = currentMarks(judgeId);
    const writes: Score[] = [];
    for (const mark of marks) {
      const key = scoreKey(mark);
      const existing = now.get(key);
      const previous = before.get(key);
      if (base && previous && sameJson(previous, mark)) counts.unchanged++;
      else if (existing === undefined) {
        writes.push(mark);
        counts.added++;
      } else if (existing === null) {
        // Cleared in ondeck, and the source has a mark it did not have at the last import.
        writes.push(mark);
        counts.updated++;
      } else if (sameJson(existing, mark)) counts.unchanged++;
      else if (mark.updatedAt > existing.updatedAt) {
        writes.push(mark);
        counts.updated++;
      } else counts.keptNewer++;
    }
    if (writes.length > 0) plan.marks[judgeId] = writes;
    changes.marks.byJudge[judgeId] = counts;
    for (const k of ['added', 'updated', 'keptNewer', 'unchanged'] as const) changes.marks[k] += counts[k];
  }
  return plan;
}

/** Writes the program part of a plan in one transaction, as the program's writer does. */
export function applyProgramPlan(doc: Y.Doc, plan: ImportPlan): void {
  doc.transact(() => {
    updateSettings(doc, plan.settings);
    for (const { collection, record } of plan.puts) putRecord(doc, collection, record as never);
    for (const { collection, id } of plan.removes) removeRecord(doc, collection, id);
  });
}

/** Writes one judge's marks of a plan in one transaction. */
export function applyMarks(doc: Y.Doc, marks: readonly Score[]): void {
  doc.transact(() => {
    for (const mark of marks) putMark(doc, mark);
  });
}

/** Short names of records for people reading a preview: "Murray, Arthur" → "Arthur Murray". */
function recordLabeller(incoming: ProgramData, current: Program) {
  const indexes = new Map<CollectionName, Map<string, { id: string }>>();
  const lookup = <K extends CollectionName>(collection: K, id: string | undefined) => {
    if (id === undefined) return undefined;
    const found = current[collection].get(id);
    if (found) return found as ProgramCollections[K];
    let index = indexes.get(collection);
    if (!index) {
      index = new Map(((incoming[collection] ?? []) as Array<{ id: string }>).map((r) => [r.id, r]));
      indexes.set(collection, index);
    }
    return index.get(id) as ProgramCollections[K] | undefined;
  };
  const person = (id: string | undefined) => {
    const found = lookup('people', id);
    return found ? displayName(found.name) : (id ?? '?');
  };
  return (collection: CollectionName, record: AnyRecord): string => {
    const r = record as Record<string, unknown>;
    switch (collection) {
      case 'people':
        return displayName(String(r.name));
      case 'judges':
        return person(record.id);
      case 'ages':
        return `${String(r.category)} ${String(r.description)}`.trim();
      case 'catExtensions':
        return `${lookup('categories', r.categoryId as string)?.name ?? '?'}, part ${String(r.part)}`;
      case 'entries':
        return `${person(r.leadId as string)} & ${person(r.followId as string)}`;
      case 'heats': {
        const entry = lookup('entries', r.entryId as string);
        const dance = lookup('dances', r.danceId as string)?.name ?? '?';
        return `Heat ${String(r.number)}: ${r.category as string} ${dance}${entry ? `, ${person(entry.leadId)} & ${person(entry.followId)}` : ''}`;
      }
      case 'solos':
        return `Solo ${String(r.order)}`;
      case 'formations':
        return `${person(r.personId as string)} in a formation`;
      case 'songs':
        return String(r.title);
      case 'feedbacks':
        return `${String(r.abbr)} ${String(r.value)}`.trim();
      case 'assignments':
        return `${person(r.judgeId as string)} judges ${String(lookup('heats', r.heatId as string)?.number ?? '?')}`;
      case 'multis':
        return `${lookup('dances', r.parentId as string)?.name ?? '?'}: ${lookup('dances', r.danceId as string)?.name ?? '?'}`;
      default:
        return typeof r.name === 'string' ? r.name : record.id;
    }
  };
}
