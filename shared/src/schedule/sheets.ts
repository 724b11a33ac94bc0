import type { HeatCategory } from '../model/types.ts';
import { plural } from '../text/plural.ts';
import { type EntryFilter, entryDancers, findHeats, personFilter, studioFilter } from './find.ts';
import type { HeatEntryView, HeatNumberView } from './heats.ts';

/** One line of a printed heat sheet (DOMAIN.md §7 individual heat sheets). */
export interface SheetRow {
  key: string;
  number: number;
  label: string;
  ballroom?: string;
  day?: string;
  time?: string;
  /** On a person's sheet: who they dance with; on a studio's: the couple. */
  dancers: string;
  dance: string;
  kind: HeatCategory;
  category: string;
  scratched: boolean;
}

export interface HeatSheet {
  rows: SheetRow[];
  /** "12 Freestyles, 2 Solos" — scratched heats not counted. */
  totals: string;
}

export type SheetFor = { personId: string } | { studioId: string };

function totals(rows: readonly SheetRow[]): string {
  const danced = rows.filter((row) => !row.scratched);
  const count = (kinds: HeatCategory[]) => danced.filter((row) => kinds.includes(row.kind)).length;
  const parts = [
    [count(['Open', 'Closed']), 'Freestyle'],
    [count(['Solo']), 'Solo'],
    [count(['Multi']), 'Multi-dance'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, one]) => plural(n, one));
  return text.length > 0 ? text.join(', ') : 'No heats';
}

/** Everyone on the floor with the person (the partner, an instructor, a formation). */
function partnersOf(entry: HeatEntryView, personId: string): string {
  const others = entryDancers(entry).filter((dancer) => dancer.id !== personId);
  return others.length > 0 ? others.map((dancer) => dancer.name).join(', ') : '—';
}

function everyone(entry: HeatEntryView): string {
  const formation = entry.solo?.formation.map((dancer) => dancer.name) ?? [];
  return [entry.couple.names, ...formation].join(', ');
}

/**
 * A person's or a studio's heat sheet: every heat they dance, scratched ones kept (struck
 * through when printed), with the day of its agenda item and its time where known.
 */
export function heatSheet(
  schedule: readonly HeatNumberView[],
  sheetFor: SheetFor,
  times: ReadonlyMap<number, string> = new Map(),
): HeatSheet {
  const filter: EntryFilter =
    'personId' in sheetFor ? personFilter(sheetFor.personId) : studioFilter(sheetFor.studioId);
  const rows: SheetRow[] = [];
  for (const { view, entries } of findHeats(schedule, filter)) {
    for (const entry of entries) {
      const time = times.get(view.number);
      rows.push({
        key: entry.heat.id,
        number: view.number,
        label: view.label,
        ...(entry.ballroom ? { ballroom: entry.ballroom } : {}),
        ...(view.heading?.day ? { day: view.heading.day } : {}),
        ...(time ? { time } : {}),
        dancers: 'personId' in sheetFor ? partnersOf(entry, sheetFor.personId) : everyone(entry),
        dance: view.dance,
        kind: entry.heat.category,
        category: entry.couple.category,
        scratched: entry.scratched,
      });
    }
  }
  return { rows, totals: totals(rows) };
}
