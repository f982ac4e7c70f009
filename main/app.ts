/**
 * Composition root: builds every service from its parts and knows nothing of Electron or
 * HTTP. Both transports (main/electron/ipc.ts, main/host/) and the CLI start here.
 */
import type { SeatwiseService } from '../preload/contract.js';
import { allConnectors } from '../connectors/registry.js';
import { EventBus } from './events/bus.js';
import { ProfileService } from './profiles/service.js';
import { Store } from './store/store.js';
import { querySubscriptions } from './subscriptions/query.js';
import { SyncService } from './sync/sync-service.js';
import { KeytarSecretStore } from './vault/keytar-store.js';
import type { SecretStore } from './vault/secret-store.js';
import { APP_VERSION } from './version.js';

export interface SeatwiseApp {
  readonly service: SeatwiseService;
  readonly events: EventBus;
  readonly dataDir: string;
  readonly store: Store;
  readonly profiles: ProfileService;
  readonly sync: SyncService;
  close(): Promise<void>;
}

export interface AppOptions {
  dataDir: string;
  transport: 'ipc' | 'http' | 'cli';
  demo?: boolean;
  /** Shown to a second process that finds the data folder locked. */
  lockHolder?: string;
  vault?: SecretStore;
  now?: () => Date;
}

export async function createApp(options: AppOptions): Promise<SeatwiseApp> {
  const now = options.now ?? (() => new Date());
  const store = await Store.open({ dataDir: options.dataDir, lockHolder: options.lockHolder ?? defaultHolder(options.transport) });
  const vault = options.vault ?? new KeytarSecretStore();
  const events = new EventBus();
  const sync = new SyncService({ store, vault, events, now });
  const profiles = new ProfileService({ store, vault, events, now, nextRunAt: () => undefined });

  const service: SeatwiseService = {
    'app:info': async () => ({
      version: APP_VERSION,
      dataDir: store.dataDir,
      transport: options.transport === 'ipc' ? 'ipc' : 'http',
      demo: options.demo ?? false,
      platform: process.platform,
    }),
    'vendors:list': async () => allConnectors().map((c) => ({ ...c.descriptor })),
    'profiles:list': () => profiles.list(),
    'profiles:get': ({ profileId }) => profiles.detail(profileId),
    'profiles:create': (input) => profiles.create(input),
    'profiles:update': (input) => profiles.update(input),
    'profiles:remove': async ({ profileId }) => {
      sync.cancel(profileId);
      await profiles.remove(profileId);
      return { ok: true as const };
    },
    'profiles:publish': async ({ profileId }) => {
      const profile = await profiles.publish(profileId);
      sync.start(profile.id, 'publish');
      return profiles.detail(profile.id);
    },
    'connection:setSecret': async (input) => {
      await profiles.setSecret(input);
      return { ok: true as const };
    },
    'connection:validate': ({ profileId }) => profiles.validate(profileId),
    'sync:run': async ({ profileId }) => sync.start(profiles.require(profileId).id, 'manual').job,
    'sync:cancel': async ({ profileId }) => {
      sync.cancel(profiles.require(profileId).id);
      return { ok: true as const };
    },
    'jobs:list': async ({ profileId, limit }) => {
      const jobs = await store.jobs();
      const filtered = profileId ? jobs.filter((j) => j.profileId === profileId) : jobs;
      return filtered.slice(0, limit ?? 100);
    },
    'subscriptions:list': async (query) => {
      const profile = profiles.require(query.profileId);
      return querySubscriptions(await store.snapshot(profile.id), query, now());
    },
  };

  return {
    service,
    events,
    dataDir: store.dataDir,
    store,
    profiles,
    sync,
    async close() {
      await sync.cancelAll();
      store.close();
    },
  };
}

function defaultHolder(transport: AppOptions['transport']): string {
  if (transport === 'ipc') return 'the Seatwise app';
  if (transport === 'http') return 'seatwise serve';
  return 'the seatwise command line';
}
