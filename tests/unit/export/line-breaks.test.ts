/**
 * A line break inside a cell must never start a row or a formula: lone CR, lone LF and CRLF,
 * each followed by a character a spreadsheet reads as the start of a formula.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../../main/export/csv.js';
import { needsNeutralizingAnyLine, neutralizeCell } from '../../../main/export/neutralize.js';
import { xlsxText } from '../../../main/export/xlsx.js';

const BREAKS = ['\r', '\n', '\r\n'];
const TRIGGERS = ['=', '+', '-', '@', '\t'];
/** Every break followed by every trigger, behind a harmless first line. */
const HOSTILE = BREAKS.flatMap((br) => TRIGGERS.map((t) => `Bob${br}${t}HYPERLINK("http://evil.example","x")`));

/** Any line break outside quotes ends a record, as in a spreadsheet: the strict reading. */
const parseStrict = (text: string): string[][] =>
  parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];

/** A cell is safe when neither it nor any line inside it starts like a formula. */
function expectSafe(cell: string): void {
  expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  for (const line of cell.split(/\r\n|\r|\n/)) expect(line, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t]/);
}

describe('neutralizeCell, line by line', () => {
  it.each(HOSTILE)('quotes the line after the break in %j', (value) => {
    const safe = neutralizeCell(value);
    expect(needsNeutralizingAnyLine(value)).toBe(true);
    expectSafe(safe);
    // Only quotes were added: removing them gives the value back.
    expect(safe.replace(/(^|[\r\n])'/g, '$1')).toBe(value);
  });

  it('quotes both the cell and its second line for "\\r=2+2"', () => {
    expect(neutralizeCell('\r=2+2')).toBe("'\r'=2+2");
    expect(neutralizeCell('Bob\n=HYPERLINK("x")')).toBe('Bob\n\'=HYPERLINK("x")');
    expect(neutralizeCell('a\n\r=1')).toBe("a\n'\r'=1");
    expect(neutralizeCell('=1\r\n=2\n+3')).toBe("'=1\r\n'=2\n'+3");
  });

  it.each(['Line\nBreak', 'Windows\r\nBreak', 'a\n b', "a\n'=1", 'mail@x\nnext@y', '1-2\n3-4'])('leaves %j alone', (value) => {
    expect(needsNeutralizingAnyLine(value)).toBe(false);
    expect(neutralizeCell(value)).toBe(value);
  });
});

describe('csvText', () => {
  it('quotes every field holding a CR or LF, so a strict reader sees one row per record', () => {
    const records = HOSTILE.map((name, i) => [String(i), neutralizeCell(name), neutralizeCell('\r=2+2'), i]);
    const text = csvText([['id', 'name', 'other', 'n'], ...records]);
    const rows = parseStrict(text);
    expect(rows).toHaveLength(records.length + 1);
    for (const [i, row] of rows.slice(1).entries()) {
      expect(row).toEqual(records[i]!.map(String));
      for (const cell of row) expectSafe(cell);
    }
    // Outside quotes, the only line break is the CRLF that ends a record.
    const unquoted = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('leaves plain fields and numbers unquoted', () => {
    expect(csvText([['a', 'b c', 3, 'x,y']])).toBe('a,b c,3,"x,y"\r\n');
  });
});

describe('xlsxText', () => {
  it.each(HOSTILE)('makes every line of %j safe and writes its breaks as LF', (value) => {
    const text = xlsxText(value);
    expect(text).not.toContain('\r');
    expectSafe(text);
  });
});
