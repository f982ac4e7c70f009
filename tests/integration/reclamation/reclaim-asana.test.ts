/**
 * Reclamation through the real services: store on disk, a real keychain (gnome-keyring under
 * scripts/with-keyring.sh), the HTTP client and the Asana simulator. What changed at the
 * vendor is read from the simulator's own state, never from Seatwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { globToRegExp } from '../../../main/reclamation/exclusions.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'asana-reclaim-test-token-0123456789';
let sim: AsanaSimulatorHandle;
let app: SeatwiseApp;
let keychain: TestKeychain;
let dir: string;
let cleanupDir: () => void;
let profileId: string;

const activeByGid = (): Map<string, boolean> => new Map(sim.org.members.map((m) => [m.userGid, m.isActive]));
const changedGids = (before: Map<string, boolean>): string[] =>
  [...activeByGid()].filter(([gid, active]) => before.get(gid) !== active).map(([gid]) => gid).sort();
const openRows = async () => (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open');

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 42, users: 300, knobs: { rateLimit: undefined } });
  ({ dir, cleanup: cleanupDir } = tempDir('seatwise-reclaim-'));
  keychain = testKeychain();
  app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault });
  const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
  profileId = created.id;
  await app.profiles.setSecret({ profileId, kind: 'token', value: TOKEN });
  await app.profiles.publish(profileId);
  const job = await app.sync.run(profileId, 'manual');
  expect(job.state).toBe('succeeded');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await keychain?.cleanup();
  await sim?.close();
  cleanupDir?.();
});

describe('rules, exclusions and entitlements recompute candidates at once', () => {
  it('a rule change recomputes candidates from the snapshot and is audited with before/after', async () => {
    const rules = await app.service['rules:list']({ profileId });
    expect(rules.length).toBeGreaterThan(0);
    const open = await openRows();
    expect(open.length).toBeGreaterThan(10);
    const rule = rules.find((r) => r.id === open[0]!.ruleId)!;
    const underRule = open.filter((c) => c.ruleId === rule.id).map((c) => c.id).sort();

    await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 3650 } });
    const after = await app.service['candidates:list']({ profileId });
    expect(after.filter((c) => c.ruleId === rule.id && c.status === 'open')).toEqual([]);
    expect(after.filter((c) => underRule.includes(c.id)).every((c) => c.status === 'resolved')).toBe(true);
    expect(app.profiles.require(profileId).stats.candidates).toBe(open.length - underRule.length);

    const [event] = await app.service['audit:list']({ limit: 1 });
    expect(event).toMatchObject({ action: 'rule.changed', profileId, before: { thresholdDays: 60 }, after: { thresholdDays: 3650 }, actor: os.userInfo().username });

    await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 60 } });
    expect((await openRows()).filter((c) => c.ruleId === rule.id).map((c) => c.id).sort()).toEqual(underRule);
  });

  it('an exclusion by pattern removes exactly the matching candidates; removing it brings them back', async () => {
    const open = await openRows();
    const pattern = `${open[0]!.email.slice(0, 2)}*`;
    const re = globToRegExp(pattern);
    const matching = open.filter((c) => re.test(c.email) || re.test(c.userId)).map((c) => c.id).sort();
    expect(matching.length).toBeGreaterThan(0);

    await expect(app.service['exclusions:add']({ kind: 'user', pattern: '*', reason: 'everyone' })).rejects.toMatchObject({ code: 'invalid_input' });
    const exclusion = await app.service['exclusions:add']({ kind: 'user', pattern, reason: 'Contractors', profileId });
    const now = (await openRows()).map((c) => c.id);
    expect(now.filter((id) => matching.includes(id))).toEqual([]);
    expect(now.length).toBe(open.length - matching.length);
    expect(await app.service['exclusions:list']({})).toEqual([exclusion]);

    await app.service['exclusions:remove']({ id: exclusion.id });
    expect((await openRows()).map((c) => c.id).sort()).toEqual(open.map((c) => c.id).sort());
    const actions = (await app.service['audit:list']({ limit: 2 })).map((e) => e.action);
    expect(actions).toEqual(['exclusion.removed', 'exclusion.added']);
  });

  it('an entitlement prices candidates and shows in reconciliation', async () => {
    const open = await openRows();
    const licenseType = open[0]!.licenseType;
    await app.service['entitlements:set']({ profileId, licenseType, owned: 5, unitCost: 120, currency: 'EUR', period: 'year', renewalDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    const priced = (await openRows()).filter((c) => c.licenseType === licenseType);
    expect(priced.every((c) => c.monthlyCost === 10 && c.currency === 'EUR')).toBe(true);
    const rec = await app.service['reconciliation:get']({ profileId });
    const line = rec.lines.find((l) => l.licenseType === licenseType)!;
    expect(line).toMatchObject({ owned: 5, overAllocated: true, inactive: priced.length });
    expect(rec.renewals.map((r) => r.licenseType)).toContain(licenseType);
  });
});

describe('reclaim against the Asana simulator', () => {
  let approved: string[] = [];
  let firstAudit = '';

  it('dry run lists the exact vendor calls and changes nothing', async () => {
    const open = await openRows();
    approved = open.slice(0, 3).map((c) => c.id);
    const res = await app.service['candidates:setStatus']({ ids: [...approved, 'c-nope'], status: 'approved' });
    expect(res.updated).toBe(3);
    expect(res.unchanged).toEqual([{ id: 'c-nope', reason: 'no such candidate' }]);

    const before = activeByGid();
    const requests = sim.stats.requests;
    const plan = await app.service['reclaim:plan']({ profileId, approved: true });
    expect(plan.calls.map((c) => c.candidateId).sort()).toEqual([...approved].sort());
    for (const c of plan.calls) {
      expect(c.call).toEqual({ method: 'POST', url: `${sim.url}/workspaces/${sim.workspaceGid}/removeUser`, body: { data: { user: c.userId } } });
    }
    expect(changedGids(before)).toEqual([]);
    expect(sim.stats.requests).toBe(requests);
  });

  it('the real run deactivates exactly the approved seats, audited per seat; a second run is a no-op', async () => {
    const before = activeByGid();
    const rows = await app.service['candidates:list']({ profileId });
    const gids = rows.filter((c) => approved.includes(c.id)).map((c) => c.userId).sort();
    const result = await app.service['reclaim:run']({ profileId, approved: true });
    expect(result).toMatchObject({ reclaimed: 3, failed: 0, skipped: 0 });
    expect(changedGids(before)).toEqual(gids);
    for (const gid of gids) expect(sim.member(gid)?.isActive).toBe(false);
    const statuses = (await app.service['candidates:list']({ profileId })).filter((c) => approved.includes(c.id)).map((c) => c.status);
    expect(statuses).toEqual(['reclaimed', 'reclaimed', 'reclaimed']);
    const events = (await app.service['audit:list']({})).filter((e) => e.action === 'reclaim.seat');
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actor: os.userInfo().username, before: { status: 'approved', active: true }, after: { status: 'reclaimed', active: false } });
    firstAudit = result.outcomes[0]!.auditId!;

    const again = activeByGid();
    const second = await app.service['reclaim:run']({ profileId, approved: true });
    expect(second).toMatchObject({ reclaimed: 0, failed: 0 });
    const byId = await app.service['reclaim:run']({ profileId, candidateIds: approved });
    expect(byId).toMatchObject({ reclaimed: 0, failed: 0, skipped: 3 });
    expect(byId.outcomes.every((o) => o.message === 'already reclaimed')).toBe(true);
    expect(changedGids(again)).toEqual([]);
    expect((await app.service['audit:list']({})).filter((e) => e.action === 'reclaim.seat')).toHaveLength(3);
  });

  it('undo re-adds the seat at the vendor and opens the candidate again, once', async () => {
    const event = (await app.service['audit:list']({})).find((e) => e.id === firstAudit)!;
    const gid = (event.after as { userId: string }).userId;
    expect(sim.member(gid)?.isActive).toBe(false);
    const res = await app.service['reclaim:undo']({ auditId: firstAudit });
    expect(sim.member(gid)?.isActive).toBe(true);
    const row = (await app.service['candidates:list']({ profileId })).find((c) => c.id === res.candidateId);
    expect(row?.status).toBe('open');
    expect((await app.service['audit:list']({ limit: 1 }))[0]).toMatchObject({ action: 'reclaim.undo', after: { undoOf: firstAudit } });
    await expect(app.service['reclaim:undo']({ auditId: firstAudit })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never reclaims the connected account, even when a candidate says otherwise', async () => {
    const file = (await app.store.candidates(profileId))!;
    const me = (await app.store.snapshot(profileId))!.subscriptions.find((s) => s.userId === sim.org.meGid)!;
    const forged = { ...file.candidates[0]!, id: 'c-forged', subscriptionId: me.id, userId: me.userId, email: me.email, licenseType: me.licenseType, status: 'approved' as const };
    await app.store.saveCandidates({ ...file, candidates: [...file.candidates, forged] });
    try {
      const plan = await app.service['reclaim:plan']({ profileId, candidateIds: ['c-forged'] });
      expect(plan.calls).toEqual([]);
      expect(plan.skipped).toEqual([{ candidateId: 'c-forged', email: me.email, reason: 'the user is the connected account' }]);
    } finally {
      await app.store.saveCandidates(file);
    }
  });

  it('more than 10 seats need the count confirmed; reclaim off refuses', async () => {
    const open = await openRows();
    const ids = open.slice(0, 11).map((c) => c.id);
    await app.service['candidates:setStatus']({ ids, status: 'approved' });
    const before = activeByGid();
    await expect(app.service['reclaim:run']({ profileId, approved: true })).rejects.toMatchObject({ code: 'confirmation_required' });
    await expect(app.service['reclaim:run']({ profileId, approved: true, confirmCount: 10 })).rejects.toMatchObject({ code: 'confirmation_required' });
    expect(changedGids(before)).toEqual([]);

    const processes = app.profiles.require(profileId).processes;
    await app.profiles.update({ profileId, processes: { ...processes, reclaim: { enabled: false } } });
    await expect(app.service['reclaim:plan']({ profileId, approved: true })).rejects.toMatchObject({ code: 'reclaim_disabled' });
    await app.profiles.update({ profileId, processes });
    await app.service['candidates:setStatus']({ ids, status: 'open' });
  });
});

describe('export', () => {
  it('writes CSV, JSON and XLSX that parse back to the candidates', async () => {
    const rows = await app.service['candidates:list']({ profileId });
    const out = path.join(dir, 'exports');
    fs.mkdirSync(out);
    const csv = await app.service['candidates:export']({ profileId, format: 'csv', out: path.join(out, 'c.csv') });
    const json = await app.service['candidates:export']({ profileId, format: 'json', out: path.join(out, 'c.json') });
    const xlsx = await app.service['candidates:export']({ profileId, format: 'xlsx', out: path.join(out, 'c.xlsx') });
    expect([csv.rows, json.rows, xlsx.rows]).toEqual([rows.length, rows.length, rows.length]);

    const parsedCsv = parseCsv(fs.readFileSync(csv.path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(parsedCsv.map((r) => [r.id, r.email, r.status, r.profile])).toEqual(rows.map((r) => [r.id, r.email, r.status, 'Asana']));
    const parsedJson = JSON.parse(fs.readFileSync(json.path, 'utf8')) as { id: string; vendor: string; daysInactive: number }[];
    expect(parsedJson.map((r) => [r.id, r.vendor, r.daysInactive])).toEqual(rows.map((r) => [r.id, 'asana', r.daysInactive]));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const idCol = header.indexOf('id') + 1;
    const ids: string[] = [];
    for (let i = 2; i <= sheet.rowCount; i++) ids.push(String(sheet.getRow(i).getCell(idCol).value));
    expect(ids).toEqual(rows.map((r) => r.id));
  });
});
