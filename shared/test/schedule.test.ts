import { describe, expect, it } from 'vitest';
import { heatNumbers, multiDanceSlots, songsByHeatNumber } from '../src/index.ts';
import { generateEvent } from '../src/testkit.ts';
import { asProgram, showcaseProgram } from './support/showcase.ts';

describe('the schedule as heat numbers (reference showcase)', () => {
  const program = showcaseProgram();
  const schedule = heatNumbers(program);
  const at = (n: number) => schedule.find((h) => h.number === n);

  it('lists scheduled heat numbers in order and leaves unscheduled ones out', () => {
    expect(schedule.map((h) => h.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('labels dances by kind, solos with their combination dance, multis with their slots', () => {
    expect(at(1)?.dance).toBe('Closed Waltz');
    expect(at(5)?.dance).toBe('Open Tango');
    expect(at(2)?.dance).toBe('Waltz / Tango');
    expect(at(4)?.dance).toBe('All Around Smooth');
    expect(at(4)?.slots).toEqual(['Waltz', 'Tango']);
  });

  it('shows couples with back number, names, studio and category', () => {
    const [couple] = at(1)?.entries ?? [];
    expect(couple?.couple).toMatchObject({ back: 1, names: 'Arthur Murray & Kathryn Murray' });
    expect(couple?.couple.category).toMatch(/^L - /);
    const amateur = at(7)?.entries[0]?.couple;
    expect(amateur?.names).toBe('Arthur Murray & Student One');
  });

  it('shows no back numbers when the event does not use them', () => {
    const without = heatNumbers({ ...program, settings: { ...program.settings, backnums: false } });
    const [entry] = without.find((h) => h.number === 1)?.entries ?? [];
    expect(entry?.couple.names).toBe('Arthur Murray & Kathryn Murray');
    expect(entry?.couple.back).toBeUndefined();
    expect(entry?.couple.lead.back).toBeUndefined();
  });

  it('puts heats under their agenda heading, with day and time', () => {
    expect(at(1)?.heading).toMatchObject({ name: 'Closed American Smooth', day: 'Friday', time: '10 a.m.' });
    expect(at(6)?.heading?.name).toBe('Closed American Rhythm');
    expect(at(4)?.heading?.name).toBe('All Arounds');
  });

  it('lists on-floor formation members of a solo', () => {
    expect(at(3)?.entries[0]?.solo?.formation.map((d) => d.name)).toEqual(['instructor One']);
  });
});

describe('the schedule of the large generated event', () => {
  const program = asProgram(generateEvent({ size: 'large' }));
  const schedule = heatNumbers(program);

  it('covers every heat row except the unscheduled ones', () => {
    const rows = schedule.reduce((n, h) => n + h.entries.length, 0);
    const unscheduled = [...program.heats.values()].filter((h) => h.number === 0).length;
    expect(rows).toBe(program.heats.size - unscheduled);
    expect(schedule.length).toBeGreaterThan(400);
  });

  it('strikes scratched heats through rather than dropping them', () => {
    const scratched = schedule.flatMap((h) => h.entries.filter((e) => e.scratched));
    expect(scratched.length).toBe([...program.heats.values()].filter((h) => h.number < 0).length);
    for (const view of schedule) expect(view.onFloor).toBe(view.entries.filter((e) => !e.scratched).length);
  });

  it('gives every heat number an agenda heading', () => {
    expect(schedule.filter((h) => !h.heading)).toEqual([]);
  });

  it('rotates each dance’s songs over its heat numbers', () => {
    const songs = songsByHeatNumber(program, schedule);
    const waltzId = [...program.dances.values()].find((d) => d.name === 'Waltz')?.id;
    const waltzes = schedule.filter((h) => h.kind !== 'Solo' && h.danceId === waltzId && h.onFloor > 0);
    expect(waltzes.length).toBeGreaterThan(3);
    const danceSongs = [...program.songs.values()].filter((s) => s.danceId === waltzId).length;
    const titles = waltzes.map((h) => songs.get(h.number)?.title);
    // Consecutive waltz heats get different songs, and the cycle repeats after every song played.
    expect(titles[0]).not.toBe(titles[1]);
    expect(titles[danceSongs]).toBe(titles[0]);
  });

  it('fills multi-dance slots from their components, split copies included', () => {
    const multis = schedule.filter((h) => h.kind === 'Multi');
    expect(multis.length).toBeGreaterThan(0);
    for (const view of multis) expect(view.slots?.every((s) => s !== "DJ's choice")).toBe(true);
    const copy = [...program.dances.values()].find((d) => d.order < 0);
    if (copy) expect(multiDanceSlots(program, copy).length).toBeGreaterThan(1);
  });
});
