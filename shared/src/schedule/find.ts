import type { DancerView } from './couples.ts';
import type { HeatEntryView, HeatNumberView } from './heats.ts';

/** Which couples of a heat a person wants to see. */
export type EntryFilter = (entry: HeatEntryView) => boolean;

/** A heat number with the couples a filter kept. */
export interface HeatMatch {
  view: HeatNumberView;
  entries: HeatEntryView[];
}

/** Everyone dancing in an entry: the couple, its credited instructor, a solo's formation. */
export function entryDancers(entry: HeatEntryView): DancerView[] {
  const { lead, follow, instructor } = entry.couple;
  return [lead, follow, ...(instructor ? [instructor] : []), ...(entry.solo?.formation ?? [])].filter(
    (dancer) => dancer.name !== '',
  );
}

/** Lower case without accents: "Zoë" is found by "zoe". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The search box: every word must match the couple — a number is a back number of someone in
 * it; other words are found in a dancer's name or a studio's. Null for an empty query.
 */
export function searchFilter(query: string): EntryFilter | null {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return (entry) => {
    const dancers = entryDancers(entry);
    const backs = new Set(dancers.flatMap((dancer) => (dancer.back === undefined ? [] : [dancer.back])));
    const text = fold([entry.couple.studio, ...dancers.flatMap((d) => [d.name, d.studio ?? ''])].join('\n'));
    return words.every((word) => (/^\d+$/.test(word) ? backs.has(Number(word)) : text.includes(word)));
  };
}

/** "My heats" for a person: every couple they dance in, credited instructor and formations included. */
export function personFilter(personId: string): EntryFilter {
  return (entry) => entryDancers(entry).some((dancer) => dancer.id === personId);
}

/** "My heats" for a studio: couples dancing for it or with one of its people on the floor. */
export function studioFilter(studioId: string): EntryFilter {
  return (entry) =>
    entry.couple.studioId === studioId || entryDancers(entry).some((dancer) => dancer.studioId === studioId);
}

/** Both filters at once (search within "my heats"); null when neither is set. */
export function bothFilters(a: EntryFilter | null, b: EntryFilter | null): EntryFilter | null {
  if (a && b) return (entry) => a(entry) && b(entry);
  return a ?? b;
}

/** The heat numbers with at least one couple the filter keeps, with those couples. */
export function findHeats(schedule: readonly HeatNumberView[], filter: EntryFilter): HeatMatch[] {
  const out: HeatMatch[] = [];
  for (const view of schedule) {
    const entries = view.entries.filter(filter);
    if (entries.length > 0) out.push({ view, entries });
  }
  return out;
}
