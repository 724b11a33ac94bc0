import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COLLECTION_NAMES,
  type Dance,
  DEFAULT_SETTINGS,
  EVENT_STAFF_STUDIO_ID,
  encodeProgram,
  type Heat,
  NOBODY_ID,
  type ProgramData,
  programProblems,
  readProgram,
  type ScaleCode,
} from '../src/index.ts';
import { generateEvent } from '../src/testkit.ts';

/** The slice of node:zlib used here; shared's types leave Node out so that src stays browser-safe. */
interface Zlib {
  gzipSync(data: Uint8Array, options: { level: number }): Uint8Array;
  brotliCompressSync(data: Uint8Array, options: { params: Record<number, number> }): Uint8Array;
  constants: { BROTLI_PARAM_QUALITY: number; BROTLI_PARAM_SIZE_HINT: number };
}

const started = performance.now();
const large = generateEvent({ size: 'large' });
const largeMs = performance.now() - started;
const demo = generateEvent({ size: 'demo' });

const all = <K extends keyof ProgramData>(data: ProgramData, name: K) =>
  (data[name] ?? []) as NonNullable<ProgramData[K]>;
const scheduled = (data: ProgramData): Heat[] => all(data, 'heats').filter((h) => h.number > 0);
const byId = <T extends { id: string }>(records: readonly T[]): Map<string, T> =>
  new Map(records.map((r) => [r.id, r]));

function heatsByNumber(data: ProgramData): Map<number, Heat[]> {
  const out = new Map<number, Heat[]>();
  for (const heat of scheduled(data)) out.set(heat.number, [...(out.get(heat.number) ?? []), heat]);
  return out;
}

/** People on the floor in a heat: lead and follow (not "Nobody"), plus on-floor formation members. */
function dancersOf(data: ProgramData, heat: Heat): string[] {
  const entry = byId(all(data, 'entries')).get(heat.entryId);
  const solo = all(data, 'solos').find((s) => s.heatId === heat.id);
  const members = all(data, 'formations').filter((f) => f.soloId === solo?.id && f.onFloor);
  return [entry?.leadId, entry?.followId, ...members.map((m) => m.personId)].filter(
    (id): id is string => id !== undefined && id !== NOBODY_ID,
  );
}

/** The agenda category of a heat (DOMAIN.md §2 dances): solo override, else the dance's category for the kind. */
function categoryOf(data: ProgramData, heat: Heat): string | undefined {
  const dance = byId(all(data, 'dances')).get(heat.danceId) as Dance;
  const solo = all(data, 'solos').find((s) => s.heatId === heat.id);
  if (solo?.categoryOverrideId) return solo.categoryOverrideId;
  return {
    Open: dance.openCategoryId,
    Closed: dance.closedCategoryId,
    Solo: dance.soloCategoryId,
    Multi: dance.multiCategoryId,
  }[heat.category];
}

/** The scale a judge uses for a heat: the agenda item's ondeck `scoring`, else the event's scale for the kind. */
function scaleOf(data: ProgramData, heat: Heat): string {
  const settings = { ...DEFAULT_SETTINGS, ...data.settings };
  const category = all(data, 'categories').find((c) => c.id === categoryOf(data, heat));
  if (heat.category === 'Solo') return `solo ${settings.soloScoring}`;
  if (category?.scoring) return category.scoring;
  const closed: ScaleCode = settings.closedScoring === '=' ? settings.openScoring : settings.closedScoring;
  return { Open: settings.openScoring, Closed: closed, Multi: settings.multiScoring }[heat.category];
}

describe('generateEvent', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    expect(generateEvent({ size: 'large', seed: 7 })).toEqual(generateEvent({ size: 'large', seed: 7 }));
    expect(generateEvent({ size: 'demo', seed: 7 })).toEqual(generateEvent({ size: 'demo', seed: 7 }));
    expect(generateEvent({ size: 'demo', seed: 8 }).heats).not.toEqual(generateEvent({ size: 'demo', seed: 7 }).heats);
  });

  it('sizes the large event like the largest real showcase', () => {
    const numbers = heatsByNumber(large);
    const people = all(large, 'people');
    expect(all(large, 'heats').length).toBeGreaterThan(4000);
    expect(all(large, 'heats').length).toBeLessThan(4700);
    expect(numbers.size).toBeGreaterThan(400);
    expect(numbers.size).toBeLessThan(500);
    expect(people.length).toBeGreaterThan(550);
    expect(people.length).toBeLessThan(650);
    expect(all(large, 'studios').filter((s) => s.id !== EVENT_STAFF_STUDIO_ID)).toHaveLength(40);
    expect(all(large, 'solos').length).toBe(200);
    expect(people.filter((p) => p.type === 'Judge')).toHaveLength(6);
    expect(all(large, 'judges')).toHaveLength(6);
    for (const type of ['DJ', 'Emcee', 'Organizer'] as const)
      expect(people.filter((p) => p.type === type)).toHaveLength(1);
  });

  it('takes the name option, and the sizes have their own names', () => {
    expect(generateEvent({ size: 'demo', name: 'Spring Fling' }).settings.name).toBe('Spring Fling');
    expect(demo.settings.name).toBe('ondeck Demo Showcase');
  });

  it.each([
    ['large', large],
    ['demo', demo],
  ])('%s: every id is a short record id and every reference resolves', (_, data) => {
    expect(programProblems(data)).toEqual([]);
    for (const name of COLLECTION_NAMES) {
      for (const record of all(data, name)) expect(record.id.length).toBeLessThanOrEqual(12);
    }
    expect(byId(all(data, 'people')).get(NOBODY_ID)?.type).toBe('Placeholder');
    expect(byId(all(data, 'studios')).get(EVENT_STAFF_STUDIO_ID)?.name).toBe('Event Staff');
  });

  it.each([
    ['large', large],
    ['demo', demo],
  ])('%s: no person dances twice in one heat number; back numbers are unique', (_, data) => {
    for (const [number, heats] of heatsByNumber(data)) {
      const dancers = heats.flatMap((h) => dancersOf(data, h));
      expect(new Set(dancers).size, `heat ${number}`).toBe(dancers.length);
    }
    const backs = all(data, 'people').flatMap((p) => (p.back === undefined ? [] : [p.back]));
    expect(new Set(backs).size).toBe(backs.length);
    for (const p of all(data, 'people').filter((p) => p.type === 'Professional')) expect(p.back).toBeDefined();
  });

  it.each([
    ['large', large],
    ['demo', demo],
  ])('%s: people follow the domain (names, staff, one professional per entry)', (_, data) => {
    const people = byId(all(data, 'people'));
    for (const p of people.values()) {
      if (p.id === NOBODY_ID) continue;
      expect(p.name).toMatch(/^[^,]+, [^,]+$/);
      expect(p.name).not.toMatch(/&| and /);
      if (!['Student', 'Professional'].includes(p.type)) expect(p.studioId).toBe(EVENT_STAFF_STUDIO_ID);
    }
    for (const e of all(data, 'entries')) {
      const pros = [e.leadId, e.followId, e.instructorId].filter((id) => id && people.get(id)?.type === 'Professional');
      expect(pros, e.id).toHaveLength(1);
    }
  });

  it('keeps heats within realistic bounds', () => {
    const settings = { ...DEFAULT_SETTINGS, ...large.settings };
    const categories = byId(all(large, 'categories'));
    const danceName = (id: string): string | undefined => byId(all(large, 'dances')).get(id)?.name;
    for (const [number, heats] of heatsByNumber(large)) {
      const first = heats[0] as Heat;
      if (first.category === 'Solo') {
        expect(heats, `heat ${number}`).toHaveLength(1);
        continue;
      }
      // One dance per heat number (packed championship splits share the dance's name).
      expect(new Set(heats.map((h) => danceName(h.danceId))).size, `heat ${number}`).toBe(1);
      const limit = categories.get(categoryOf(large, first) ?? '')?.maxHeatSize ?? settings.maxHeatSize;
      const perFloor = new Map<string, number>();
      for (const h of heats) {
        expect(h.ballroom, h.id).toMatch(/^[A-D]$/);
        perFloor.set(h.ballroom ?? '', (perFloor.get(h.ballroom ?? '') ?? 0) + 1);
      }
      for (const count of perFloor.values()) expect(count, `heat ${number}`).toBeLessThanOrEqual(limit);
    }
    const sizes = [...heatsByNumber(large).values()].filter((h) => h[0]?.category !== 'Solo').map((h) => h.length);
    const median = sizes.sort((a, b) => a - b)[sizes.length >> 1] ?? 0;
    expect(median).toBeGreaterThanOrEqual(8);
    expect(median).toBeLessThanOrEqual(24);
  });

  it('uses every scale in the large event, and a variety in the demo', () => {
    const scales = (data: ProgramData) => new Set(scheduled(data).map((h) => scaleOf(data, h)));
    expect([...scales(large)].sort()).toEqual(['#', '&', '+', '1', '@', 'G', 'solo 4']);
    expect([...scales(demo)].sort()).toEqual(['#', '&', '+', '1', '@', 'G', 'solo 1']);
    for (const h of scheduled(large).filter((h) => h.category === 'Multi'))
      expect(['1', 'G', '#']).toContain(scaleOf(large, h));
  });

  it('has scrutineered multi-dances with splits, a semi-final and packed splits', () => {
    const dances = all(large, 'dances');
    const children = (id: string) => all(large, 'multis').filter((m) => m.parentId === id);
    const championships = dances.filter((d) => d.semiFinals && d.order > 0);
    expect(championships.length).toBeGreaterThan(0);
    for (const d of championships) expect(children(d.id)).toHaveLength(d.heatLength ?? 0);
    for (const copy of dances.filter((d) => d.order < 0)) {
      expect(dances.some((d) => d.order > 0 && d.name === copy.name)).toBe(true);
    }
    expect(all(large, 'multiLevels').length).toBeGreaterThanOrEqual(4);
    const semiFinal = [...heatsByNumber(large).values()].some((heats) => {
      const perSplit = new Map<string, number>();
      for (const h of heats) perSplit.set(h.danceId, (perSplit.get(h.danceId) ?? 0) + 1);
      return [...perSplit].some(([id, n]) => n > 8 && dances.find((d) => d.id === id)?.semiFinals);
    });
    expect(semiFinal).toBe(true);
    const packed = [...heatsByNumber(large).values()].some((heats) => new Set(heats.map((h) => h.danceId)).size > 1);
    expect(packed).toBe(true);
    expect([...heatsByNumber(large).keys()].filter((n) => !Number.isInteger(n)).length).toBeGreaterThanOrEqual(2);
  });

  it('scratches some heats, leaves walk-ons unscheduled, and splits categories over two days', () => {
    for (const data of [large, demo]) {
      expect(all(data, 'heats').some((h) => h.number < 0)).toBe(true);
      expect(all(data, 'heats').some((h) => h.number === 0)).toBe(true);
      expect(new Set(all(data, 'categories').map((c) => c.day)).size).toBe(2);
      const orders = [...all(data, 'categories'), ...all(data, 'catExtensions')].map((c) => c.order);
      expect(new Set(orders).size).toBe(orders.length);
      for (const ext of all(data, 'catExtensions')) {
        const first = scheduled(data).find((h) => h.number === ext.startHeat);
        expect(first && categoryOf(data, first)).toBe(ext.categoryId);
        expect(all(data, 'categories').find((c) => c.id === ext.categoryId)?.split).toMatch(/^\d+$/);
      }
    }
    expect(all(large, 'catExtensions').length).toBeGreaterThanOrEqual(2);
  });

  it('gives solos music, combos and formations, and freestyle dances several songs', () => {
    const solos = all(large, 'solos');
    expect(solos.filter((s) => s.song && s.artist).length).toBeGreaterThan(150);
    expect(solos.some((s) => s.comboDanceId)).toBe(true);
    expect(solos.some((s) => s.categoryOverrideId)).toBe(true);
    expect(new Set(all(large, 'formations').map((f) => f.soloId)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(solos.map((s) => s.order)).size).toBe(solos.length);
    const songs = all(large, 'songs');
    expect(new Set(songs.map((s) => s.order)).size).toBe(songs.length);
    const perDance = new Map<string, number>();
    for (const s of songs) perDance.set(s.danceId, (perDance.get(s.danceId) ?? 0) + 1);
    for (const n of perDance.values()) expect(n).toBeGreaterThanOrEqual(2);
    expect(all(large, 'feedbacks').length).toBeGreaterThan(0);
  });

  it('sizes the demo for a person trying ondeck, with stable staff ids', () => {
    const people = byId(all(demo, 'people'));
    expect(people.size).toBeGreaterThanOrEqual(25);
    expect(people.size).toBeLessThanOrEqual(40);
    expect(all(demo, 'studios').filter((s) => s.id !== EVENT_STAFF_STUDIO_ID)).toHaveLength(4);
    expect(heatsByNumber(demo).size).toBeGreaterThanOrEqual(30);
    expect(heatsByNumber(demo).size).toBeLessThanOrEqual(50);
    expect(all(demo, 'solos').length).toBeGreaterThan(0);
    expect(scheduled(demo).some((h) => h.category === 'Multi')).toBe(true);
    expect(all(demo, 'songs').length).toBeGreaterThan(0);
    for (const [id, type] of [
      ['j1', 'Judge'],
      ['j2', 'Judge'],
      ['j3', 'Judge'],
      ['dj1', 'DJ'],
      ['mc1', 'Emcee'],
      ['org1', 'Organizer'],
    ] as const) {
      expect(people.get(id)?.type).toBe(type);
    }
    expect(all(demo, 'judges').map((j) => j.id)).toEqual(['j1', 'j2', 'j3']);
  });

  it.each([
    ['large', large],
    ['demo', demo],
  ])('%s: round-trips exactly through a Yjs document', (_, data) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeProgram(data));
    const program = readProgram(doc);
    expect(program.settings).toEqual({ ...DEFAULT_SETTINGS, ...data.settings });
    for (const name of COLLECTION_NAMES) {
      expect(program[name], name).toEqual(new Map(all(data, name).map((r) => [r.id, r])));
    }
    doc.destroy();
  });

  it('fits a new device’s first copy of the large event in the wire budget', async () => {
    const zlib = (await import('node:zlib' as string)) as Zlib;
    const raw = encodeProgram(large);
    const gzip = zlib.gzipSync(raw, { level: 9 }).length;
    const brotli = zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }).length;
    const numbers = heatsByNumber(large);
    console.log(
      JSON.stringify({
        heatRows: all(large, 'heats').length,
        heatNumbers: numbers.size,
        people: all(large, 'people').length,
        studios: all(large, 'studios').length,
        solos: all(large, 'solos').length,
        judges: all(large, 'judges').length,
        entries: all(large, 'entries').length,
        generateMs: Math.round(largeMs),
        bytes: { raw: raw.length, gzip, brotli },
      }),
    );
    expect(brotli).toBeLessThan(90_000);
    expect(gzip).toBeLessThan(100_000);
  });
});
