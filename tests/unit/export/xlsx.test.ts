import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, EXPORT_HEADERS, type ExportRow } from '../../../main/export/columns.js';
import { DATE_FORMAT, MONEY_FORMAT, SHEET_NAME, writeXlsx, xlsxText } from '../../../main/export/xlsx.js';
import { sampleRows } from './sample-rows.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seatwise-xlsx-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What a workbook reader must get back for a row: typed dates and numbers, safe text. */
function expectedValues(row: ExportRow): unknown[] {
  return EXPORT_COLUMNS.map((c) => {
    const v = row[c.key];
    if (v === null) return null;
    if (c.kind === 'date') return new Date(v as string);
    if (c.kind === 'number') return v;
    return xlsxText(String(v));
  });
}

async function readBack(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(SHEET_NAME);
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('writeXlsx', () => {
  it('writes 1,000 hostile rows that a workbook reader reads back equal, typed and safe', async () => {
    const rows = sampleRows(1000);
    const out = join(dir, 'candidates.xlsx');
    const progress: number[] = [];
    const result = await writeXlsx(rows, out, { onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ path: out, rows: 1000 });
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(progress.at(-1)).toBe(1000);

    const sheet = await readBack(out);
    expect(sheet.rowCount).toBe(1001);
    const header = sheet.getRow(1);
    expect(EXPORT_HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(EXPORT_HEADERS);
    expect(header.font?.bold).toBe(true);

    // Header row frozen, filters on over the whole table.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:S1001`);

    const got = [];
    for (let r = 2; r <= 1001; r++) {
      const row = sheet.getRow(r);
      got.push(EXPORT_COLUMNS.map((_, i) => row.getCell(i + 1).value ?? null));
    }
    expect(got).toEqual(rows.map(expectedValues));

    // Types, not text that looks like them.
    const dated = sheet.getRow(3).getCell(8); // row 2 is a never-active user: an empty cell
    expect(sheet.getRow(2).getCell(8).value).toBeNull();
    expect(dated.type).toBe(ExcelJS.ValueType.Date);
    expect(dated.numFmt).toBe(DATE_FORMAT);
    expect(sheet.getRow(2).getCell(9).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(3).getCell(13).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(3).getCell(13).numFmt).toBe(MONEY_FORMAT);

    // No string cell starts like a formula; numbers are left alone.
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.String) expect(cell.value as string).not.toMatch(/^[=+\-@\t\r]/);
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    const injected = got.filter((v) => String(v[4]).startsWith("'=cmd"));
    expect(injected.length).toBeGreaterThan(50);
    expect(got.some((v) => v[3] === "'-3")).toBe(true);
    expect(got.some((v) => v[5] === "'\tTabbed")).toBe(true);
    expect(got.some((v) => v[5] === "'\nCarriage")).toBe(true);
  });

  it('writes a valid workbook for no rows and leaves no temp file when aborted', async () => {
    const out = join(dir, 'empty.xlsx');
    await writeXlsx([], out);
    const sheet = await readBack(out);
    expect(sheet.rowCount).toBe(1);

    const controller = new AbortController();
    controller.abort();
    await expect(writeXlsx(sampleRows(10), join(dir, 'aborted.xlsx'), { signal: controller.signal })).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['empty.xlsx']);
  });
});
