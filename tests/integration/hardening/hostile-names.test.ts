/**
 * Vendor users whose names and emails carry CR, LF and CRLF followed by `=`, `+`, `-`, `@` or
 * a tab, synced from the REST app simulator into a real app. Every CSV Seatwise writes
 * (candidates, notices, audit) read back by a strict RFC 4180 reader has exactly one row per
 * record, and no cell, nor any line inside one, starts like a formula; the XLSX export read by
 * exceljs the same, with numbers still numbers. Every export file is the owner's only (0600)
 * in an exports folder that is the owner's only (0700).
 */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomOrg, startRestAppSimulator, type CustomOrg, type RestAppSimulatorHandle } from '../../../connectors/custom/simulator/index.js';
import { EXPORT_COLUMNS } from '../../../main/export/columns.js';
import { SHEET_NAME } from '../../../main/export/xlsx.js';
import type { CandidateRow } from '../../../preload/contract.js';
import { customApp, NOW, type HardeningApp } from './harness.js';

const TOKEN = 'hardening-rest-token-5c1e9a7b3d';
const DAY = 86_400_000;
const BREAKS = ['\r', '\n', '\r\n'];
const TRIGGERS = ['=', '+', '-', '@', '\t'];

/** A name and an email per (break, trigger), plus the two from the report. */
function payloads(): Array<{ name: string; email: string }> {
  const out: Array<{ name: string; email: string }> = [
    { name: 'Bob\n=HYPERLINK("http://evil.example/x","click")', email: 'bob@hostile.example' },
    { name: '\r=2+2', email: 'cr@hostile.example' },
  ];
  let n = 0;
  for (const br of BREAKS) {
    for (const t of TRIGGERS) {
      n += 1;
      out.push({ name: `User ${n}${br}${t}SUM(1,2)`, email: `u${n}${br}${t}cmd@hostile.example` });
    }
  }
  return out;
}

/** A seeded organisation whose first users carry the payloads: paid, active, idle for 200 days. */
function hostileOrg(): CustomOrg {
  const org = seedCustomOrg({ seed: 77, users: 60, now: NOW });
  payloads().forEach((p, i) => {
    const u = org.users[i]!;
    u.name = p.name;
    u.email = p.email;
    u.userName = p.email;
    u.plan = 'Pro';
    u.active = true;
    u.createdAt = new Date(NOW.getTime() - 400 * DAY).toISOString();
    u.lastSeenAt = new Date(NOW.getTime() - 200 * DAY).toISOString();
  });
  return org;
}

/** Any line break outside quotes ends a record, as a spreadsheet reads it: the strict reading. */
function parseStrict(text: string): string[][] {
  return parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
}

/** Neither the cell nor any line inside it starts like a formula. */
function unsafeCells(rows: ReadonlyArray<ReadonlyArray<unknown>>): string[] {
  const bad: string[] = [];
  for (const row of rows) {
    for (const cell of row) {
      if (typeof cell !== 'string') continue;
      if (/^[=+\-@\t\r]/.test(cell) || cell.split(/\r\n|\r|\n/).some((line) => /^[=+\-@\t]/.test(line))) bad.push(cell);
    }
  }
  return bad;
}

/** The value before neutralising: the quotes put at the start of the cell and of its lines removed. */
const unquote = (cell: string): string => cell.replace(/(^|[\r\n])'/g, '$1');

const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

let sim: RestAppSimulatorHandle;
let h: HardeningApp;
let exportsDir: string;
let candidates: CandidateRow[];
let hostile: CandidateRow[];

beforeAll(async () => {
  sim = await startRestAppSimulator({ token: TOKEN, org: hostileOrg() });
  h = await customApp({ baseUrl: sim.url, token: TOKEN });
  exportsDir = path.join(h.dataDir, 'exports');
  const job = await h.app.sync.run(h.profileId, 'manual');
  expect(job.error).toBeUndefined();
  const { service } = h.app;
  for (const rule of await service['rules:list']({ profileId: h.profileId })) {
    await service['rules:update']({ ruleId: rule.id, patch: { notifyUser: true } });
  }
  candidates = await service['candidates:list']({ profileId: h.profileId });
  const emails = new Set(payloads().map((p) => p.email));
  hostile = candidates.filter((c) => emails.has(c.email));
  // Approvals write audit events whose target carries the email, line breaks and all.
  await service['candidates:setStatus']({ ids: hostile.map((c) => c.id), status: 'approved' });
});

afterAll(async () => {
  await h?.close();
  await sim?.close();
});

describe('exports of vendor data with line breaks and formulas', () => {
  it('the simulator really served every payload as a candidate', () => {
    expect(hostile.map((c) => c.name).sort()).toEqual(payloads().map((p) => p.name).sort());
  });

  it('candidates CSV: one row per candidate, no formula at the start of a cell or of a line in it', async () => {
    const out = path.join(exportsDir, 'candidates.csv');
    const result = await h.app.service['candidates:export']({ profileId: h.profileId, format: 'csv', out });
    expect(result.rows).toBe(candidates.length);
    const rows = parseStrict(await readFile(out, 'utf8'));
    expect(rows).toHaveLength(candidates.length + 1);
    expect(unsafeCells(rows)).toEqual([]);
    const nameAt = EXPORT_COLUMNS.findIndex((c) => c.key === 'name');
    const emailAt = EXPORT_COLUMNS.findIndex((c) => c.key === 'email');
    const names = new Set(rows.slice(1).map((r) => unquote(r[nameAt]!)));
    const emails = new Set(rows.slice(1).map((r) => unquote(r[emailAt]!)));
    for (const p of payloads()) {
      expect(names.has(p.name), JSON.stringify(p.name)).toBe(true);
      expect(emails.has(p.email), JSON.stringify(p.email)).toBe(true);
    }
    expect(rows.some((r) => r[nameAt] === 'Bob\n\'=HYPERLINK("http://evil.example/x","click")')).toBe(true);
    expect(rows.some((r) => r[nameAt] === "'\r'=2+2")).toBe(true);
  });

  it('notices CSV: one row per notice, none unsafe', async () => {
    const notices = await h.app.service['notices:list']({ profileId: h.profileId });
    expect(notices.length).toBeGreaterThanOrEqual(hostile.length);
    const out = path.join(exportsDir, 'notices.csv');
    const result = await h.app.service['notices:export']({ profileId: h.profileId, format: 'csv', out });
    expect(result.rows).toBe(notices.length);
    const rows = parseStrict(await readFile(out, 'utf8'));
    expect(rows).toHaveLength(notices.length + 1);
    expect(unsafeCells(rows)).toEqual([]);
    const emails = new Set(rows.slice(1).map((r) => unquote(r[0]!)));
    for (const p of payloads()) expect(emails.has(p.email), JSON.stringify(p.email)).toBe(true);
  });

  it('audit CSV: one row per event, none unsafe', async () => {
    const events = await h.app.service['audit:list']({});
    const approvals = events.filter((e) => e.action === 'candidate.approved');
    expect(approvals).toHaveLength(hostile.length);
    const out = path.join(exportsDir, 'audit.csv');
    const result = await h.app.service['audit:export']({ format: 'csv', out });
    expect(result.rows).toBe(events.length);
    const rows = parseStrict(await readFile(out, 'utf8'));
    expect(rows).toHaveLength(events.length + 1);
    expect(unsafeCells(rows)).toEqual([]);
    const targetAt = rows[0]!.indexOf('target');
    const targets = rows.slice(1).map((r) => unquote(r[targetAt]!));
    for (const c of hostile) expect(targets).toContain(`${c.id} ${c.email}`);
  });

  it('candidates XLSX: one row per candidate, no string cell or line in it starts like a formula, numbers stay numbers', async () => {
    const out = path.join(exportsDir, 'candidates.xlsx');
    await h.app.service['candidates:export']({ profileId: h.profileId, format: 'xlsx', out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet(SHEET_NAME)!;
    expect(sheet.rowCount).toBe(candidates.length + 1);
    const values: unknown[][] = [];
    const daysAt = EXPORT_COLUMNS.findIndex((c) => c.key === 'daysInactive') + 1;
    sheet.eachRow((row, n) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        cells.push(cell.value);
      });
      values.push(cells);
      if (n > 1) expect(row.getCell(daysAt).type).toBe(ExcelJS.ValueType.Number);
    });
    expect(unsafeCells(values)).toEqual([]);
    const nameAt = EXPORT_COLUMNS.findIndex((c) => c.key === 'name');
    const names = new Set(values.slice(1).map((r) => unquote(String(r[nameAt]))));
    for (const p of payloads()) expect(names.has(p.name.replace(/\r\n?/g, '\n')), JSON.stringify(p.name)).toBe(true);
  });

  it('every export file is 0600 in a 0700 exports folder, also when it replaces a looser file', async () => {
    const out = path.join(exportsDir, 'replaced.csv');
    await writeFile(out, 'old');
    await chmod(out, 0o644);
    await h.app.service['candidates:export']({ profileId: h.profileId, format: 'csv', out });
    await h.app.service['candidates:export']({ profileId: h.profileId, format: 'json', out: path.join(exportsDir, 'candidates.json') });
    await h.app.service['notices:export']({ profileId: h.profileId, format: 'txt', out: path.join(exportsDir, 'notices.txt') });
    await h.app.service['audit:export']({ format: 'json', out: path.join(exportsDir, 'audit.json') });
    expect(await mode(exportsDir)).toBe(0o700);
    for (const file of ['replaced.csv', 'candidates.csv', 'candidates.xlsx', 'candidates.json', 'notices.csv', 'notices.txt', 'audit.csv', 'audit.json']) {
      expect(await mode(path.join(exportsDir, file)), file).toBe(0o600);
    }
  });

  it('tightens an exports folder an older version made with the default mode', async () => {
    await chmod(exportsDir, 0o755);
    await h.app.service['audit:export']({ format: 'csv', out: path.join(exportsDir, 'audit-again.csv') });
    expect(await mode(exportsDir)).toBe(0o700);
    expect(await mode(path.join(exportsDir, 'audit-again.csv'))).toBe(0o600);
  });
});
