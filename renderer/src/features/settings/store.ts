/**
 * Settings: the facts about this installation (version, data folder, transport) and the
 * settings main keeps for it (keep running in the tray, syncs at once). A save sends only what
 * changed and shows main's answer; a refusal keeps what was chosen on screen.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { AppInfo, MethodInput, MethodOutput } from '../../types.js';

export type AppSettings = MethodOutput<'settings:get'>;
export type SettingsPatch = MethodInput<'settings:update'>;

export interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  info: AppInfo | null;
  settings: AppSettings | null;
  error: string | null;
  saving: boolean;
  saveError: string | null;
  /** What the last save changed, for the status line. */
  saved: string | null;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<boolean>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  status: 'idle',
  info: null,
  settings: null,
  error: null,
  saving: false,
  saveError: null,
  saved: null,

  async load() {
    if (get().status === 'loading') return;
    set({ status: get().info ? 'ready' : 'loading', error: null });
    // The installation's facts stand on their own (the sidebar shows them): a settings read
    // that fails must not hide them.
    const [info, settings] = await Promise.allSettled([api.call('app:info', {}), api.call('settings:get', {})]);
    if (info.status === 'rejected') {
      set({ status: 'error', error: errorMessage(info.reason) });
      return;
    }
    set({
      status: 'ready',
      info: info.value,
      settings: settings.status === 'fulfilled' ? settings.value : null,
      error: settings.status === 'rejected' ? errorMessage(settings.reason) : null,
    });
  },

  async save(patch) {
    if (get().saving) return false;
    set({ saving: true, saveError: null, saved: null });
    try {
      const settings = await api.call('settings:update', patch);
      set({ settings, saving: false, saved: describePatch(patch) });
      return true;
    } catch (error) {
      set({ saving: false, saveError: errorMessage(error) });
      return false;
    }
  },
}));

function describePatch(patch: SettingsPatch): string {
  const parts: string[] = [];
  if (patch.keepRunningInTray !== undefined) parts.push(patch.keepRunningInTray ? 'Seatwise keeps running in the tray when its window closes' : 'Closing the window quits Seatwise');
  if (patch.maxParallelSyncs !== undefined) parts.push(`up to ${patch.maxParallelSyncs} syncs at once`);
  return `Saved: ${parts.join('; ')}.`;
}
