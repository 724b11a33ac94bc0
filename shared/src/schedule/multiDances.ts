import type { Program } from '../docs/program.ts';
import type { Dance } from '../model/types.ts';

/**
 * The dances danced, slot by slot, in a multi-dance (DOMAIN.md §2 multis): its `heatLength`
 * slots filled by its component dances in slot order, repeating when there are fewer; a split
 * copy (negative order) uses the components of the canonical dance of the same name. No
 * components at all is "DJ's choice".
 */
export function multiDanceSlots(program: Program, dance: Dance): string[] {
  const canonical =
    dance.order < 0 ? [...program.dances.values()].find((d) => d.name === dance.name && d.order > 0) : dance;
  const parentId = canonical?.id ?? dance.id;
  const children = [...program.multis.values()]
    .filter((m) => m.parentId === parentId)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0))
    .map((m) => program.dances.get(m.danceId)?.name ?? 'Unknown dance');
  const length = dance.heatLength ?? canonical?.heatLength ?? children.length;
  if (children.length === 0) return Array.from({ length: Math.max(1, length) }, () => "DJ's choice");
  return Array.from({ length: Math.max(1, length) }, (_, i) => children[i % children.length] as string);
}
