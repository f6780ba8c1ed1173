import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsvCell, writeCsv, writeCsvCell } from './csv-writer.js';

const cellArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\tx',
    '\rx',
    "'quoted",
    'a"b',
    'a,b',
    'line\nbreak',
    'crlf\r\nx',
    '',
  ),
);

describe('CSV writer', () => {
  it('round-trips arbitrary cells through papaparse (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const width = rows[0]?.length ?? 1;
          const square = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
          const parsed = Papa.parse<string[]>(writeCsv(square), { delimiter: ',', newline: '\r\n' });
          expect(parsed.errors).toEqual([]);
          const data = parsed.data.slice(0, square.length).map((row) => row.map(readCsvCell));
          expect(data).toEqual(square);
        },
      ),
    );
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('never starts a cell with %j (formula injection)', (trigger) => {
    const parsed = Papa.parse<string[]>(writeCsvCell(`${trigger}HYPERLINK("http://evil")`), {
      delimiter: ',',
    });
    expect(parsed.data[0]?.[0]?.startsWith("'")).toBe(true);
  });

  it('quotes and doubles embedded quotes', () => {
    expect(writeCsvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
