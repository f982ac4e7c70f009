/**
 * Downgrade at Salesforce, through the app and the simulator: a user's license is their
 * profile's, so a rule set to downgrade moves its Salesforce seats to a profile of the org's
 * cheaper Salesforce Platform license (PATCH User ProfileId), the saving counted is the price
 * difference, Salesforce's refusals fail only that seat, Undo gives the old profile back, and an
 * org with no cheaper license for the profile refuses the setting with that reason.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSalesforceSimulator, type SalesforceSimulatorHandle } from '../../../connectors/salesforce/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NOW = new Date('2031-03-03T09:00:00.000Z');
const DATA = '/services/data/v62.0';
let sim: SalesforceSimulatorHandle;
let app: SeatwiseApp;
let keychain: TestKeychain;
let cleanupDir: () => void;
let profileId: string;

beforeAll(async () => {
  sim = await startSalesforceSimulator({ seed: 21, users: 200, now: NOW, clock: () => NOW.getTime() });
  const t = tempDir('seatwise-sf-downgrade-');
  cleanupDir = t.cleanup;
  keychain = testKeychain();
  app = await createApp({ dataDir: path.join(t.dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW, control: false });
  const created = await app.profiles.create({
    name: 'Salesforce',
    vendor: 'salesforce',
    connection: { baseUrl: sim.instanceUrl, grantType: 'client_credentials', clientId: sim.oauth.clientId, tokenUrl: sim.oauth.tokenUrl },
  });
  profileId = created.id;
  await app.profiles.setSecret({ profileId, kind: 'clientSecret', value: sim.oauth.clientSecret });
  await app.profiles.publish(profileId);
  const job = await app.sync.run(profileId, 'manual');
  expect(job.error).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await keychain?.cleanup();
  await sim?.close();
  cleanupDir?.();
});

const platform = () => sim.org.licenses.find((l) => l.name === 'Salesforce Platform')!;
const usedOf = (license: string) => sim.org.users.filter((u) => u.isActive && u.licenseName === license).length;

it('moves Salesforce seats to a Salesforce Platform profile, saving the price difference; refusals fail one seat; Undo restores the profile', async () => {
  await app.service['entitlements:set']({ profileId, licenseType: 'Salesforce', owned: null, unitCost: 165, currency: 'USD', period: 'month' });
  await app.service['entitlements:set']({ profileId, licenseType: 'Salesforce Platform', owned: null, unitCost: 25, currency: 'USD', period: 'month' });
  const rule = (await app.service['rules:list']({ profileId })).find((r) => r.licenseType === 'Salesforce')!;
  expect(await app.service['rules:update']({ ruleId: rule.id, patch: { action: 'downgrade' } })).toMatchObject({ action: 'downgrade', downgradeTo: 'Salesforce Platform' });

  const open = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open' && c.licenseType === 'Salesforce');
  const standard = open.filter((c) => sim.user(c.userId)?.profileName !== 'System Administrator');
  expect(standard.length).toBeGreaterThanOrEqual(2);
  for (const c of open) expect(c).toMatchObject({ monthlyCost: 165, monthlySaving: 140, downgradeTo: 'Salesforce Platform' });

  const [moved, blocked] = standard;
  const movedBefore = { ...sim.user(moved!.userId)! };
  await app.service['candidates:setStatus']({ ids: [moved!.id, blocked!.id], status: 'approved' });
  sim.knobs.licenseChangeBlockedBy = { [blocked!.userId]: { permissionSet: 'Sales Cloud Extras', permission: 'Manage Leads' } };
  platform().total = usedOf('Salesforce Platform') + 5;
  const platformProfile = sim.org.profiles.find((p) => p.name === 'Standard Platform User')!;

  const plan = await app.service['reclaim:plan']({ profileId, candidateIds: [moved!.id, blocked!.id] });
  expect(plan.effect).toMatchObject({ action: 'downgrade', label: 'Move to a cheaper user license', undoLabel: 'Restore the original profile' });
  expect(plan.effect.vendorChange).toContain('ProfileId');
  expect(plan.calls[0]).toMatchObject({
    candidateId: moved!.id,
    call: { method: 'PATCH', url: `${sim.instanceUrl}${DATA}/sobjects/User/${moved!.userId}`, body: { ProfileId: platformProfile.id } },
    licenseType: 'Salesforce',
    downgradeTo: 'Salesforce Platform',
    monthlySaving: 140,
  });
  expect(sim.user(moved!.userId)?.licenseName).toBe('Salesforce'); // a dry run changes nothing

  const salesforceUsed = usedOf('Salesforce');
  const run = await app.service['reclaim:run']({ profileId, candidateIds: [moved!.id, blocked!.id] });
  expect(run).toMatchObject({ reclaimed: 1, failed: 1, savings: [{ currency: 'USD', monthly: 140 }] });
  expect(sim.user(moved!.userId)).toMatchObject({ isActive: true, profileName: 'Standard Platform User', licenseName: 'Salesforce Platform' });
  expect(usedOf('Salesforce')).toBe(salesforceUsed - 1);
  const failed = run.outcomes.find((o) => o.outcome === 'failed')!;
  expect(failed.candidateId).toBe(blocked!.id);
  expect(failed.message).toContain("Can't assign permission set Sales Cloud Extras");
  expect(failed.message).toContain('FIELD_INTEGRITY_EXCEPTION');
  expect(sim.user(blocked!.userId)?.licenseName).toBe('Salesforce');

  const event = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.seat')!;
  expect(event.after).toMatchObject({ action: 'downgrade', licenseType: 'Salesforce', downgradedTo: 'Salesforce Platform', reclaimRef: movedBefore.profileId, monthlySaving: 140 });

  await app.service['reclaim:undo']({ auditId: run.outcomes.find((o) => o.outcome === 'reclaimed')!.auditId! });
  expect(sim.user(moved!.userId)).toMatchObject({ profileId: movedBefore.profileId, profileName: movedBefore.profileName, licenseName: 'Salesforce' });
  const undo = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.undo')!;
  expect(undo.after).toMatchObject({ call: { method: 'PATCH', body: { ProfileId: movedBefore.profileId } }, undoLabel: 'Restore the original profile' });
});

it('with no free Salesforce Platform license, Salesforce refuses the seat with LICENSE_LIMIT_EXCEEDED', async () => {
  const c = (await app.service['candidates:list']({ profileId })).find((x) => x.status === 'open' && x.licenseType === 'Salesforce' && sim.user(x.userId)?.profileName !== 'System Administrator')!;
  await app.service['candidates:setStatus']({ ids: [c.id], status: 'approved' });
  platform().total = usedOf('Salesforce Platform');
  const run = await app.service['reclaim:run']({ profileId, candidateIds: [c.id] });
  expect(run.failed).toBe(1);
  expect(run.outcomes[0]?.message).toMatch(/LICENSE_LIMIT_EXCEEDED.*free one or buy one/);
  expect(sim.user(c.userId)?.licenseName).toBe('Salesforce');
});

it('no cheaper user license for the profile: the downgrade action is refused with that reason', async () => {
  const platformRule = (await app.service['rules:list']({ profileId })).find((r) => r.licenseType === 'Salesforce Platform')!;
  await expect(app.service['rules:update']({ ruleId: platformRule.id, patch: { action: 'downgrade' } })).rejects.toThrow(
    /no cheaper user license in this org for profile Standard Platform User/,
  );
  // An org without a profile on the Platform license has nothing to move Salesforce users to.
  const rule = (await app.service['rules:list']({ profileId })).find((r) => r.licenseType === 'Salesforce')!;
  await app.service['rules:update']({ ruleId: rule.id, patch: { action: 'remove' } });
  sim.org.profiles = sim.org.profiles.filter((p) => p.licenseName !== 'Salesforce Platform');
  await expect(app.service['rules:update']({ ruleId: rule.id, patch: { action: 'downgrade' } })).rejects.toThrow(
    /no cheaper user license in this org for profile .*Standard User/,
  );
  expect((await app.service['rules:list']({ profileId })).find((r) => r.id === rule.id)?.action).toBe('remove');
});
