/**
 * Composition root: builds every service from its parts and knows nothing of Electron or
 * HTTP. Both transports (main/electron/ipc.ts, main/host/) and the CLI start here.
 */
import type { SeatwiseService } from '../preload/contract.js';
import { connectorEntry } from '../connectors/registry.js';
import { pickerEntries } from './vendors/picker.js';
import { CatalogService } from './catalog/service.js';
import { EventBus } from './events/bus.js';
import { exportAudit, profileNamesOf } from './audit/export.js';
import { ConnectionService } from './profiles/connection-service.js';
import { getPlaybook, savePlaybook } from './profiles/playbook.js';
import { scheduleView, setSchedule, type ScheduleDeps } from './profiles/schedule.js';
import { ProfileService } from './profiles/service.js';
import { exportNotices, listNotices } from './reclamation/notice-export.js';
import { ReclamationService } from './reclamation/service.js';
import { Store } from './store/store.js';
import { querySubscriptions } from './subscriptions/query.js';
import { SyncService } from './sync/sync-service.js';
import { KeytarSecretStore } from './vault/keytar-store.js';
import type { SecretStore } from './vault/secret-store.js';
import { APP_VERSION } from './version.js';
import { createLogger } from './log/logger.js';
import type { Logger } from 'pino';
import { createScheduler, createSystemClock, DEFAULT_RETENTION, pruneJobs, type Clock, type Scheduler } from './scheduler/index.js';
import { nextRun } from './scheduler/schedule.js';

export interface SeatwiseApp {
  readonly service: SeatwiseService;
  readonly events: EventBus;
  readonly dataDir: string;
  readonly store: Store;
  readonly profiles: ProfileService;
  readonly sync: SyncService;
  readonly reclamation: ReclamationService;
  readonly scheduler: Scheduler;
  readonly log: Logger;
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
  /** Opens the system browser for a sign-in (Electron: shell.openExternal); default: xdg-open/open, or print the URL. */
  openExternal?: (url: string) => Promise<void>;
  /** The scheduler's clock; tests inject a ManualClock. */
  clock?: Clock;
  /** Arm the daily schedules (the window and the browser host do; one-shot CLI commands do not). */
  schedule?: boolean;
}

export async function createApp(options: AppOptions): Promise<SeatwiseApp> {
  const now = options.now ?? (() => new Date());
  const store = await Store.open({ dataDir: options.dataDir, lockHolder: options.lockHolder ?? defaultHolder(options.transport) });
  const vault = options.vault ?? new KeytarSecretStore();
  const events = new EventBus();
  const log = createLogger(store.dataDir);
  log.info({ transport: options.transport, version: APP_VERSION }, 'Seatwise started');
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
    // A sync's only vendor writes: seats an admin approved under a rule they set to reclaim
    // automatically, once the notice date has passed. Everything else waits for a confirmed run.
    reclaimStep: async (profileId, signal) => {
      const profile = store.root.profiles.find((p) => p.id === profileId);
      if (!profile?.processes.reclaim.enabled || !connectorEntry(profile.vendor)?.descriptor.reclaimSupported) return null;
      const plan = await reclamation.reclaim.plan({ profileId, approved: true }, { auto: true });
      if (!plan.calls.length) return null;
      return reclamation.reclaim.run({ profileId, approved: true }, { auto: true, confirmCount: plan.calls.length, signal });
    },
  });
  const scheduler = createScheduler({
    clock: options.clock ?? createSystemClock({ unref: true }),
    maxParallel: store.root.settings.maxParallelSyncs,
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

  const scheduleDeps: ScheduleDeps = {
    store,
    events,
    requireProfile: (id) => profiles.require(id),
    now,
    nextRunAt: (id) => scheduler.nextRunAt(id),
    refresh: (id) => scheduler.refresh(id),
  };

  const service: SeatwiseService = {
    'app:info': async () => ({
      version: APP_VERSION,
      dataDir: store.dataDir,
      transport: options.transport === 'ipc' ? 'ipc' : 'http',
      demo: options.demo ?? false,
      platform: process.platform,
    }),
    'vendors:list': async () => pickerEntries(),
    'profiles:list': () => profiles.list(),
    'profiles:get': ({ profileId }) => profiles.detail(profileId),
    'profiles:create': (input) => profiles.create(input),
    'profiles:update': async (input) => {
      const before = profiles.require(input.profileId).processes.activity.enabled;
      const detail = await profiles.update(input);
      if (before && !detail.processes.activity.enabled) await reclamation.recompute(detail.id);
      return before && !detail.processes.activity.enabled ? profiles.detail(detail.id) : detail;
    },
    'profiles:remove': async ({ profileId }) => {
      sync.cancel(profileId);
      scheduler.cancel(profileId);
      await profiles.remove(profileId);
      scheduler.refresh(profileId);
      return { ok: true as const };
    },
    'profiles:publish': async ({ profileId }) => {
      const profile = await profiles.publish(profileId);
      scheduler.refresh(profile.id);
      sync.start(profile.id, 'publish');
      return profiles.detail(profile.id);
    },
    'connection:setSecret': async (input) => {
      await profiles.setSecret(input);
      return { ok: true as const };
    },
    'connection:validate': ({ profileId }) => profiles.validate(profileId),
    'connection:authorize': (input) => connections.authorize(input),
    'connection:disconnect': (input) => connections.disconnect(input),
    'connection:redirectUri': async ({ profileId }) => connections.redirectUri(profileId),
    'connection:addOrg': (input) => connections.addOrg(input),
    'connection:removeOrg': (input) => connections.removeOrg(input),
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
    'playbook:get': async ({ profileId }) => getPlaybook({ store, profiles }, profileId),
    'playbook:save': (input) => savePlaybook({ store, profiles }, input),
    'subscriptions:list': async (query) => {
      const profile = profiles.require(query.profileId);
      return querySubscriptions(await store.snapshot(profile.id), query, now());
    },
    'candidates:list': ({ profileId, status }) => reclamation.candidates(profileId, status),
    'candidates:setStatus': ({ ids, status }) => reclamation.setStatus(ids, status),
    'candidates:export': (input) => reclamation.export(input),
    'notices:list': (input) => listNotices(reclamation, input),
    'notices:export': (input) => exportNotices(reclamation, input),
    'rules:list': async ({ profileId }) => reclamation.rules(profileId),
    'rules:update': ({ ruleId, patch }) => reclamation.updateRule(ruleId, patch),
    'exclusions:list': async ({ profileId }) => reclamation.exclusions(profileId),
    'exclusions:add': (input) => reclamation.addExclusion(input),
    'exclusions:remove': async ({ id }) => {
      await reclamation.removeExclusion(id);
      return { ok: true as const };
    },
    'entitlements:list': async ({ profileId }) => reclamation.entitlements(profileId),
    'entitlements:set': (input) => reclamation.setEntitlement(input),
    'reconciliation:get': ({ profileId }) => reclamation.reconciliation(profileId),
    'reclaim:plan': (input) => reclamation.reclaim.plan(input),
    'reclaim:run': ({ confirmCount, ...selection }) => reclamation.reclaim.run(selection, { confirmCount }),
    'reclaim:undo': ({ auditId }) => reclamation.reclaim.undo(auditId),
    'audit:list': ({ limit }) => reclamation.audit(limit),
    'models:list': async ({ profileId }) => catalog.models(profileId),
    'unrecognized:list': async ({ profileId }) => catalog.unrecognized(profileId),
    'unrecognized:resolve': (input) => catalog.resolve(input),
    'audit:export': async (input) => exportAudit({ events: await reclamation.audit(), profileNames: profileNamesOf(store.root.profiles), dataDir: store.dataDir }, input),
    'schedule:get': async ({ profileId }) => scheduleView(scheduleDeps, profileId),
    'schedule:set': ({ profileId, schedule }) => setSchedule(scheduleDeps, profileId, schedule),
    'settings:get': async () => ({ ...store.root.settings }),
    // maxParallelSyncs applies from the next start: the run queue is sized once.
    'settings:update': async (patch) =>
      store.update((root) => {
        if (patch.keepRunningInTray !== undefined) root.settings.keepRunningInTray = patch.keepRunningInTray;
        if (patch.maxParallelSyncs !== undefined) root.settings.maxParallelSyncs = patch.maxParallelSyncs;
        return { ...root.settings };
      }),
  };

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
      scheduler.stop({ cancelRuns: true });
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
