/**
 * Composition root: builds every service from its parts and knows nothing of Electron or
 * HTTP. Both transports (main/electron/ipc.ts, main/host/) and the CLI start here.
 */
import type { SeatwiseService } from '../preload/contract.js';
import { CatalogService } from './catalog/service.js';
import { DirectoryService } from './directory/service.js';
import { SsoLinkService } from './directory/sso-links.js';
import { EventBus } from './events/bus.js';
import { AuditService } from './audit/service.js';
import { ConnectionService } from './profiles/connection-service.js';
import { ProfileLifecycle } from './profiles/lifecycle.js';
import type { ScheduleDeps } from './profiles/schedule.js';
import { ProfileService } from './profiles/service.js';
import { ReclamationService } from './reclamation/service.js';
import { Store } from './store/store.js';
import type { DataStore } from './store/data-store.js';
import { createHandlers } from './rpc/handlers/index.js';
import { SettingsService } from './settings/service.js';
import { SubscriptionsService } from './subscriptions/service.js';
import { SyncService } from './sync/sync-service.js';
import { KeytarSecretStore } from './vault/keytar-store.js';
import type { SecretStore } from './vault/secret-store.js';
import { APP_VERSION } from './version.js';
import { createLogger, type Log } from './log/logger.js';
import { createScheduler, createSystemClock, DEFAULT_RETENTION, pruneJobs, type Clock, type Scheduler } from './scheduler/index.js';
import { nextRun } from './scheduler/schedule.js';
import { startControlServer, type ControlServer } from './rpc/control-socket.js';
import { MAX_PARALLEL_SYNCS } from '../preload/contract/settings.js';
import { RoleService } from './settings/roles.js';
import { signedInCaller } from './store/actor.js';

export interface SeatwiseApp {
  readonly service: SeatwiseService;
  readonly events: EventBus;
  readonly dataDir: string;
  readonly store: DataStore;
  readonly profiles: ProfileService;
  readonly sync: SyncService;
  readonly reclamation: ReclamationService;
  readonly scheduler: Scheduler;
  readonly log: Log;
  close(): Promise<void>;
}

export interface AppOptions {
  dataDir: string;
  transport: 'ipc' | 'http' | 'cli';
  demo?: boolean;
  /** Shown to a second process that finds the data folder locked. */
  lockHolder?: string;
  vault?: SecretStore;
  /** An open store to work on instead of the data folder (a team server's database); the app closes it. */
  store?: DataStore;
  /** The store is shared with other servers (a team's database): runs are claimed there, its configuration re-read. */
  shared?: boolean;
  now?: () => Date;
  /** Opens the system browser for a sign-in (Electron: shell.openExternal); default: xdg-open/open, or print the URL. */
  openExternal?: (url: string) => Promise<void>;
  /** The scheduler's clock; tests inject a ManualClock. */
  clock?: Clock;
  /** Arm the daily schedules (the window and the browser host do; one-shot CLI commands do not). */
  schedule?: boolean;
  /** Answer the command line on the data folder's socket while this process holds it (default: on). */
  control?: boolean;
}

export async function createApp(options: AppOptions): Promise<SeatwiseApp> {
  const now = options.now ?? (() => new Date());
  const store: DataStore = options.store ?? await Store.open({ dataDir: options.dataDir, lockHolder: options.lockHolder ?? defaultHolder(options.transport) });
  const vault = options.vault ?? new KeytarSecretStore();
  const events = new EventBus();
  const log = createLogger(store.dataDir, undefined, {
    introduction: { fields: { transport: options.transport, version: APP_VERSION }, message: 'Seatwise started', startedAt: now() },
  });
  events.on((name, payload) => {
    if (name === 'jobs:changed') {
      const { job } = payload as { job: { id: string; profileName: string; state: string; error?: string } };
      if (job.state !== 'running') log.info({ job: job.id, profile: job.profileName, state: job.state, error: job.error }, 'sync finished');
    }
  });
  const sync: SyncService = new SyncService({
    store,
    vault,
    events,
    now,
    prune: (jobs) => pruneJobs(jobs, DEFAULT_RETENTION, now()),
    reclaimStep: (profileId, signal) => reclamation.reclaim.automatic(profileId, signal),
    onDirectoryChanged: () => reclamation.recomputeAll(),
  }, { maxParallel: parallelSyncs(store.root.settings.maxParallelSyncs), shared: options.shared ? {} : undefined });
  const scheduler = createScheduler({
    clock: options.clock ?? createSystemClock({ unref: true }),
    maxParallel: parallelSyncs(store.root.settings.maxParallelSyncs),
    // The queue needs a rejection for a failed run; SyncService resolves every run with its job.
    run: async (profileId, trigger, signal) => {
      const { done } = sync.start(profileId, trigger);
      signal.addEventListener('abort', () => sync.cancel(profileId));
      const job = await done;
      if (job.state === 'failed') throw new Error(job.error ?? 'The sync failed.');
    },
    getProfiles: () =>
      store.root.profiles.map((p) => ({
        id: p.id,
        schedule: p.schedule,
        lastRunAt: p.lastRunAt ? new Date(p.lastRunAt) : undefined,
        published: p.status === 'published',
        lastRunInterrupted: store.lastRunInterrupted(p.id),
      })),
    onNextRunChanged: (profileId) => events.emit('profiles:changed', { profileId }),
  });
  const profiles = new ProfileService({ store, vault, events, now, nextRunAt: (id) => scheduler.nextRunAt(id) ?? undefined });
  const connections = new ConnectionService({ store, vault, events, profiles, now, openExternal: options.openExternal });
  if (options.schedule ?? options.transport !== 'cli') scheduler.start();

  const reclamation: ReclamationService = new ReclamationService({
    store,
    vault,
    events,
    now,
    isSyncing: (id) => sync.isRunning(id),
    nextSyncAfter: (id, after) => {
      const profile = store.root.profiles.find((p) => p.id === id);
      return profile?.status === 'published' ? (nextRun(profile.schedule, after) ?? undefined) : undefined;
    },
  });
  const catalog = new CatalogService({ store, reclamation, events });
  const directory = new DirectoryService({ store, now, onChange: () => reclamation.recomputeAll() });

  const scheduleDeps: ScheduleDeps = {
    store,
    events,
    requireProfile: (id) => profiles.require(id),
    now,
    nextRunAt: (id) => scheduler.nextRunAt(id),
    refresh: (id) => scheduler.refresh(id),
  };

  const service = createHandlers({
    manualTrigger: options.transport === 'cli' ? 'cli' : 'manual',
    info: () => ({
      version: APP_VERSION,
      dataDir: store.dataDir,
      transport: options.transport === 'ipc' ? 'ipc' : 'http',
      demo: options.demo ?? false,
      platform: process.platform,
      signedIn: signedInCaller(),
    }),
    profiles,
    lifecycle: new ProfileLifecycle(profiles, sync, scheduler, reclamation, store),
    connections,
    sync,
    subscriptions: new SubscriptionsService(store, profiles, now),
    reclamation,
    catalog,
    directory,
    ssoLinks: new SsoLinkService({ store, vault, now, detail: (id) => profiles.detail(id), changed: (profileId) => events.emit('profiles:changed', { profileId }) }),
    audit: new AuditService(store),
    roles: new RoleService(store, now),
    settings: new SettingsService(store, {
      // One bound for every run, the schedule's and everyone else's, moved at once.
      onMaxParallelSyncs: (value) => {
        sync.setMaxParallel(parallelSyncs(value));
        scheduler.queue.setMaxParallel(parallelSyncs(value));
      },
    }),
    playbook: { store, profiles },
    schedule: scheduleDeps,
  });

  // What other servers changed (a profile added, a schedule moved) reaches this one's window and schedule.
  const refresher = options.shared && store.refresh ? setInterval(() => {
    store.refresh!().then((changed) => {
      if (!changed) return;
      events.emit('profiles:changed', {});
      scheduler.resume();
    }, (error: unknown) => log.warn({ err: error }, 'the shared configuration could not be re-read'));
  }, SHARED_REFRESH_MS) : undefined;
  refresher?.unref();

  let control: ControlServer | undefined;
  if (options.control !== false) {
    try {
      control = await startControlServer(store.dataDir, service, (method, error) => log.error({ method, err: error }, 'control call failed'));
    } catch (error) {
      // The command line then finds the folder in use, as before: nothing else depends on it.
      log.warn({ err: error }, 'the command-line socket could not be opened');
    }
  }

  return {
    service,
    events,
    dataDir: store.dataDir,
    store,
    profiles,
    sync,
    reclamation,
    scheduler,
    log,
    async close() {
      clearInterval(refresher);
      await control?.close();
      scheduler.stop({ cancelRuns: true });
      await sync.cancelAll();
      await store.close();
    },
  };
}

const SHARED_REFRESH_MS = 5000;

/** A stored bound the contract no longer allows (hand-edited) falls back into its range. */
function parallelSyncs(value: number): number {
  return Number.isInteger(value) && value >= 1 ? Math.min(value, MAX_PARALLEL_SYNCS) : 1;
}

function defaultHolder(transport: AppOptions['transport']): string {
  if (transport === 'ipc') return 'the Seatwise app';
  if (transport === 'http') return 'seatwise serve';
  return 'the seatwise command line';
}
