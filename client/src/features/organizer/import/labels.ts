import type { CollectionName, EventSettings } from '@ondeck/shared';

/** What each program collection is called on the import screen. */
export const COLLECTION_LABELS: Record<CollectionName, string> = {
  studios: 'Studios',
  people: 'People',
  judges: 'Judges’ preferences',
  ages: 'Age groups',
  levels: 'Levels',
  categories: 'Agenda items',
  catExtensions: 'Agenda parts',
  dances: 'Dances',
  multis: 'Multi-dance parts',
  multiLevels: 'Multi-dance splits',
  entries: 'Entries',
  heats: 'Heats',
  solos: 'Solos',
  formations: 'Formation members',
  songs: 'Songs',
  feedbacks: 'Feedback buttons',
  assignments: 'Judge assignments',
  callbacks: 'Published callbacks',
  results: 'Published results',
  notices: 'Notices from settling offline changes',
};

/** The event settings (DOMAIN.md §2) as the organiser knows them. */
const SETTING_LABELS: Record<keyof EventSettings, string> = {
  name: 'Event name',
  date: 'Date',
  location: 'Location',
  openScoring: 'Open heats scale',
  closedScoring: 'Closed heats scale',
  multiScoring: 'Multi-dance scale',
  soloScoring: 'Solo scale',
  judgeComments: 'Judges’ comments',
  assignJudges: 'Judges assigned to couples',
  finalist: 'Finalist text',
  strictScoring: 'Strict scoring',
  backnums: 'Back numbers',
  trackAges: 'Ages',
  columnOrder: 'Column order',
  proAm: 'Pro-am labels',
  ballrooms: 'Ballrooms',
  maxHeatSize: 'Largest heat',
  combineOpenClosed: 'Open and closed combined',
  heatLength: 'Heat length (seconds)',
  soloLength: 'Solo length (seconds)',
  includeTimes: 'Times on heat lists',
  locked: 'Agenda locked',
  publishHeatList: 'Heat list published',
};

const shown = (value: unknown) =>
  value === true ? 'on' : value === false ? 'off' : value === '' || value === undefined ? '(none)' : String(value);

/** "Event name: Spring Showcase → Showcase". */
export function settingChange(change: { key: string; from: unknown; to: unknown }): string {
  const label = SETTING_LABELS[change.key as keyof EventSettings] ?? change.key;
  return `${label}: ${shown(change.from)} → ${shown(change.to)}`;
}
