import { type ResultTable, tableRows, toCsv } from '@ondeck/shared';

/** "grand-ballroom-showcase-by-level.csv": a file name from the event and the table. */
export function fileName(event: string, what: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${[slug(event), slug(what)].filter(Boolean).join('-') || 'results'}.csv`;
}

/**
 * Saves tables as one CSV file on this device (no network: the file is made here). Several
 * tables go one after the other, each under a line naming it.
 */
export function downloadCsv(name: string, tables: readonly ResultTable[]): void {
  const rows = tables.flatMap((table, i) => [
    ...(tables.length > 1 ? [[`${table.section}: ${table.title}`]] : []),
    ...tableRows(table),
    ...(i < tables.length - 1 ? [[]] : []),
  ]);
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
