/** The Jobs screen: the latest runs of every integration. */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { JobResult } from '../../types.js';
import { mergeJob, sortJobs } from './job-list.js';

export const ALL_JOBS_LIMIT = 300;

export interface JobsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  jobs: JobResult[];
  error: string | null;
  load(): Promise<void>;
  upsert(job: JobResult): void;
  reset(): void;
}

export const useJobsStore = create<JobsState>()((set, get) => ({
  status: 'idle',
  jobs: [],
  error: null,

  async load() {
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const jobs = await api.call('jobs:list', { limit: ALL_JOBS_LIMIT });
      set({ status: 'ready', jobs: sortJobs(jobs), error: null });
    } catch (error) {
      if (get().status !== 'ready') set({ status: 'error', error: errorMessage(error) });
    }
  },

  upsert(job) {
    if (get().status !== 'ready') return;
    set({ jobs: mergeJob(get().jobs, job, ALL_JOBS_LIMIT) });
  },

  reset() {
    set({ status: 'idle', jobs: [], error: null });
  },
}));

export function connectJobsEvents(): () => void {
  return api.on('jobs:changed', ({ job }) => useJobsStore.getState().upsert(job));
}
