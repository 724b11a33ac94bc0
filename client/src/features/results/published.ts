import {
  competitionTable,
  entryTables,
  type PublishedResult,
  type ResultsEngine,
  type ResultTable,
  studentTables,
  studioTables,
} from '@ondeck/shared';

/** What the organiser can publish for everyone. */
export const SECTIONS = [
  { id: 'level', label: 'Top scores by level (award list)' },
  { id: 'age', label: 'Top scores by age (award list)' },
  { id: 'studio', label: 'Studio totals' },
  { id: 'multis', label: 'Multi-dance results, with scrutineered finals' },
  { id: 'pros', label: 'Pro scores' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

function tablesOf(engine: ResultsEngine, section: SectionId): ResultTable[] {
  const { settings } = engine.program;
  switch (section) {
    case 'level':
      return studentTables(engine.byLevel(), settings, false);
    case 'age':
      return studentTables(engine.byAge(), settings, false);
    case 'studio':
      return studioTables(engine.byStudio(), settings).filter((t) => t.title === 'Total');
    case 'multis':
      return [
        ...engine
          .competitions()
          .filter((c) => c.final.result)
          .map(competitionTable),
        ...entryTables(engine.multis(), settings, 'Multi-dance'),
      ];
    case 'pros':
      return entryTables(engine.pros(), settings, 'Pro scores');
  }
}

/** The chosen sections as program records, in order, stamped `now`. */
export function publishedTables(engine: ResultsEngine, sections: readonly SectionId[], now: number): PublishedResult[] {
  return SECTIONS.filter((s) => sections.includes(s.id))
    .flatMap((s) => tablesOf(engine, s.id))
    .filter((table) => table.rows.length > 0)
    .map((table, order) => ({
      id: `res-${table.id}`.slice(0, 64),
      order,
      section: table.section,
      title: table.title,
      ...(table.note ? { note: table.note } : {}),
      columns: table.columns,
      rows: table.rows,
      publishedAt: now,
    }));
}
