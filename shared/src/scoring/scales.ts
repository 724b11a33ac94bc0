import type { Program } from '../docs/program.ts';
import { DEFAULT_FEEDBACK_OVERALL, DEFAULT_FEEDBACK_PLUS } from '../model/defaults.ts';
import type { EventSettings, Feedback, ScaleCode } from '../model/types.ts';
import type { HeatNumberView } from '../schedule/heats.ts';

/**
 * How a judge marks one heat (DOMAIN.md §3.1–3.3): the event's scale codes, plus the two solo
 * forms and scrutineering (callbacks in a semi-final, ranks in a final).
 * `1` 1/2/3/F · `G` GH/G/S/B · `#` a number · `+` feedback only · `&` overall 1–5 + feedback ·
 * `@` overall GH/G/S/B + feedback · `0` no marks · `solo` 0–100 · `solo4` four parts of 0–25 ·
 * `skating` callbacks and ranks.
 */
export type HeatScale = Exclude<ScaleCode, '='> | 'solo' | 'solo4' | 'skating';

/** Multi-dance heats may only be scored 1, G or # (DOMAIN.md §3.1). */
const MULTI_SCALES: ReadonlySet<ScaleCode> = new Set(['1', 'G', '#']);

/** The event's scale for a heat kind, before any agenda override. */
function eventScale(settings: EventSettings, kind: HeatNumberView['kind']): Exclude<ScaleCode, '='> {
  const open = settings.openScoring === '=' ? '1' : settings.openScoring;
  if (kind === 'Multi')
    return MULTI_SCALES.has(settings.multiScoring) ? (settings.multiScoring as '1' | 'G' | '#') : '1';
  if (kind === 'Closed' && !settings.combineOpenClosed)
    return settings.closedScoring === '=' ? open : settings.closedScoring;
  // Open and Closed combined on the floor share one scale: the open one.
  return open;
}

/**
 * The scale of a heat number: scrutineered multi-dances are ranked; solos use the solo scale;
 * otherwise the agenda item's own scale (ondeck's `Category.scoring`) wins over the event's
 * scale for the heat's kind.
 */
export function heatScale(program: Program, heat: HeatNumberView): HeatScale {
  if (heat.kind === 'Solo') return program.settings.soloScoring === '4' ? 'solo4' : 'solo';
  if (heat.kind === 'Multi' && program.dances.get(heat.danceId)?.semiFinals) return 'skating';
  const override = heat.scoring;
  if (override && override !== '=') {
    if (heat.kind !== 'Multi' || MULTI_SCALES.has(override)) return override;
  }
  return eventScale(program.settings, heat.kind);
}

/** What the scale asks of the judge, in a sentence for the info box. */
export function scaleDescription(scale: HeatScale, settings: EventSettings): string {
  switch (scale) {
    case '1':
      return `Place each couple 1, 2 or 3, or ${settings.finalist} (finalist).`;
    case 'G':
      return 'Give each couple a medal grade: GH (gold honours), G, S or B.';
    case '#':
      return 'Type a number (up to two digits) for each couple.';
    case '+':
      return 'Tap what each couple did well (green) and what needs work (red).';
    case '&':
      return 'Give each couple an overall mark from 1 to 5, and tap feedback.';
    case '@':
      return 'Give each couple an overall medal grade, and tap feedback.';
    case '0':
      return 'This heat is not scored.';
    case 'solo':
      return 'Score the solo from 0 to 100 and add comments.';
    case 'solo4':
      return 'Score technique, execution, presentation and showmanship from 0 to 25 each, and add comments.';
    case 'skating':
      return 'Scrutineering: call back couples in a semi-final, rank the couples in a final.';
  }
}

export interface ScaleOption {
  /** The stored value. */
  value: string;
  /** What the judge sees. */
  label: string;
  /** Spoken name, when the label is an abbreviation. */
  name: string;
}

const PLACEMENTS = ['1', '2', '3', 'F'] as const;
const MEDALS = ['GH', 'G', 'S', 'B'] as const;
const MEDAL_NAMES: Record<string, string> = { GH: 'Gold honours', G: 'Gold', S: 'Silver', B: 'Bronze' };

/** The display of a stored value: `F` is shown with the event's finalist text. */
export function valueLabel(value: string, settings: Pick<EventSettings, 'finalist'>): string {
  return value === 'F' ? settings.finalist || 'F' : value;
}

/** The choices of the placement (`1`) and medal (`G`) scales, best first. */
export function scaleOptions(scale: '1' | 'G', settings: Pick<EventSettings, 'finalist'>): ScaleOption[] {
  if (scale === 'G') return MEDALS.map((value) => ({ value, label: value, name: MEDAL_NAMES[value] ?? value }));
  return PLACEMENTS.map((value) => ({
    value,
    label: valueLabel(value, settings),
    name: value === 'F' ? 'Finalist' : `Place ${value}`,
  }));
}

/** The "Overall" buttons of the `&` (1–5) and `@` (B, S, G, GH) scales. */
export function overallOptions(scale: '&' | '@'): ScaleOption[] {
  if (scale === '@')
    return [...MEDALS].reverse().map((value) => ({ value, label: value, name: MEDAL_NAMES[value] ?? value }));
  return ['1', '2', '3', '4', '5'].map((value) => ({ value, label: value, name: `Overall ${value}` }));
}

/** Clicking the selected Overall value again clears it. */
export function toggleOverall(current: string | undefined, clicked: string): string | undefined {
  return current === clicked ? undefined : clicked;
}

/** The feedback buttons of a scale: the event's, or the defaults for its kind. */
export function feedbackButtons(feedbacks: Iterable<Feedback>, scale: '+' | '&' | '@'): Feedback[] {
  const configured = [...feedbacks].sort((a, b) => a.order - b.order);
  if (configured.length > 0) return configured;
  return scale === '+' ? DEFAULT_FEEDBACK_PLUS : DEFAULT_FEEDBACK_OVERALL;
}

/** Buttons without an abbreviation, or two with the same one, cannot be stored apart. */
export function feedbackProblem(buttons: readonly Feedback[]): string | null {
  const seen = new Set<string>();
  for (const button of buttons) {
    const abbr = button.abbr.trim();
    if (!abbr) return `The feedback button “${button.value}” has no abbreviation.`;
    if (/\s/.test(abbr)) return `The feedback abbreviation “${abbr}” contains a space.`;
    if (seen.has(abbr)) return `Two feedback buttons share the abbreviation “${abbr}”.`;
    seen.add(abbr);
  }
  return null;
}

/** A space-separated feedback list as a set of abbreviations. */
export function feedbackSet(list: string | undefined): Set<string> {
  return new Set((list ?? '').split(' ').filter(Boolean));
}

function feedbackList(set: Set<string>): string | undefined {
  return set.size === 0 ? undefined : [...set].sort().join(' ');
}

export type FeedbackSide = 'good' | 'bad';

/**
 * Toggles one feedback abbreviation on one side. Adding it to "good" removes it from "bad"
 * and the other way round; the lists stay sorted.
 */
export function toggleFeedback(
  current: { good?: string | undefined; bad?: string | undefined } | undefined,
  side: FeedbackSide,
  abbr: string,
): { good: string | undefined; bad: string | undefined } {
  const good = feedbackSet(current?.good);
  const bad = feedbackSet(current?.bad);
  const [mine, other] = side === 'good' ? [good, bad] : [bad, good];
  if (mine.has(abbr)) mine.delete(abbr);
  else {
    mine.add(abbr);
    other.delete(abbr);
  }
  return { good: feedbackList(good), bad: feedbackList(bad) };
}

/** The outcome of checking what a judge typed. `value` undefined means "no mark". */
export type Parsed = { ok: true; value: string | undefined } | { ok: false; problem: string };

function parseWhole(text: string, max: number, what: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: `${what}: digits only` };
  const number = Number(trimmed);
  if (number > max) return { ok: false, problem: `${what}: at most ${max}` };
  return { ok: true, value: String(number) };
}

/** The `#` scale: up to two digits (DOMAIN.md §3.2). */
export function parseNumberMark(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed !== '' && !/^\d{1,2}$/.test(trimmed)) return { ok: false, problem: 'One or two digits' };
  return parseWhole(trimmed, 99, 'Mark');
}

/** A one-number solo score, 0–100. */
export function parseSoloScore(text: string): Parsed {
  return parseWhole(text, 100, 'Score');
}

/** The four parts of a four-part solo score, 0–25 each; "poise" is labelled Presentation. */
export const SOLO_PARTS = [
  { key: 'technique', label: 'Technique' },
  { key: 'execution', label: 'Execution' },
  { key: 'poise', label: 'Presentation' },
  { key: 'showmanship', label: 'Showmanship' },
] as const;

export type SoloPart = (typeof SOLO_PARTS)[number]['key'];
export const SOLO_PART_MAX = 25;
export type SoloParts = Partial<Record<SoloPart, number>>;

export function parseSoloPart(text: string): Parsed {
  return parseWhole(text, SOLO_PART_MAX, 'Part');
}

/** The parts stored in a four-part solo value (a JSON object); anything else reads as none. */
export function readSoloParts(value: string | undefined): SoloParts {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: SoloParts = {};
    for (const { key } of SOLO_PARTS) {
      const part = (parsed as Record<string, unknown>)[key];
      if (typeof part === 'number' && Number.isInteger(part) && part >= 0 && part <= SOLO_PART_MAX) out[key] = part;
    }
    return out;
  } catch {
    return {};
  }
}

/** The stored value of four-part solo scores: JSON in part order, or none when all are empty. */
export function writeSoloParts(parts: SoloParts): string | undefined {
  const out: SoloParts = {};
  for (const { key } of SOLO_PARTS) if (parts[key] !== undefined) out[key] = parts[key];
  return Object.keys(out).length === 0 ? undefined : JSON.stringify(out);
}

export function soloPartsTotal(parts: SoloParts): number {
  return SOLO_PARTS.reduce((sum, { key }) => sum + (parts[key] ?? 0), 0);
}
