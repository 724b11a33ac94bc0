/**
 * Reading and writing CSV (RFC 4180) as spreadsheets save it: quoted fields with doubled quotes
 * and line breaks inside, CRLF or LF, and the separator a spreadsheet's locale chose (`,`, `;`
 * or a tab, read off the heading line).
 */

/** A record of the file with the line it starts on (1-based), for messages people can follow. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Where the first byte that is not UTF-8 is, or -1 when all of them are. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The text of a CSV file saved as UTF-8 (with or without Excel's byte-order mark). Anything
 * else is refused with the line it goes wrong on: reading Windows-1252 as UTF-8 would turn
 * "José" into "Jos�" in every heat list.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new CsvError(
      1,
      'the file is UTF-16 text (Excel’s “Unicode Text”); save the sheet as “CSV UTF-8 (comma delimited)” instead',
    );
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const nul = body.indexOf(0);
  if (nul >= 0) throw new CsvError(lineAt(body, nul), 'the file holds binary data (a zero byte): it is not a CSV file');
  const bad = firstInvalidUtf8(body);
  if (bad >= 0)
    throw new CsvError(
      lineAt(body, bad),
      `byte 0x${(body[bad] as number).toString(16).toUpperCase().padStart(2, '0')} is not UTF-8: the file was saved in another encoding (Windows-1252 or Latin-1?); save the sheet as “CSV UTF-8 (comma delimited)”`,
    );
  return new TextDecoder('utf-8').decode(body);
}

/** The separator of the heading line: the one of `,` `;` tab it uses most, outside quotes. */
function separatorOf(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [separator, count] of counts) if (count > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/** Parses CSV text into records; blank lines are dropped. Throws `CsvError` on an unclosed quote. */
export function parseCsv(text: string): CsvRecord[] {
  const separator = separatorOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quotedFrom = 0;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quotedFrom > 0) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quotedFrom = 0;
      else {
        if (char === '\n') line++;
        cell += char;
      }
      i++;
      continue;
    }
    if (char === '"' && cell === '') {
      quotedFrom = line;
      i++;
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
      i++;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      cell += char;
      i++;
    }
  }
  if (quotedFrom > 0) throw new CsvError(quotedFrom, 'a quoted cell starts here and is never closed (a missing ")');
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** One CSV cell: quoted when it holds a separator, a quote or a line break. */
function csvCell(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text (CRLF lines, as RFC 4180 and spreadsheets expect) from a heading and rows. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string | number | undefined | null>>): string {
  return rows
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
