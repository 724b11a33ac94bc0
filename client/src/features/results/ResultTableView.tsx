import type { ResultTable } from '@ondeck/shared';

/** A results table as text, the way it prints and publishes; numbers right-aligned. */
export function ResultTableView({ table, caption = true }: { table: ResultTable; caption?: boolean }) {
  const numeric = table.columns.map(
    (_, i) => table.rows.length > 0 && table.rows.every((row) => /^[\d.–-]*$/.test(row[i] ?? '')),
  );
  return (
    // A wide table scrolls sideways on a phone: the keyboard must reach it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keys can scroll it (WCAG 2.1.1)
    <section className="rs-scroll" tabIndex={0} aria-label={table.title}>
      <table className="rs-table" data-testid={`table-${table.id}`}>
        {caption ? (
          <caption>
            {table.title}
            {table.note ? <span className="rs-note">{table.note}</span> : null}
          </caption>
        ) : null}
        <thead>
          <tr>
            {table.columns.map((column, i) => (
              <th key={column} scope="col" className={numeric[i] ? 'rs-num' : 'rs-text'}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={table.columns.length} className="muted">
                Nothing marked yet.
              </td>
            </tr>
          ) : (
            table.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are text lines of a table, in their order
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={table.columns[i]} className={numeric[i] ? 'rs-num' : 'rs-text'}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
