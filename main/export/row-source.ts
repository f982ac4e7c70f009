/**
 * What the writers read (rows, sync or async), what they report, and how they batch.
 */
import type { ExportRow } from './columns.js';

export type RowSource = Iterable<ExportRow> | AsyncIterable<ExportRow>;

export interface WriteOptions {
  /** Called with the number of rows written so far: every batch, and once at the end. */
  onProgress?: (rowsWritten: number) => void;
  /** Aborting stops the export and removes the partial file; the target is left as it was. */
  signal?: AbortSignal;
}

export interface WriteResult {
  path: string;
  rows: number;
  bytes: number;
}

export const BATCH_SIZE = 1000;

function isAsync(rows: RowSource): rows is AsyncIterable<ExportRow> {
  return typeof (rows as AsyncIterable<ExportRow>)[Symbol.asyncIterator] === 'function';
}

/** The rows in arrays of up to `size`; a sync source is read without an await per row. */
export async function* batches(rows: RowSource, size = BATCH_SIZE, signal?: AbortSignal): AsyncGenerator<ExportRow[]> {
  let batch: ExportRow[] = [];
  if (isAsync(rows)) {
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= size) {
        signal?.throwIfAborted();
        yield batch;
        batch = [];
      }
    }
  } else {
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= size) {
        signal?.throwIfAborted();
        yield batch;
        batch = [];
      }
    }
  }
  signal?.throwIfAborted();
  if (batch.length > 0) yield batch;
}
