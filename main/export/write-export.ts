/**
 * One entry for every export format (UI, CLI): `writeExport({ format, rows, out, onProgress })`.
 */
import { writeCsv } from './csv.js';
import { writeJson } from './json.js';
import type { RowSource, WriteOptions, WriteResult } from './row-source.js';
import { writeXlsx } from './xlsx.js';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest extends WriteOptions {
  format: ExportFormat;
  rows: RowSource;
  /** The file to write; replaced atomically. */
  out: string;
}

export async function writeExport(request: ExportRequest): Promise<WriteResult> {
  const { format, rows, out, onProgress, signal } = request;
  const options: WriteOptions = { onProgress, signal };
  switch (format) {
    case 'csv':
      return writeCsv(rows, out, options);
    case 'json':
      return writeJson(rows, out, options);
    case 'xlsx':
      return writeXlsx(rows, out, options);
    default:
      throw new RangeError(`Unknown export format "${String(format)}"; use csv, json or xlsx.`);
  }
}
