/**
 * The open profile's scheduled sync: loaded with the Jobs tab, edited in place. A failed save
 * keeps the form as typed and shows main's message (croner's precise words for a bad cron).
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { ScheduleInput, ScheduleView } from '../../types.js';

export interface ScheduleState {
  profileId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  view: ScheduleView | null;
  error: string | null;
  saving: boolean;
  saveError: string | null;
  load(profileId: string): Promise<void>;
  /** Resolves true when saved. */
  save(schedule: ScheduleInput): Promise<boolean>;
  reset(): void;
}

const initial = { profileId: null, status: 'idle' as const, view: null, error: null, saving: false, saveError: null };

export const useScheduleStore = create<ScheduleState>()((set, get) => ({
  ...initial,

  async load(profileId) {
    if (get().profileId !== profileId) set({ ...initial, profileId, status: 'loading' });
    try {
      const view = await api.call('schedule:get', { profileId });
      if (get().profileId === profileId) set({ view, status: 'ready', error: null });
    } catch (error) {
      if (get().profileId === profileId && get().status !== 'ready') set({ status: 'error', error: errorMessage(error) });
    }
  },

  async save(schedule) {
    const profileId = get().profileId;
    if (!profileId || get().saving) return false;
    set({ saving: true, saveError: null });
    try {
      const view = await api.call('schedule:set', { profileId, schedule });
      if (get().profileId === profileId) set({ view, saving: false });
      return true;
    } catch (error) {
      set({ saving: false, saveError: errorMessage(error) });
      return false;
    }
  },

  reset() {
    set(initial);
  },
}));
