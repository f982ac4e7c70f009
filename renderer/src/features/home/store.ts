/**
 * The home screen's data: every integration profile with its figures. Reloads quietly when
 * main says profiles changed or a sync ended, so the numbers on screen follow the runs.
 */
import { create } from 'zustand';
import { api, toApiCallError, type ApiCallError } from '../../api.js';
import { useSyncStore } from '../sync/store.js';
import type { ProfileSummary } from '../../types.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface HomeState {
  status: LoadStatus;
  profiles: ProfileSummary[];
  error: ApiCallError | null;
  /** True while a reload runs behind data already shown (no skeleton then). */
  refreshing: boolean;
  load(): Promise<void>;
  reset(): void;
}

const initial = { status: 'idle' as LoadStatus, profiles: [] as ProfileSummary[], error: null, refreshing: false };

let generation = 0;

export const useHomeStore = create<HomeState>()((set, get) => ({
  ...initial,

  async load() {
    const hasData = get().status === 'ready';
    const mine = ++generation;
    set(hasData ? { refreshing: true } : { status: 'loading', error: null });
    try {
      const profiles = await api.call('profiles:list', {});
      if (mine !== generation) return; // a newer load answered first
      set({ status: 'ready', profiles, error: null, refreshing: false });
      const sync = useSyncStore.getState();
      for (const profile of profiles) {
        if (profile.lastSync?.status === 'running') sync.markRunning(profile.id, profile.lastSync.jobId, profile.name);
      }
    } catch (error) {
      if (mine !== generation) return;
      // A failed background refresh keeps the rows already shown; only a first load shows the error screen.
      if (hasData) set({ refreshing: false, error: toApiCallError(error, 'profiles:list') });
      else set({ status: 'error', error: toApiCallError(error, 'profiles:list'), refreshing: false });
    }
  },

  reset() {
    generation++;
    set({ ...initial, profiles: [] });
  },
}));

/** Reload the list when main reports a change or a run ends. Returns the unsubscribe. */
export function connectHomeEvents(): () => void {
  const reloadIfShown = () => {
    if (useHomeStore.getState().status !== 'idle') void useHomeStore.getState().load();
  };
  const offProfiles = api.on('profiles:changed', reloadIfShown);
  const offJobs = api.on('jobs:changed', ({ job }) => {
    if (job.state !== 'queued' && job.state !== 'running') reloadIfShown();
  });
  return () => {
    offProfiles();
    offJobs();
  };
}

export interface HomeTotals {
  seats: number;
  freeSeats: number;
  deactivatedSeats: number;
  candidates: number;
  /** Candidates whose license type has no unit cost: not in `savings`. */
  unpriced: number;
  /** Savings per currency: profiles may bill in different currencies. */
  savings: Array<{ currency: string; amount: number }>;
  published: number;
  attention: number;
}

export function totalsOf(profiles: ProfileSummary[]): HomeTotals {
  const savings = new Map<string, number>();
  let seats = 0;
  let freeSeats = 0;
  let deactivatedSeats = 0;
  let unpriced = 0;
  let candidates = 0;
  let published = 0;
  let attention = 0;
  for (const profile of profiles) {
    seats += profile.seats;
    freeSeats += profile.freeSeats;
    deactivatedSeats += profile.deactivatedSeats;
    unpriced += profile.unpricedCandidates;
    candidates += profile.candidates;
    if (profile.status === 'published') published++;
    if (profile.status === 'published' && (profile.health === 'failing' || profile.health === 'needs_signin' || profile.health === 'needs_attention')) attention++;
    savings.set(profile.currency, (savings.get(profile.currency) ?? 0) + profile.monthlySavings);
  }
  return {
    seats,
    freeSeats,
    deactivatedSeats,
    unpriced,
    candidates,
    savings: [...savings.entries()].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount),
    published,
    attention,
  };
}
