import type { ProgramData } from '../docs/program.ts';
import { DEFAULT_FEEDBACK_OVERALL, feedbackList } from '../model/defaults.ts';
import type { Age, Feedback, Level, Song } from '../model/types.ts';
import { type Random, seededRandom } from '../random.ts';
import { type DanceBook, makeDanceBook } from './dances.ts';
import { makeCouples } from './entries.ts';
import { TRACKS } from './music.ts';
import { ageId, castEvent, levelId } from './people.ts';
import { DEMO, LARGE, type Profile } from './profiles.ts';
import { makeRequests } from './requests.ts';
import { schedule } from './schedule.ts';
import { SEED_AGES, SEED_DANCES, SEED_LEVELS, type SeedDance } from './seeds.ts';

export interface GenerateOptions {
  /** 'demo': a small complete event to try ondeck; 'large': the size of the largest real showcase. */
  size: 'demo' | 'large';
  /** Same seed, same event. */
  seed?: number;
  /** Event name; each size has its own default. */
  name?: string;
}

const DEFAULT_SEED = 2026;

/** Feedback buttons used by the `+`, `&` and `@` scales: the defaults and two more. */
const FEEDBACKS: Feedback[] = feedbackList([
  ...DEFAULT_FEEDBACK_OVERALL.map((f) => [f.abbr, f.value] as const),
  ['RF', 'Rise & Fall'],
  ['CM', 'Cuban Motion'],
]);

/** A few songs for every dance that has freestyle heats, in one global play order. */
function makeSongs(profile: Profile, book: DanceBook, rng: Random): Song[] {
  const songs: Song[] = [];
  const danced = new Set(
    profile.items.filter((i) => i.holds !== 'Solo' && i.holds !== 'Multi').flatMap((i) => i.dances),
  );
  for (const name of SEED_DANCES.filter((n) => danced.has(n))) {
    const tracks = rng.shuffle(TRACKS[name as SeedDance]).slice(0, rng.int(...profile.songsPerDance));
    for (const [title, artist] of tracks) {
      songs.push({ id: `sg${songs.length + 1}`, danceId: book.id(name), title, artist, order: songs.length + 1 });
    }
  }
  return songs;
}

/**
 * A realistic showcase as plain program records (DOMAIN.md §2, §3, §10), deterministic for a
 * seed, for the server to write once into a new event's `program` document.
 */
export function generateEvent(options: GenerateOptions): ProgramData {
  const profile = options.size === 'large' ? LARGE : DEMO;
  const rng = seededRandom(options.seed ?? DEFAULT_SEED);
  const categoryId = (itemKey: string): string => `c${profile.items.findIndex((i) => i.key === itemKey) + 1}`;
  const book = makeDanceBook(profile, categoryId);
  const cast = castEvent(profile, rng);
  const couples = makeCouples(profile, cast, rng);
  const requests = makeRequests(profile, cast, couples, book, rng);
  const agenda = schedule(profile, cast, requests, book, categoryId, rng);

  const ages: Age[] = SEED_AGES.map(([category, description], i) => ({
    id: ageId(i + 1),
    category,
    description,
    order: i + 1,
  }));
  const levels: Level[] = SEED_LEVELS.map((name, i) => ({ id: levelId(i + 1), name, order: i + 1 }));
  return {
    settings: { ...profile.settings, ...(options.name ? { name: options.name } : {}) },
    studios: cast.studios,
    people: [...cast.staff, ...cast.rosters.flatMap((r) => [...r.pros, ...r.students].map((d) => d.person))],
    judges: cast.judges,
    ages,
    levels,
    categories: agenda.categories,
    catExtensions: agenda.catExtensions,
    dances: book.dances,
    multis: book.multis,
    multiLevels: book.multiLevels,
    entries: requests.couples.map((c) => c.entry),
    heats: agenda.heats,
    solos: agenda.solos,
    formations: agenda.formations,
    songs: makeSongs(profile, book, rng),
    feedbacks: FEEDBACKS,
  };
}
