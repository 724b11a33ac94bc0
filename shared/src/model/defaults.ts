import type { EventSettings, Feedback, JudgePrefs } from './types.ts';

/** Settings of a new event (DOMAIN.md §2 events, with the showcase defaults). */
export const DEFAULT_SETTINGS: EventSettings = {
  name: 'Showcase',
  date: '',
  location: '',
  openScoring: '1',
  closedScoring: 'G',
  multiScoring: '1',
  soloScoring: '1',
  judgeComments: false,
  assignJudges: false,
  finalist: 'F',
  strictScoring: false,
  backnums: true,
  trackAges: true,
  columnOrder: 1,
  proAm: 'G',
  ballrooms: 1,
  maxHeatSize: 8,
  combineOpenClosed: false,
  heatLength: 90,
  soloLength: 150,
  includeTimes: false,
  locked: false,
  publishHeatList: false,
};

/** A judge's preferences before anyone sets them (DOMAIN.md §2 judges). */
export const DEFAULT_JUDGE_PREFS: Omit<JudgePrefs, 'id'> = {
  present: true,
  ballroom: 'Both',
  sort: 'back',
  showAssignments: 'first',
  reviewSolos: 'All',
};

/** Id of the "Nobody" placeholder person (partnerless entries, formations). */
export const NOBODY_ID = 'nobody';
/** Id of the "Event Staff" studio where judges, DJs, emcees and officials belong. */
export const EVENT_STAFF_STUDIO_ID = 'event-staff';

/** Feedback buttons from [abbreviation, label] pairs, in grid order. */
export const feedbackList = (items: ReadonlyArray<readonly [string, string]>): Feedback[] =>
  items.map(([abbr, value], i) => ({ id: `fb-${abbr.toLowerCase()}`, order: i + 1, value, abbr }));

/** Feedback buttons when none are configured, for the "+" scale. */
export const DEFAULT_FEEDBACK_PLUS: Feedback[] = feedbackList([
  ['DF', 'Dance Frame'],
  ['T', 'Timing'],
  ['LF', 'Lead/Follow'],
  ['CM', 'Cuban Motion'],
  ['RF', 'Rise & Fall'],
  ['FW', 'Footwork'],
  ['B', 'Balance'],
  ['AS', 'Arm Styling'],
  ['CB', 'Contra-Body'],
  ['FC', 'Floor Craft'],
]);

/** Feedback buttons when none are configured, for the "&" and "@" scales. */
export const DEFAULT_FEEDBACK_OVERALL: Feedback[] = feedbackList([
  ['F', 'Frame'],
  ['P', 'Posture'],
  ['FW', 'Footwork'],
  ['LF', 'Lead/Follow'],
  ['T', 'Timing'],
  ['S', 'Styling'],
]);
