/** Settings: for now, the facts about this installation (version, data folder, transport). */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { AppInfo } from '../../types.js';

export interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  status: 'idle',
  info: null,
  error: null,
  async load() {
    if (get().status === 'loading') return;
    set({ status: get().info ? 'ready' : 'loading', error: null });
    try {
      const info = await api.call('app:info', {});
      set({ status: 'ready', info });
    } catch (error) {
      set({ status: 'error', error: errorMessage(error) });
    }
  },
}));
