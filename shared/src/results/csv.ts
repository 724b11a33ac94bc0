/**
 * CSV for spreadsheets (RFC 4180): every cell quoted when it needs to be, lines ended with
 * CRLF. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 * an apostrophe: names and comments are typed by people, and a spreadsheet would run such a
 * cell as a formula.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
