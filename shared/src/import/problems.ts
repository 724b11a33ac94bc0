import type { ImportProblem } from '../protocol/importApi.ts';

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
