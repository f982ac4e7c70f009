/** The app's own settings (tray, parallel syncs), read and changed. */
import type { AppSettings as SettingsView, SettingsPatch } from '../../preload/contract.js';
import type { Store } from '../store/store.js';

export class SettingsService {
  constructor(private readonly store: Store) {}

  get(): SettingsView {
    return { ...this.store.root.settings };
  }

  /** maxParallelSyncs applies from the next start: the run queue is sized once. */
  update(patch: SettingsPatch): Promise<SettingsView> {
    return this.store.update((root) => {
      if (patch.keepRunningInTray !== undefined) root.settings.keepRunningInTray = patch.keepRunningInTray;
      if (patch.maxParallelSyncs !== undefined) root.settings.maxParallelSyncs = patch.maxParallelSyncs;
      return { ...root.settings };
    });
  }
}
