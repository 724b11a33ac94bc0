import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyMarks,
  applyProgramPlan,
  clearMark,
  databaseReferences,
  heatScoreKey,
  type ImportPlan,
  mapShowcase,
  planImport,
  putMark,
  putRecord,
  readMarks,
  readMarksAndCleared,
  readProgram,
  type Score,
  type ShowcaseImport,
  type ShowcaseRow,
  type ShowcaseRows,
  writeProgram,
} from '../src/index.ts';

/** A small Showcase database as rows by table: one studio, three people, two entries, three heats. */
function source(edit: (tables: Record<string, ShowcaseRow[]>) => void = () => {}): ShowcaseImport {
  const at = '2026-03-14 10:00:00.000000';
  const tables: Record<string, ShowcaseRow[]> = {
    events: [{ id: 1, name: 'Spring', open_scoring: '1' }],
    studios: [
      { id: 0, name: 'Event Staff' },
      { id: 1, name: 'Boston' },
    ],
    levels: [{ id: 1, name: 'Full Bronze' }],
    people: [
      { id: 1, name: 'Murray, Arthur', type: 'Professional', studio_id: 1, back: 101 },
      { id: 2, name: 'Smith, Jane', type: 'Student', studio_id: 1, level_id: 1 },
      { id: 3, name: 'Sheindlin, Judy', type: 'Judge', studio_id: 0 },
      { id: 4, name: 'Doe, John', type: 'Student', studio_id: 1, level_id: 1 },
    ],
    dances: [
      { id: 1, name: 'Waltz', order: 1 },
      { id: 2, name: 'Tango', order: 2 },
    ],
    entries: [{ id: 1, lead_id: 1, follow_id: 2, level_id: 1 }],
    heats: [
      { id: 1, number: 1, category: 'Closed', dance_id: 1, entry_id: 1 },
      { id: 2, number: 2, category: 'Closed', dance_id: 2, entry_id: 1 },
    ],
    songs: [{ id: 1, dance_id: 1, title: 'Moon River', order: 1 }],
    scores: [
      { id: 1, judge_id: 3, heat_id: 1, value: '1', updated_at: at },
      { id: 2, judge_id: 3, heat_id: 2, value: '2', updated_at: at },
    ],
  };
  edit(tables);
  const rows = new Map<string, ShowcaseRows>(
    Object.entries(tables).map(([name, list]) => [name, list.map((row) => [String(row.id), row] as const)]),
  );
  const { data, problems } = mapShowcase(rows, databaseReferences(rows));
  expect(problems).toEqual([]);
  return data;
}

const JUDGE = 'person-3';
const at = (iso: string) => Date.parse(iso);

/** An event's two documents, and the plan of an import into them. */
function event() {
  const program = new Y.Doc();
  const scores = new Y.Doc();
  const plan = (incoming: ShowcaseImport, base?: ShowcaseImport): ImportPlan =>
    planImport({
      incoming,
      base,
      current: readProgram(program),
      currentMarks: () => readMarksAndCleared(scores),
    });
  const apply = (p: ImportPlan) => {
    applyProgramPlan(program, p);
    applyMarks(scores, p.marks[JUDGE] ?? []);
  };
  return { program, scores, plan, apply };
}

describe('planImport', () => {
  it('adds everything on a first import, and nothing when the same source comes again', () => {
    const e = event();
    const first = source();
    const plan = e.plan(first);
    expect(plan.changes.collections.people).toEqual({ added: 4, changed: 0, removed: 0, unchanged: 0 });
    expect(plan.changes.collections.heats?.added).toBe(2);
    expect(plan.changes.marks).toMatchObject({ added: 2, updated: 0, keptNewer: 0, unchanged: 0 });
    expect(plan.changes.settings).toContainEqual({ key: 'name', from: 'Showcase', to: 'Spring' });
    e.apply(plan);
    expect(readProgram(e.program).people.get('person-1')).toMatchObject({ name: 'Murray, Arthur', back: 101 });

    const again = e.plan(source(), first);
    expect(again.puts).toEqual([]);
    expect(again.removes).toEqual([]);
    expect(again.settings).toEqual({});
    expect(again.marks).toEqual({});
    expect(again.changes.marks.unchanged).toBe(2);
  });

  it('applies only what changed in the source, and keeps what was edited in ondeck', () => {
    const e = event();
    const first = source();
    e.apply(e.plan(first));
    // In ondeck: the organiser renames Doe and moves heat 2.
    putRecord(e.program, 'people', { id: 'person-4', name: 'Doe, Johnny', type: 'Student', studioId: 'studio-1' });
    putRecord(e.program, 'heats', {
      id: 'heat-2',
      number: 3,
      category: 'Closed',
      danceId: 'dance-2',
      entryId: 'entry-1',
    });

    // In Showcase: a changed person, a scratched heat, a new entry with its heat, a removed song.
    const edited = source((t) => {
      (t.people?.[1] as ShowcaseRow).name = 'Smith-Jones, Jane';
      (t.heats?.[0] as ShowcaseRow).number = -1;
      t.entries?.push({ id: 2, lead_id: 1, follow_id: 4, level_id: 1 });
      t.heats?.push({ id: 3, number: 0, category: 'Open', dance_id: 1, entry_id: 2 });
      t.songs = [];
    });
    const plan = e.plan(edited, first);
    expect(plan.changes.records.map((r) => [r.collection, r.id, r.change])).toEqual([
      ['people', 'person-2', 'changed'],
      ['entries', 'entry-2', 'added'],
      ['heats', 'heat-1', 'changed'],
      ['heats', 'heat-3', 'added'],
      ['songs', 'song-1', 'removed'],
    ]);
    expect(plan.changes.records[0]?.fields).toEqual(['name']);
    expect(plan.changes.records[0]?.label).toBe('Jane Smith-Jones');
    e.apply(plan);
    const program = readProgram(e.program);
    expect(program.people.get('person-2')?.name).toBe('Smith-Jones, Jane');
    expect(program.people.get('person-4')?.name).toBe('Doe, Johnny');
    expect(program.heats.get('heat-1')?.number).toBe(-1);
    expect(program.heats.get('heat-2')?.number).toBe(3);
    expect(program.heats.get('heat-3')).toMatchObject({ number: 0, entryId: 'entry-2' });
    expect(program.songs.has('song-1')).toBe(false);
  });

  it('never loses a mark entered in ondeck, nor lets an older one overwrite it', () => {
    const e = event();
    const first = source();
    e.apply(e.plan(first));
    // A judge changes heat 1 on a tablet after the Showcase mark, and clears heat 2.
    putMark(e.scores, { heatId: 'heat-1', value: 'F', updatedAt: at('2026-03-14T11:00:00Z') });
    clearMark(e.scores, heatScoreKey('heat-2'));

    const older = source((t) => {
      // Showcase changed heat 1 too, but earlier than the tablet; heat 2 is unchanged there.
      (t.scores?.[0] as ShowcaseRow).value = '3';
      (t.scores?.[0] as ShowcaseRow).updated_at = '2026-03-14 10:30:00';
    });
    const plan = e.plan(older, first);
    expect(plan.changes.marks).toMatchObject({ added: 0, updated: 0, keptNewer: 1, unchanged: 1 });
    e.apply(plan);
    expect(readMarks(e.scores).get(heatScoreKey('heat-1'))?.value).toBe('F');
    expect(readMarks(e.scores).has(heatScoreKey('heat-2'))).toBe(false);

    const newer = source((t) => {
      (t.scores?.[0] as ShowcaseRow).value = '2';
      (t.scores?.[0] as ShowcaseRow).updated_at = '2026-03-14 12:00:00';
      t.scores?.push({ id: 3, judge_id: 3, heat_id: 2, slot: 2, good: 'FW T', updated_at: '2026-03-14 12:00:00' });
    });
    const later = e.plan(newer, first);
    expect(later.changes.marks).toMatchObject({ added: 1, updated: 1, keptNewer: 0 });
    e.apply(later);
    const marks = readMarks(e.scores);
    expect(marks.get(heatScoreKey('heat-1'))).toEqual({
      heatId: 'heat-1',
      value: '2',
      updatedAt: at('2026-03-14T12:00:00Z'),
    });
    expect(marks.get(heatScoreKey('heat-2', 2))?.good).toBe('FW T');
  });

  it('keeps uploaded music when a source brings none, and takes the music a source brings', () => {
    const e = event();
    const first = source();
    e.apply(e.plan(first));
    const song = readProgram(e.program).songs.get('song-1');
    putRecord(e.program, 'songs', { ...(song as NonNullable<typeof song>), songFile: 'a'.repeat(64) });

    const renamed = source((t) => {
      (t.songs?.[0] as ShowcaseRow).title = 'Moon River (edit)';
    });
    e.apply(e.plan(renamed, first));
    expect(readProgram(e.program).songs.get('song-1')).toMatchObject({
      title: 'Moon River (edit)',
      songFile: 'a'.repeat(64),
    });

    const withMusic = source((t) => {
      (t.songs?.[0] as ShowcaseRow).title = 'Moon River (edit)';
    });
    withMusic.songs = withMusic.songs?.map((s) => ({ ...s, songFile: 'b'.repeat(64) }));
    const plan = e.plan(withMusic, renamed);
    expect(plan.changes.records).toEqual([
      { collection: 'songs', id: 'song-1', change: 'changed', label: 'Moon River (edit)', fields: ['songFile'] },
    ]);
    e.apply(plan);
    expect(readProgram(e.program).songs.get('song-1')?.songFile).toBe('b'.repeat(64));
  });

  it('compares with the event itself when there is no earlier import', () => {
    const e = event();
    const data = source();
    writeProgram(e.program, data);
    for (const mark of data.scoresByJudge[JUDGE] as Score[]) putMark(e.scores, mark);
    const plan = e.plan(source());
    expect(plan.puts).toEqual([]);
    expect(plan.changes.marks.unchanged).toBe(2);
  });
});
