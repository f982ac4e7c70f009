/**
 * Every subscription (one user holding one license type) of the open profile, fetched in one
 * call and then searched, filtered and sorted in the renderer (seat-query.ts).
 * The view state (search, filters, sort) lives here too, so it survives a tab switch.
 */
import { create } from 'zustand';
import type { SortingState } from '@tanstack/react-table';
import { api, errorMessage } from '../../api.js';
import type { SubscriptionRow } from '../../types.js';
import type { ActivityFilter } from './seat-query.js';

export { activityOf, INACTIVE_AFTER_DAYS, type ActivityFilter } from './seat-query.js';

/** The contract's ceiling: one call returns the whole profile. */
export const SUBSCRIPTIONS_LIMIT = 250_000;

export interface SubscriptionsState {
  profileId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  rows: SubscriptionRow[];
  total: number;
  error: string | null;

  search: string;
  licenseType: string;
  activity: ActivityFilter;
  /** Only the seats no directory source knows (rows carry `orphan` only when there is a directory). */
  orphanOnly: boolean;
  sorting: SortingState;

  load(profileId: string, options?: { force?: boolean; quiet?: boolean }): Promise<void>;
  setSearch(search: string): void;
  setLicenseType(licenseType: string): void;
  setActivity(activity: ActivityFilter): void;
  setOrphanOnly(orphanOnly: boolean): void;
  setSorting(sorting: SortingState): void;
  clearFilters(): void;
  reset(): void;
}

const initialView = { search: '', licenseType: '', activity: 'all' as ActivityFilter, orphanOnly: false, sorting: [] as SortingState };
const initial = { profileId: null, status: 'idle' as const, rows: [] as SubscriptionRow[], total: 0, error: null, ...initialView };

let generation = 0;

export const useSubscriptionsStore = create<SubscriptionsState>()((set, get) => ({
  ...initial,

  async load(profileId, options = {}) {
    const same = get().profileId === profileId;
    if (same && !options.force && (get().status === 'ready' || get().status === 'loading')) return;
    const mine = ++generation;
    if (!same) set({ ...initial, rows: [], sorting: [], profileId, status: 'loading' });
    else if (!options.quiet || get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const result = await api.call('subscriptions:list', { profileId, limit: SUBSCRIPTIONS_LIMIT });
      if (mine !== generation) return;
      set({ rows: result.rows, total: result.total, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation) return;
      if (options.quiet && get().status === 'ready') return;
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  setSearch: (search) => set({ search }),
  setLicenseType: (licenseType) => set({ licenseType }),
  setActivity: (activity) => set({ activity }),
  setOrphanOnly: (orphanOnly) => set({ orphanOnly }),
  setSorting: (sorting) => set({ sorting }),
  clearFilters: () => set({ search: '', licenseType: '', activity: 'all', orphanOnly: false }),

  reset() {
    generation++;
    set({ ...initial, rows: [], sorting: [] });
  },
}));
