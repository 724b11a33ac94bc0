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
import { CommentLines, type CommentRow, sortComments, type UnscoredRow, unscoredHeats } from './reports.ts';
import { type ScoreSheet, scoreSheet } from './sheets.ts';
import {
  type EntriesView,
  type EntrySummary,
  type InstructorSummary,
  InstructorsView,
  type LiveSummary,
  multisView,
  prosView,
  type StudentSummary,
  StudentsView,
  type StudioSummary,
  StudiosView,
} from './summaries.ts';
import { type SummaryBook, type SummaryName, summaryBook, type Target } from './summaryBook.ts';
import { lookup } from './tally.ts';

/** A couple in a heat, as the engine counts its marks. */
interface RowState {
  heat: HeatMarks;
  targets: Target[];
  competitions: Competition[];
  /** Whether its marks count as marked pages of its heat (not a scrutineered heat: counted by its own rules). */
  paged: boolean;
  /** Its heat's pages (`ScoredHeat.slots`). */
  slots: number;
  /** Its content marks, over every judge and page. */
  count: number;
}

/** A heat number's marks as its progress needs them, and its progress until one changes. */
interface HeatMarks {
  /** Pages to mark: couples on the floor times the heat's pages. */
  pages: number;
  /** Marked pages, by judge (in `ResultsIndex.judges` order). */
  byJudge: number[];
  progress?: HeatProgress;
}

/** A mark with a comment, and its comment lines once they are made. */
interface Commented {
  score: Score;
  row: HeatRow;
  lines: CommentRow[] | undefined;
}

/** One judge's marks as the engine holds them. */
interface JudgeMarks {
  /** Position in `ResultsIndex.judges`; -1 for a judge the program does not list. */
  at: number;
  marks: ReadonlyMap<string, Score>;
  /**
   * Whether `marks` is the map `setMarks` was given, kept until the first change. NOTE: copying
   * a judge's first load (~5,000 marks of the largest event) was a tenth of all results from
   * scratch; the map a caller reads from the document is its own anyway.
   */
  borrowed: boolean;
  /** Its marks with a comment, by mark key; their lines are made when the list is read. */
  commented: Map<string, Commented>;
}

/** Whether a mark's slot is a page of its heat (stale slots of a heat that changed are not). */
function onPage(slots: number, slot: number | undefined): boolean {
  return slots > 0 ? slot !== undefined && slot >= 1 && slot <= slots : !slot;
}

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

type Derived = 'unscored' | 'comments' | 'sheets';

/**
 * Results on the organiser's device, kept up to date one mark at a time. Everything that adds
 * up (counts, points and feedback of a student, a studio, a professional, a couple) is a
 * running tally a mark is added to or taken from when it changes; what is derived from them
 * (sorted summaries, a heat's progress, a competition's places) is recomputed only when
 * something it reads changed, and only when asked for. A new program means a new engine: the
 * program decides what every mark counts for.
 */
export class ResultsEngine {
  readonly index: ResultsIndex;
  private readonly book: SummaryBook;
  private readonly marks = new Map<string, JudgeMarks>();
  /** Per row (`HeatRow.at`): what its marks feed, and how many it has. */
  private readonly rows: RowState[] = [];
  /** Per heat number: each judge's marks on its pages, and its progress. */
  private readonly heats = new Map<string, HeatMarks>();
  private readonly judgeIndex: Map<string, number>;
  private commentLines: CommentLines | undefined;
  private readonly dirty = new Set<Derived>();
  private readonly cache = new Map<string, unknown>();
  private readonly competitionCache = new Map<string, CompetitionResult>();
  private readonly competitionsByHeat = new Map<string, Competition[]>();
  private sheets = new Map<string, ScoreSheet>();
  private readonly views: {
    byLevel: StudentsView;
    byAge: StudentsView;
    studios: StudiosView;
    instructors: InstructorsView;
    multis: EntriesView;
    pros: EntriesView;
  };
  /**
   * Whether a summary was read: until then each reads every line when first read, and a changed
   * line need not be told to any (a judge's first load is thousands of marks).
   */
  private summaryRead = false;
  /** The views each summary's lines feed. */
  private readonly feeds: Record<SummaryName, Array<LiveSummary<unknown>>>;
  readonly marksOf: MarksOf = (judgeId) => this.marks.get(judgeId)?.marks;

  constructor(program: Program) {
    this.index = resultsIndex(program);
    this.book = summaryBook(this.index);
    const views = {
      byLevel: new StudentsView(this.index, this.book, 'level'),
      byAge: new StudentsView(this.index, this.book, 'age'),
      studios: new StudiosView(this.index, this.book),
      instructors: new InstructorsView(this.book),
      multis: multisView(this.index, this.book),
      pros: prosView(this.index, this.book),
    };
    this.views = views;
    this.feeds = {
      students: [views.byLevel, views.byAge],
      studios: [views.studios],
      instructors: [views.instructors],
      multis: [views.multis],
      pros: [views.pros],
    };
    for (const competition of this.index.competitions) {
      const list = this.competitionsByHeat.get(competition.heat.view.label) ?? [];
      list.push(competition);
      this.competitionsByHeat.set(competition.heat.view.label, list);
    }
    this.judgeIndex = new Map(this.index.judges.map((j, i) => [j.id, i]));
    for (const heat of this.index.heats)
      this.heats.set(heat.view.label, { pages: 0, byJudge: new Array(this.index.judges.length).fill(0) });
    let heat: { label: string; marks: HeatMarks; competitions: Competition[] } | undefined;
    for (const row of this.index.rows.values()) {
      const { label } = row.heat.view;
      // Rows come heat by heat.
      if (heat?.label !== label)
        heat = {
          label,
          marks: this.heats.get(label) as HeatMarks,
          competitions: this.competitionsByHeat.get(label) ?? [],
        };
      heat.marks.pages += Math.max(1, row.heat.slots);
      this.rows[row.at] = {
        heat: heat.marks,
        targets: this.book.targets[row.at] as Target[],
        competitions: heat.competitions,
        paged: row.scale !== 'skating',
        slots: row.heat.slots,
        count: 0,
      };
    }
  }

  get program(): Program {
    return this.index.program;
  }

  /**
   * Replaces one judge's marks with the document's current ones, applying only the differences.
   * The engine keeps `marks` as the judge's marks until one changes: it must not be changed
   * after (a map read from the document for this call is).
   */
  setMarks(judgeId: string, marks: ReadonlyMap<string, Score>): void {
    const held = this.marks.get(judgeId);
    if (!held) {
      const judge = this.addJudge(judgeId, marks, true);
      let empty = false;
      marks.forEach((score, key) => {
        if (hasContent(score)) this.count(judge, key, score, 1);
        else empty = true;
      });
      if (empty)
        this.own(
          judge,
          [...marks].filter(([, score]) => hasContent(score)),
        );
      if (marks.size > 0) this.dirty.add('sheets');
      return;
    }
    const changes = new Map<string, Score | undefined>();
    for (const [key, score] of marks) if (held.marks.get(key) !== score) changes.set(key, score);
    for (const key of held.marks.keys()) if (!marks.has(key)) changes.set(key, undefined);
    this.applyChanges(judgeId, changes);
  }

  private addJudge(judgeId: string, marks: ReadonlyMap<string, Score>, borrowed: boolean): JudgeMarks {
    const judge = { at: this.judgeIndex.get(judgeId) ?? -1, marks, borrowed, commented: new Map() };
    this.marks.set(judgeId, judge);
    return judge;
  }

  /** A judge's marks as a map of the engine's own, to change. */
  private own(judge: JudgeMarks, entries: Iterable<[string, Score]> = judge.marks): Map<string, Score> {
    if (judge.borrowed) {
      judge.marks = new Map(entries);
      judge.borrowed = false;
    }
    return judge.marks as Map<string, Score>;
  }

  /** Applies changed marks of one judge (undefined: the mark was cleared). */
  applyChanges(judgeId: string, changes: ReadonlyMap<string, Score | undefined>): void {
    const held = this.marks.get(judgeId) ?? this.addJudge(judgeId, new Map(), false);
    const marks = this.own(held);
    // NOTE: forEach, not for…of: destructuring each entry allocated.
    changes.forEach((next, key) => {
      const before = marks.get(key);
      if (before === next) return;
      if (before) this.count(held, key, before, -1);
      if (next && hasContent(next)) {
        marks.set(key, next);
        this.count(held, key, next, 1);
      } else marks.delete(key);
    });
    if (changes.size > 0) this.dirty.add('sheets');
  }

  private count(judge: JudgeMarks, key: string, score: Score, sign: 1 | -1): void {
    if (score.categoryId !== undefined) return;
    const row = this.index.rows.get(score.heatId);
    if (!row) return;
    const state = this.rows[row.at] as RowState;
    const { heat } = state;
    const before = state.count;
    state.count += sign;
    if (before === 0 || state.count === 0) this.dirty.add('unscored');
    heat.progress = undefined;
    if (state.paged && judge.at >= 0 && onPage(state.slots, score.slot))
      heat.byJudge[judge.at] = (heat.byJudge[judge.at] as number) + sign;
    if (state.competitions.length > 0)
      for (const competition of state.competitions) this.competitionCache.delete(competition.id);
    if (score.comments) {
      if (sign > 0) judge.commented.set(key, { score, row, lines: undefined });
      else judge.commented.delete(key);
      this.dirty.add('comments');
    }
    if (state.targets.length === 0) return;
    const counted = lookup(row.scale, score.value);
    const { tallies } = this.book;
    const good = tallies.feedback(score.good);
    const bad = tallies.feedback(score.bad);
    for (const target of state.targets) {
      tallies.add(target.tally, counted, good, bad, target.share * sign);
      if (this.summaryRead) for (const view of this.feeds[target.summary]) view.touch(target.line);
    }
  }

  /** A derived result, recomputed when its inputs changed since it was last read. */
  private derived<T>(key: string, inputs: Derived, compute: () => T): T {
    if (this.dirty.has(inputs)) {
      for (const cached of this.cache.keys()) if (cached.startsWith(inputs)) this.cache.delete(cached);
      this.dirty.delete(inputs);
    }
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  private readSummary<T>(view: LiveSummary<T>): T {
    this.summaryRead = true;
    return view.read();
  }

  byLevel(): StudentSummary {
    return this.readSummary(this.views.byLevel);
  }

  byAge(): StudentSummary {
    return this.readSummary(this.views.byAge);
  }

  byStudio(): StudioSummary {
    return this.readSummary(this.views.studios);
  }

  instructors(): InstructorSummary {
    return this.readSummary(this.views.instructors);
  }

  multis(): EntrySummary {
    return this.readSummary(this.views.multis);
  }

  pros(): EntrySummary {
    return this.readSummary(this.views.pros);
  }

  unscored(): UnscoredRow[] {
    return this.derived('unscored', 'unscored', () =>
      unscoredHeats(this.index, (row) => this.rows[row.at]?.count ?? 0),
    );
  }

  comments(): CommentRow[] {
    return this.derived('comments', 'comments', () => {
      const rows: CommentRow[] = [];
      this.commentLines ??= new CommentLines(this.index);
      for (const [judgeId, { commented }] of this.marks)
        for (const mark of commented.values()) {
          mark.lines ??= this.commentLines.of(judgeId, mark.score, mark.row);
          for (const line of mark.lines) rows.push(line);
        }
      return sortComments(rows);
    });
  }

  scoreSheet(personId: string): ScoreSheet {
    if (this.dirty.delete('sheets')) this.sheets = new Map();
    let sheet = this.sheets.get(personId);
    if (!sheet) {
      sheet = scoreSheet(this.index, personId, this.marksOf);
      this.sheets.set(personId, sheet);
    }
    return sheet;
  }

  /** How far the judges are with a heat. */
  heatProgress(label: string): HeatProgress | undefined {
    const marks = this.heats.get(label);
    let progress = marks?.progress;
    if (!progress) {
      const heat = this.index.byLabel.get(label);
      if (!heat) return undefined;
      // NOTE: without assignments a judge's state is a count of marked pages, which the
      // engine keeps; recounting every page of every heat for every judge was most of the
      // time to read every heat's progress on the largest event.
      const counted =
        marks && !this.index.assignments && heat.scale !== 'skating'
          ? (judgeId: string) => {
              const n = marks.byJudge[this.judgeIndex.get(judgeId) ?? -1] ?? 0;
              return n === 0 ? 'todo' : n >= marks.pages ? 'scored' : 'partly';
            }
          : undefined;
      progress = heatProgress(this.index, heat, this.marksOf, counted);
      if (marks) marks.progress = progress;
    }
    return progress;
  }

  /** How complete a summary is, from the progress of the heats it is made of. */
  progress(summary: SummaryName): SummaryProgress {
    return summaryProgress(this.book.heats[summary].flatMap((label) => this.heatProgress(label) ?? []));
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
