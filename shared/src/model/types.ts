/**
 * The showcase domain (DOMAIN.md §2) as plain JSON records. Every record has a stable string
 * `id`; references between records are ids. Records live as whole values in the event's Yjs
 * documents (see `docs/`), so every field must be JSON.
 */

/** Scale codes of DOMAIN.md §3.1. `=` (closed only) means "same as open". */
export type ScaleCode = '1' | 'G' | '#' | '+' | '&' | '@' | '0' | '=';
/** Solo scales: one number 0–100, or four parts 0–25. */
export type SoloScaleCode = '1' | '4';

export type HeatCategory = 'Open' | 'Closed' | 'Solo' | 'Multi';

export type PersonType =
  | 'Student'
  | 'Professional'
  | 'Guest'
  | 'Judge'
  | 'DJ'
  | 'Emcee'
  | 'Official'
  | 'Organizer'
  | 'Placeholder';

export type DanceRole = 'Leader' | 'Follower' | 'Both';

/** Ballroom letters; an empty string means "the only floor". */
export type BallroomLetter = 'A' | 'B' | 'C' | 'D';

/** The event's settings (the singleton `events` row). Missing keys take `DEFAULT_SETTINGS`. */
export interface EventSettings {
  name: string;
  /** Free text: "2025-03-14" or "March 14-15". */
  date: string;
  location: string;
  /** Open heats scale. */
  openScoring: ScaleCode;
  /** Closed heats scale; `=` uses the open scale. */
  closedScoring: ScaleCode;
  /** Multi-dance heats: `1`, `G` or `#`. */
  multiScoring: ScaleCode;
  soloScoring: SoloScaleCode;
  judgeComments: boolean;
  assignJudges: boolean;
  /** Display text for the "F" (finalist) mark. */
  finalist: string;
  strictScoring: boolean;
  backnums: boolean;
  trackAges: boolean;
  /** 1 = Lead/Follow columns, 2 = Student/Instructor. */
  columnOrder: 1 | 2;
  /** Couple-type labels: G → G/L/AC, L → L/F/AC. */
  proAm: 'G' | 'L';
  /** 1 one floor; 2 split by role; 3/4 two rotating; 5 three rotating; 6 four rotating. */
  ballrooms: 1 | 2 | 3 | 4 | 5 | 6;
  maxHeatSize: number;
  /** Open and Closed combined on the floor (one scale, no category prefix). */
  combineOpenClosed: boolean;
  /** Seconds per heat / per solo, for schedule times. */
  heatLength: number;
  soloLength: number;
  includeTimes: boolean;
  /** Agenda locked: no more re-scheduling. */
  locked: boolean;
  /** The organiser publishes the heat list to the `public` role. */
  publishHeatList: boolean;
}

export interface Studio {
  id: string;
  name: string;
  /** Preferred ballroom letter. */
  ballroom?: BallroomLetter;
  /** Sister studios (studio_pairs). */
  pairedWith?: string[];
}

export interface Person {
  id: string;
  /** Stored "Last, First"; shown "First Last" (see `displayName`). */
  name: string;
  type: PersonType;
  role?: DanceRole;
  /** Back number, unique in the event. */
  back?: number;
  studioId: string;
  levelId?: string;
  ageId?: string;
  /** Avoid scheduling at the same time; for a judge, the person they dance with. */
  excludeId?: string;
  /** Availability window such as "<14:00" or ">09:30". */
  available?: string;
  /**
   * Removed on the day: their heats not yet marked are scratched, and the person stays listed
   * so the removal can be undone (DOMAIN.md §7 scratches).
   */
  scratched?: boolean;
}

/** Per-judge preferences, 1:1 with a Judge person, keyed by that person's id. */
export interface JudgePrefs {
  id: string;
  /** On the floor; assignments only go to present judges. */
  present: boolean;
  ballroom: 'Both' | BallroomLetter;
  sort: 'back' | 'level';
  showAssignments: 'first' | 'only' | 'mixed';
  reviewSolos: 'All' | 'Even' | 'Odd' | 'None';
}

export interface Age {
  id: string;
  /** e.g. "A1". */
  category: string;
  /** e.g. "18-35". */
  description: string;
  /** Position; higher = older. */
  order: number;
}

export interface Level {
  id: string;
  /** e.g. "Full Bronze". */
  name: string;
  /** Position; higher = more advanced. */
  order: number;
}

/** An agenda item. */
export interface Category {
  id: string;
  name: string;
  /** Agenda position, unique. */
  order: number;
  day?: string;
  /** Free text start time, e.g. "9:00 AM". */
  time?: string;
  ballrooms?: number;
  maxHeatSize?: number;
  /** "N[, M…]": heats per part; later parts are `CatExtension`s. */
  split?: string;
  locked?: boolean;
  pro?: boolean;
  routines?: boolean;
  useCategoryScoring?: boolean;
  /**
   * ondeck extension: a scale for every heat of this agenda item, overriding the event's
   * per-kind scale. Lets one event score, say, a feedback-only newcomer session.
   */
  scoring?: ScaleCode;
}

export interface CatExtension {
  id: string;
  categoryId: string;
  part: number;
  order: number;
  day?: string;
  time?: string;
  /** Heat number where this part begins. */
  startHeat: number;
}

export interface Dance {
  id: string;
  name: string;
  /** Unique; negative = split copy of the positive-order dance with the same name. */
  order: number;
  /** Multi-dance: how many dances are danced in it. */
  heatLength?: number;
  limit?: number;
  /** Scrutineering (skating system) with semi-finals above 8 couples. */
  semiFinals?: boolean;
  openCategoryId?: string;
  closedCategoryId?: string;
  soloCategoryId?: string;
  multiCategoryId?: string;
  proOpenCategoryId?: string;
  proClosedCategoryId?: string;
  proSoloCategoryId?: string;
  proMultiCategoryId?: string;
}

/** A component dance of a multi-dance. */
export interface Multi {
  id: string;
  parentId: string;
  danceId: string;
  slot?: number;
}

/** A competition split of a multi-dance. */
export interface MultiLevel {
  id: string;
  danceId: string;
  /** Shown to judges, e.g. "Silver-Gold 50+ - Pro-Am". */
  name: string;
  startLevel?: number;
  stopLevel?: number;
  startAge?: number;
  stopAge?: number;
  coupleType?: string;
}

/** A partnership in a level and age, for a set of dances. */
export interface Entry {
  id: string;
  leadId: string;
  followId: string;
  /** Credited professional when both dancers are students. */
  instructorId?: string;
  ageId?: string;
  levelId: string;
  /** Invoice studio. */
  studioId?: string;
}

export interface Heat {
  id: string;
  /** ≥ 1 scheduled (fractions for packed splits); 0 unscheduled; negative = scratched. */
  number: number;
  category: HeatCategory;
  danceId: string;
  entryId: string;
  ballroom?: BallroomLetter;
  prevNumber?: number;
  /**
   * When it was last scratched or restored, and when last moved (number or ballroom), on the
   * organiser's clock. Two organisers' laptops that changed one heat while apart keep each
   * change by these (see schedule/settle.ts); absent on heats untouched since scheduling.
   */
  scratchedAt?: number;
  movedAt?: number;
}

export interface Solo {
  id: string;
  heatId: string;
  /** Running order, unique. */
  order: number;
  song?: string;
  artist?: string;
  /** SHA-256 of the uploaded music file (object storage key). */
  songFile?: string;
  comboDanceId?: string;
  categoryOverrideId?: string;
}

/** An extra participant of a solo. */
export interface Formation {
  id: string;
  soloId: string;
  personId: string;
  /** false = credited only. */
  onFloor: boolean;
}

/** Music for freestyle heats of a dance. */
export interface Song {
  id: string;
  danceId: string;
  title: string;
  artist?: string;
  /** Global play order, unique. */
  order: number;
  /** SHA-256 of the uploaded music file. */
  songFile?: string;
}

/** A configurable feedback button. */
export interface Feedback {
  id: string;
  order: number;
  value: string;
  abbr: string;
}

/**
 * The couples a scrutineered semi-final sends to its final (DOMAIN.md §3.3), computed from
 * every judge's callbacks by the organiser's device and published in the program, so each
 * judge's final lists them without anyone typing them in. Keyed by `callbacksId`.
 */
export interface Callbacks {
  id: string;
  /** The scrutineered heat's number and the split (dance) within it. */
  heatNumber: number;
  danceId: string;
  /** Heat ids of the couples in the final, by most callbacks. */
  finalists: string[];
  /** Judges whose callbacks were counted (fewer than the panel when published early). */
  judges: string[];
  publishedAt: number;
}

/**
 * A results table the organiser published for the `public` role: plain text cells, so the
 * public view shows exactly what was published whatever changes after.
 */
export interface PublishedResult {
  id: string;
  /** Position among the published tables. */
  order: number;
  /** "By level", "Multi-dance", … */
  section: string;
  title: string;
  note?: string;
  columns: string[];
  rows: string[][];
  publishedAt: number;
}

/**
 * One judge's mark for one couple. Stored in that judge's `scores/<judgeId>` document.
 * The record with every content field empty is a judge assignment (DOMAIN.md §2 scores).
 */
export interface Score {
  heatId: string;
  /** Multi-dance slot (1-based); absent otherwise. */
  slot?: number;
  /** "1".."3", "F", "GH".."B", a number, "1".."5", or JSON for four-part solos. */
  value?: string;
  /** Space-separated, sorted feedback abbreviations. */
  good?: string;
  bad?: string;
  comments?: string;
  /** Category scores only: the student. */
  personId?: string;
  /** Category scores only: the agenda category. */
  categoryId?: string;
  /** Milliseconds since the epoch of the last change on the judge's device. */
  updatedAt: number;
}

/**
 * What the rule that settles two organisers' offline changes did, or could not do, for the
 * organiser to see (schedule/settle.ts). Its id names the conflict, so two laptops that settle
 * the same one write one notice.
 */
export interface ProgramNotice {
  id: string;
  /** Milliseconds since the epoch when it was settled. */
  at: number;
  text: string;
  /** The couples (heat ids) it is about. */
  heatIds: string[];
}

/**
 * An organiser's correction of a judge's mark (issue 15 point 5), kept in that judge's scores
 * document beside the marks, so it stays visible — on the judge's tablet too — after the fact.
 */
export interface Correction {
  id: string;
  /** The mark's key (see docs/scores.ts `scoreKey`). */
  key: string;
  heatId: string;
  slot?: number;
  /** Person id of the organiser when their invite names one; otherwise absent ("the organiser"). */
  by?: string;
  at: number;
  /** The mark as the judge left it ("" when there was none), and as corrected ("" = cleared). */
  was: string;
  now: string;
}
