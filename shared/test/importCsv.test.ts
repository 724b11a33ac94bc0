import { describe, expect, it } from 'vitest';
import {
  CSV_TEMPLATE,
  CsvError,
  columnLetter,
  decodeCsv,
  EVENT_STAFF_STUDIO_ID,
  importCsvProgram,
  parseCsv,
  programProblems,
  writeCsv,
} from '../src/index.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

const HEAD = 'Heat,Dance,Type,Lead,Lead type,Lead back,Follow,Follow type,Follow back,Studio,Level,Age,Ballroom';

describe('CSV text', () => {
  it('reads quotes, doubled quotes, line breaks in cells, CRLF and a locale’s separator', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nd,e,f\r\n\r\n')).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"\nthere'] },
      { line: 3, cells: ['d', 'e', 'f'] },
    ]);
    expect(parseCsv('a;b;c\n1;2,5;3')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2,5', '3'] },
    ]);
    expect(() => parseCsv('a,b\n1,"open')).toThrow(CsvError);
    const round = [['x', 'a,b', 'q"q', 'line\nbreak', 7]];
    expect(parseCsv(writeCsv(round))[0]?.cells).toEqual(['x', 'a,b', 'q"q', 'line\nbreak', '7']);
    expect([0, 25, 26, 27, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ']);
  });

  it('takes UTF-8 with or without a byte-order mark, and names another encoding with its line', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('José')]))).toBe('José');
    const latin1 = new Uint8Array([...bytes('Lead\nMurray\nJos'), 0xe9, ...bytes('\n')]);
    expect(() => decodeCsv(latin1)).toThrow(/byte 0xE9 is not UTF-8.*Windows-1252/);
    try {
      decodeCsv(latin1);
    } catch (error) {
      expect((error as CsvError).line).toBe(3);
    }
    expect(() => decodeCsv(new Uint8Array([0xff, 0xfe, 0x4c, 0]))).toThrow(/UTF-16/);
    expect(() => decodeCsv(new Uint8Array([0x53, 0x51, 0, 1]))).toThrow(/not a CSV file/);
  });
});

describe('importCsvProgram', () => {
  it('makes a program of the template: studios, people with back numbers, levels, ages, entries, heats', () => {
    const { data, problems, counts } = importCsvProgram(bytes(CSV_TEMPLATE));
    expect(problems).toEqual([]);
    expect(programProblems(data)).toEqual([]);
    expect(counts).toEqual({ lines: 3, people: 3, studios: 2, entries: 1, heats: 2 });
    const arthur = data.people?.find((p) => p.name === 'Murray, Arthur');
    expect(arthur).toMatchObject({ type: 'Professional', back: 101 });
    expect(data.people?.find((p) => p.type === 'Judge')).toMatchObject({ studioId: EVENT_STAFF_STUDIO_ID });
    expect(data.judges).toHaveLength(1);
    expect(data.levels).toEqual([expect.objectContaining({ name: 'Full Bronze', order: 3 })]);
    expect(data.ages).toEqual([expect.objectContaining({ category: 'B1', description: '55-65' })]);
    expect(data.heats?.map((h) => [h.number, h.category])).toEqual([
      [1, 'Closed'],
      [2, 'Open'],
    ]);
    const entry = data.entries?.[0];
    expect(entry?.leadId).toBe(arthur?.id);
    // The same sheet gives the same ids: importing it again changes nothing.
    expect(importCsvProgram(bytes(CSV_TEMPLATE)).data).toEqual(data);
  });

  it('accepts headings in any order and case, and solos, splits and unscheduled heats', () => {
    const csv = [
      'studio;LEVEL;follow;lead;dance;heat;type;lead_back',
      'Boston;Newcomer;"Smith, Jane";"Murray, Arthur";Rumba;12.1;solo;7',
      'Boston;Newcomer;"Smith, Jane";"Murray, Arthur";Tango;;;',
    ].join('\r\n');
    const { data, problems } = importCsvProgram(bytes(csv));
    expect(problems).toEqual([]);
    expect(data.heats?.map((h) => [h.number, h.category])).toEqual([
      [12.1, 'Solo'],
      [0, 'Closed'],
    ]);
    expect(data.solos).toEqual([expect.objectContaining({ heatId: data.heats?.[0]?.id, order: 1 })]);
  });

  it('names every bad line with its line and column, and adds nothing of a bad line', () => {
    const csv = [
      HEAD,
      '1,Waltz,Closed,"Murray, Arthur",Professional,101,"Smith, Jane",Student,,Boston,Full Bronze,B1,',
      'x,Waltz,Sideways,"Murray, Arthur",Pro,102,"Doe, Ann",Dancer,,Boston,Full Bronze,,E',
      '3,Tango,Closed,"Lee, Kim",Professional,101,"Smith, Jane",Student,,Boston,,,',
      '4,Tango,Closed,"Lee, Kim",Professional,,,Student,,,Full Bronze,,',
    ].join('\n');
    const { problems, data } = importCsvProgram(bytes(csv));
    const where = problems.map((p) => `${p.row} ${p.column}: ${p.message}`);
    expect(where).toEqual([
      expect.stringMatching(/^3 Heat \(A\): "x" is not a heat number/),
      expect.stringMatching(/^3 Type \(C\): "Sideways" is not a kind of heat/),
      expect.stringMatching(/^3 Lead back \(F\): Arthur Murray has back number 101 on line 2/),
      expect.stringMatching(/^3 Follow type \(H\): "Dancer" is not a type of person/),
      expect.stringMatching(/^3 Ballroom \(M\): "E" is not a ballroom/),
      expect.stringMatching(/^4 Lead back \(F\): back number 101 is Arthur Murray's \(line 2\)/),
      expect.stringMatching(/^4 Level \(K\): a level is needed/),
      expect.stringMatching(/^5 Follow \(G\): a name is needed/),
      expect.stringMatching(/^5 Studio \(J\): a studio is needed/),
    ]);
    expect(problems.every((p) => p.severity === 'error' && p.table === 'csv')).toBe(true);
    expect(data.people?.map((p) => p.name)).toEqual(['Murray, Arthur', 'Smith, Jane']);
    expect(data.heats).toHaveLength(1);
  });

  it('refuses a sheet without the columns it needs, or in another encoding', () => {
    const missing = importCsvProgram(bytes('Heat,Dance,Lead\n1,Waltz,"Murray, Arthur"\n'));
    expect(missing.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        row: '1',
        message: expect.stringMatching(/^missing columns "Follow", "Studio", "Level"/),
      }),
    ]);
    const latin1 = importCsvProgram(new Uint8Array([...bytes(`${HEAD}\n1,Waltz,,Jos`), 0xe9, ...bytes(',,,,,,,,,')]));
    expect(latin1.problems).toEqual([
      expect.objectContaining({ severity: 'error', row: '2', message: expect.stringMatching(/not UTF-8/) }),
    ]);
    expect(importCsvProgram(bytes('')).problems[0]?.message).toMatch(/empty/);
  });
});
