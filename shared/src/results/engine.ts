import type { Program } from '../docs/program.ts';
import type { Callbacks, Score } from '../model/types.ts';
import { hasContent } from '../scoring/marks.ts';
import {
  type Competition,
  type FinalOutcome,
  finalOf,
  type MarksOf,
  type SemiFinalResult,
  semiFinalOf,
} from './competitions.ts';
import { type HeatRow, type ResultsIndex, resultsIndex } from './eventIndex.ts';
import { type HeatProgress, heatProgress, type SummaryProgress, summaryProgress } from './progress.ts';
import { type CommentRow, commentsList, type UnscoredRow, unscoredHeats } from './reports.ts';
import { type ScoreSheet, scoreSheet } from './sheets.ts';
import {
  type EntrySummary,
  emptyTallies,
  type InstructorSummary,
  instructorSummary,
  multiSummary,
  proSummary,
  type StudentSummary,
  type StudioSummary,
  studentSummary,
  studioSummary,
  type Tallies,
} from './summaries.ts';
import { addToTally, emptyTally, type Tally, tabulate } from './tally.ts';

/** A scrutineered competition's state: callbacks of its semi-final, what is published, its final. */
export interface CompetitionResult {
  competition: Competition;
  semi?: SemiFinalResult;
  /** The finalists published in the program, if any. */
  published?: Callbacks;
  /** The finalists the judges see (undefined until callbacks are published). */
  finalists?: string[];
  final: FinalOutcome;
  progress: HeatProgress;
}

/** The summaries a results screen shows, each with the heats it is made of. */
export type SummaryName = 'students' | 'studios' | 'instructors' | 'multis' | 'pros';

/**
 * Results on the organiser's device, kept up to date one mark at a time. Everything that adds
 * up (counts, points, marks per couple) is added to or taken from running totals when a mark
 * changes; what is derived from them (sorted summaries, a heat's progress, a competition's
 * placing) is recomputed only when something it reads changed, and only when asked for.
 * A new program means a new engine: the program decides what every mark counts for.
 */
export class ResultsEngine {
  readonly index: ResultsIndex;
  private readonly marks = new Map<string, Map<string, Score>>();
  private readonly tallies: Tallies = emptyTallies();
  /** Content marks per heat id, over every judge and slot. */
  private readonly markCounts = new Map<string, number>();
  /** Marks carrying a comment, by `<judge>|<key>`. */
  private readonly commented = new Map<string, { judgeId: string; score: Score }>();
  private readonly cache = new Map<string, unknown>();
  private readonly progressCache = new Map<string, HeatProgress>();
  private readonly competitionCache = new Map<string, CompetitionResult>();
  private readonly competitionsByHeat = new Map<string, Competition[]>();
  private readonly summaryHeats: Record<SummaryName, string[]>;
  readonly marksOf: MarksOf = (judgeId) => this.marks.get(judgeId);

  constructor(program: Program) {
    this.index = resultsIndex(program);
    for (const competition of this.index.competitions) {
      const list = this.competitionsByHeat.get(competition.heat.view.label) ?? [];
      list.push(competition);
      this.competitionsByHeat.set(competition.heat.view.label, list);
    }
    const heatsWhere = (test: (row: HeatRow) => boolean) => {
      const labels = new Set<string>();
      for (const row of this.index.rows.values()) if (test(row)) labels.add(row.heat.view.label);
      return [...labels];
    };
    this.summaryHeats = {
      students: heatsWhere((row) => !!row.student?.counts),
      studios: heatsWhere((row) => row.shares.length > 0),
      instructors: heatsWhere((row) => row.tabulated && row.instructors.length > 0),
      multis: heatsWhere((row) => row.heat.view.kind === 'Multi'),
      pros: heatsWhere((row) => !!row.pro),
    };
  }

  get program(): Program {
    return this.index.program;
  }

  /** Replaces one judge's marks with the document's current ones, applying only the differences. */
  setMarks(judgeId: string, marks: ReadonlyMap<string, Score>): void {
    const held = this.marks.get(judgeId);
    const changes = new Map<string, Score | undefined>();
    for (const [key, score] of marks) if (held?.get(key) !== score) changes.set(key, score);
    if (held) for (const key of held.keys()) if (!marks.has(key)) changes.set(key, undefined);
    if (!held) this.marks.set(judgeId, new Map());
    this.applyChanges(judgeId, changes);
  }

  /** Applies changed marks of one judge (undefined: the mark was cleared). */
  applyChanges(judgeId: string, changes: ReadonlyMap<string, Score | undefined>): void {
    let held = this.marks.get(judgeId);
    if (!held) {
      held = new Map();
      this.marks.set(judgeId, held);
    }
    for (const [key, next] of changes) {
      const before = held.get(key);
      if (before === next) continue;
      if (before) this.count(judgeId, key, before, -1);
      if (next && hasContent(next)) {
        held.set(key, next);
        this.count(judgeId, key, next, 1);
      } else held.delete(key);
    }
  }

  private tally(map: Map<string, Tally>, key: string): Tally {
    let tally = map.get(key);
    if (!tally) {
      tally = emptyTally();
      map.set(key, tally);
    }
    return tally;
  }

  private count(judgeId: string, key: string, score: Score, sign: 1 | -1): void {
    this.cache.delete('sheets');
    if (score.categoryId !== undefined) return;
    const row = this.index.rows.get(score.heatId);
    if (!row) return;
    const label = row.heat.view.label;
    this.markCounts.set(row.heatId, (this.markCounts.get(row.heatId) ?? 0) + sign);
    this.cache.delete('unscored');
    this.progressCache.delete(label);
    for (const competition of this.competitionsByHeat.get(label) ?? []) this.competitionCache.delete(competition.id);
    if (score.comments) {
      const id = `${judgeId}|${key}`;
      if (sign > 0) this.commented.set(id, { judgeId, score });
      else this.commented.delete(id);
      this.cache.delete('comments');
    }
    if (!row.tabulated) return;
    const counted = tabulate(row.scale, score.value);
    const { tallies } = this;
    if (row.student?.counts) {
      addToTally(this.tally(tallies.students, row.student.key), counted, score, 1, sign);
      this.cache.delete('byLevel');
      this.cache.delete('byAge');
    }
    for (const share of row.shares) {
      addToTally(
        this.tally(tallies.studioLevels, `${share.levelId ?? ''}|${share.studioId}`),
        counted,
        score,
        share.share,
        sign,
      );
      addToTally(this.tally(tallies.studios, share.studioId), counted, score, share.share, sign);
      this.cache.delete('studios');
    }
    for (const personId of row.instructors) {
      addToTally(this.tally(tallies.instructors, personId), counted, score, 1, sign);
      this.cache.delete('instructors');
    }
    if (row.pro) {
      addToTally(this.tally(tallies.pros, `${row.pro}|${row.entry.heat.entryId}`), counted, score, 1, sign);
      this.cache.delete('pros');
    }
    if (row.heat.view.kind === 'Multi') {
      addToTally(
        this.tally(tallies.multis, `${row.entry.heat.danceId}|${row.entry.heat.entryId}`),
        counted,
        score,
        1,
        sign,
      );
      this.cache.delete('multis');
    }
  }

  private cached<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  byLevel(): StudentSummary {
    return this.cached('byLevel', () => studentSummary(this.index, this.tallies, 'level'));
  }

  byAge(): StudentSummary {
    return this.cached('byAge', () => studentSummary(this.index, this.tallies, 'age'));
  }

  byStudio(): StudioSummary {
    return this.cached('studios', () => studioSummary(this.index, this.tallies));
  }

  instructors(): InstructorSummary {
    return this.cached('instructors', () => instructorSummary(this.index, this.tallies));
  }

  multis(): EntrySummary {
    return this.cached('multis', () => multiSummary(this.index, this.tallies));
  }

  pros(): EntrySummary {
    return this.cached('pros', () => proSummary(this.index, this.tallies));
  }

  unscored(): UnscoredRow[] {
    return this.cached('unscored', () => unscoredHeats(this.index, this.markCounts));
  }

  comments(): CommentRow[] {
    return this.cached('comments', () => commentsList(this.index, this.commented.values()));
  }

  scoreSheet(personId: string): ScoreSheet {
    const sheets = this.cached('sheets', () => new Map<string, ScoreSheet>());
    let sheet = sheets.get(personId);
    if (!sheet) {
      sheet = scoreSheet(this.index, personId, this.marksOf);
      sheets.set(personId, sheet);
    }
    return sheet;
  }

  /** How far the judges are with a heat. */
  heatProgress(label: string): HeatProgress | undefined {
    let progress = this.progressCache.get(label);
    if (!progress) {
      const heat = this.index.byLabel.get(label);
      if (!heat) return undefined;
      progress = heatProgress(this.index, heat, this.marksOf);
      this.progressCache.set(label, progress);
    }
    return progress;
  }

  /** How complete a summary is, from the progress of the heats it is made of. */
  progress(summary: SummaryName): SummaryProgress {
    return summaryProgress(this.summaryHeats[summary].flatMap((label) => this.heatProgress(label) ?? []));
  }

  /** Every scored heat's progress, in heat order. */
  allProgress(): HeatProgress[] {
    return this.index.heats.flatMap((heat) => {
      const progress = this.heatProgress(heat.view.label);
      return progress && progress.of > 0 ? [progress] : [];
    });
  }

  competition(id: string): CompetitionResult | undefined {
    let result = this.competitionCache.get(id);
    if (result) return result;
    const competition = this.index.competitions.find((c) => c.id === id);
    if (!competition) return undefined;
    const { judges, program } = this.index;
    const semi = competition.split.semiFinal ? semiFinalOf(competition, judges, this.marksOf) : undefined;
    const published = program.callbacks.get(competition.id);
    const finalists = competition.split.finalists;
    result = {
      competition,
      ...(semi ? { semi } : {}),
      ...(published ? { published } : {}),
      ...(finalists ? { finalists: finalists.map((e) => e.heat.id) } : {}),
      final: finalOf(competition, finalists ?? [], judges, this.marksOf),
      progress: this.heatProgress(competition.heat.view.label) as HeatProgress,
    };
    this.competitionCache.set(id, result);
    return result;
  }

  competitions(): CompetitionResult[] {
    return this.index.competitions.flatMap((c) => this.competition(c.id) ?? []);
  }

  /**
   * Callbacks ready to publish: semi-finals every judge has finished whose finalists are not in
   * the program yet. Once published they stay as they are unless the organiser republishes
   * (judges may already be ranking that final).
   */
  callbacksToPublish(now: number): Callbacks[] {
    return this.competitions().flatMap((result) =>
      result.semi?.complete && !result.published ? [callbacksRecord(result, now)] : [],
    );
  }
}

/** The program record of a semi-final's finalists, as they stand now. */
export function callbacksRecord(result: CompetitionResult, now: number): Callbacks {
  const { competition, semi } = result;
  return {
    id: competition.id,
    heatNumber: competition.heat.view.number,
    danceId: competition.split.danceId,
    finalists: semi?.finalists ?? competition.split.entries.map((e) => e.heat.id),
    judges: semi?.judges.filter((j) => j.perDance.some((n) => n > 0)).map((j) => j.judgeId) ?? [],
    publishedAt: now,
  };
}
