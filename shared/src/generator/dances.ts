import type { Dance, Multi, MultiLevel } from '../model/types.ts';
import type { Profile } from './profiles.ts';
import { SEED_DANCES } from './seeds.ts';

/** The event's dances, and lookups by name. */
export interface DanceBook {
  dances: Dance[];
  multis: Multi[];
  multiLevels: MultiLevel[];
  /** Id of a seed dance or of a multi-dance (its canonical, positive-order record). */
  id(name: string): string;
  /** Championship splits in plan order: the canonical dance first, then its split copies. */
  splits(name: string): string[];
  /** Dances danced in one heat of this dance (1 unless a multi-dance). */
  heatLength(id: string): number;
  semiFinals(id: string): boolean;
}

const CATEGORY_FIELD = {
  Open: 'openCategoryId',
  Closed: 'closedCategoryId',
  Solo: 'soloCategoryId',
  Multi: 'multiCategoryId',
} as const;

/**
 * Seed dances get ids d1…d30 in seed order; multi-dances follow. A championship's later splits
 * are split copies (same name, negative order, DOMAIN.md §2 dances), each with its MultiLevel;
 * the component dances are listed once, under the canonical dance.
 */
export function makeDanceBook(profile: Profile, categoryId: (itemKey: string) => string): DanceBook {
  const dances: Dance[] = SEED_DANCES.map((name, i) => ({ id: `d${i + 1}`, name, order: i + 1 }));
  const byName = new Map(dances.map((d) => [d.name, d]));
  const multis: Multi[] = [];
  const multiLevels: MultiLevel[] = [];
  const splits = new Map<string, string[]>();
  let copyOrder = 0;
  const idOf = (name: string): string => {
    const dance = byName.get(name);
    if (!dance) throw new Error(`no dance named ${name}`);
    return dance.id;
  };

  for (const plan of profile.multis) {
    const dance: Dance = { id: `d${dances.length + 1}`, name: plan.name, order: dances.length + 1 };
    dance.heatLength = plan.dances.length;
    if (plan.championship) dance.semiFinals = true;
    dances.push(dance);
    byName.set(plan.name, dance);
    plan.dances.forEach((component, i) => {
      multis.push({ id: `m${multis.length + 1}`, parentId: dance.id, danceId: idOf(component), slot: i + 1 });
    });
    const ids: string[] = [];
    for (const split of plan.championship?.heats.flat() ?? []) {
      let target = dance;
      if (ids.length > 0) {
        target = { ...dance, id: `d${dances.length + 1}`, order: --copyOrder };
        dances.push(target);
      }
      ids.push(target.id);
      const level: MultiLevel = {
        id: `ml${multiLevels.length + 1}`,
        danceId: target.id,
        name: split.name,
        startLevel: split.levels[0],
        stopLevel: split.levels[1],
        coupleType: 'Pro-Am',
      };
      if (split.ages) [level.startAge, level.stopAge] = split.ages;
      multiLevels.push(level);
    }
    splits.set(plan.name, ids);
  }

  // Category links are set after the copies exist, so a split copy shares its agenda item.
  for (const item of profile.items) {
    const kinds = item.holds === 'Open+Closed' ? (['Open', 'Closed'] as const) : ([item.holds] as const);
    for (const name of item.dances) {
      for (const dance of dances.filter((d) => d.name === name)) {
        for (const kind of kinds) dance[CATEGORY_FIELD[kind]] = categoryId(item.key);
      }
    }
  }

  const byId = new Map(dances.map((d) => [d.id, d]));
  return {
    dances,
    multis,
    multiLevels,
    id: idOf,
    splits: (name) => splits.get(name) ?? [],
    heatLength: (id) => byId.get(id)?.heatLength ?? 1,
    semiFinals: (id) => byId.get(id)?.semiFinals === true,
  };
}
