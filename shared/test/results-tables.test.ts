import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clearMark,
  competitionTable,
  heatScoreKey,
  observeMarks,
  putMark,
  ResultsEngine,
  type Score,
  studentTables,
  studioTables,
} from '../src/index.ts';
import { generateEvent, generateMarks } from '../src/testkit.ts';
import { asProgram } from './support/showcase.ts';

describe('a judge’s marks as they change', () => {
  it('tells a reader which marks changed, and which were cleared', () => {
    const doc = new Y.Doc();
    const seen: Array<Map<string, Score | undefined>> = [];
    const stop = observeMarks(doc, (changed) => seen.push(changed));
    const mark: Score = { heatId: 'h1', value: 'G', updatedAt: 1 };
    doc.transact(() => {
      putMark(doc, mark);
      putMark(doc, { heatId: 'h2', slot: 2, value: '1', updatedAt: 1 });
    });
    clearMark(doc, heatScoreKey('h1'));
    stop();
    putMark(doc, { heatId: 'h3', value: 'S', updatedAt: 1 });
    expect(seen.map((changes) => [...changes.keys()])).toEqual([['h/h1/0', 'h/h2/2'], ['h/h1/0']]);
    expect(seen[0]?.get('h/h1/0')).toEqual(mark);
    expect(seen[1]?.get('h/h1/0')).toBeUndefined();
  });
});

describe('results as tables (CSV, print, publishing)', () => {
  const program = asProgram(generateEvent({ size: 'large' }));
  const engine = new ResultsEngine(program);
  for (const [judge, scores] of generateMarks(program))
    engine.setMarks(judge, new Map(scores.map((s) => [heatScoreKey(s.heatId, s.slot), s])));

  it('lists the top scorers of each group of each level as the award list, everyone in the details', () => {
    const [awards] = studentTables(engine.byLevel(), program.settings, false);
    expect(awards?.columns).toEqual(['Level', 'Group', 'Top scorer', 'Studio', 'Points']);
    const summary = engine.byLevel();
    expect(awards?.rows[0]).toEqual([
      summary.bands[0]?.name,
      'Followers',
      summary.bands[0]?.top.Followers[0]?.names,
      summary.bands[0]?.top.Followers[0]?.studio,
      String(summary.bands[0]?.top.Followers[0]?.points),
    ]);
    const details = studentTables(summary, program.settings, true);
    expect(details).toHaveLength(summary.bands.length);
    // Places read as places, not as the overall mark "1": 1st, 2nd, 3rd, F.
    expect(details[0]?.columns.slice(3, 7)).toEqual(['1st', '2nd', '3rd', 'F']);
    expect(details[0]?.columns).toContain('Total');
  });

  it('gives studio totals with an average per mark', () => {
    const total = studioTables(engine.byStudio(), program.settings).at(-1);
    expect(total?.title).toBe('Total');
    expect(total?.columns.at(-1)).toBe('Average');
    expect(Number(total?.rows[0]?.at(-1))).toBeGreaterThan(0);
  });

  it('shows a final without published callbacks as not placed yet', () => {
    const result = engine.competitions().find((c) => c.competition.split.semiFinal);
    const table = competitionTable(result as NonNullable<typeof result>);
    expect(table.note).toBe('Not placed yet.');
    expect(table.rows).toEqual([]);
  });
});
