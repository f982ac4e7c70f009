/**
 * The demo organisation's newer vendors (Microsoft 365, GitHub Copilot, Zoom): each starts its
 * simulator, gets a published profile with prices and a first sync with real seats and
 * candidates, and Microsoft 365's first-start history sets its E5 rule to move idle seats down
 * to E3, so the savings shown are the price difference, not the E5 price.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { startDemo, type RunningDemo } from '../../../main/demo/demo.js';
import { demoSources } from '../../../main/demo/sources.js';
import { MemoryOverlaySecretStore } from '../../../main/vault/memory-overlay-store.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NEW_VENDORS = ['Microsoft 365 (demo)', 'GitHub Copilot (demo)', 'Zoom (demo)'];
let app: SeatwiseApp;
let demo: RunningDemo;
let keychain: TestKeychain;
let cleanupDir: () => void;

beforeAll(async () => {
  const t = tempDir('seatwise-demo-vendors-');
  cleanupDir = t.cleanup;
  keychain = testKeychain();
  const vault = new MemoryOverlaySecretStore(keychain.vault);
  app = await createApp({ dataDir: path.join(t.dir, 'data'), transport: 'cli', vault, demo: true, control: false });
  demo = await startDemo(app, vault, demoSources.filter((s) => NEW_VENDORS.includes(s.name)));
  // The demo syncs in the background and records its history after: wait for both.
  await demo.close();
}, 90_000);

afterAll(async () => {
  await app?.close();
  await keychain?.cleanup();
  cleanupDir?.();
});

it('each new vendor is a published demo profile whose first sync found seats, candidates and savings', async () => {
  expect(demo.profiles).toEqual(NEW_VENDORS);
  const profiles = await app.service['profiles:list']({});
  for (const name of NEW_VENDORS) {
    const p = profiles.find((x) => x.name === name);
    expect(p, name).toBeDefined();
    expect(p?.lastSync?.status, name).toBe('succeeded');
    expect(p!.seats, name).toBeGreaterThan(0);
    expect(p!.candidates, name).toBeGreaterThan(0);
    expect(p!.monthlySavings, name).toBeGreaterThan(0);
  }
});

it('Microsoft 365: the E5 rule downgrades to E3, and its candidates save 57 - 36 = 21 a month', async () => {
  const m365 = (await app.service['profiles:list']({})).find((p) => p.name === 'Microsoft 365 (demo)')!;
  const rule = (await app.service['rules:list']({ profileId: m365.id })).find((r) => r.licenseType === 'SPE_E5')!;
  expect(rule).toMatchObject({ action: 'downgrade', downgradeTo: 'SPE_E3' });
  const e5 = (await app.service['candidates:list']({ profileId: m365.id })).filter((c) => c.status === 'open' && c.licenseType === 'SPE_E5');
  expect(e5.length).toBeGreaterThan(0);
  for (const c of e5) expect(c).toMatchObject({ monthlyCost: 57, monthlySaving: 21, downgradeTo: 'SPE_E3' });
  const events = await app.service['audit:list']({});
  expect(events.some((e) => e.action === 'rule.changed' && e.profileId === m365.id)).toBe(true);
});
