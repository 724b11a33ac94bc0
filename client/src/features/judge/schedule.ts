import {
  type Assignments,
  assignmentsOf,
  type JudgeChoices,
  type JudgePrefs,
  judgeStops,
  type Program,
  type ScoredHeat,
  type Stop,
  scoredHeats,
} from '@ondeck/shared';

/** How couples are laid out for the placement and medal scales (DOMAIN.md §4). */
export type Layout = 'radio' | 'cards';

/** The schedule as a judge scores it, computed once per program (a scores change never recomputes it). */
export interface JudgeSchedule {
  heats: ScoredHeat[];
  byLabel: Map<string, ScoredHeat>;
  assignments: Assignments | null;
  stops(reviewSolos: JudgePrefs['reviewSolos']): Stop[];
}

const cache = new WeakMap<Program, JudgeSchedule>();

export function judgeSchedule(program: Program): JudgeSchedule {
  let schedule = cache.get(program);
  if (!schedule) {
    const heats = scoredHeats(program);
    const stops = new Map<JudgePrefs['reviewSolos'], Stop[]>();
    schedule = {
      heats,
      byLabel: new Map(heats.map((heat) => [heat.view.label, heat])),
      assignments: assignmentsOf(program),
      stops(reviewSolos) {
        let list = stops.get(reviewSolos);
        if (!list) {
          list = judgeStops(heats, reviewSolos);
          stops.set(reviewSolos, list);
        }
        return list;
      },
    };
    cache.set(program, schedule);
  }
  return schedule;
}

/** A judge's preferences: the organiser's defaults, overridden by the choices made on the judge's own device. */
export interface JudgeView {
  sort: JudgePrefs['sort'];
  show: JudgePrefs['showAssignments'];
  present: boolean;
  reviewSolos: JudgePrefs['reviewSolos'];
}

export function judgeView(program: Program, judgeId: string, choices: JudgeChoices): JudgeView {
  const prefs = program.judges.get(judgeId);
  return {
    sort: choices.sort ?? prefs?.sort ?? 'back',
    show: choices.showAssignments ?? prefs?.showAssignments ?? 'first',
    present: choices.present ?? prefs?.present ?? true,
    reviewSolos: prefs?.reviewSolos ?? 'All',
  };
}

function search(layout: Layout, at?: string): string {
  const params = new URLSearchParams();
  if (layout === 'cards') params.set('style', 'cards');
  if (at) params.set('at', at);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A heat page, relative to the judge's screens. */
export function stopPath(stop: { heat: ScoredHeat; slot?: number | undefined }, layout: Layout): string {
  return `/heat/${stop.heat.view.label}${stop.slot ? `/${stop.slot}` : ''}${search(layout)}`;
}

/** The heat list, scrolled to a heat. */
export function listPath(layout: Layout, at?: string): string {
  return `/${search(layout, at)}`;
}

/** The first page of a heat: slot 1 of a multi-dance. */
export function firstStop(heat: ScoredHeat): { heat: ScoredHeat; slot?: number } {
  return heat.slots > 0 ? { heat, slot: 1 } : { heat };
}

export function layoutOf(params: URLSearchParams): Layout {
  return params.get('style') === 'cards' ? 'cards' : 'radio';
}
