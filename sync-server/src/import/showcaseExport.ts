import {
  type Assignment,
  hasContent,
  parseScoreKey,
  railsTime,
  type Score,
  type ShowcaseScoreRow,
  showcaseRowId,
  showcaseScoreRow,
  showcaseTime,
} from '@ondeck/shared';
import type Database from 'better-sqlite3';
import { ApiErrors } from '../errors.ts';

export interface ExportCounts {
  /** Rows whose mark changed (or that were filled in), rows added, rows emptied, rows deleted. */
  updated: number;
  inserted: number;
  cleared: number;
  deleted: number;
  unchanged: number;
  /** Marks with no Showcase row to go to, with why. */
  skipped: string[];
}

type Row = {
  id: number;
  value: string | null;
  good: string | null;
  bad: string | null;
  comments: string | null;
  updated_at: string;
};

/**
 * Writes an event's marks into a Showcase database (a copy of the one it was imported from),
 * as Showcase itself stores them (DOMAIN.md §2 scores): one row per judge, heat and slot
 * (category scores per judge, category and student), found or created; a mark cleared in
 * ondeck empties its row — kept empty as an assignment when the event assigns judges,
 * deleted otherwise — and assignments follow the event's. A row whose mark did not change
 * keeps its own timestamps, so Showcase sees only what happened in ondeck.
 */
export function writeMarksToShowcase(
  db: Database.Database,
  input: {
    marksByJudge: ReadonlyMap<string, ReadonlyMap<string, Score | null>>;
    assignments: ReadonlyMap<string, Assignment>;
    assignJudges: boolean;
  },
): ExportCounts {
  const columns = new Set((db.pragma('table_info(scores)') as Array<{ name: string }>).map((c) => c.name));
  if (columns.size === 0)
    throw new ApiErrors.NOT_A_SHOWCASE_DATABASE(
      'The stored Showcase database has no scores table to write marks into.',
    );
  const has = (column: string) => columns.has(column);
  const counts: ExportCounts = { updated: 0, inserted: 0, cleared: 0, deleted: 0, unchanged: 0, skipped: [] };
  const content = ['value', 'good', 'bad', 'comments'].filter(has);
  const select = `SELECT id, ${content.join(', ')}${has('updated_at') ? ', updated_at' : ''} FROM scores`;
  const findHeat = db.prepare(`${select} WHERE judge_id = ? AND heat_id = ? AND slot IS ? ORDER BY id DESC`);
  const findCategory = has('person_id')
    ? db.prepare(`${select} WHERE judge_id = ? AND heat_id = ? AND person_id = ? ORDER BY id DESC`)
    : null;
  const update = db.prepare(
    `UPDATE scores SET ${content.map((c) => `${c} = @${c}`).join(', ')}${has('updated_at') ? ', updated_at = @updated_at' : ''} WHERE id = @id`,
  );
  const insertColumns = ['judge_id', 'heat_id', 'slot', 'person_id', ...content, 'created_at', 'updated_at'].filter(
    has,
  );
  const insert = db.prepare(
    `INSERT INTO scores (${insertColumns.join(', ')}) VALUES (${insertColumns.map((c) => `@${c}`).join(', ')})`,
  );
  const remove = db.prepare('DELETE FROM scores WHERE id = ?');
  const emptyRows = db.prepare(
    `SELECT id, judge_id, heat_id FROM scores WHERE ${content.map((c) => `${c} IS NULL`).join(' AND ')} AND heat_id > 0`,
  );

  const existing = (row: Pick<ShowcaseScoreRow, 'judge_id' | 'heat_id' | 'slot' | 'person_id'>): Row | undefined =>
    (row.heat_id < 0
      ? findCategory?.get(row.judge_id, row.heat_id, row.person_id)
      : findHeat.get(row.judge_id, row.heat_id, row.slot)) as Row | undefined;
  const sameContent = (a: Row, b: ShowcaseScoreRow) =>
    content.every((c) => (a as Record<string, unknown>)[c] === (b as unknown as Record<string, unknown>)[c]);

  const emptied = new Set<number>();
  db.transaction(() => {
    for (const [judgeId, marks] of input.marksByJudge) {
      for (const [key, mark] of marks) {
        if (mark && hasContent(mark)) {
          const row = showcaseScoreRow(judgeId, mark);
          if ('skipped' in row) {
            counts.skipped.push(row.skipped);
            continue;
          }
          const found = existing(row);
          if (!found) {
            insert.run({ ...row, created_at: row.updated_at });
            counts.inserted++;
          } else if (sameContent(found, row) && (showcaseTime(found.updated_at) ?? 0) >= mark.updatedAt) {
            counts.unchanged++;
          } else {
            update.run({ ...row, id: found.id });
            counts.updated++;
          }
          continue;
        }
        // Cleared in ondeck: the row Showcase has for it loses its mark.
        const target = parseScoreKey(key);
        const judge = showcaseRowId('people', judgeId);
        if (!target || judge === undefined) continue;
        let probe: Pick<ShowcaseScoreRow, 'judge_id' | 'heat_id' | 'slot' | 'person_id'> | null = null;
        if ('heatId' in target) {
          const heat = showcaseRowId('heats', target.heatId);
          if (heat !== undefined)
            probe = { judge_id: judge, heat_id: heat, slot: target.slot ?? null, person_id: null };
        } else {
          const category = showcaseRowId('categories', target.categoryId);
          const person = showcaseRowId('people', target.personId);
          if (category !== undefined && person !== undefined)
            probe = { judge_id: judge, heat_id: -category, slot: null, person_id: person };
        }
        const found = probe && existing(probe);
        if (!found || content.every((c) => (found as Record<string, unknown>)[c] === null)) continue;
        if (input.assignJudges && probe && probe.heat_id > 0) {
          update.run({
            ...Object.fromEntries(content.map((c) => [c, null])),
            updated_at: railsTime(Date.now()),
            id: found.id,
          });
          emptied.add(found.id);
          counts.cleared++;
        } else {
          remove.run(found.id);
          counts.deleted++;
        }
      }
    }
    // Assignments (empty rows) follow the event's: gone in ondeck → deleted, new in ondeck → added.
    const wanted = new Set<string>();
    for (const assignment of input.assignments.values()) {
      const judge = showcaseRowId('people', assignment.judgeId);
      const heat = showcaseRowId('heats', assignment.heatId);
      if (judge === undefined || heat === undefined) continue;
      wanted.add(`${judge}/${heat}`);
      if (showcaseRowId('scores', assignment.id) !== undefined) continue;
      if (findHeat.get(judge, heat, null)) continue;
      const at = railsTime(Date.now());
      insert.run({
        judge_id: judge,
        heat_id: heat,
        slot: null,
        person_id: null,
        ...Object.fromEntries(content.map((c) => [c, null])),
        created_at: at,
        updated_at: at,
      });
      counts.inserted++;
    }
    for (const row of emptyRows.all() as Array<{ id: number; judge_id: number; heat_id: number }>) {
      if (
        emptied.has(row.id) ||
        input.assignments.has(`assign-${row.id}`) ||
        wanted.has(`${row.judge_id}/${row.heat_id}`)
      )
        continue;
      remove.run(row.id);
      counts.deleted++;
    }
  })();
  return counts;
}
