import { groupBy } from '../collections/groupBy.ts';
import { DEFAULT_SETTINGS } from '../model/defaults.ts';
import type { CatExtension, Category, Formation, Heat, Solo } from '../model/types.ts';
import type { Random } from '../random.ts';
import { formatClock } from '../schedule/times.ts';
import { FINAL_MAX_COUPLES } from '../scoring/skating.ts';
import type { DanceBook } from './dances.ts';
import { assignBallrooms, interleave, packRows } from './pack.ts';
import type { Cast } from './people.ts';
import type { AgendaItem, Profile } from './profiles.ts';
import type { Requests, Row } from './requests.ts';

export interface Schedule {
  heats: Heat[];
  solos: Solo[];
  formations: Formation[];
  categories: Category[];
  catExtensions: CatExtension[];
}

/** Couples on the floor together, before they get a number. */
interface Group {
  rows: Row[];
  /** Heats of one family are numbered N.1, N.2, … under one N. */
  family?: string;
  /** 'spread' over the ballrooms, all on 'one' floor (scrutineering), or 'none' (solos). */
  floor: 'spread' | 'one' | 'none';
}

function groupsOf(item: AgendaItem, requests: Requests, capacity: number): Group[] {
  const rows = requests.rows.get(item.key) ?? [];
  if (item.holds === 'Solo') {
    // Formations close a session: they take longest to get on and off the floor.
    const sorted = [...rows].sort((a, b) => (a.solo?.members.length ?? 0) - (b.solo?.members.length ?? 0));
    return sorted.map((r) => ({ rows: [r], floor: 'none' }));
  }
  const byDance = groupBy(rows, (r) => `${r.danceId}/${r.category}`);
  // Requests arrive in any order; dance ids follow the dances' order, Closed before Open.
  const keys = [...byDance.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const packed = keys.map((key) => packRows(byDance.get(key) ?? [], capacity));
  const groups: Group[] = interleave(packed).map((r) => ({ rows: r, floor: 'spread' }));
  for (const heat of requests.formed.get(item.key) ?? []) {
    const group: Group = { rows: heat.rows, floor: 'one' };
    if (heat.family) group.family = heat.family;
    groups.push(group);
  }
  return groups;
}

/** Splits a category's heats into its agenda parts, evenly. */
function parts(groups: Group[], count: number): Group[][] {
  return Array.from({ length: count }, (_, i) =>
    groups.slice(Math.round((groups.length * i) / count), Math.round((groups.length * (i + 1)) / count)),
  );
}

/** An agenda start time as an organiser writes one: to the nearest five minutes, with AM/PM. */
function clock(minutes: number): string {
  return formatClock({ seconds: Math.round(minutes / 5) * 5 * 60, twelveHour: true });
}

/**
 * Lays the agenda out day by day: numbers heats in agenda order, splits categories into
 * their parts (CatExtensions), gives each block its start time, spreads couples over the
 * ballrooms, then scratches a few heats and adds the walk-ons as heat 0.
 */
export function schedule(
  profile: Profile,
  cast: Cast,
  requests: Requests,
  book: DanceBook,
  categoryId: (itemKey: string) => string,
  rng: Random,
): Schedule {
  const settings = { ...DEFAULT_SETTINGS, ...profile.settings };
  const capacity = profile.couplesPerFloor * Math.max(1, profile.ballrooms.length);
  const dancingStudios = cast.studios.slice(1);
  const slots = profile.days.flatMap((d) => d.slots);
  const partCount = (key: string): number => slots.filter((s) => s.item === key).length;
  const itemParts = new Map(
    profile.items.map((item) => [item.key, parts(groupsOf(item, requests, capacity), partCount(item.key))]),
  );

  const minutes = (group: Group): number => {
    if (group.floor === 'none') return (settings.soloLength + 30) / 60;
    const danceId = group.rows[0]?.danceId ?? '';
    const splitSizes = new Map<string, number>();
    for (const r of group.rows) splitSizes.set(r.danceId, (splitSizes.get(r.danceId) ?? 0) + 1);
    const semiFinal = book.semiFinals(danceId) && Math.max(...splitSizes.values()) > FINAL_MAX_COUPLES;
    return book.heatLength(danceId) * ((settings.heatLength + 30) / 60) * (semiFinal ? 2 : 1);
  };

  const heats: Heat[] = [];
  const solos: Solo[] = [];
  const formations: Formation[] = [];
  const categories = new Map<string, Category>();
  const catExtensions: CatExtension[] = [];
  const finaleId = profile.finale ? categoryId(profile.finale) : undefined;
  let number = 0;
  let family: string | undefined;
  let sub = 0;
  let agendaOrder = 0;
  let block = 0;

  for (const day of profile.days) {
    let time = day.startsAt;
    for (const slot of day.slots) {
      const item = profile.items.find((i) => i.key === slot.item) as AgendaItem;
      const part = slot.part ?? 1;
      const groups = itemParts.get(item.key)?.[part - 1] ?? [];
      const startsAt = clock(time);
      if (part === 1) {
        const category: Category = {
          id: categoryId(item.key),
          name: item.name,
          order: ++agendaOrder,
          day: day.day,
          time: startsAt,
        };
        if (item.scoring) category.scoring = item.scoring;
        if (item.maxHeatSize) category.maxHeatSize = item.maxHeatSize;
        if (partCount(item.key) > 1) category.split = String(groups.length);
        categories.set(item.key, category);
      }
      let startHeat: number | undefined;
      for (const group of groups) {
        if (group.family && group.family === family) sub++;
        else {
          number++;
          family = group.family;
          sub = group.family ? 1 : 0;
        }
        const heatNumber = sub > 0 ? Math.round((number + sub / 10) * 10) / 10 : number;
        startHeat ??= heatNumber;
        const floors =
          group.floor === 'spread' && profile.ballrooms.length > 0
            ? assignBallrooms(group.rows, profile.ballrooms, profile.couplesPerFloor, block, dancingStudios)
            : undefined;
        for (const r of group.rows) {
          const heat: Heat = {
            id: `h${heats.length + 1}`,
            number: heatNumber,
            category: r.category,
            danceId: r.danceId,
            entryId: r.couple.entry.id,
          };
          const ballroom = group.floor === 'one' ? profile.ballrooms[0] : floors?.get(r);
          if (ballroom) heat.ballroom = ballroom;
          heats.push(heat);
          if (r.solo) {
            const solo: Solo = { id: `o${solos.length + 1}`, heatId: heat.id, order: solos.length + 1 };
            if (r.solo.song) solo.song = r.solo.song;
            if (r.solo.artist) solo.artist = r.solo.artist;
            if (r.solo.comboDanceId) solo.comboDanceId = r.solo.comboDanceId;
            if (finaleId && categoryId(item.key) === finaleId) solo.categoryOverrideId = finaleId;
            solos.push(solo);
            for (const m of r.solo.members) {
              formations.push({ id: `f${formations.length + 1}`, soloId: solo.id, ...m });
            }
          }
        }
        time += minutes(group);
      }
      if (part > 1) {
        catExtensions.push({
          id: `x${catExtensions.length + 1}`,
          categoryId: categoryId(item.key),
          part,
          order: ++agendaOrder,
          day: day.day,
          time: startsAt,
          startHeat: startHeat ?? number + 1,
        });
      }
      block++;
    }
  }

  const freestyle = heats.filter((h) => h.category === 'Open' || h.category === 'Closed');
  for (const heat of rng.shuffle(freestyle).slice(0, profile.scratched)) heat.number = -heat.number;
  for (const r of requests.unscheduled) {
    heats.push({
      id: `h${heats.length + 1}`,
      number: 0,
      category: r.category,
      danceId: r.danceId,
      entryId: r.couple.entry.id,
    });
  }

  return {
    heats,
    solos,
    formations,
    categories: profile.items.flatMap((item) => categories.get(item.key) ?? []),
    catExtensions,
  };
}
