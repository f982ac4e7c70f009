/** The app's own settings (tray, parallel syncs), read and changed. */
import type { AppSettings as SettingsView, SettingsPatch } from '../../preload/contract.js';
import type { DataStore } from '../store/data-store.js';

export interface SettingsServiceOptions {
  /** Called once a new maxParallelSyncs is saved, so the runs' bound moves at once. */
  onMaxParallelSyncs?: (value: number) => void;
}

export class SettingsService {
  constructor(
    private readonly store: DataStore,
    private readonly options: SettingsServiceOptions = {},
  ) {}

  get(): SettingsView {
    return { ...this.store.root.settings };
  }

  /** maxParallelSyncs applies at once: runs already going finish, waiting ones start up to the new bound. */
  async update(patch: SettingsPatch): Promise<SettingsView> {
    const saved = await this.store.update((root) => {
      if (patch.keepRunningInTray !== undefined) root.settings.keepRunningInTray = patch.keepRunningInTray;
      if (patch.maxParallelSyncs !== undefined) root.settings.maxParallelSyncs = patch.maxParallelSyncs;
      return { ...root.settings };
    });
    if (patch.maxParallelSyncs !== undefined) this.options.onMaxParallelSyncs?.(saved.maxParallelSyncs);
    return saved;
  }
}
