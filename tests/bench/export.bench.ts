/**
 * Benchmarks (not tests): export of 100,000 candidate rows to CSV, XLSX and JSON, written to a
 * temp folder. Called by `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRow } from '../../main/export/columns.js';
import { writeExport, type ExportFormat } from '../../main/export/write-export.js';
import type { BenchResult } from './candidates.bench.js';

const DAY = 86_400_000;
const NAMES = ['Zoë Ångström', '李小龙', 'O\'Brien, Seán', 'Ada "The Countess" Lovelace', '=HYPERLINK("x")', 'Plain Name', 'مريم الحسن'];

/** `count` export rows like real candidates: unicode, commas, quotes, some formula cells. */
export function benchRows(count: number): ExportRow[] {
  const now = Date.UTC(2026, 10, 23, 9, 0, 0);
  const rows: ExportRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const days = 60 + (i % 300);
    rows[i] = {
      id: `c-${(i * 2_654_435_761 >>> 0).toString(16).padStart(16, '0')}`,
      profile: i % 3 === 0 ? 'Asana EU' : 'Salesforce CRM',
      vendor: i % 3 === 0 ? 'asana' : 'salesforce',
      userId: `00580000${i}`,
      email: `user.${i}@example.com`,
      name: `${NAMES[i % NAMES.length]!} ${i}`,
      licenseType: i % 2 === 0 ? 'Business' : 'Salesforce Platform',
      lastActivityAt: i % 10 === 0 ? null : new Date(now - days * DAY - (i % 86_400) * 1000).toISOString(),
      daysInactive: days,
      rule: i % 2 === 0 ? 'Asana Business' : 'Salesforce Platform',
      thresholdDays: 60,
      status: i % 7 === 0 ? 'approved' : 'open',
      monthlyCost: i % 2 === 0 ? 24.99 : 35,
      currency: 'USD',
      reason: 'inactive',
      activitySource: i % 10 === 0 ? null : 'vendor',
      orphan: null,
    };
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchFormat(format: ExportFormat, target: number, count: number, runs: number): Promise<BenchResult> {
  const rows = benchRows(count);
  const dir = await mkdtemp(join(tmpdir(), 'seatwise-bench-export-'));
  try {
    const out = join(dir, `candidates.${format}`);
    await writeExport({ format, rows: rows.slice(0, 1000), out }); // warm up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await writeExport({ format, rows, out });
      times.push(performance.now() - t0);
    }
    return { name: `${format.toUpperCase()} export of ${count.toLocaleString('en-US')} rows`, medianMs: Math.round(median(times)), runs, target };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function benchCsvExport(count = 100_000, runs = 5): Promise<BenchResult> {
  return benchFormat('csv', 1000, count, runs);
}

export function benchXlsxExport(count = 100_000, runs = 5): Promise<BenchResult> {
  return benchFormat('xlsx', 5000, count, runs);
}

export function benchJsonExport(count = 100_000, runs = 5): Promise<BenchResult> {
  return benchFormat('json', 1000, count, runs);
}

export const benchmarks = [benchCsvExport, benchXlsxExport, benchJsonExport];
