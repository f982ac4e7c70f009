/**
 * "Analyze user activity from" follows the look-back without claiming days the log was not
 * read for: a shorter look-back counts from the later date at once; a longer one only after
 * the next sync has read the log from the earlier date.
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startAsanaSimulator } from '../../../connectors/asana/simulator/index.js';
import { createApp } from '../../../main/app.js';
import { testKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'trust-lookback-token-0123456789abcdef';
const NOW = new Date('2031-06-10T08:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const processes = (lookbackDays: number) => ({ activity: { enabled: true, lookbackDays }, reclaim: { enabled: true } });

it('a new look-back never makes anyone inactive for longer than the log was read', async () => {
  const sim = await startAsanaSimulator({ token: TOKEN, seed: 8, users: 120, now: NOW, knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  const { dir, cleanup } = tempDir('seatwise-lookback-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW });
  cleanups.push(() => app.close());
  const created = await app.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' }, processes: processes(60) });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
  await app.profiles.publish(created.id);
  await app.sync.run(created.id, 'publish');
  const rules = await app.service['rules:list']({ profileId: created.id });
  for (const rule of rules) await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 20 } });
  const open = async () => (await app.service['candidates:list']({ profileId: created.id })).filter((c) => c.status === 'open');
  // Seats with no activity in the log: their days inactive are what the log's reach allows.
  const longest = async () => Math.max(0, ...(await open()).filter((c) => !c.lastActivityAt).map((c) => c.daysInactive));

  expect(await longest()).toBe(60);
  const seen = (await open()).find((c) => c.lastActivityAt && c.daysInactive > 30);

  // Shorter: at once, from 30 days back.
  await app.service['profiles:update']({ profileId: created.id, processes: processes(30) });
  expect((await open()).length).toBeGreaterThan(0);
  expect(await longest()).toBe(30);
  // What the log did show stays true: a last use 40 days ago is still 40 days ago.
  if (seen) expect((await open()).find((c) => c.id === seen.id)?.daysInactive).toBe(seen.daysInactive);

  // Longer: the log was read only 30 days back, so 30 is still the most anyone can be inactive...
  await app.service['profiles:update']({ profileId: created.id, processes: processes(50) });
  expect(await longest()).toBe(30);
  // ...until a sync has read it from 50 days back.
  expect((await app.sync.run(created.id, 'manual')).state).toBe('succeeded');
  expect(await longest()).toBe(50);
});
