/**
 * Sync runs as the renderer sees them: which profiles are syncing, their live progress from
 * `sync:progress`, and how each run ended (from `jobs:changed`). Shared by the home screen
 * and the profile record, so a run started on one shows on the other.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import { PHASE_LABEL } from '../../lib/status.js';
import { formatNumber } from '../../lib/format.js';
import type { JobResult, SyncPhase, SyncProgressEvent } from '../../types.js';

export type RunState = 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface SyncRun {
  profileId: string;
  jobId?: string;
  state: RunState;
  phase?: SyncPhase;
  pages: number;
  users: number;
  /** 0..1 when the total is known, null while paging into the unknown. */
  fraction: number | null;
  message?: string;
  /** Why it failed (to start, or while running). */
  error?: string;
  /** Set when a run ends, so the screens can show "Finished" for a moment. */
  endedAt?: number;
}

export interface SyncStoreState {
  runs: Record<string, SyncRun>;
  /** The latest sentence for the polite live region. */
  announcement: string;
  /** Profile names, for announcements ("Sync of Asana finished"). */
  names: Record<string, string>;
  run(profileId: string, name?: string): Promise<void>;
  cancel(profileId: string): Promise<void>;
  /** A profile already running when the list loaded (a scheduled run, another window). */
  markRunning(profileId: string, jobId: string, name?: string): void;
  applyProgress(event: SyncProgressEvent): void;
  applyJob(job: JobResult): void;
  dismiss(profileId: string): void;
  reset(): void;
}

const TERMINAL: ReadonlySet<RunState> = new Set(['succeeded', 'failed', 'cancelled']);

export function isActive(run: SyncRun | undefined): boolean {
  return run !== undefined && (run.state === 'starting' || run.state === 'running');
}

const PHASE_VERB: Record<SyncPhase, string> = {
  download: 'Downloading',
  activity: 'Reading activity',
  candidates: 'Finding candidates',
  reclaim: 'Reclaiming',
};

/** "Downloading seats · 12 pages · 3,400 users"; short: "Downloading · 3,400 users". */
export function describeRun(run: SyncRun, options: { short?: boolean } = {}): string {
  if (options.short && run.state === 'running') {
    const verb = run.phase ? PHASE_VERB[run.phase] : 'Syncing';
    if (run.users > 0) return `${verb} · ${formatNumber(run.users)} ${run.users === 1 ? 'user' : 'users'}`;
    if (run.pages > 0) return `${verb} · ${formatNumber(run.pages)} ${run.pages === 1 ? 'page' : 'pages'}`;
    return `${verb}…`;
  }
  if (run.state === 'starting') return 'Starting sync…';
  if (run.state === 'succeeded') return 'Sync finished';
  if (run.state === 'cancelled') return 'Sync cancelled';
  if (run.state === 'failed') return run.error ? `Sync failed: ${run.error}` : 'Sync failed';
  const parts = [run.phase ? PHASE_LABEL[run.phase] : 'Syncing'];
  if (run.pages > 0) parts.push(`${formatNumber(run.pages)} ${run.pages === 1 ? 'page' : 'pages'}`);
  if (run.users > 0) parts.push(`${formatNumber(run.users)} ${run.users === 1 ? 'user' : 'users'}`);
  return parts.join(' · ');
}

const initial = { runs: {} as Record<string, SyncRun>, announcement: '', names: {} as Record<string, string> };

export const useSyncStore = create<SyncStoreState>()((set, get) => {
  const label = (profileId: string): string => get().names[profileId] ?? 'this integration';
  const update = (profileId: string, patch: Partial<SyncRun>, announcement?: string) =>
    set((state) => {
      const previous = state.runs[profileId] ?? { profileId, state: 'running' as RunState, pages: 0, users: 0, fraction: null };
      return {
        runs: { ...state.runs, [profileId]: { ...previous, ...patch } },
        ...(announcement !== undefined ? { announcement } : {}),
      };
    });

  return {
    ...initial,

    async run(profileId, name) {
      if (name) set((state) => ({ names: { ...state.names, [profileId]: name } }));
      // A second click while running starts nothing: the button is disabled, and this guards races.
      if (isActive(get().runs[profileId])) return;
      set((state) => ({
        runs: { ...state.runs, [profileId]: { profileId, state: 'starting', pages: 0, users: 0, fraction: null } },
        announcement: `Sync of ${label(profileId)} started.`,
      }));
      try {
        const job = await api.call('sync:run', { profileId });
        const current = get().runs[profileId];
        // The job may already have finished and been reported through jobs:changed.
        if (current && TERMINAL.has(current.state) && current.jobId === job.id) return;
        if (TERMINAL.has(job.state as RunState)) {
          get().applyJob(job);
          return;
        }
        update(profileId, { jobId: job.id, state: 'running' });
      } catch (error) {
        const message = errorMessage(error);
        update(profileId, { state: 'failed', error: message, endedAt: Date.now() }, `Sync of ${label(profileId)} could not start: ${message}`);
      }
    },

    async cancel(profileId) {
      const run = get().runs[profileId];
      if (!isActive(run)) return;
      try {
        await api.call('sync:cancel', { profileId });
        // The final state arrives with jobs:changed; say what we asked for meanwhile.
        set({ announcement: `Cancelling the sync of ${label(profileId)}…` });
      } catch (error) {
        set({ announcement: `Could not cancel: ${errorMessage(error)}` });
      }
    },

    markRunning(profileId, jobId, name) {
      if (name) set((state) => ({ names: { ...state.names, [profileId]: name } }));
      const previous = get().runs[profileId];
      if (isActive(previous)) return;
      // A list fetched while the run was going can arrive after its jobs:changed said it ended.
      if (previous && previous.jobId === jobId && TERMINAL.has(previous.state)) return;
      update(profileId, { jobId, state: 'running', pages: 0, users: 0, fraction: null, error: undefined, endedAt: undefined });
    },

    applyProgress(event) {
      const previous = get().runs[event.profileId];
      if (previous && TERMINAL.has(previous.state) && previous.jobId === event.jobId) return; // a late event
      const phaseChanged = previous?.phase !== event.phase;
      update(
        event.profileId,
        {
          jobId: event.jobId,
          state: 'running',
          phase: event.phase,
          pages: event.pages,
          users: event.users,
          fraction: event.fraction,
          message: event.message,
          error: undefined,
          endedAt: undefined,
        },
        // Announce phase changes only: a live region that speaks every page is noise.
        phaseChanged ? `${label(event.profileId)}: ${PHASE_LABEL[event.phase]}.` : undefined,
      );
    },

    applyJob(job) {
      set((state) => ({ names: { ...state.names, [job.profileId]: job.profileName } }));
      if (job.state === 'queued' || job.state === 'running') {
        const previous = get().runs[job.profileId];
        if (previous && previous.jobId === job.id && TERMINAL.has(previous.state)) return; // a late report
        if (!isActive(previous)) update(job.profileId, { jobId: job.id, state: 'running', pages: 0, users: 0, fraction: null, error: undefined, endedAt: undefined });
        else update(job.profileId, { jobId: job.id });
        return;
      }
      const state = job.state as RunState;
      const sentence =
        state === 'succeeded'
          ? `Sync of ${job.profileName} finished: ${formatNumber(job.counts.seats)} seats, ${formatNumber(job.counts.candidates)} candidates.`
          : state === 'failed'
            ? `Sync of ${job.profileName} failed${job.error ? `: ${job.error}` : '.'}`
            : `Sync of ${job.profileName} was cancelled.`;
      update(job.profileId, { jobId: job.id, state, fraction: state === 'succeeded' ? 1 : null, error: job.error, endedAt: Date.now() }, sentence);
    },

    dismiss(profileId) {
      set((state) => {
        const runs = { ...state.runs };
        delete runs[profileId];
        return { runs };
      });
    },

    reset() {
      set({ ...initial, runs: {}, names: {} });
    },
  };
});

/**
 * Subscribes the store to main's events. Called once by the app shell; returns the
 * unsubscribe for tests and hot reloads.
 */
export function connectSyncEvents(): () => void {
  const offProgress = api.on('sync:progress', (event) => useSyncStore.getState().applyProgress(event));
  const offJobs = api.on('jobs:changed', ({ job }) => useSyncStore.getState().applyJob(job));
  return () => {
    offProgress();
    offJobs();
  };
}

/** The run for one profile, or undefined. */
export function useSyncRun(profileId: string): SyncRun | undefined {
  return useSyncStore((state) => state.runs[profileId]);
}
