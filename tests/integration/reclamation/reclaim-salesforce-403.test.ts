/**
 * A vendor refusal on one seat fails that seat only: Salesforce answers 403
 * (INSUFFICIENT_ACCESS_OR_READONLY) for one user's PATCH, the others are deactivated. Real
 * services, a real keychain and the Salesforce simulator (client credentials).
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSalesforceSimulator, type SalesforceSimulatorHandle } from '../../../connectors/salesforce/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

let sim: SalesforceSimulatorHandle;
let app: SeatwiseApp;
let keychain: TestKeychain;
let cleanupDir: () => void;
let profileId: string;

beforeAll(async () => {
  sim = await startSalesforceSimulator({ seed: 11, users: 200 });
  const t = tempDir('seatwise-reclaim-sf-');
  cleanupDir = t.cleanup;
  keychain = testKeychain();
  app = await createApp({ dataDir: path.join(t.dir, 'data'), transport: 'cli', vault: keychain.vault });
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

it('a 403 on one seat fails that seat only, with the vendor message, and is audited', async () => {
  const open = (await app.service['candidates:list']({ profileId })).filter((c) => c.status === 'open');
  expect(open.length).toBeGreaterThanOrEqual(3);
  const [blocked, ...fine] = open.slice(0, 3);
  await app.service['candidates:setStatus']({ ids: [blocked!.id, ...fine.map((c) => c.id)], status: 'approved' });
  sim.knobs.patchForbiddenFor = [blocked!.userId];
  const before = new Map(sim.org.users.map((u) => [u.id, u.isActive]));

  const result = await app.service['reclaim:run']({ profileId, approved: true });
  expect(result).toMatchObject({ reclaimed: 2, failed: 1, skipped: 0 });
  const failed = result.outcomes.find((o) => o.outcome === 'failed');
  expect(failed?.candidateId).toBe(blocked!.id);
  expect(failed?.message).toContain('INSUFFICIENT_ACCESS_OR_READONLY');

  const changed = sim.org.users.filter((u) => before.get(u.id) !== u.isActive).map((u) => u.id).sort();
  expect(changed).toEqual(fine.map((c) => c.userId).sort());
  expect(sim.user(blocked!.userId)?.isActive).toBe(true);
  // Refused once, not retried.
  expect(sim.stats.requestsTo('PATCH', `/services/data/v62.0/sobjects/User/${blocked!.userId}`)).toHaveLength(1);

  const rows = await app.service['candidates:list']({ profileId });
  expect(rows.find((c) => c.id === blocked!.id)?.status).toBe('failed');
  for (const c of fine) expect(rows.find((r) => r.id === c.id)?.status).toBe('reclaimed');
  const events = await app.service['audit:list']({});
  expect(events.filter((e) => e.action === 'reclaim.seat')).toHaveLength(2);
  expect(events.find((e) => e.action === 'reclaim.failed')?.message).toContain('INSUFFICIENT_ACCESS_OR_READONLY');

  // Undo through the same connector: PATCH IsActive true.
  const undoId = result.outcomes.find((o) => o.outcome === 'reclaimed')!.auditId!;
  const undone = await app.service['reclaim:undo']({ auditId: undoId });
  const gid = rows.find((r) => r.id === undone.candidateId)!.userId;
  expect(sim.user(gid)?.isActive).toBe(true);
});
