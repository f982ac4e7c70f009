/**
 * The Reconciliation screen's data: `reconciliation:get` for the chosen scope (every
 * integration, or one) and `profiles:list` for the names and vendors beside the ids.
 * A reload after a sync or an entitlement change keeps the figures on screen until the new
 * ones arrive, so the page never flashes back to skeletons.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { ProfileSummary } from '../../types.js';
import type { Reconciliation } from './model.js';

export interface ReconciliationState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: Reconciliation | null;
  profiles: ProfileSummary[];
  /** '' is every integration. */
  profileFilter: string;
  error: string | null;
  load(): Promise<void>;
  setProfileFilter(profileId: string): void;
  reset(): void;
}

let generation = 0;

export const useReconciliationStore = create<ReconciliationState>()((set, get) => ({
  status: 'idle',
  data: null,
  profiles: [],
  profileFilter: '',
  error: null,

  async load() {
    const mine = ++generation;
    const profileId = get().profileFilter;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const [data, profiles] = await Promise.all([api.call('reconciliation:get', profileId ? { profileId } : {}), api.call('profiles:list', {})]);
      if (mine !== generation) return;
      set({ status: 'ready', data, profiles, error: null });
    } catch (error) {
      if (mine !== generation) return;
      // A failed background refresh keeps the last good figures.
      if (get().status !== 'ready') set({ status: 'error', error: errorMessage(error) });
    }
  },

  setProfileFilter(profileFilter) {
    if (profileFilter === get().profileFilter) return;
    set({ profileFilter });
    void get().load();
  },

  reset() {
    generation++;
    set({ status: 'idle', data: null, profiles: [], profileFilter: '', error: null });
  },
}));
