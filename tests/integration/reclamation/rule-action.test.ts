/**
 * Downgrade as a rule's action: Microsoft 365 with "SPE_E5=SPE_E3" written as the downgrade the
 * admin allows. A reclaim that names no action follows each rule: the E5 rule's seats move to
 * E3 (the person and their data stay, Undo moves them back), other seats are left for a run of
 * their own action, and a vendor with no cheaper tier refuses the setting.
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startGraphSimulator } from '../../../connectors/microsoft-graph/simulator/index.js';
import { startScimSimulator } from '../../../connectors/custom/simulator/scim.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';

const NOW = new Date('2031-05-05T10:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<SeatwiseApp> {
  const { dir, cleanup } = tempDir('seatwise-rule-action-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW, control: false });
  cleanups.push(() => app.close());
  return app;
}

it('a rule set to downgrade moves its seats to the cheaper SKU; the others wait for a run of their own action', async () => {
  const sim = await startGraphSimulator({ seed: 7, users: 80, now: NOW });
  cleanups.push(() => sim.close());
  const app = await newApp();
  const created = await app.service['profiles:create']({
    name: 'M365',
    vendor: 'microsoft365',
    connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, tokenUrl: sim.tokenUrl, options: { tenant: sim.tenantId, downgrades: 'SPE_E5=SPE_E3' } },
  });
  await app.service['connection:setSecret']({ profileId: created.id, kind: 'clientSecret', value: sim.app.clientSecret });
  await app.service['profiles:publish']({ profileId: created.id });
  expect((await app.sync.run(created.id, 'manual')).state).toBe('succeeded');

  const open = (await app.service['candidates:list']({ profileId: created.id })).filter((c) => c.status === 'open');
  const e5 = open.filter((c) => c.licenseType === 'SPE_E5');
  const others = open.filter((c) => c.licenseType !== 'SPE_E5');
  expect(e5.length).toBeGreaterThan(0);
  expect(others.length).toBeGreaterThan(0);
  await app.service['candidates:setStatus']({ ids: open.map((c) => c.id), status: 'approved' });
  const e5Rule = (await app.service['rules:list']({ profileId: created.id })).find((r) => r.licenseType === 'SPE_E5')!;
  expect(e5Rule.action).toBe('remove');
  expect((await app.service['rules:update']({ ruleId: e5Rule.id, patch: { action: 'downgrade' } })).action).toBe('downgrade');

  // Named seats of both kinds, no action given: the first seat's rule (downgrade) is the run's.
  const plan = await app.service['reclaim:plan']({ profileId: created.id, candidateIds: [e5[0]!.id, others[0]!.id] });
  expect(plan.effect.action).toBe('downgrade');
  expect(plan.calls.map((c) => c.candidateId)).toEqual([e5[0]!.id]);
  expect(plan.skipped).toEqual([{ candidateId: others[0]!.id, email: others[0]!.email, reason: expect.stringMatching(/reclaims by remove: run again with --action remove/) }]);

  const run = await app.service['reclaim:run']({ profileId: created.id, candidateIds: [e5[0]!.id] });
  expect(run.reclaimed).toBe(1);
  const event = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.seat');
  expect(event?.after).toMatchObject({ action: 'downgrade', licenseType: 'SPE_E5', downgradedTo: 'SPE_E3' });
  const tierOf = async (): Promise<string | undefined> =>
    (await app.service['subscriptions:list']({ profileId: created.id })).rows.find((r) => r.id === e5[0]!.subscriptionId)?.licenseType;
  expect(await tierOf()).toBe('SPE_E3');
  // Undo moves the seat back to E5, at the vendor and on the record.
  await app.service['reclaim:undo']({ auditId: run.outcomes[0]!.auditId! });
  expect(await tierOf()).toBe('SPE_E5');
  const call = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.undo');
  expect(JSON.stringify(call?.after)).toContain('assignLicense');

  // An action named by the admin wins over the rules.
  const removal = await app.service['reclaim:plan']({ profileId: created.id, candidateIds: [e5[1]?.id ?? e5[0]!.id, others[0]!.id], action: 'remove' });
  expect(removal.effect.action).toBe('remove');
  expect(removal.skipped).toEqual([]);
});

it('a vendor with no cheaper tier refuses the downgrade action', async () => {
  const sim = await startScimSimulator({ token: 'tok-0123456789abcdef0123', seed: 3, users: 10 });
  cleanups.push(() => sim.close());
  const app = await newApp();
  const created = await app.profiles.create({ name: 'Wiki', vendor: 'custom', preset: 'scim', connection: { baseUrl: sim.url, grantType: 'token' } });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: 'tok-0123456789abcdef0123' });
  await app.profiles.publish(created.id);
  await app.sync.run(created.id, 'publish');
  const rule = (await app.service['rules:list']({ profileId: created.id }))[0]!;
  await expect(app.service['rules:update']({ ruleId: rule.id, patch: { action: 'downgrade' } })).rejects.toThrow(/offers no cheaper tier to downgrade to/);
});
