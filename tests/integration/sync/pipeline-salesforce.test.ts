/**
 * Seats owned from the vendor: a Salesforce sync reads UserLicense and writes the owned counts
 * into the profile's entitlements, through the real services, keychain and
 * simulator. Expected values come from the simulator's seed, never from the connector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isPaidSeat } from '../../../connectors/salesforce/simulator/seed.js';
import { startSalesforceSimulator, type SalesforceSimulatorHandle } from '../../../connectors/salesforce/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(): Promise<{ app: SeatwiseApp; sim: SalesforceSimulatorHandle; profileId: string }> {
  const sim = await startSalesforceSimulator({ seed: 5, users: 240, overAllocatedLicense: 'Salesforce Platform', knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  const t = tempDir();
  cleanups.push(t.cleanup);
  const app = await createApp({ dataDir: t.dir, transport: 'cli' });
  cleanups.push(() => app.close());
  const created = await app.profiles.create({
    name: 'Salesforce',
    vendor: 'salesforce',
    connection: { baseUrl: sim.instanceUrl, grantType: 'client_credentials', clientId: sim.oauth.clientId, tokenUrl: sim.oauth.tokenUrl },
  });
  await app.profiles.setSecret({ profileId: created.id, kind: 'clientSecret', value: sim.oauth.clientSecret });
  cleanups.push(() => app.profiles.remove(created.id).catch(() => undefined));
  await app.profiles.publish(created.id);
  return { app, sim, profileId: created.id };
}

describe('seats owned from Salesforce UserLicense', () => {
  it('fills owned for the paid license types held, keeps the admin’s price, and flags over-allocation', async () => {
    const { app, sim, profileId } = await setup();
    await app.service['entitlements:set']({ profileId, licenseType: 'Salesforce', owned: 1, unitCost: 165, currency: 'EUR', period: 'month', renewalDate: '2027-03-31' });

    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).toBe('succeeded');
    expect(job.phases.find((p) => p.phase === 'download')?.message).toMatch(/seats owned read for \d+ license type/);

    const held = new Set(sim.org.users.filter((u) => u.isActive && isPaidSeat(u)).map((u) => u.licenseName));
    const total = new Map(sim.org.licenses.map((l) => [l.name, l.total]));
    const entitlements = await app.service['entitlements:list']({ profileId });
    expect(entitlements.map((e) => e.licenseType).sort()).toEqual([...held].sort());
    for (const e of entitlements) expect({ type: e.licenseType, owned: e.owned, fromVendor: e.ownedFromVendor }).toEqual({ type: e.licenseType, owned: total.get(e.licenseType), fromVendor: true });
    expect(entitlements.find((e) => e.licenseType === 'Salesforce')).toMatchObject({ unitCost: 165, currency: 'EUR', renewalDate: '2027-03-31' });
    // A new row takes the currency already in use, and no price until the admin enters one.
    expect(entitlements.find((e) => e.licenseType === 'Salesforce Platform')).toMatchObject({ unitCost: 0, currency: 'EUR' });

    const reconciliation = await app.service['reconciliation:get']({ profileId });
    const platform = reconciliation.lines.find((l) => l.licenseType === 'Salesforce Platform');
    expect(platform?.overAllocated).toBe(true);
  });

  it('syncs on when UserLicense cannot be read, says so in the job, and leaves the entitlements alone', async () => {
    const { app, sim, profileId } = await setup();
    await app.service['entitlements:set']({ profileId, licenseType: 'Salesforce', owned: 7, unitCost: 165, currency: 'USD', period: 'month' });
    sim.knobs.malformedPage = (req) => (req.query.get('q') ?? '').includes('FROM UserLicense');
    const job = await app.sync.run(profileId, 'manual');
    expect(job.state).toBe('succeeded');
    expect(job.phases.find((p) => p.phase === 'download')?.message).toMatch(/seats owned could not be read/);
    expect(await app.service['entitlements:list']({ profileId })).toEqual([
      { profileId, licenseType: 'Salesforce', owned: 7, unitCost: 165, currency: 'USD', period: 'month' },
    ]);
  });
});
