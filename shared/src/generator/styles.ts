import type { SeedDance } from './seeds.ts';

/** Families of dances; a student usually sticks to one or two. */
export type Style = 'smooth' | 'rhythm' | 'specialty' | 'nightclub' | 'country';

/** Relative popularity of each style among students' entries. */
export const STYLE_POPULARITY: Record<Style, number> = {
  smooth: 35,
  rhythm: 35,
  nightclub: 18,
  specialty: 6,
  country: 6,
};

/** Each seed dance's style and how often students pick it within that style. */
export const DANCE_STYLES: Record<SeedDance, readonly [Style, number]> = {
  Waltz: ['smooth', 10],
  'Fox Trot': ['smooth', 9],
  Tango: ['smooth', 8],
  'V. Waltz': ['smooth', 5],
  Quickstep: ['specialty', 2],
  Peabody: ['specialty', 1],
  'Arg. Tango': ['nightclub', 3],
  Salsa: ['nightclub', 6],
  Rumba: ['rhythm', 9],
  'Cha Cha': ['rhythm', 10],
  Merengue: ['nightclub', 3],
  Samba: ['specialty', 3],
  Bolero: ['rhythm', 5],
  'Paso Doble': ['specialty', 2],
  Mambo: ['rhythm', 4],
  WCS: ['nightclub', 4],
  Bachata: ['nightclub', 4],
  ECS: ['nightclub', 3],
  Hustle: ['nightclub', 4],
  'CW Swing': ['country', 2],
  'Lindy Hop': ['nightclub', 1],
  'CW Waltz': ['country', 2],
  'CW Cha Cha': ['country', 2],
  NC2: ['nightclub', 2],
  'CW Two Step': ['country', 3],
  'CW Three Step': ['country', 1],
  'CW Shuffle': ['country', 1],
  Swing: ['rhythm', 9],
  '4 Count': ['country', 1],
  Polka: ['country', 1],
};
