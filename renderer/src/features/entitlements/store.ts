/**
 * The entitlements of the open profile: seats owned and what they cost, per license type.
 * A save waits for main (which recomputes costs and candidates), then refreshes the profile
 * record so the savings above the tabs follow. A failure rejects with the server's message,
 * so the form that sent it keeps its values.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import { useProfileStore } from '../profile/store.js';
import type { Entitlement } from './entitlement-form.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface EntitlementsState {
  profileId: string | null;
  status: LoadStatus;
  entitlements: Entitlement[];
  error: string | null;

  /** Loads a profile's entitlements; on the profile already shown, refreshes behind the list. */
  load(profileId: string): Promise<void>;
  save(entitlement: Entitlement): Promise<Entitlement>;
  reset(): void;
}

const initial = { profileId: null, status: 'idle' as LoadStatus, entitlements: [] as Entitlement[], error: null };

let generation = 0;

export const useEntitlementsStore = create<EntitlementsState>()((set, get) => ({
  ...initial,

  async load(profileId) {
    const mine = ++generation;
    const same = get().profileId === profileId && get().status === 'ready';
    if (!same) set({ ...initial, entitlements: [], profileId, status: 'loading' });
    try {
      const entitlements = await api.call('entitlements:list', { profileId });
      if (mine !== generation) return;
      set({ entitlements, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation || same) return; // a failed background refresh keeps the table shown
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  async save(entitlement) {
    const saved = await api.call('entitlements:set', entitlement);
    if (get().profileId === saved.profileId) {
      const others = get().entitlements.filter((e) => e.licenseType !== saved.licenseType);
      set({ entitlements: [...others, saved] });
    }
    const profiles = useProfileStore.getState();
    if (profiles.profileId === saved.profileId) void profiles.reload();
    return saved;
  },

  reset() {
    generation++;
    set({ ...initial, entitlements: [] });
  },
}));
