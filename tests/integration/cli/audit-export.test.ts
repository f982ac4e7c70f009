/**
 * `audit:export` and `seatwise audit --format csv|json --out FILE`: the CSV parsed back with
 * csv-parse is the log (formula-looking cells neutralised, before/after as JSON text), the
 * JSON is a lossless round trip, the exports folder of the data directory is made on first
 * use, and the CLI's new flags sit beside the old ones. The CLI runs built (npm run build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.js';
import { AUDIT_CSV_COLUMNS, exportAudit } from '../../../main/audit/export.js';
import type { AuditEventView } from '../../../preload/contract.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let dataDir: string;
let cleanup: () => void;
let events: AuditEventView[];

/** The audit log needs no keychain: a vault that is never asked. */
const noVault = {} as SecretStore;

const openApp = () => createApp({ dataDir, transport: 'cli', vault: noVault });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('seatwise-audit-export-'));
  dataDir = path.join(dir, 'data');
  const app = await openApp();
  try {
    await app.store.audit.append({ action: 'rule.changed', profileId: 'prf_gone', target: 'r-1 Asana Business', before: { thresholdDays: 60 }, after: { thresholdDays: 90 } });
    await app.store.audit.append({ action: 'exclusion.added', target: '+cmd|calc', message: '=HYPERLINK("http://evil.example","click")', after: { pattern: '@admin', reason: 'says "hi", then\nleaves' } });
    await app.store.audit.append({ action: 'reclaim.seat', target: 'c-1 ada@example.com', before: -5, after: { status: 'reclaimed', active: false, call: { method: 'POST', url: 'https://x/y' } } });
    await app.store.audit.append({ action: 'candidate.approved', message: '-2+3' });
    events = await app.service['audit:list']({});
  } finally {
    await app.close();
  }
  expect(events).toHaveLength(4);
}, 60_000);

afterAll(() => cleanup());

/** A CSV cell back to its value: the neutralising quote off, JSON parsed for before/after. */
const unneutralize = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

function expectCsvEqualsEvents(text: string, expected: AuditEventView[]): void {
  expect(text.startsWith(AUDIT_CSV_COLUMNS.join(',') + '\r\n')).toBe(true);
  const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(expected.length);
  rows.forEach((row, i) => {
    const e = expected[i]!;
    expect(row.id).toBe(e.id);
    expect(row.at).toBe(e.at);
    expect(row.actor).toBe(e.actor);
    expect(row.action).toBe(e.action);
    expect(row.profileId).toBe(e.profileId ?? '');
    expect(unneutralize(row.target!)).toBe(e.target ?? '');
    expect(unneutralize(row.message!)).toBe(e.message ?? '');
    expect(row.before ? JSON.parse(unneutralize(row.before)) : undefined).toEqual(e.before);
    expect(row.after ? JSON.parse(unneutralize(row.after)) : undefined).toEqual(e.after);
  });
}

describe('audit:export', () => {
  it('writes CSV that parses back to the events, newest first, with formula cells neutralised', async () => {
    const app = await openApp();
    try {
      const out = path.join(dir, 'audit.csv');
      const result = await app.service['audit:export']({ format: 'csv', out });
      expect(result).toEqual({ path: out, rows: 4 });
      const text = fs.readFileSync(out, 'utf8');
      expectCsvEqualsEvents(text, events);
      const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
      const injected = rows.find((r) => r.action === 'exclusion.added')!;
      expect(injected.message).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(injected.target).toBe(`'+cmd|calc`);
      expect(rows.find((r) => r.action === 'reclaim.seat')!.before).toBe(`'-5`);
      expect(rows.find((r) => r.action === 'candidate.approved')!.message).toBe(`'-2+3`);
      // Nothing in the file starts a cell with a formula character unquoted.
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    } finally {
      await app.close();
    }
  });

  it('writes JSON that round-trips exactly', async () => {
    const app = await openApp();
    try {
      const out = path.join(dir, 'audit.json');
      await app.service['audit:export']({ format: 'json', out });
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(events);
    } finally {
      await app.close();
    }
  });

  it('makes the data folder’s exports folder, and no other', async () => {
    const app = await openApp();
    try {
      const out = path.join(dataDir, 'exports', 'seatwise-audit.csv');
      await app.service['audit:export']({ format: 'csv', out });
      expect(fs.existsSync(out)).toBe(true);
      await expect(app.service['audit:export']({ format: 'csv', out: path.join(dir, 'missing', 'audit.csv') })).rejects.toThrow(/does not exist/);
      await expect(exportAudit({ events, profileNames: new Map() }, { format: 'csv', out: 'relative.csv' })).rejects.toThrow(/absolute/);
    } finally {
      await app.close();
    }
  });

  it('writes an empty log as a header or an empty array', async () => {
    const csv = path.join(dir, 'empty.csv');
    const json = path.join(dir, 'empty.json');
    await exportAudit({ events: [], profileNames: new Map() }, { format: 'csv', out: csv });
    await exportAudit({ events: [], profileNames: new Map() }, { format: 'json', out: json });
    expect(fs.readFileSync(csv, 'utf8')).toBe(AUDIT_CSV_COLUMNS.join(',') + '\r\n');
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toEqual([]);
  });
});

describe('seatwise audit --format --out', () => {
  it('exports CSV to a file and JSON to standard output', async () => {
    const out = path.join(dir, 'cli-audit.csv');
    const csv = await runCli(['audit', '--format', 'csv', '--out', out], { dataDir });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stderr).toContain(`Wrote 4 audit event(s) to ${out}`);
    expectCsvEqualsEvents(fs.readFileSync(out, 'utf8'), events);

    const json = await runCli(['audit', '--format', 'json'], { dataDir });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(events);
  });

  it('keeps the old flags and names wrong combinations as usage errors', async () => {
    const old = await runCli(['audit', '--json', '--limit', '2'], { dataDir });
    expect(old.code, old.stderr).toBe(0);
    expect((JSON.parse(old.stdout) as AuditEventView[]).map((e) => e.id)).toEqual(events.slice(0, 2).map((e) => e.id));
    const table = await runCli(['audit'], { dataDir });
    expect(table.stdout).toContain('rule.changed');

    for (const args of [
      ['audit', '--format', 'xlsx', '--out', path.join(dir, 'x.xlsx')],
      ['audit', '--out', path.join(dir, 'x.csv')],
      ['audit', '--format', 'csv', '--limit', '2'],
      ['audit', '--format', 'json', '--json'],
    ]) {
      const result = await runCli(args, { dataDir });
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});
