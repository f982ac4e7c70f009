/**
 * JSON export: an array of export rows, with exactly the export columns in order (a row that
 * carries anything else does not leak it). Values are data, not spreadsheet cells: not neutralised.
 */
import { open } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-file.js';
import { EXPORT_COLUMNS, type ExportRow } from './columns.js';
import { batches, type RowSource, type WriteOptions, type WriteResult } from './row-source.js';

const KEYS = EXPORT_COLUMNS.map((c) => c.key);

/** The row with only the export columns (missing values as null). */
export function jsonRow(row: ExportRow): ExportRow {
  const out: Record<string, unknown> = {};
  for (const key of KEYS) out[key] = row[key] ?? null;
  return out as unknown as ExportRow;
}

export async function writeJson(rows: RowSource, out: string, options: WriteOptions = {}): Promise<WriteResult> {
  return writeFileAtomically(out, async (temp) => {
    const fh = await open(temp, 'w');
    let count = 0;
    let bytes = 0;
    try {
      for await (const batch of batches(rows, undefined, options.signal)) {
        const parts = new Array<string>(batch.length);
        for (let i = 0; i < batch.length; i++) parts[i] = JSON.stringify(jsonRow(batch[i]!));
        const text = (count === 0 ? '[\n  ' : ',\n  ') + parts.join(',\n  ');
        bytes += (await fh.write(Buffer.from(text, 'utf8'))).bytesWritten;
        count += batch.length;
        options.onProgress?.(count);
      }
      bytes += (await fh.write(count === 0 ? '[]\n' : '\n]\n')).bytesWritten;
    } finally {
      await fh.close();
    }
    options.onProgress?.(count);
    return { path: out, rows: count, bytes };
  });
}
