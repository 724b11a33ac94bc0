/**
 * Default dances, age categories and levels a new showcase starts with, copied from
 * rubys/showcase `db/seeds/generic.yaml` (MIT, Copyright (c) 2022 Sam Ruby; the notice is in
 * shared/fixtures/showcase/LICENSE-showcase-MIT.txt).
 */

/** In seed order, which is also the dances' `order`. */
export const SEED_DANCES = [
  'Waltz',
  'Fox Trot',
  'Tango',
  'V. Waltz',
  'Quickstep',
  'Peabody',
  'Arg. Tango',
  'Salsa',
  'Rumba',
  'Cha Cha',
  'Merengue',
  'Samba',
  'Bolero',
  'Paso Doble',
  'Mambo',
  'WCS',
  'Bachata',
  'ECS',
  'Hustle',
  'CW Swing',
  'Lindy Hop',
  'CW Waltz',
  'CW Cha Cha',
  'NC2',
  'CW Two Step',
  'CW Three Step',
  'CW Shuffle',
  'Swing',
  '4 Count',
  'Polka',
] as const;

export type SeedDance = (typeof SEED_DANCES)[number];

/** Youngest to oldest. */
export const SEED_AGES: ReadonlyArray<readonly [category: string, description: string]> = [
  ['J', '< 17'],
  ['A', '18-35'],
  ['A1', '36-45'],
  ['B', '46-54'],
  ['B1', '55-65'],
  ['C', '66-75'],
  ['C1', '76-85'],
  ['D', '86+'],
];

/** Newcomer to most advanced. */
export const SEED_LEVELS = [
  'Newcomer',
  'Assoc. Bronze',
  'Full Bronze',
  'Assoc. Silver',
  'Full Silver',
  'Assoc. Gold',
  'Full Gold',
] as const;
