/**
 * The Directory screen's state: every person and source `directory:list` answers (fetched
 * whole, filtered in the renderer by model.ts), the filters and sort, and the two changes a
 * person makes here: importing an HR roster and removing one.
 *
 * A change to the directory changes who is a leaver or an orphan on every profile: main
 * recomputes the candidates before it answers, and the lists other screens keep in memory
 * (candidates, the open record's seats) are dropped so they read the new ones when shown.
 */
import { create } from 'zustand';
import type { SortingState } from '@tanstack/react-table';
import { api, errorMessage } from '../../api.js';
import { plural } from '../../lib/format.js';
import { useCandidatesStore } from '../candidates/store.js';
import { useSubscriptionsStore } from '../profile/subscriptions-store.js';
import type { DirectoryPerson, DirectorySource, StatusFilter } from './model.js';

/** The contract's ceiling for a roster's text (preload/contract/directory.ts). */
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;

export interface DirectoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  people: DirectoryPerson[];
  sources: DirectorySource[];
  error: string | null;

  search: string;
  statusFilter: StatusFilter;
  /** A source id, or '' for every source. */
  sourceFilter: string;
  sorting: SortingState;

  /** Source ids with a removal in flight. */
  removing: ReadonlySet<string>;
  /** The last change, for the polite live region. */
  announcement: string;

  load(): Promise<void>;
  setSearch(search: string): void;
  setStatusFilter(status: StatusFilter): void;
  setSourceFilter(sourceId: string): void;
  setSorting(sorting: SortingState): void;
  clearFilters(): void;
  /** Sends the roster's text; resolves with the source, rejects with main's error (it names the lines). */
  importRoster(input: { name: string; fileName: string; content: string }): Promise<DirectorySource>;
  /** Rejects with main's error; the source stays listed then. */
  removeSource(source: DirectorySource): Promise<void>;
  reset(): void;
}

const initialView = { search: '', statusFilter: 'all' as StatusFilter, sourceFilter: '', sorting: [] as SortingState };
const initial = {
  status: 'idle' as const,
  people: [] as DirectoryPerson[],
  sources: [] as DirectorySource[],
  error: null,
  ...initialView,
  removing: new Set<string>() as ReadonlySet<string>,
  announcement: '',
};

let generation = 0;

/** The other screens' lists depend on the directory: forget them, so they load afresh when shown. */
function invalidateDependents(): void {
  useCandidatesStore.getState().reset();
  useSubscriptionsStore.getState().reset();
}

export const useDirectoryStore = create<DirectoryState>()((set, get) => ({
  ...initial,

  async load() {
    const mine = ++generation;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const { people, sources } = await api.call('directory:list', {});
      if (mine !== generation) return;
      const sourceFilter = get().sourceFilter;
      // A filter on a source that is gone would show nobody, with nothing to say why.
      set({ status: 'ready', people, sources, error: null, ...(sourceFilter && !sources.some((s) => s.id === sourceFilter) ? { sourceFilter: '' } : {}) });
    } catch (error) {
      if (mine !== generation) return;
      // A failed refresh keeps the list shown.
      if (get().status !== 'ready') set({ status: 'error', error: errorMessage(error) });
    }
  },

  setSearch: (search) => set({ search }),
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  setSourceFilter: (sourceFilter) => set({ sourceFilter }),
  setSorting: (sorting) => set({ sorting }),
  clearFilters: () => set({ search: '', statusFilter: 'all', sourceFilter: '' }),

  async importRoster(input) {
    const source = await api.call('directory:import', input);
    invalidateDependents();
    set({ announcement: `Imported ${plural(source.people, 'person', 'people')} from ${input.fileName} as “${source.name}”.` });
    await get().load();
    return source;
  },

  async removeSource(source) {
    set({ removing: new Set([...get().removing, source.id]) });
    const done = (): void => {
      const next = new Set(get().removing);
      next.delete(source.id);
      set({ removing: next });
    };
    try {
      await api.call('directory:removeSource', { sourceId: source.id });
    } catch (error) {
      done();
      throw error;
    }
    invalidateDependents();
    set({ announcement: `Removed “${source.name}” and its ${plural(source.people, 'person', 'people')} from the directory.` });
    await get().load();
    done();
  },

  reset() {
    generation++;
    set({ ...initial, people: [], sources: [], sorting: [], removing: new Set() });
  },
}));
