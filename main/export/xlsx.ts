/**
 * XLSX export with exceljs's streaming writer: one sheet "Candidates", a bold header row that
 * stays frozen, filters on every column, `lastActivityAt` as a real date cell (UTC), numbers
 * as numbers. String cells a spreadsheet would read as a formula are neutralised, and so is
 * every line inside a cell (a cell copied out of the sheet turns its lines into rows); line
 * breaks inside a cell are written as LF (XML would turn a CR into LF anyway). exceljs drops
 * the control characters XML cannot carry.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseIso } from '../reclamation/dates.js';
import { writeFileAtomically } from './atomic-file.js';
import { EXPORT_COLUMNS, EXPORT_HEADERS, type ExportRow } from './columns.js';
import { neutralizeCell } from './neutralize.js';
import { batches, type RowSource, type WriteOptions, type WriteResult } from './row-source.js';

export const SHEET_NAME = 'Candidates';
export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const MONEY_FORMAT = '#,##0.00';

const CR = /\r\n?/g;

/** The value of a string cell: neutralised (each line), line breaks as LF. */
export function xlsxText(value: string): string {
  const safe = neutralizeCell(value);
  return safe.includes('\r') ? safe.replace(CR, '\n') : safe;
}

type CellValue = string | number | Date | null;

/** One worksheet row (values in column order) of an export row. */
export function xlsxValues(row: ExportRow): CellValue[] {
  const values: CellValue[] = new Array(EXPORT_COLUMNS.length);
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) {
    const column = EXPORT_COLUMNS[i]!;
    const v = row[column.key];
    if (v === null || v === undefined) values[i] = null;
    else if (column.kind === 'number') values[i] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    else if (column.kind === 'date') {
      const ms = typeof v === 'string' ? parseIso(v) : NaN;
      values[i] = Number.isFinite(ms) ? new Date(ms) : xlsxText(String(v));
    } else values[i] = xlsxText(String(v));
  }
  return values;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export async function writeXlsx(rows: RowSource, out: string, options: WriteOptions = {}): Promise<WriteResult> {
  // ExcelJS is most of what a command would load at start: only an XLSX export loads it.
  const { default: ExcelJS } = await import('exceljs');
  return writeFileAtomically(out, async (temp) => {
    const file = createWriteStream(temp);
    // An error of the file (disk full, ...) fails the export instead of hanging or crashing.
    const fileFailed = new Promise<never>((_, reject) => file.once('error', reject));
    fileFailed.catch(() => undefined);
    await Promise.race([once(file, 'open'), fileFailed]);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: file,
      useStyles: true,
      useSharedStrings: false,
      zip: { zlib: { level: 1 } }, // fast deflate: level 9 takes twice as long for a 20% smaller file
    });
    workbook.creator = 'Seatwise';
    workbook.lastModifiedBy = 'Seatwise';
    let count = 0;
    try {
      const sheet = workbook.addWorksheet(SHEET_NAME, {
        views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      });
      // One style object per column, shared by its cells: exceljs caches a style by object, so
      // a fresh object per cell (what it makes by default) costs a style lookup per cell.
      const styles = EXPORT_COLUMNS.map((c) =>
        c.kind === 'date' ? { numFmt: DATE_FORMAT } : c.key === 'monthlyCost' || c.key === 'monthlySaving' ? { numFmt: MONEY_FORMAT } : {},
      );
      sheet.columns = EXPORT_COLUMNS.map((c, i) => ({ key: c.key, width: c.width, style: styles[i] }));
      const header = sheet.addRow(EXPORT_HEADERS as string[]);
      header.font = { bold: true };
      header.commit();
      for await (const batch of batches(rows, undefined, options.signal)) {
        for (let i = 0; i < batch.length; i++) {
          const row = sheet.addRow(xlsxValues(batch[i]!));
          for (let c = 0; c < styles.length; c++) row.getCell(c + 1).style = styles[c]!;
          row.commit();
        }
        count += batch.length;
        options.onProgress?.(count);
        if (file.errored) throw file.errored;
      }
      const last = columnLetter(EXPORT_COLUMNS.length);
      sheet.autoFilter = `A1:${last}${count + 1}`;
      sheet.commit();
      await Promise.race([workbook.commit(), fileFailed]);
      if (!file.closed) await Promise.race([finished(file), fileFailed]);
    } catch (error) {
      file.destroy();
      throw error;
    }
    options.onProgress?.(count);
    return { path: out, rows: count, bytes: (await stat(temp)).size };
  });
}
