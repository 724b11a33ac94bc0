import { groupBy } from '../collections/groupBy.ts';
import type { Program } from '../docs/program.ts';
import type { BallroomLetter, Heat, HeatCategory, ScaleCode, Solo } from '../model/types.ts';
import { type AgendaHeading, agendaHeading, agendaPlace, extensionsByCategory } from './agenda.ts';
import { heatBallroom } from './ballrooms.ts';
import { type CoupleView, coupleView, type DancerView, dancerView } from './couples.ts';
import { multiDanceSlots } from './multiDances.ts';

/** One couple's entry in a heat. */
export interface HeatEntryView {
  heat: Heat;
  couple: CoupleView;
  /** Negative heat number: kept on the list, struck through. */
  scratched: boolean;
  ballroom?: BallroomLetter;
  /** For a solo: the solo, its on-floor formation members and its music. */
  solo?: Solo & { formation: DancerView[] };
}

/** Everything on the floor under one heat number. */
export interface HeatNumberView {
  number: number;
  /** "12", or "45.1" for a packed split. */
  label: string;
  kind: HeatCategory;
  /** "Closed Waltz", "Waltz / Tango" for a combination solo, "All Around Smooth" for a multi. */
  dance: string;
  danceId: string;
  /** Multi-dances: the dance of each slot. */
  slots?: string[];
  heading?: AgendaHeading;
  /** The agenda item's own scale, overriding the event's for this kind (read by `heatScale`). */
  scoring?: ScaleCode;
  /** Every entry on the floor, scratched ones included, ordered by ballroom then back number. */
  entries: HeatEntryView[];
  /** Entries still dancing. */
  onFloor: number;
  ballrooms: BallroomLetter[];
}

export function heatLabel(number: number): string {
  return Number.isInteger(number) ? String(number) : String(Number(number.toFixed(2)));
}

function danceLabel(program: Program, heat: Heat, solo: Solo | undefined): string {
  const name = program.dances.get(heat.danceId)?.name ?? 'Unknown dance';
  if (heat.category === 'Solo') {
    const combo = solo?.comboDanceId ? program.dances.get(solo.comboDanceId)?.name : undefined;
    return combo ? `${name} / ${combo}` : name;
  }
  if (heat.category === 'Multi') return name;
  // With Open and Closed combined on the floor the prefix means nothing (DOMAIN.md §3.1).
  return program.settings.combineOpenClosed ? name : `${heat.category} ${name}`;
}

/**
 * The schedule as heat numbers: every heat number in order — scheduled (≥ 1) and, with
 * `includeScratched`, those whose every heat was scratched — each with its couples, dance
 * and agenda heading. Scratched heats (negative numbers) are shown under their positive
 * number, struck through. Unscheduled heats (0) are left out.
 */
export function heatNumbers(program: Program): HeatNumberView[] {
  const extensions = extensionsByCategory(program);
  const solosByHeat = new Map<string, Solo>();
  for (const solo of program.solos.values()) solosByHeat.set(solo.heatId, solo);
  const formations = new Map<string, DancerView[]>();
  for (const f of program.formations.values()) {
    if (!f.onFloor) continue;
    const person = program.people.get(f.personId);
    if (!person) continue;
    const list = formations.get(f.soloId) ?? [];
    list.push(dancerView(program, person, person.id));
    formations.set(f.soloId, list);
  }
  const coupleCache = new Map<string, CoupleView>();
  const scheduled = [...program.heats.values()].filter((heat) => heat.number !== 0);
  const byNumber = groupBy(scheduled, (heat) => Math.abs(heat.number));
  const out: HeatNumberView[] = [];
  for (const number of [...byNumber.keys()].sort((a, b) => a - b)) {
    const heats = byNumber.get(number) as Heat[];
    const entries: HeatEntryView[] = heats.map((heat) => {
      let couple = coupleCache.get(heat.entryId);
      if (!couple) {
        const entry = program.entries.get(heat.entryId);
        couple = entry ? coupleView(program, entry) : unknownCouple(heat.entryId);
        coupleCache.set(heat.entryId, couple);
      }
      const solo = solosByHeat.get(heat.id);
      const ballroom = heatBallroom(program, heat, program.entries.get(heat.entryId), () =>
        agendaPlace(program, heat, solo, extensions),
      );
      return {
        heat,
        couple,
        scratched: heat.number < 0,
        ...(ballroom ? { ballroom } : {}),
        ...(solo ? { solo: { ...solo, formation: formations.get(solo.id) ?? [] } } : {}),
      };
    });
    entries.sort(
      (a, b) =>
        (a.ballroom ?? '').localeCompare(b.ballroom ?? '') ||
        (a.couple.back ?? Number.MAX_SAFE_INTEGER) - (b.couple.back ?? Number.MAX_SAFE_INTEGER) ||
        a.couple.names.localeCompare(b.couple.names),
    );
    const first = (entries.find((e) => !e.scratched) ?? entries[0]) as HeatEntryView;
    const dance = program.dances.get(first.heat.danceId);
    const place = agendaPlace(program, first.heat, first.solo, extensions);
    const heading = agendaHeading(place);
    const scoring = place?.category.scoring;
    out.push({
      number,
      label: heatLabel(number),
      kind: first.heat.category,
      dance: danceLabel(program, first.heat, first.solo),
      danceId: first.heat.danceId,
      ...(first.heat.category === 'Multi' && dance ? { slots: multiDanceSlots(program, dance) } : {}),
      ...(heading ? { heading } : {}),
      ...(scoring ? { scoring } : {}),
      entries,
      onFloor: entries.filter((e) => !e.scratched).length,
      ballrooms: [...new Set(entries.flatMap((e) => (e.ballroom ? [e.ballroom] : [])))].sort(),
    });
  }
  return out;
}

function unknownCouple(entryId: string): CoupleView {
  const nobody = { id: '', name: '' };
  return {
    entryId,
    lead: nobody,
    follow: nobody,
    names: 'Unknown entry',
    studio: '',
    category: '',
    levelOrder: 0,
    subjectId: '',
    personIds: [],
  };
}
