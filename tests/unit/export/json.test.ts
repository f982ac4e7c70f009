import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_HEADERS, toExportRows, type ExportRow } from '../../../main/export/columns.js';
import { writeExport } from '../../../main/export/write-export.js';
import type { Candidate } from '../../../main/reclamation/types.js';
import { sampleRows } from './sample-rows.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seatwise-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JSON export', () => {
  it('is an array of the export rows, exactly, values untouched', async () => {
    const rows = sampleRows(1000);
    const out = join(dir, 'candidates.json');
    const progress: number[] = [];
    const result = await writeExport({ format: 'json', rows, out, onProgress: (n) => progress.push(n) });
    expect(result.rows).toBe(1000);
    const parsed = JSON.parse(await readFile(out, 'utf8')) as ExportRow[];
    expect(parsed).toEqual(rows);
    expect(Object.keys(parsed[0]!)).toEqual(EXPORT_HEADERS);
    expect(progress.at(-1)).toBe(1000);
  });

  it('writes [] for no rows and never lets extra properties through', async () => {
    const out = join(dir, 'empty.json');
    await writeExport({ format: 'json', rows: [], out });
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual([]);

    const leaky = { ...sampleRows(1)[0]!, accessToken: 'secret-token' } as ExportRow;
    await writeExport({ format: 'json', rows: [leaky], out });
    expect(await readFile(out, 'utf8')).not.toContain('secret-token');
  });

  it('maps candidates to export rows with their profile', async () => {
    const candidate: Candidate = {
      id: 'c-1',
      profileId: 'p1',
      orgId: 'o1',
      subscriptionId: 's1',
      userId: 'u1',
      email: 'a@example.com',
      name: 'A',
      licenseType: 'Business',
      inactiveSince: '2026-07-01T00:00:00.000Z',
      daysInactive: 70,
      ruleId: 'r1',
      ruleName: 'Asana Business',
      thresholdDays: 60,
      status: 'open',
      monthlyCost: 24.99,
      currency: 'USD',
      why: 'never active since 2026-07-01 (seat start), 70 days; rule Asana Business, 60 days',
      detectedAt: '2026-09-09T00:00:00.000Z',
    };
    const rows = [...toExportRows([candidate], new Map([['p1', { name: 'Asana EU', vendor: 'asana' }]]))];
    expect(rows).toEqual([
      {
        id: 'c-1',
        profile: 'Asana EU',
        vendor: 'asana',
        userId: 'u1',
        email: 'a@example.com',
        name: 'A',
        licenseType: 'Business',
        lastActivityAt: null,
        daysInactive: 70,
        rule: 'Asana Business',
        thresholdDays: 60,
        status: 'open',
        monthlyCost: 24.99,
        currency: 'USD',
        // A candidate from before leavers: inactive, with no activity source, orphan unknown.
        reason: 'inactive',
        activitySource: null,
        orphan: null,
        // A candidate from before downgrades: it saves its price, and moves to no other tier.
        monthlySaving: 24.99,
        downgradeTo: null,
      },
    ]);
  });

  it('rejects an unknown format', async () => {
    await expect(writeExport({ format: 'pdf' as 'csv', rows: [], out: join(dir, 'x.pdf') })).rejects.toThrow(/Unknown export format/);
  });
});
