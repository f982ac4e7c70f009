/**
 * The exclusions that apply to the open profile: its own and the global ones (main lists
 * both for a profile id). Adding and removing wait for main, which recomputes candidates
 * before it answers; a failure rejects with the server's message so the form keeps its input.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { MethodInput, MethodOutput } from '../../types.js';
import { useProfileStore } from '../profile/store.js';
import type { LoadStatus } from './rules-store.js';

export type Exclusion = MethodOutput<'exclusions:list'>[number];
export type ExclusionInput = MethodInput<'exclusions:add'>;

export interface ExclusionsState {
  profileId: string | null;
  status: LoadStatus;
  exclusions: Exclusion[];
  error: string | null;
  /** Exclusion ids with a removal in flight. */
  removing: ReadonlySet<string>;

  load(profileId: string): Promise<void>;
  add(input: ExclusionInput): Promise<Exclusion>;
  remove(id: string): Promise<void>;
  reset(): void;
}

const initial = {
  profileId: null,
  status: 'idle' as LoadStatus,
  exclusions: [] as Exclusion[],
  error: null,
  removing: new Set<string>() as ReadonlySet<string>,
};

let generation = 0;

/** Newest first: the one just added is at the top, where the eye is after adding. */
function sortExclusions(list: Exclusion[]): Exclusion[] {
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.pattern.localeCompare(b.pattern));
}

/** The figures above the tabs count candidates: refresh them after a change. */
function refreshProfile(profileId: string): void {
  const profiles = useProfileStore.getState();
  if (profiles.profileId === profileId) void profiles.reload();
}

export const useExclusionsStore = create<ExclusionsState>()((set, get) => ({
  ...initial,

  async load(profileId) {
    const mine = ++generation;
    const same = get().profileId === profileId && get().status === 'ready';
    if (!same) set({ ...initial, removing: new Set(), profileId, status: 'loading' });
    try {
      const exclusions = await api.call('exclusions:list', { profileId });
      if (mine !== generation) return;
      set({ exclusions: sortExclusions(exclusions), status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation || same) return;
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  async add(input) {
    const profileId = get().profileId;
    const added = await api.call('exclusions:add', input);
    if (get().profileId === profileId) set({ exclusions: sortExclusions([added, ...get().exclusions.filter((e) => e.id !== added.id)]) });
    if (profileId) refreshProfile(profileId);
    return added;
  },

  async remove(id) {
    const profileId = get().profileId;
    set({ removing: new Set([...get().removing, id]) });
    try {
      await api.call('exclusions:remove', { id });
      set({ exclusions: get().exclusions.filter((e) => e.id !== id) });
      if (profileId) refreshProfile(profileId);
    } finally {
      const next = new Set(get().removing);
      next.delete(id);
      set({ removing: next });
    }
  },

  reset() {
    generation++;
    set({ ...initial, exclusions: [], removing: new Set() });
  },
}));
