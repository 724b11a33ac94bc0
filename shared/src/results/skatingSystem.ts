/**
 * The Skating System (DOMAIN.md §3.3): Rules 5–8 place the couples of one dance from the
 * judges' places, Rules 9–11 place them across the dances of a final. Pure functions over
 * numbers and ids, with every decision explained the way a tabulation sheet shows it.
 *
 * The rules as WDSF's "The Skating System" states them (the same text and examples as
 * Svenska Danssportförbundet's version of 2024-09-01; Arthur Dawson's 1963 exposition in the
 * German DTV's translation, TSO Anhang 2, for Rules 9–11):
 * - 5: a couple placed "k-th or higher" by a majority of the judges takes the place under review;
 * - 6: several with a majority: the larger majority first;
 * - 7: equal majorities: the lower sum of the marks that make them; still equal: the next
 *   place is included, for those couples only; equal to the last place: the places are shared;
 * - 8: nobody with a majority: the next place is included, for every couple still unplaced;
 * - 9: across dances, the lower total of the dance places wins;
 * - 10: a tie on the total for the place under review goes to the couple with that place or
 *   higher in more dances; then to the lower sum of those places;
 * - 11: still tied: all the judges' marks of all the dances, taken as one dance (Rules 5–8),
 *   for the tied couples only.
 */

export type SkatingRule = 5 | 6 | 7 | 8 | 9 | 10 | 11;

/** One dance (or Rule 11's marks of all dances): each couple's places from each judge. */
export interface DanceMarks {
  couples: readonly string[];
  /**
   * `marks.get(couple)[i]` is judge i's place for the couple. Every couple has the same number
   * of marks; a complete ballot is each judge's places 1..n, once each.
   */
  marks: ReadonlyMap<string, readonly number[]>;
}

/** A column of a tabulation sheet for one couple: marks at that place or better, and their sum. */
export interface Cumulative {
  count: number;
  sum: number;
}

/** What a scrutineer writes beside a place: who took it, by which rule, and why. */
export interface PlaceDecision {
  /** Couples placed by this decision: more than one when they share places. */
  couples: string[];
  /** The place given; a shared place is the mean of the places shared (3.5 for 3rd and 4th). */
  place: number;
  /** The places taken, `from` to `to` (equal unless shared). */
  from: number;
  to: number;
  rule: SkatingRule;
  /** The column ("1st to k-th") where it was decided, for Rules 5–8 and 11. */
  column?: number;
  reason: string;
}

/** Rules 5–8 for one dance. */
export interface DanceResult {
  couples: string[];
  judges: number;
  majority: number;
  marks: ReadonlyMap<string, readonly number[]>;
  /** Places 1..n columns: `cumulative.get(couple)[k - 1]` counts the marks at k-th or better. */
  cumulative: Map<string, Cumulative[]>;
  /**
   * The columns looked at for each couple before it was placed, as a sheet shows them: `count`
   * when only the count mattered, `sum` when the sum was needed too (Rule 7).
   */
  looked: Map<string, Map<number, 'count' | 'sum'>>;
  places: Map<string, number>;
  decisions: PlaceDecision[];
}

/** Where places start: Rule 11 places tied couples from the place under review on. */
interface DanceOptions {
  firstPlace?: number;
  /** The last column: the number of couples in the final (Rule 11 looks at a subset of them). */
  lastColumn?: number;
}

export function majorityOf(judges: number): number {
  return Math.floor(judges / 2) + 1;
}

/** "1st", "2nd", "3rd", "4th", "11th", "3.5th"… */
export function ordinal(n: number): string {
  if (!Number.isInteger(n)) return `${n}th`;
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "1st", "1st–3rd": the places a column counts. */
export function columnName(column: number): string {
  return column === 1 ? '1st' : `1st–${ordinal(column)}`;
}

/** "3rd", "3rd–4th": the places a decision took. */
export function placesName(from: number, to: number): string {
  return from === to ? ordinal(from) : `${ordinal(from)}–${ordinal(to)}`;
}

function cumulativeOf(marks: readonly number[], columns: number): Cumulative[] {
  const out: Cumulative[] = [];
  for (let k = 1; k <= columns; k++) {
    let count = 0;
    let sum = 0;
    for (const mark of marks)
      if (mark <= k) {
        count++;
        sum += mark;
      }
    out.push({ count, sum });
  }
  return out;
}

/** Compares by larger count, then lower sum; negative when `a` goes first. */
function byCountThenSum(a: Cumulative, b: Cumulative): number {
  return b.count - a.count || a.sum - b.sum;
}

/**
 * Rules 5–8 over one dance's marks. Every couple must have the same number of marks (one per
 * judge); places must be whole numbers from 1. Validating ballots is the caller's job.
 */
export function placeDance(input: DanceMarks, options: DanceOptions = {}): DanceResult {
  const couples = [...input.couples];
  const judges = input.marks.get(couples[0] ?? '')?.length ?? 0;
  const majority = majorityOf(judges);
  const firstPlace = options.firstPlace ?? 1;
  const lastColumn = options.lastColumn ?? couples.length;
  const cumulative = new Map(couples.map((c) => [c, cumulativeOf(input.marks.get(c) ?? [], lastColumn)]));
  const looked = new Map(couples.map((c) => [c, new Map<number, 'count' | 'sum'>()]));
  const places = new Map<string, number>();
  const decisions: PlaceDecision[] = [];
  const cell = (couple: string, column: number): Cumulative =>
    cumulative.get(couple)?.[column - 1] ?? { count: 0, sum: 0 };
  const look = (couple: string, column: number, what: 'count' | 'sum') => {
    const seen = looked.get(couple);
    if (seen && seen.get(column) !== 'sum') seen.set(column, what);
  };
  const decide = (decision: Omit<PlaceDecision, 'place'>) => {
    const place = (decision.from + decision.to) / 2;
    for (const couple of decision.couples) places.set(couple, place);
    decisions.push({ ...decision, place });
  };

  /**
   * Orders couples that all have a majority at `column` (Rules 6 and 7): runs of equal count and
   * sum go to the next column on their own, and share their places at the last column.
   */
  const order = (group: string[], from: number, column: number, tie: boolean, before: string): number => {
    let place = from;
    const sorted = [...group].sort((a, b) => byCountThenSum(cell(a, column), cell(b, column)));
    let i = 0;
    while (i < sorted.length) {
      const head = cell(sorted[i] as string, column);
      let j = i + 1;
      while (j < sorted.length && byCountThenSum(head, cell(sorted[j] as string, column)) === 0) j++;
      const run = sorted.slice(i, j);
      if (sorted.filter((c) => cell(c, column).count === head.count).length > 1)
        for (const c of sorted) if (cell(c, column).count === head.count) look(c, column, 'sum');
      if (run.length === 1) {
        const couple = run[0] as string;
        decide({
          couples: run,
          from: place,
          to: place,
          column,
          ...explainOne(
            couple,
            sorted.filter((c) => c !== couple),
            column,
            cell,
            { judges, tie, before },
          ),
        });
        place++;
      } else if (column >= lastColumn) {
        decide({
          couples: run,
          from: place,
          to: place + run.length - 1,
          column,
          rule: 7,
          reason: `Tied through every place: ${head.count} marks ${columnName(column)}, sum ${head.sum}. The ${placesName(place, place + run.length - 1)} places are shared.`,
        });
        place += run.length;
      } else {
        const note = `${before ? `${before}. ` : ''}Equal on ${head.count} marks ${columnName(column)} with sum ${head.sum}`;
        place = order(run, place, column + 1, true, note);
        for (const c of run) look(c, column + 1, 'count');
      }
      i = j;
    }
    return place;
  };

  // NOTE: columns are taken in turn for the whole field: after couples are placed at column k,
  // the next place is looked for from column k + 1, not from the column of the place's own
  // number. The rule book's Rule 6 and 7 examples look at "4th or higher" for 5th place and
  // "3rd or higher" for 4th; the DTV's Rule 11 example only ties 65 and 75 for 5th (as it is
  // built to) when the Waltz is read this way.
  let remaining = couples;
  let place = firstPlace;
  let start = Math.min(firstPlace, lastColumn);
  while (remaining.length > 0) {
    let column = start;
    let holders: string[] = [];
    for (; column <= lastColumn; column++) {
      const at = column;
      for (const c of remaining) look(c, at, 'count');
      holders = remaining.filter((c) => cell(c, at).count >= majority);
      if (holders.length > 0) break;
    }
    if (holders.length === 0) {
      // Only marks beyond the last place (an invalid ballot) leave nobody with a majority at all.
      decide({
        couples: remaining,
        from: place,
        to: place + remaining.length - 1,
        rule: 8,
        reason: 'No majority at any place: the places are shared.',
      });
      break;
    }
    const before =
      column > start
        ? `No majority for ${columnName(start)}${column - 1 > start ? ` to ${columnName(column - 1)}` : ''}`
        : '';
    place = order(holders, place, column, false, before);
    const placed = new Set(holders);
    remaining = remaining.filter((c) => !placed.has(c));
    start = Math.min(column + 1, lastColumn);
  }
  return { couples, judges, majority, marks: input.marks, cumulative, looked, places, decisions };
}

interface ExplainContext {
  judges: number;
  /** Inside a tie that Rule 7 took to the next place. */
  tie: boolean;
  /** What came before: "No majority for 1st", or the tie being broken. */
  before: string;
}

/**
 * Why one couple took its place at `column`, against the others that had a majority there
 * too (`rivals`, placed before or after it).
 */
function explainOne(
  couple: string,
  rivals: readonly string[],
  column: number,
  cell: (couple: string, column: number) => Cumulative,
  ctx: ExplainContext,
): { rule: SkatingRule; reason: string } {
  const mine = cell(couple, column);
  const marks = `${mine.count} of ${ctx.judges} marks ${columnName(column)}`;
  const before = ctx.before ? `${ctx.before}. ` : '';
  if (rivals.length === 0)
    return ctx.before
      ? { rule: 8, reason: `${before}Majority: ${marks}.` }
      : { rule: 5, reason: `Majority: ${marks}.` };
  const equal = rivals.filter((c) => cell(c, column).count === mine.count);
  const against = equal.length > 0 ? equal : rivals;
  const how =
    equal.length > 0
      ? `${mine.count} marks each ${columnName(column)}, sum ${mine.sum} against ${against.map((c) => cell(c, column).sum).join(', ')}`
      : `${marks} against ${against.map((c) => cell(c, column).count).join(', ')}`;
  if (ctx.tie) return { rule: 7, reason: `${before}The next place decides: ${how}.` };
  if (equal.length > 0) return { rule: 7, reason: `${before}Equal majorities, the lower sum decides: ${how}.` };
  return { rule: 6, reason: `${before}The larger majority decides: ${how}.` };
}

/** One dance of a final: its places (Rules 5–8), and the judges' marks Rule 11 needs. */
export interface DanceOutcome {
  name: string;
  places: ReadonlyMap<string, number>;
  marks: ReadonlyMap<string, readonly number[]>;
  /** How its places were decided, which is the whole story of a final of one dance. */
  decisions?: readonly PlaceDecision[];
}

/** A multi-dance final: each dance's outcome, in the order danced. */
export interface FinalInput {
  couples: readonly string[];
  dances: readonly DanceOutcome[];
}

/** Rule 10's figures for one couple at the place under review. */
export interface Rule10Figures {
  column: number;
  count: number;
  sum: number;
}

export interface FinalDecision extends PlaceDecision {
  /** Rule 10's figures of the tied couples, when Rule 10 or 11 was needed. */
  rule10?: Map<string, Rule10Figures>;
  /** Rule 11's calculation: all marks of the couples still tied, as one dance. */
  rule11?: DanceResult;
}

export interface FinalResult {
  couples: string[];
  dances: string[];
  /** Each couple's place in each dance, in dance order. */
  dancePlaces: Map<string, number[]>;
  totals: Map<string, number>;
  places: Map<string, number>;
  decisions: FinalDecision[];
}

function rule10Figures(places: readonly number[], column: number): Rule10Figures {
  let count = 0;
  let sum = 0;
  for (const place of places)
    if (place <= column) {
      count++;
      sum += place;
    }
  return { column, count, sum };
}

/**
 * Rules 9–11 over the dances of a final.
 *
 * NOTE: Rule 10 looks at the place under review only: more dances at that place or higher,
 * then the lower sum of those places, then Rule 11. Some write-ups go on to the next place
 * inside Rule 10 before Rule 11; we follow Dawson as the DTV prints him (TSO Anhang 2), whose
 * examples move the place under review only once a place is given — the couple beaten for
 * 3rd is looked at again for 4th, with the others tied on total (couples 40/50/60 of the
 * examples) — and keep Rule 11 for the ties Rule 10 cannot break.
 *
 * NOTE: Rule 11 gives the place under review. When it was applied to two couples, the other
 * takes the next place (the DTV annex's example; LTV Berlin's note of January 2003 confirms
 * it); with more than two, the rest go back to Rule 10 for the next place, as Rule 10's own
 * couples do.
 *
 * NOTE: a shared dance place (2.5) counts in Rule 10 for every column at or above its value
 * (2.5 is "3rd or higher", not "2nd or higher"), and adds its value to the sums.
 */
export function placeFinal(input: FinalInput): FinalResult {
  const couples = [...input.couples];
  const only = input.dances.length === 1 ? input.dances[0] : undefined;
  if (only?.decisions) {
    // A final of one dance is that dance's places (Rules 5–8).
    return {
      couples,
      dances: [only.name],
      dancePlaces: new Map(couples.map((c) => [c, [only.places.get(c) ?? Number.NaN]])),
      totals: new Map(couples.map((c) => [c, only.places.get(c) ?? Number.NaN])),
      places: new Map(only.places),
      decisions: only.decisions.map((d) => ({ ...d })),
    };
  }
  const dancePlaces = new Map(couples.map((c) => [c, input.dances.map((dance) => dance.places.get(c) ?? Number.NaN)]));
  const totals = new Map(couples.map((c) => [c, (dancePlaces.get(c) ?? []).reduce((a, b) => a + b, 0)]));
  const places = new Map<string, number>();
  const decisions: FinalDecision[] = [];
  const decide = (decision: Omit<FinalDecision, 'place'>) => {
    const place = (decision.from + decision.to) / 2;
    for (const couple of decision.couples) places.set(couple, place);
    decisions.push({ ...decision, place });
  };
  const total = (c: string) => totals.get(c) ?? 0;

  let remaining = couples;
  let place = 1;
  while (remaining.length > 0) {
    const lowest = Math.min(...remaining.map(total));
    const tied = remaining.filter((c) => total(c) === lowest);
    if (tied.length === 1) {
      const next = remaining.filter((c) => !tied.includes(c)).map(total);
      decide({
        couples: tied,
        from: place,
        to: place,
        rule: 9,
        reason:
          next.length > 0
            ? `Lowest total of places: ${formatPlace(lowest)} against ${formatPlace(Math.min(...next))}.`
            : `Total of places ${formatPlace(lowest)}.`,
      });
      place++;
    } else {
      const figures = new Map(tied.map((c) => [c, rule10Figures(dancePlaces.get(c) ?? [], place)]));
      const fig = (c: string) => figures.get(c) as Rule10Figures;
      const most = Math.max(...tied.map((c) => fig(c).count));
      const withMost = tied.filter((c) => fig(c).count === most);
      const lowSum = Math.min(...withMost.map((c) => fig(c).sum));
      const winners = withMost.filter((c) => fig(c).sum === lowSum);
      const tiedNames = `Tied on a total of ${formatPlace(lowest)}`;
      if (winners.length === 1) {
        const winner = winners[0] as string;
        const others = tied.filter((c) => c !== winner);
        const reason =
          withMost.length === 1
            ? `${tiedNames}: ${ordinal(place)} or higher in ${most} ${most === 1 ? 'dance' : 'dances'} against ${others.map((c) => fig(c).count).join(', ')}.`
            : `${tiedNames}, and ${ordinal(place)} or higher in ${most} dances each: lower sum of those places ${formatPlace(lowSum)} against ${withMost
                .filter((c) => c !== winner)
                .map((c) => formatPlace(fig(c).sum))
                .join(', ')}.`;
        decide({ couples: winners, from: place, to: place, rule: 10, reason, rule10: figures });
        place++;
      } else {
        const rule11 = rule11Result(input, winners, place);
        const first = Math.min(...winners.map((c) => rule11.places.get(c) ?? Number.POSITIVE_INFINITY));
        const top = winners.filter((c) => rule11.places.get(c) === first);
        const topDecision = rule11.decisions.find((d) => d.couples.includes(top[0] as string));
        const still = `${tiedNames} and on Rule 10 (${ordinal(place)} or higher in ${most} dances, sum ${formatPlace(lowSum)})`;
        if (top.length > 1) {
          decide({
            couples: top,
            from: place,
            to: place + top.length - 1,
            rule: 11,
            column: topDecision?.column ?? place,
            reason: `${still}; all marks of all dances tie too: the ${placesName(place, place + top.length - 1)} places are shared.`,
            rule10: figures,
            rule11,
          });
          place += top.length;
        } else {
          decide({
            couples: top,
            from: place,
            to: place,
            rule: 11,
            column: topDecision?.column ?? place,
            reason: `${still}; all marks of all dances as one dance: ${topDecision?.reason ?? ''}`,
            rule10: figures,
            rule11,
          });
          place++;
          const rest = winners.filter((c) => !top.includes(c));
          if (winners.length === 2 && rest.length === 1) {
            const other = rest[0] as string;
            decide({
              couples: rest,
              from: place,
              to: place,
              rule: 11,
              column: rule11.decisions.find((d) => d.couples.includes(other))?.column ?? place,
              reason: `${still}; Rule 11 placed the other couple ahead.`,
              rule10: figures,
              rule11,
            });
            place++;
          }
        }
      }
    }
    remaining = remaining.filter((c) => !places.has(c));
  }
  return { couples, dances: input.dances.map((d) => d.name), dancePlaces, totals, places, decisions };
}

/** Rule 11: every judge's marks in every dance for the tied couples, as one dance, from the place under review. */
function rule11Result(input: FinalInput, tied: readonly string[], place: number): DanceResult {
  const marks = new Map(
    tied.map((c) => [c, input.dances.flatMap((dance) => [...(dance.marks.get(c) ?? [])])] as const),
  );
  return placeDance({ couples: tied, marks }, { firstPlace: place, lastColumn: input.couples.length });
}

/** 2.5 as "2.5", 3 as "3". */
export function formatPlace(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}
