/**
 * Something an import found wrong with its input. An error keeps the import from being
 * committed (the event stays as it was); a warning says what was left out or assumed.
 */
export interface ImportProblem {
  severity: 'error' | 'warning';
  /** The Showcase table (`heats`), `csv`, or `program` for how the records fit together. */
  table: string;
  /** The row: a Showcase id (a fixture's label), or a CSV line number. */
  row?: string;
  /** The column: a Showcase column (`entry_id`), or a CSV heading and its letter. */
  column?: string;
  message: string;
}

/** Whether any problem keeps the import from being committed. */
export function hasErrors(problems: readonly ImportProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/**
 * One line per problem: `heats row 12, entry_id: entry_id 40 is not a row of entries`, or for
 * a spreadsheet `line 3, Heat (A): "x" is not a heat number`.
 */
export function describeProblem(problem: ImportProblem): string {
  const where =
    problem.table === 'csv'
      ? problem.row === undefined
        ? 'the file'
        : `line ${problem.row}`
      : problem.row === undefined
        ? problem.table
        : `${problem.table} row ${problem.row}`;
  return `${where}${problem.column === undefined ? '' : `, ${problem.column}`}: ${problem.message}`;
}
