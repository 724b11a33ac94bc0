import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COLLECTION_NAMES,
  type CollectionName,
  DEFAULT_SETTINGS,
  EVENT_STAFF_STUDIO_ID,
  encodeProgram,
  NOBODY_ID,
  type ProgramData,
  programProblems,
  readProgram,
} from '../src/index.ts';
import { importShowcaseFixtures } from '../src/testkit.ts';
import { showcaseFiles } from './support/showcase.ts';

const files = showcaseFiles;
/** Rows per fixture file: top-level labels. */
const rowCount = (table: string): number => (files[table]?.match(/^[A-Za-z0-9_]+:/gm) ?? []).length;

const now = new Date(2026, 10, 22, 12, 0);
const imported = importShowcaseFixtures(files, { now });
const all = <K extends keyof ProgramData>(name: K) => (imported[name] ?? []) as NonNullable<ProgramData[K]>;
const find = <K extends keyof ProgramData>(name: K, id: string) =>
  (all(name) as Array<{ id: string }>).find((r) => r.id === id);

describe('importShowcaseFixtures', () => {
  it('imports every row of every table', () => {
    const collections: Record<string, CollectionName> = {
      studios: 'studios',
      people: 'people',
      judges: 'judges',
      ages: 'ages',
      levels: 'levels',
      categories: 'categories',
      cat_extensions: 'catExtensions',
      dances: 'dances',
      multis: 'multis',
      entries: 'entries',
      heats: 'heats',
      solos: 'solos',
      formations: 'formations',
      songs: 'songs',
      feedbacks: 'feedbacks',
    };
    for (const [table, collection] of Object.entries(collections)) {
      expect(all(collection).length, table).toBe(rowCount(table));
      expect(rowCount(table), table).toBeGreaterThan(0);
    }
    const marks = Object.values(imported.scoresByJudge).flat();
    expect(marks.length + all('assignments').length).toBe(rowCount('scores'));
    // Recordings are voice notes (attachments) with no ondeck record; events become settings.
    expect(Object.keys(files).sort()).toEqual([...Object.keys(collections), 'events', 'recordings', 'scores'].sort());
  });

  it('resolves every reference, by label and by explicit id', () => {
    expect(programProblems(imported)).toEqual([]);
    expect(find('studios', EVENT_STAFF_STUDIO_ID)).toEqual({ id: EVENT_STAFF_STUDIO_ID, name: 'Event Staff' });
    expect(find('people', 'person-Judy')).toMatchObject({ type: 'Judge', studioId: EVENT_STAFF_STUDIO_ID });
    expect(find('people', 'person-Kathryn')).toMatchObject({
      name: 'Murray, Kathryn',
      studioId: 'studio-two',
      levelId: 'level-FS',
      ageId: 'age-C',
    });
    expect(find('entries', 'entry-one')).toEqual({
      id: 'entry-one',
      leadId: 'person-Arthur',
      followId: 'person-Kathryn',
      ageId: 'age-B',
      levelId: 'level-AS',
    });
    expect(all('judges')).toEqual([
      {
        id: 'person-Judy',
        present: true,
        ballroom: 'Both',
        sort: 'back',
        showAssignments: 'first',
        reviewSolos: 'All',
      },
    ]);
    const heatIds = new Set(all('heats').map((h) => h.id));
    for (const [judgeId, marks] of Object.entries(imported.scoresByJudge)) {
      expect(find('people', judgeId)).toBeDefined();
      for (const mark of marks) expect(heatIds.has(mark.heatId)).toBe(true);
    }
  });

  it('keeps the eight heats with their numbers, including unscheduled 0', () => {
    expect(
      all('heats')
        .map((h) => h.number)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(find('heats', 'heat-zero')).toMatchObject({ number: 0, category: 'Open', danceId: 'dance-waltz' });
    expect(find('heats', 'heat-five')).toMatchObject({ category: 'Multi', danceId: 'dance-aa_smooth' });
  });

  it('keeps the solo with its formation, and the combo dance', () => {
    expect(find('solos', 'solo-two')).toEqual({ id: 'solo-two', heatId: 'heat-four', order: 2 });
    expect(all('formations')).toEqual([
      { id: 'formation-one', soloId: 'solo-two', personId: 'person-instructor1', onFloor: true },
    ]);
    expect(find('solos', 'solo-one')).toMatchObject({ heatId: 'heat-three', comboDanceId: 'dance-tango' });
  });

  it('keeps the multi-dance with its child dances', () => {
    expect(find('dances', 'dance-aa_smooth')).toEqual({
      id: 'dance-aa_smooth',
      name: 'All Around Smooth',
      order: 5,
      heatLength: 2,
      multiCategoryId: 'cat-five',
    });
    const children = all('multis')
      .filter((m) => m.parentId === 'dance-aa_smooth')
      .map((m) => m.danceId);
    expect(children).toEqual(['dance-waltz', 'dance-tango']);
  });

  it('maps event settings, with the ERB date as today', () => {
    expect(imported.settings).toEqual({
      name: 'Showcase',
      location: 'Ballroom',
      date: '2026-11-22',
      combineOpenClosed: false,
      trackAges: true,
      openScoring: 'G',
      closedScoring: 'G',
    });
    const combined = importShowcaseFixtures({
      events: 'one:\n  heat_range_cat: 1\n  assign_judges: 1\n  solo_scoring: "4"',
    });
    expect(combined.settings).toEqual({ combineOpenClosed: true, assignJudges: true, soloScoring: '4' });
  });

  it('puts marks in per-judge lists, empty rows in assignments, category scores by category', () => {
    expect(imported.scoresByJudge).toEqual({
      'person-Judy': [
        { heatId: 'heat-one', value: 'G', updatedAt: now.getTime() },
        { heatId: 'heat-two', value: 'G', updatedAt: now.getTime() },
      ],
    });
    const result = importShowcaseFixtures(
      {
        ...files,
        scores: [
          'mark:\n  judge: Judy\n  heat: one\n  slot: 2\n  value: "1"\n  good: FW T\n  updated_at: 2026-03-14T10:00:00Z',
          'assigned:\n  judge: Judy\n  heat: two',
          'category:\n  judge: Judy\n  heat_id: -7\n  person: Kathryn\n  good: GH',
        ].join('\n'),
        categories: `${files.categories}\nexplicit:\n  id: 7\n  name: Newcomer Showcase\n  order: 7`,
      },
      { now },
    );
    expect(result.scoresByJudge['person-Judy']).toEqual([
      { heatId: 'heat-one', slot: 2, value: '1', good: 'FW T', updatedAt: Date.parse('2026-03-14T10:00:00Z') },
      { heatId: '', categoryId: 'cat-7', personId: 'person-Kathryn', value: 'GH', updatedAt: now.getTime() },
    ]);
    expect(result.assignments).toEqual([{ id: 'assign-assigned', judgeId: 'person-Judy', heatId: 'heat-two' }]);
  });

  it('adds the Nobody placeholder when an entry refers to person 0', () => {
    const result = importShowcaseFixtures({
      ...files,
      entries: `${files.entries}\nformation:\n  lead: Arthur\n  follow_id: 0\n  level: FS`,
    });
    expect(find('people', NOBODY_ID)).toBeUndefined();
    expect(result.people?.find((p) => p.id === NOBODY_ID)).toMatchObject({ type: 'Placeholder' });
    expect(result.entries?.find((e) => e.id === 'entry-formation')?.followId).toBe(NOBODY_ID);
  });

  it('refuses references that do not resolve and tables it does not know', () => {
    expect(() =>
      importShowcaseFixtures({ ...files, heats: 'bad:\n  number: 1\n  entry: nope\n  dance: waltz' }),
    ).toThrow(/heats\.bad: entry "nope" is not a row of entries/);
    expect(() =>
      importShowcaseFixtures({ ...files, people: 'x:\n  name: X\n  type: Student\n  studio_id: 42' }),
    ).toThrow(/studio_id 42/);
    expect(() => importShowcaseFixtures({ ...files, invoices: 'one:\n  amount: 1' })).toThrow(/unknown showcase table/);
  });

  it('round-trips exactly through a Yjs document', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeProgram(imported));
    const program = readProgram(doc);
    expect(program.settings).toEqual({ ...DEFAULT_SETTINGS, ...imported.settings });
    for (const name of COLLECTION_NAMES) {
      expect(program[name], name).toEqual(new Map(all(name).map((r) => [r.id, r])));
    }
    doc.destroy();
  });
});
