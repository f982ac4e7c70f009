/**
 * Salesforce's API lives at the instance the token response names (`instance_url`), which may
 * differ from the URL the connection was set up with (the login host, or an instance that has
 * since moved). Through the app's own services: validation, publish, sync, the reclaim dry run,
 * the run and Undo all call the token's instance and never the stored URL.
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startSalesforceSimulator } from '../../../connectors/salesforce/simulator/index.js';
import { createApp } from '../../../main/app.js';
import { testKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

it('publish, sync, reclaim and undo go to the token’s instance_url, not the stored URL', async () => {
  const sim = await startSalesforceSimulator({ seed: 5, users: 220 });
  cleanups.push(() => sim.close());
  // The same server under another name: the connection is set up with 127.0.0.1, the token
  // endpoint names localhost as the org's instance.
  const instance = sim.origin.replace('127.0.0.1', 'localhost');
  sim.state.instanceOrigin = instance;
  const t = tempDir('seatwise-sf-instance-');
  cleanups.push(t.cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(t.dir, 'data'), transport: 'cli', vault: keychain.vault });
  cleanups.push(() => app.close());

  const created = await app.profiles.create({
    name: 'Salesforce',
    vendor: 'salesforce',
    connection: { baseUrl: sim.instanceUrl, grantType: 'client_credentials', clientId: sim.oauth.clientId, tokenUrl: sim.oauth.tokenUrl },
  });
  await app.profiles.setSecret({ profileId: created.id, kind: 'clientSecret', value: sim.oauth.clientSecret });
  expect((await app.profiles.publish(created.id)).status).toBe('published');
  const job = await app.sync.run(created.id, 'manual');
  expect(job.error).toBeUndefined();

  const open = (await app.service['candidates:list']({ profileId: created.id })).filter((c) => c.status === 'open');
  expect(open.length).toBeGreaterThan(0);
  const target = open[0]!;
  await app.service['candidates:setStatus']({ ids: [target.id], status: 'approved' });
  const plan = await app.service['reclaim:plan']({ profileId: created.id, approved: true });
  expect(plan.calls.map((c) => new URL(c.call.url).origin)).toEqual([instance]);
  const result = await app.service['reclaim:run']({ profileId: created.id, approved: true });
  expect(result.reclaimed).toBe(1);
  expect(sim.user(target.userId)?.isActive).toBe(false);
  await app.service['reclaim:undo']({ auditId: result.outcomes[0]!.auditId! });
  expect(sim.user(target.userId)?.isActive).toBe(true);

  // Every API call, the reclaim included, reached the instance host only.
  expect([...sim.state.hosts.keys()]).toEqual([new URL(instance).host]);
});
