import { NOBODY_ID } from '../model/defaults.ts';
import type { HeatCategory } from '../model/types.ts';
import type { Random } from '../random.ts';
import type { DanceBook } from './dances.ts';
import type { Couple } from './entries.ts';
import { TRACKS } from './music.ts';
import type { Packable } from './pack.ts';
import type { Cast, Dancer } from './people.ts';
import type { Profile } from './profiles.ts';
import type { SeedDance } from './seeds.ts';
import { DANCE_STYLES, type Style } from './styles.ts';

export interface SoloPlan {
  song?: string;
  artist?: string;
  comboDanceId?: string;
  members: Array<{ personId: string; onFloor: boolean }>;
}

/** A heat row before it has a number. */
export interface Row extends Packable {
  couple: Couple;
  danceId: string;
  category: HeatCategory;
  solo?: SoloPlan;
}

/** A heat whose couples were chosen together (championship splits), optionally numbered N.1, N.2… */
export interface FormedHeat {
  rows: Row[];
  family?: string;
}

export interface Requests {
  /** Rows still to be packed into heats, per agenda item. */
  rows: Map<string, Row[]>;
  formed: Map<string, FormedHeat[]>;
  /** The couples, including entries made for studio formations. */
  couples: Couple[];
  /** Walk-ons after the agenda was set: heat number 0. */
  unscheduled: Row[];
}

type Kind = 'Open' | 'Closed';

const styleOf = (name: string): Style | undefined => DANCE_STYLES[name as SeedDance]?.[0];
const popularity = (name: string): number => DANCE_STYLES[name as SeedDance]?.[1] ?? 1;

function row(couple: Couple, danceId: string, category: HeatCategory, solo?: SoloPlan): Row {
  const onFloor = solo?.members.filter((m) => m.onFloor).map((m) => m.personId) ?? [];
  const out: Row = {
    couple,
    danceId,
    category,
    dancers: [...couple.dancers, ...onFloor],
    level: couple.level,
    age: couple.age,
    studio: couple.studio,
  };
  if (solo) out.solo = solo;
  return out;
}

/** Which agenda item holds each dance's heats of each kind. */
function offers(profile: Profile) {
  const freestyle = new Map<string, Map<Kind, string>>();
  const solo = new Map<string, string>();
  const multi = new Map<string, string>();
  for (const item of profile.items) {
    for (const name of item.dances) {
      if (item.holds === 'Solo') solo.set(name, item.key);
      else if (item.holds === 'Multi') multi.set(name, item.key);
      else {
        const kinds = freestyle.get(name) ?? new Map<Kind, string>();
        for (const kind of item.holds === 'Open+Closed' ? (['Open', 'Closed'] as const) : [item.holds]) {
          kinds.set(kind, item.key);
        }
        freestyle.set(name, kinds);
      }
    }
  }
  return { freestyle, solo, multi };
}

/** Dances of the couple's styles among `names` (favourite style weighs most), else any of them. */
function pickDance(rng: Random, couple: Couple, names: readonly string[]): string {
  const styles = couple.styles.filter((s) => names.some((n) => styleOf(n) === s));
  if (styles.length === 0) return rng.weighted(names, popularity);
  const style = rng.weighted(styles, (s) => (s === styles[0] ? 3 : 1));
  return rng.weighted(
    names.filter((n) => styleOf(n) === style),
    popularity,
  );
}

export function makeRequests(profile: Profile, cast: Cast, couples: Couple[], book: DanceBook, rng: Random): Requests {
  const offered = offers(profile);
  const rows = new Map<string, Row[]>();
  const add = (itemKey: string, r: Row): void => {
    const list = rows.get(itemKey) ?? [];
    list.push(r);
    rows.set(itemKey, list);
  };
  const choices = [...offered.freestyle].flatMap(([name, kinds]) =>
    [...kinds].map(([kind, itemKey]) => ({ name, kind, itemKey, both: kinds.size === 2 })),
  );
  // A couple dances mostly its favourite style, rarely outside its styles; beginners dance
  // mostly closed (syllabus) heats, advanced students more open ones.
  const weight = (couple: Couple, choice: (typeof choices)[number]): number => {
    const style = styleOf(choice.name);
    const styleWeight = style === couple.styles[0] ? 3 : style && couple.styles.includes(style) ? 1 : 0.02;
    const closed = 0.8 - 0.08 * couple.level;
    const kindWeight = choice.both ? (choice.kind === 'Closed' ? closed : 1 - closed) : 1;
    return styleWeight * popularity(choice.name) * kindWeight;
  };
  const freestyle = (couple: Couple, count: number): Array<[string, Row]> => {
    const taken = new Map<(typeof choices)[number], number>();
    const out: Array<[string, Row]> = [];
    for (let i = 0; i < count; i++) {
      // Showcases allow a second heat of the same dance, not a third.
      const open = choices.filter((c) => (taken.get(c) ?? 0) < 2);
      if (open.length === 0) break;
      const choice = rng.weighted(open, (c) => weight(couple, c));
      taken.set(choice, (taken.get(choice) ?? 0) + 1);
      out.push([choice.itemKey, row(couple, book.id(choice.name), choice.kind)]);
    }
    return out;
  };

  for (const couple of couples) {
    for (const [itemKey, r] of freestyle(couple, couple.heats)) add(itemKey, r);
    for (const plan of profile.multis) {
      const itemKey = offered.multi.get(plan.name);
      if (plan.championship || !itemKey || !couple.styles.includes(plan.style)) continue;
      if (rng.chance(plan.entryShare ?? 0)) add(itemKey, row(couple, book.id(plan.name), 'Multi'));
    }
  }

  const formed = championships(profile, couples, book, offered.multi, rng);
  const all = [...couples];
  for (const [itemKey, r] of solos(profile, cast, all, book, offered.solo, rng)) add(itemKey, r);

  const proAm = couples.filter((c) => c.proAm);
  const unscheduled = Array.from({ length: profile.unscheduled }).flatMap(() =>
    freestyle(rng.pick(proAm), 1).map(([, r]) => r),
  );
  return { rows, formed, couples: all, unscheduled };
}

/**
 * Chooses each championship split's couples: Pro-Am entries of the style, level and age, each
 * couple in one split only, and no person twice in a heat (packed splits share the floor).
 */
function championships(
  profile: Profile,
  couples: readonly Couple[],
  book: DanceBook,
  multiItems: Map<string, string>,
  rng: Random,
): Map<string, FormedHeat[]> {
  const formed = new Map<string, FormedHeat[]>();
  for (const plan of profile.multis) {
    const itemKey = multiItems.get(plan.name);
    if (!plan.championship || !itemKey) continue;
    const splitIds = book.splits(plan.name);
    const entered = new Set<Couple>();
    const heats: FormedHeat[] = [];
    let split = 0;
    for (const splitPlans of plan.championship.heats) {
      const onFloor = new Set<string>();
      const heat: FormedHeat = { rows: [] };
      if (plan.championship.fractional) heat.family = plan.name;
      for (const sp of splitPlans) {
        const danceId = splitIds[split++] as string;
        const [minAge, maxAge] = sp.ages ?? [0, Number.POSITIVE_INFINITY];
        const eligible = rng.shuffle(
          couples.filter(
            (c) =>
              c.proAm &&
              c.styles.includes(plan.style) &&
              c.level >= sp.levels[0] &&
              c.level <= sp.levels[1] &&
              c.age >= minAge &&
              c.age <= maxAge,
          ),
        );
        let taken = 0;
        for (const couple of eligible) {
          if (taken === sp.couples) break;
          if (entered.has(couple) || couple.dancers.some((d) => onFloor.has(d))) continue;
          entered.add(couple);
          for (const d of couple.dancers) onFloor.add(d);
          heat.rows.push(row(couple, danceId, 'Multi'));
          taken++;
        }
      }
      heats.push(heat);
    }
    formed.set(itemKey, [...(formed.get(itemKey) ?? []), ...heats]);
  }
  return formed;
}

/**
 * Solo routines with music, a few combo dances and formations; returns [agenda item, row] and
 * adds the entries made for whole-studio formations to `couples`.
 */
function solos(
  profile: Profile,
  cast: Cast,
  couples: Couple[],
  book: DanceBook,
  soloItems: Map<string, string>,
  rng: Random,
): Array<[string, Row]> {
  const names = [...soloItems.keys()];
  if (names.length === 0) return [];
  const plan = (name: string): SoloPlan => {
    const solo: SoloPlan = { members: [] };
    if (rng.chance(0.94)) [solo.song, solo.artist] = rng.pick(TRACKS[name as SeedDance]);
    if (rng.chance(0.12)) {
      const partners = names.filter((n) => n !== name && styleOf(n) === styleOf(name));
      if (partners.length > 0) solo.comboDanceId = book.id(rng.pick(partners));
    }
    return solo;
  };
  const otherStudents = (couple: Couple): Dancer[] =>
    rng.shuffle((cast.rosters[couple.studio]?.students ?? []).filter((s) => !couple.dancers.includes(s.person.id)));

  const out: Array<[Couple, string, SoloPlan]> = [];
  const count = new Map<Couple, number>();
  const regular = profile.solos - profile.studioFormations;
  while (out.length < regular) {
    const open = couples.filter((c) => (count.get(c) ?? 0) < 2);
    if (open.length === 0) break;
    // Students who dance a lot are the ones who also prepare solos.
    const couple = rng.weighted(open, (c) => c.heats + 2);
    count.set(couple, (count.get(couple) ?? 0) + 1);
    const name = pickDance(rng, couple, names);
    out.push([couple, name, plan(name)]);
  }

  const formations: SoloPlan[] = [];
  for (const [couple, , solo] of out.slice(0, profile.formations - profile.studioFormations)) {
    for (const member of otherStudents(couple).slice(0, rng.int(1, 2))) {
      solo.members.push({ personId: member.person.id, onFloor: true });
    }
    // A credited instructor who does not dance in the routine.
    const pro = cast.rosters[couple.studio]?.pros.find((p) => !couple.dancers.includes(p.person.id));
    if (pro && rng.chance(0.3)) solo.members.push({ personId: pro.person.id, onFloor: false });
    formations.push(solo);
  }

  // Whole-studio formations: a professional leads a line of students, with "Nobody" as partner.
  const studios = rng.shuffle(cast.rosters.map((_, i) => i)).slice(0, profile.studioFormations);
  for (const studio of studios) {
    const roster = cast.rosters[studio] as Cast['rosters'][number];
    const lead = roster.pros.find((p) => p.male) ?? (roster.pros[0] as Dancer);
    const members = rng.shuffle(roster.students).slice(0, rng.int(4, 6));
    const level = Math.round(members.reduce((sum, m) => sum + m.level, 0) / Math.max(1, members.length)) || 1;
    const couple: Couple = {
      entry: { id: `e${couples.length + 1}`, leadId: lead.person.id, followId: NOBODY_ID, levelId: `l${level}` },
      dancers: [lead.person.id],
      studio,
      level,
      age: 0,
      styles: [],
      proAm: false,
      heats: 0,
    };
    couples.push(couple);
    const name = rng.pick(names);
    const solo = plan(name);
    solo.members = members.map((m) => ({ personId: m.person.id, onFloor: true }));
    formations.push(solo);
    out.push([couple, name, solo]);
  }

  const finale = new Set<SoloPlan>();
  if (profile.finale) {
    for (const solo of formations) finale.add(solo);
    for (const [, , solo] of rng.shuffle(out)) {
      if (finale.size >= profile.finaleSolos) break;
      finale.add(solo);
    }
  }
  return out.map(([couple, name, solo]) => [
    finale.has(solo) && profile.finale ? profile.finale : (soloItems.get(name) as string),
    row(couple, book.id(name), 'Solo', solo),
  ]);
}
