import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_HEADERS, type ExportRow } from '../../../main/export/columns.js';
import { writeCsv } from '../../../main/export/csv.js';
import { neutralizeCell } from '../../../main/export/neutralize.js';
import { sampleRows } from './sample-rows.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seatwise-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What a CSV reader must get back for a row: text everywhere, formula cells neutralised. */
function expectedRecord(row: ExportRow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of EXPORT_HEADERS as Array<keyof ExportRow>) {
    const v = row[key];
    out[key] = v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : neutralizeCell(v);
  }
  return out;
}

describe('writeCsv', () => {
  it('writes 1,000 hostile rows that a CSV parser reads back equal, injection neutralised', async () => {
    const rows = sampleRows(1000);
    const out = join(dir, 'candidates.csv');
    const progress: number[] = [];
    const result = await writeCsv(rows, out, { onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ path: out, rows: 1000 });

    const bytes = await readFile(out);
    expect(result.bytes).toBe(bytes.length);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // no BOM
    const text = bytes.toString('utf8');
    expect(text.startsWith(`${EXPORT_HEADERS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);

    const records = parse(text, { columns: true, relax_quotes: false, skip_empty_lines: false }) as Array<Record<string, string>>;
    expect(records).toHaveLength(1000);
    expect(records).toEqual(rows.map(expectedRecord));

    // Spot checks of the nasty cells.
    const injected = records.filter((r) => r.email!.startsWith("'=cmd"));
    expect(injected.length).toBeGreaterThan(50);
    for (const r of records) {
      for (const value of Object.values(r)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(records.some((r) => r.name === "'\tTabbed")).toBe(true);
    expect(records.some((r) => r.name!.startsWith('Windows\r\nBreak'))).toBe(true);
    expect(records.some((r) => r.name === '李小龙 0' || r.name === '李小龙')).toBe(true);
    expect(records.find((r) => r.lastActivityAt === '')?.lastActivityAt).toBe('');

    expect(progress.at(-1)).toBe(1000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('reads an async iterable and writes a header even with no rows', async () => {
    async function* none(): AsyncGenerator<ExportRow> {}
    const out = join(dir, 'empty.csv');
    await writeCsv(none(), out);
    expect(await readFile(out, 'utf8')).toBe(`${EXPORT_HEADERS.join(',')}\r\n`);

    async function* some(): AsyncGenerator<ExportRow> {
      for (const row of sampleRows(2500)) yield row;
    }
    const result = await writeCsv(some(), join(dir, 'async.csv'));
    expect(result.rows).toBe(2500);
  });

  it('replaces the file atomically and leaves the old one when the rows fail', async () => {
    const out = join(dir, 'keep.csv');
    await writeFile(out, 'old contents');
    function* failing(): Generator<ExportRow> {
      yield* sampleRows(1500);
      throw new Error('store went away');
    }
    await expect(writeCsv(failing(), out)).rejects.toThrow('store went away');
    expect(await readFile(out, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['keep.csv']); // no temp file left behind

    const controller = new AbortController();
    controller.abort();
    await expect(writeCsv(sampleRows(10), out, { signal: controller.signal })).rejects.toThrow();
    expect(await readFile(out, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['keep.csv']);
  });

  it('says clearly when the folder does not exist', async () => {
    await expect(writeCsv(sampleRows(1), join(dir, 'missing', 'x.csv'))).rejects.toThrow(/folder .* does not exist/);
  });
});
