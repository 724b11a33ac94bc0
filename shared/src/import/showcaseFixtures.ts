import { parse } from 'yaml';
import { expandErb } from './erb.ts';
import {
  mapShowcase,
  type Reference,
  SHOWCASE_PREFIX,
  type ShowcaseImport,
  type ShowcaseImportOptions,
  type ShowcaseReferences,
  type ShowcaseRow,
  type ShowcaseRows,
  showcaseRecordId,
} from './showcase.ts';
import { NOT_IMPORTED } from './showcaseSchema.ts';

/** Tables that become ondeck data without ids of their own (settings, judge prefs, pairs). */
const KNOWN = new Set([...Object.keys(SHOWCASE_PREFIX), 'events', 'judges', 'studio_pairs']);

/**
 * Rails fixture references: `studio: one` by label, `studio_id: 0` by explicit id. A labelled
 * row without an id is `<prefix>-<label>`; a row with one is named as a database row would be.
 */
function fixtureReferences(tables: ReadonlyMap<string, ShowcaseRows>): ShowcaseReferences {
  const labels = new Map<string, Map<string, ShowcaseRow>>();
  const explicit = new Map<string, Set<number>>();
  for (const [name, rows] of tables) {
    labels.set(name, new Map(rows));
    explicit.set(name, new Set(rows.flatMap(([, row]) => (row.id === undefined ? [] : [Number(row.id)]))));
  }
  const idOf = (table: string, label: string, row: ShowcaseRow): string =>
    row.id === undefined
      ? `${SHOWCASE_PREFIX[table]}-${label.replace(/[^A-Za-z0-9_-]/g, '_')}`
      : showcaseRecordId(table, Number(row.id));
  return {
    idOf,
    find(row, association, table): Reference {
      const label = row[association];
      if (label !== undefined && label !== null) {
        const target = labels.get(table)?.get(String(label));
        if (!target)
          return { missing: `${association} "${String(label)}" is not a row of ${table}`, column: association };
        return { id: idOf(table, String(label), target) };
      }
      const column = `${association}_id`;
      const value = row[column];
      if (value === undefined || value === null || value === '') return { none: true };
      const n = Number(value);
      if (n === 0 && (table === 'studios' || table === 'people')) return { id: showcaseRecordId(table, 0) };
      if (!explicit.get(table)?.has(n)) return { missing: `${column} ${n} is not a row of ${table}`, column };
      return { id: showcaseRecordId(table, n) };
    },
  };
}

/**
 * The rows of rubys/showcase test fixtures (YAML texts keyed by table name: `people`, `heats`,
 * …) by label, with their ERB evaluated; tables ondeck does not import are dropped. Throws on
 * an unknown table.
 */
export function readShowcaseFixtures(files: Record<string, string>, now: Date): Map<string, ShowcaseRows> {
  const tables = new Map<string, ShowcaseRows>();
  for (const [name, text] of Object.entries(files)) {
    if (name in NOT_IMPORTED) continue;
    if (!KNOWN.has(name)) throw new Error(`unknown showcase table ${name}`);
    const parsed: unknown = parse(expandErb(text, now)) ?? {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${name}: expected rows by label`);
    tables.set(
      name,
      Object.entries(parsed as Record<string, ShowcaseRow | null>).map(([label, row]) => [label, row ?? {}] as const),
    );
  }
  return tables;
}

/**
 * Maps rubys/showcase test fixtures to ondeck program records and per-judge marks, exactly as
 * the same rows in a database would be (`mapShowcase`). Throws on a reference that does not
 * resolve, an unknown table, or a value outside the showcase domain: fixtures are test data
 * and must be right.
 */
export function importShowcaseFixtures(
  files: Record<string, string>,
  options: ShowcaseImportOptions = {},
): ShowcaseImport {
  const now = options.now ?? new Date();
  const tables = readShowcaseFixtures(files, now);
  const { data, problems } = mapShowcase(tables, fixtureReferences(tables), { now });
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.table}${p.row === undefined ? '' : `.${p.row}`}: ${p.message}`);
    throw new Error(`showcase fixtures do not fit together:\n${lines.join('\n')}`);
  }
  return data;
}
