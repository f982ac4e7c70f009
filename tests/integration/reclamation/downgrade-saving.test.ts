/**
 * What a downgrade saves: the price difference between the tier a seat has and the tier it
 * moves to, everywhere a saving is counted (the candidate, the dry run, the run, the profile's
 * savings, the reconciliation, the export). A tier with no unit cost makes the saving unknown,
 * never the full seat price; Zoom's Basic is free, so a move to it saves the whole price.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startGraphSimulator } from '../../../connectors/microsoft-graph/simulator/index.js';
import { startZoomSimulator } from '../../../connectors/zoom/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';

const NOW = new Date('2031-05-05T10:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<{ app: SeatwiseApp; dir: string }> {
  const { dir, cleanup } = tempDir('seatwise-downgrade-saving-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW, control: false });
  cleanups.push(() => app.close());
  return { app, dir };
}

async function microsoft365(app: SeatwiseApp): Promise<string> {
  const sim = await startGraphSimulator({ seed: 7, users: 80, now: NOW });
  cleanups.push(() => sim.close());
  const created = await app.service['profiles:create']({
    name: 'M365',
    vendor: 'microsoft365',
    connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, tokenUrl: sim.tokenUrl, options: { tenant: sim.tenantId, downgrades: 'SPE_E5=SPE_E3' } },
  });
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'clientSecret', value: sim.app.clientSecret });
  await app.service['profiles:publish']({ profileId: created.id });
  expect((await app.sync.run(created.id, 'manual')).state).toBe('succeeded');
  return created.id;
}

const price = (profileId: string, licenseType: string, unitCost: number) => ({ profileId, licenseType, owned: null, unitCost, currency: 'USD', period: 'month' as const });

it('a downgrade saves the price difference: candidates, dry run, run, profile savings, reconciliation and export', async () => {
  const { app, dir } = await newApp();
  const profileId = await microsoft365(app);
  await app.service['entitlements:set'](price(profileId, 'SPE_E5', 57));
  const e5Rule = (await app.service['rules:list']({ profileId })).find((r) => r.licenseType === 'SPE_E5')!;
  const updated = await app.service['rules:update']({ ruleId: e5Rule.id, patch: { action: 'downgrade' } });
  expect(updated).toMatchObject({ action: 'downgrade', downgradeTo: 'SPE_E3' });

  // No unit cost for E3 yet: the saving is unknown and says what to set, never E5's 57.
  const e5 = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open' && c.licenseType === 'SPE_E5');
  expect(e5.length).toBeGreaterThan(1);
  for (const c of e5) expect(c).toMatchObject({ monthlyCost: 57, monthlySaving: null, savingNote: 'set a unit cost for SPE_E3', downgradeTo: 'SPE_E3' });
  const summary = async () => (await app.service['profiles:list']({})).find((p) => p.id === profileId)!;
  const unpricedBefore = (await summary()).unpricedCandidates;
  expect(unpricedBefore).toBeGreaterThanOrEqual(e5.length);
  expect((await summary()).monthlySavings).toBe(0);
  await app.service['candidates:setStatus']({ ids: [e5[0]!.id], status: 'approved' });
  const unknownPlan = await app.service['reclaim:plan']({ profileId, candidateIds: [e5[0]!.id], action: 'downgrade' });
  expect(unknownPlan.calls[0]).toMatchObject({ monthlySaving: null, savingNote: 'set a unit cost for SPE_E3', downgradeTo: 'SPE_E3' });
  expect(unknownPlan).toMatchObject({ savings: [], unknownSavings: 1 });

  // With E3 priced at 36, every E5 candidate saves 21 a month, wherever savings are counted.
  await app.service['entitlements:set'](price(profileId, 'SPE_E3', 36));
  const pending = (c: { status: string }): boolean => c.status === 'open' || c.status === 'approved';
  const priced = (await app.service['candidates:list']({ profileId })).filter((c) => pending(c) && c.licenseType === 'SPE_E5');
  for (const c of priced) {
    expect(c.monthlySaving).toBe(21);
    expect(c.savingNote).toBeUndefined();
  }
  const e3Open = (await app.service['candidates:list']({ profileId })).filter((c) => pending(c) && c.licenseType === 'SPE_E3');
  for (const c of e3Open) expect(c.monthlySaving).toBe(36); // removal: the whole price
  expect((await summary()).monthlySavings).toBeCloseTo(priced.length * 21 + e3Open.length * 36, 2);
  expect((await summary()).unpricedCandidates).toBe(unpricedBefore - e5.length);

  const line = (await app.service['reconciliation:get']({ profileId })).lines.find((l) => l.licenseType === 'SPE_E5')!;
  expect(line.monthlyWaste).toBe(57 * priced.length); // what the inactive seats cost
  expect(line.potentialMonthlySavings).toBe(21 * priced.length); // what downgrading them saves

  const out = path.join(dir, 'candidates.json');
  await app.service['candidates:export']({ profileId, status: 'open', format: 'json', out });
  const rows = JSON.parse(await readFile(out, 'utf8')) as { licenseType: string; monthlyCost: number; monthlySaving: number | null; downgradeTo: string | null }[];
  expect(rows.find((r) => r.licenseType === 'SPE_E5')).toMatchObject({ monthlyCost: 57, monthlySaving: 21, downgradeTo: 'SPE_E3' });

  await app.service['candidates:setStatus']({ ids: [priced[0]!.id, priced[1]!.id], status: 'approved' });
  const plan = await app.service['reclaim:plan']({ profileId, candidateIds: [priced[0]!.id, priced[1]!.id] });
  expect(plan.effect.action).toBe('downgrade');
  expect(plan.calls.map((c) => [c.licenseType, c.downgradeTo, c.monthlySaving, c.currency])).toEqual([
    ['SPE_E5', 'SPE_E3', 21, 'USD'],
    ['SPE_E5', 'SPE_E3', 21, 'USD'],
  ]);
  expect(plan).toMatchObject({ savings: [{ currency: 'USD', monthly: 42 }], unknownSavings: 0 });
  const run = await app.service['reclaim:run']({ profileId, candidateIds: [priced[0]!.id, priced[1]!.id] });
  expect(run.reclaimed).toBe(2);
  expect(run).toMatchObject({ savings: [{ currency: 'USD', monthly: 42 }], unknownSavings: 0 });
  expect(run.outcomes[0]).toMatchObject({ outcome: 'reclaimed', monthlySaving: 21, downgradeTo: 'SPE_E3' });
  const event = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.seat');
  expect(event?.after).toMatchObject({ licenseType: 'SPE_E5', downgradedTo: 'SPE_E3', monthlySaving: 21, currency: 'USD' });

  // Back to removal: the rule forgets its tier and the seats save their whole price again.
  expect((await app.service['rules:update']({ ruleId: e5Rule.id, patch: { action: 'remove' } })).downgradeTo).toBeUndefined();
  const removal = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open' && c.licenseType === 'SPE_E5');
  for (const c of removal) expect(c).toMatchObject({ monthlySaving: 57 });
  expect(removal[0]?.downgradeTo).toBeUndefined();
});

it('a Microsoft 365 SKU with no downgrade named refuses the downgrade action, naming the option', async () => {
  const { app } = await newApp();
  const profileId = await microsoft365(app);
  const e3Rule = (await app.service['rules:list']({ profileId })).find((r) => r.licenseType === 'SPE_E3')!;
  await expect(app.service['rules:update']({ ruleId: e3Rule.id, patch: { action: 'downgrade' } })).rejects.toThrow(/SPE_E3/);
  expect((await app.service['rules:list']({ profileId })).find((r) => r.id === e3Rule.id)?.action).toBe('remove');
});

it('Zoom: a downgrade to Basic (free) saves the whole Licensed price, with no unit cost for Basic', async () => {
  const sim = await startZoomSimulator({ seed: 4, users: 60, now: NOW });
  cleanups.push(() => sim.close());
  const { app, dir } = await newApp();
  const created = await app.service['profiles:create']({
    name: 'Zoom',
    vendor: 'zoom',
    connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, tokenUrl: sim.tokenUrl, options: { accountId: sim.accountId } },
  });
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'clientSecret', value: sim.app.clientSecret });
  await app.service['profiles:publish']({ profileId: created.id });
  expect((await app.sync.run(created.id, 'manual')).state).toBe('succeeded');
  await app.service['entitlements:set'](price(created.id, 'Licensed', 13.33));
  const rule = (await app.service['rules:list']({ profileId: created.id })).find((r) => r.licenseType === 'Licensed')!;
  expect(await app.service['rules:update']({ ruleId: rule.id, patch: { action: 'downgrade' } })).toMatchObject({ downgradeTo: 'Basic' });
  const open = (await app.service['candidates:list']({ profileId: created.id })).filter((c) => c.status === 'open');
  expect(open.length).toBeGreaterThan(0);
  for (const c of open) expect(c).toMatchObject({ licenseType: 'Licensed', monthlySaving: 13.33, downgradeTo: 'Basic' });
  await app.service['candidates:setStatus']({ ids: [open[0]!.id], status: 'approved' });
  const plan = await app.service['reclaim:plan']({ profileId: created.id, candidateIds: [open[0]!.id] });
  expect(plan.calls[0]).toMatchObject({ downgradeTo: 'Basic', monthlySaving: 13.33, currency: 'USD' });

  // The rule's tier and the candidates' savings are in the data files: a restart reads them back.
  await app.close();
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const again = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW, control: false });
  cleanups.push(() => again.close());
  expect((await again.service['rules:list']({ profileId: created.id })).find((r) => r.id === rule.id)).toMatchObject({ action: 'downgrade', downgradeTo: 'Basic' });
  expect((await again.service['candidates:list']({ profileId: created.id })).find((c) => c.id === open[0]!.id)).toMatchObject({ monthlySaving: 13.33, downgradeTo: 'Basic' });
});
