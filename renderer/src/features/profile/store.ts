/**
 * The profile record: the profile itself and its job results. The subscriptions, which can
 * be a quarter of a million rows, live in their own store (subscriptions-store.ts).
 */
import { create } from 'zustand';
import { api, errorMessage, toApiCallError, type ApiCallError } from '../../api.js';
import { useSyncStore } from '../sync/store.js';
import type { JobResult, ProfileDetail } from '../../types.js';
import { useSubscriptionsStore } from './subscriptions-store.js';
import { mergeJob, sortJobs } from '../jobs/job-list.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** How many job results the Jobs tab fetches. */
export const JOBS_LIMIT = 200;

export interface ProfileState {
  profileId: string | null;
  status: LoadStatus;
  profile: ProfileDetail | null;
  error: ApiCallError | null;

  jobsStatus: LoadStatus;
  jobs: JobResult[];
  jobsError: string | null;

  publishing: boolean;
  publishError: string | null;

  /** Opens a profile: loads it unless it is the one already shown. */
  open(profileId: string): Promise<void>;
  reload(): Promise<void>;
  loadJobs(): Promise<void>;
  /** Adds or replaces one job (from jobs:changed). */
  upsertJob(job: JobResult): void;
  publish(): Promise<void>;
  reset(): void;
}

const initial = {
  profileId: null,
  status: 'idle' as LoadStatus,
  profile: null,
  error: null,
  jobsStatus: 'idle' as LoadStatus,
  jobs: [] as JobResult[],
  jobsError: null,
  publishing: false,
  publishError: null,
};

export const useProfileStore = create<ProfileState>()((set, get) => ({
  ...initial,

  async open(profileId) {
    if (get().profileId === profileId && get().status === 'ready') {
      await get().reload(); // back on a record already shown: refresh it behind the data
      return;
    }
    set({ ...initial, jobs: [], profileId, status: 'loading' });
    await get().reload();
  },

  async reload() {
    const profileId = get().profileId;
    if (!profileId) return;
    try {
      const profile = await api.call('profiles:get', { profileId });
      if (get().profileId !== profileId) return;
      set({ profile, status: 'ready', error: null });
      if (profile.lastSync?.status === 'running') useSyncStore.getState().markRunning(profile.id, profile.lastSync.jobId, profile.name);
    } catch (error) {
      if (get().profileId !== profileId) return;
      // Keep a record already on screen if only a background refresh failed.
      if (get().profile) return;
      set({ status: 'error', error: toApiCallError(error, 'profiles:get') });
    }
  },

  async loadJobs() {
    const profileId = get().profileId;
    if (!profileId) return;
    if (get().jobsStatus !== 'ready') set({ jobsStatus: 'loading', jobsError: null });
    try {
      const jobs = await api.call('jobs:list', { profileId, limit: JOBS_LIMIT });
      if (get().profileId !== profileId) return;
      set({ jobs: sortJobs(jobs), jobsStatus: 'ready', jobsError: null });
    } catch (error) {
      if (get().profileId !== profileId) return;
      if (get().jobsStatus !== 'ready') set({ jobsStatus: 'error', jobsError: errorMessage(error) });
    }
  },

  upsertJob(job) {
    if (job.profileId !== get().profileId || get().jobsStatus !== 'ready') return;
    set({ jobs: mergeJob(get().jobs, job, JOBS_LIMIT) });
  },

  async publish() {
    const profileId = get().profileId;
    if (!profileId || get().publishing) return;
    set({ publishing: true, publishError: null });
    try {
      const profile = await api.call('profiles:publish', { profileId });
      set({ profile, publishing: false });
      void useSubscriptionsStore.getState().load(profileId, { force: true });
    } catch (error) {
      set({ publishing: false, publishError: errorMessage(error) });
    }
  },

  reset() {
    set({ ...initial, jobs: [] });
  },
}));

/** Keeps the open record current: new job results, refreshed figures when a run ends. */
export function connectProfileEvents(): () => void {
  const offJobs = api.on('jobs:changed', ({ job }) => {
    const state = useProfileStore.getState();
    if (job.profileId !== state.profileId) return;
    state.upsertJob(job);
    if (job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled') {
      void state.reload();
      if (job.state === 'succeeded') void useSubscriptionsStore.getState().load(job.profileId, { force: true, quiet: true });
    }
  });
  const offProfiles = api.on('profiles:changed', ({ profileId }) => {
    const state = useProfileStore.getState();
    if (state.profileId && (profileId === undefined || profileId === state.profileId)) void state.reload();
  });
  return () => {
    offJobs();
    offProfiles();
  };
}
