/**
 * The demo organisation: every vendor's simulator on 127.0.0.1, a published profile for
 * each, and a first sync, so a newcomer sees real seats, candidates and savings before
 * connecting a vendor. Demo profiles are marked `demo` and re-pointed at the simulators'
 * new ports on every start. A new demo profile's entitlements are recorded through the
 * reclamation service, and after its first sync a little history is made (history.ts), so
 * the audit log holds genuine events from the first start.
 */
import type { GrantType, Vendor } from '../../connectors/types.js';
import type { SeatwiseApp } from '../app.js';
import type { Entitlement } from '../reclamation/types.js';
import type { MemoryOverlaySecretStore } from '../vault/memory-overlay-store.js';
import { recordDemoHistory } from './history.js';

export interface RunningDemoSource {
  baseUrl: string;
  secret: string;
  secretKind: 'token' | 'apiKey' | 'clientSecret';
  grantType: GrantType;
  username?: string;
  clientId?: string;
  tokenUrl?: string;
  options?: Record<string, string>;
  /** Prices so reconciliation and savings have something to show. */
  entitlements: Omit<Entitlement, 'profileId'>[];
  close(): Promise<void>;
}

export interface DemoSource {
  name: string;
  vendor: Vendor;
  preset?: 'scim';
  start(): Promise<RunningDemoSource>;
}

export interface RunningDemo {
  profiles: string[];
  close(): Promise<void>;
}

export async function startDemo(app: SeatwiseApp, vault: MemoryOverlaySecretStore, sources: DemoSource[]): Promise<RunningDemo> {
  const running: RunningDemoSource[] = [];
  const names: string[] = [];
  const histories: Promise<void>[] = [];
  try {
    for (const source of sources) {
      const sim = await source.start();
      running.push(sim);
      const started = await ensureDemoProfile(app, vault, source, sim);
      names.push(started.name);
      if (started.history) histories.push(started.history);
    }
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.close()));
    throw error;
  }
  return {
    profiles: names,
    async close() {
      await Promise.allSettled(histories);
      await app.sync.cancelAll();
      await Promise.allSettled(running.map((r) => r.close()));
    },
  };
}

interface StartedProfile {
  name: string;
  /** The first-start history, running after the first sync; absent on a restart. */
  history?: Promise<void>;
}

async function ensureDemoProfile(app: SeatwiseApp, vault: MemoryOverlaySecretStore, source: DemoSource, sim: RunningDemoSource): Promise<StartedProfile> {
  const connection = {
    baseUrl: sim.baseUrl,
    grantType: sim.grantType,
    ...(sim.username ? { username: sim.username } : {}),
    ...(sim.clientId ? { clientId: sim.clientId } : {}),
    ...(sim.tokenUrl ? { tokenUrl: sim.tokenUrl } : {}),
    options: sim.options ?? {},
  };
  let profile = app.store.root.profiles.find((p) => p.demo && p.name === source.name);
  if (!profile) {
    const created = await app.profiles.create({ name: source.name, vendor: source.vendor, preset: source.preset, connection });
    await app.store.update((root) => {
      const p = root.profiles.find((x) => x.id === created.id);
      if (p) p.demo = true;
    });
    // Through the service, as a person would on the Entitlements tab: each one is audited.
    for (const e of sim.entitlements) await app.reclamation.setEntitlement({ ...e, profileId: created.id });
    profile = app.profiles.require(created.id);
  } else {
    await app.profiles.update({ profileId: profile.id, connection });
  }
  for (const alias of app.store.root.aliases.filter((a) => a.profileId === profile.id)) vault.keepAliasInMemory(alias.id);
  await app.profiles.setSecret({ profileId: profile.id, kind: sim.secretKind, value: sim.secret });
  if (profile.status === 'draft') {
    await app.profiles.publish(profile.id);
    const { done } = app.sync.start(profile.id, 'publish');
    const id = profile.id;
    const history = done.then(async (job) => {
      if (job.state !== 'succeeded') return;
      await recordDemoHistory(app, id, source.vendor);
      // The demo must run even if its history cannot be made: say so in the log and go on.
    }).catch((error: unknown) => app.log.warn({ err: error, profile: id }, 'demo history not recorded'));
    return { name: profile.name, history };
  }
  app.sync.start(profile.id, 'catch-up');
  return { name: profile.name };
}
