/**
 * The Software models tab: one profile's software models and unrecognized subscription
 * identifiers, fetched together, and the resolution being sent per identifier. The tab's
 * badge reads the same store, so the count and the tab never disagree.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { MethodInput, MethodOutput } from '../../types.js';

export type SoftwareModel = MethodOutput<'models:list'>[number];
export type UnrecognizedIdentifier = MethodOutput<'unrecognized:list'>[number];
export type Resolution = MethodInput<'unrecognized:resolve'>['resolution'];

export interface RowState {
  pending: boolean;
  error: string | null;
}

export interface CatalogState {
  profileId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  models: SoftwareModel[];
  identifiers: UnrecognizedIdentifier[];
  error: string | null;
  /** Per license type: a resolution on its way, or the last one refused. */
  rows: Record<string, RowState>;
  /** The last outcome, for the polite live region. */
  announcement: string;

  /** Loads a profile's catalog; `force` reloads one already shown, `quiet` keeps it on screen meanwhile. */
  load(profileId: string, options?: { force?: boolean; quiet?: boolean }): Promise<void>;
  /** Sends a resolution; true when main accepted it. */
  resolve(licenseType: string, resolution: Resolution): Promise<boolean>;
  clearRowError(licenseType: string): void;
  reset(): void;
}

const initial = {
  profileId: null,
  status: 'idle' as const,
  models: [] as SoftwareModel[],
  identifiers: [] as UnrecognizedIdentifier[],
  error: null,
  rows: {} as Record<string, RowState>,
  announcement: '',
};

let generation = 0;

export const useCatalogStore = create<CatalogState>()((set, get) => ({
  ...initial,

  async load(profileId, options = {}) {
    const same = get().profileId === profileId;
    if (same && !options.force && (get().status === 'ready' || get().status === 'loading')) return;
    const mine = ++generation;
    if (!same) set({ ...initial, rows: {}, profileId, status: 'loading' });
    else if (!options.quiet || get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const [models, identifiers] = await Promise.all([api.call('models:list', { profileId }), api.call('unrecognized:list', { profileId })]);
      if (mine !== generation) return;
      set({ models, identifiers, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation) return;
      // A background refresh that fails keeps what is on screen.
      if (options.quiet && get().status === 'ready') return;
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  async resolve(licenseType, resolution) {
    const profileId = get().profileId;
    if (!profileId || get().rows[licenseType]?.pending) return false;
    set({ rows: { ...get().rows, [licenseType]: { pending: true, error: null } }, announcement: '' });
    try {
      const updated = await api.call('unrecognized:resolve', { profileId, licenseType, resolution });
      if (get().profileId !== profileId) return true;
      const { [licenseType]: _done, ...rows } = get().rows;
      set({
        identifiers: get().identifiers.map((row) => (row.licenseType === licenseType ? updated : row)),
        rows,
        announcement: announce(licenseType, updated),
      });
      // The models' mapped identifiers changed too.
      void get().load(profileId, { force: true, quiet: true });
      return true;
    } catch (error) {
      if (get().profileId !== profileId) return false;
      set({ rows: { ...get().rows, [licenseType]: { pending: false, error: errorMessage(error) } } });
      return false;
    }
  },

  clearRowError(licenseType) {
    const row = get().rows[licenseType];
    if (!row?.error) return;
    const { [licenseType]: _cleared, ...rows } = get().rows;
    set({ rows });
  },

  reset() {
    generation++;
    set({ ...initial, rows: {} });
  },
}));

function announce(licenseType: string, row: UnrecognizedIdentifier): string {
  if (!row.resolution) return `${licenseType} is unresolved again.`;
  if (row.resolution.kind === 'mapped') return `${licenseType} is now treated as ${row.resolution.modelLabel}.`;
  return `${licenseType} is excluded from reclamation.`;
}

/** Identifiers the admin has not mapped or excluded yet: the tab's badge. */
export function unresolvedCount(identifiers: readonly UnrecognizedIdentifier[]): number {
  return identifiers.filter((row) => row.resolution === null).length;
}
