/**
 * CSV export: a header and the export columns, UTF-8 without a BOM, RFC 4180 (CRLF line ends,
 * fields with a comma, quote or line break quoted, quotes doubled) by csv-stringify. String
 * cells that a spreadsheet would read as a formula are neutralised.
 *
 * `csvText` is the one way Seatwise turns records into CSV text (candidates, notices, the
 * audit log): every CSV file gets the same quoting and the same line ends.
 */
import { open } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomically } from './atomic-file.js';
import { EXPORT_COLUMNS, EXPORT_HEADERS, type ExportRow } from './columns.js';
import { neutralizeCell } from './neutralize.js';
import { batches, type RowSource, type WriteOptions, type WriteResult } from './row-source.js';

/**
 * With a CRLF record delimiter csv-stringify quotes only a field holding the whole CRLF, so a
 * lone CR or LF would go out bare and a reader would start a new row there. Any field with
 * either character is quoted.
 */
export const CSV_OPTIONS = { record_delimiter: '\r\n', eof: true, quoted_match: /[\r\n]/ } as const;

/** Records (arrays of cells, already neutralised) as RFC 4180 text: CRLF after every record. */
export function csvText(records: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return stringify(records as Array<Array<string | number>>, CSV_OPTIONS);
}

function cell(value: ExportRow[keyof ExportRow]): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return neutralizeCell(String(value));
}

/** One CSV record (an array in column order) of a row. */
export function csvRecord(row: ExportRow): Array<string | number> {
  const record: Array<string | number> = new Array(EXPORT_COLUMNS.length);
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) record[i] = cell(row[EXPORT_COLUMNS[i]!.key]);
  return record;
}

export async function writeCsv(rows: RowSource, out: string, options: WriteOptions = {}): Promise<WriteResult> {
  return writeFileAtomically(out, async (temp) => {
    const fh = await open(temp, 'w');
    let count = 0;
    let bytes = 0;
    try {
      const header = csvText([EXPORT_HEADERS]);
      bytes += (await fh.write(header)).bytesWritten;
      for await (const batch of batches(rows, undefined, options.signal)) {
        const records = new Array<Array<string | number>>(batch.length);
        for (let i = 0; i < batch.length; i++) records[i] = csvRecord(batch[i]!);
        const buf = Buffer.from(csvText(records), 'utf8');
        bytes += (await fh.write(buf)).bytesWritten;
        count += batch.length;
        options.onProgress?.(count);
      }
    } finally {
      await fh.close();
    }
    options.onProgress?.(count);
    return { path: out, rows: count, bytes };
  });
}
