/**
 * Reclamation candidates: every candidate of one scope (all integrations, or one profile)
 * fetched in one call, then searched, filtered, sorted and grouped in the renderer
 * (candidate-query.ts). The view state, the selection and the bulk decisions live here, so
 * they survive a tab switch.
 *
 * Bulk approve and reject are optimistic: the rows change at once, and go back to what they
 * were if the call fails (or for the ids main reports unchanged).
 */
import { create } from 'zustand';
import type { SortingState } from '@tanstack/react-table';
import { api, errorMessage } from '../../api.js';
import { plural } from '../../lib/format.js';
import { DEFAULT_STATUS_FILTER, type CandidateRow, type CandidateStatusName, type GroupBy, type ReasonFilter, type StatusFilter } from './candidate-query.js';

export type Decision = 'approved' | 'rejected' | 'open';
export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** `null` is every integration; a profile id scopes the list to that profile. */
export type CandidatesScope = string | null;

export interface ExportState {
  status: 'idle' | 'running' | 'done' | 'error';
  path?: string;
  filename?: string;
  rows?: number;
  error?: string;
}

/** What one export takes and where it goes: a path (desktop app) or, without one, a download. */
export interface ExportRequest {
  format: ExportFormat;
  out?: string;
  status?: CandidateStatusName;
  /** Only these candidates; every one of the scope (of `status`) when absent. */
  candidateIds?: string[];
}

export interface CandidatesState {
  scope: CandidatesScope;
  status: 'idle' | 'loading' | 'ready' | 'error';
  rows: CandidateRow[];
  error: string | null;

  search: string;
  profileFilter: string;
  licenseType: string;
  statusFilter: StatusFilter;
  reasonFilter: ReasonFilter;
  sorting: SortingState;
  groupBy: GroupBy;

  selected: ReadonlySet<string>;
  /** The row a shift-click extends from. */
  anchor: string | null;
  /** The decision being sent, while a bulk call runs. */
  pending: Decision | null;
  /** The last outcome, for the polite live region. */
  announcement: string;
  /** Set when the last bulk call failed (its change was rolled back). */
  bulkError: string | null;

  exportState: ExportState;

  load(scope: CandidatesScope, options?: { force?: boolean }): Promise<void>;
  setSearch(search: string): void;
  setProfileFilter(profileId: string): void;
  setLicenseType(licenseType: string): void;
  setStatusFilter(status: StatusFilter): void;
  setReasonFilter(reason: ReasonFilter): void;
  setSorting(sorting: SortingState): void;
  setGroupBy(groupBy: GroupBy): void;
  clearFilters(): void;

  toggle(id: string, selected?: boolean): void;
  /** Selects (or unselects) a run of ids, e.g. a shift-click range; moves the anchor to `anchor`. */
  selectMany(ids: readonly string[], selected: boolean, anchor?: string): void;
  clearSelection(): void;

  decide(ids: readonly string[], decision: Decision): Promise<void>;
  exportTo(input: ExportRequest): Promise<void>;
  resetExport(): void;
  reset(): void;
}

const initialView = {
  search: '',
  profileFilter: '',
  licenseType: '',
  statusFilter: DEFAULT_STATUS_FILTER,
  reasonFilter: 'all' as ReasonFilter,
  sorting: [{ id: 'daysInactive', desc: true }] as SortingState,
  groupBy: 'none' as GroupBy,
};
const initialSelection = { selected: new Set<string>() as ReadonlySet<string>, anchor: null, pending: null, announcement: '', bulkError: null };
const initial = {
  scope: null,
  status: 'idle' as const,
  rows: [] as CandidateRow[],
  error: null,
  ...initialView,
  ...initialSelection,
  exportState: { status: 'idle' } as ExportState,
};

const DONE: Record<Decision, string> = { approved: 'Approved', rejected: 'Rejected', open: 'Reopened' };

let generation = 0;

/** A copy of `rows` with the given ids set to the status each maps to; the rest kept as is. */
function withStatuses(rows: CandidateRow[], statuses: ReadonlyMap<string, CandidateStatusName>): CandidateRow[] {
  return rows.map((row) => {
    const status = statuses.get(row.id);
    return status === undefined || status === row.status ? row : { ...row, status };
  });
}

export const useCandidatesStore = create<CandidatesState>()((set, get) => ({
  ...initial,

  async load(scope, options = {}) {
    const same = get().scope === scope;
    if (same && !options.force && (get().status === 'ready' || get().status === 'loading')) return;
    const mine = ++generation;
    if (!same) set({ ...initial, ...initialSelection, selected: new Set(), scope, status: 'loading' });
    else set({ status: 'loading', error: null });
    try {
      const rows = await api.call('candidates:list', scope ? { profileId: scope } : {});
      if (mine !== generation) return;
      set({ rows, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  setSearch: (search) => set({ search }),
  setProfileFilter: (profileFilter) => set({ profileFilter }),
  setLicenseType: (licenseType) => set({ licenseType }),
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  setReasonFilter: (reasonFilter) => set({ reasonFilter }),
  setSorting: (sorting) => set({ sorting }),
  setGroupBy: (groupBy) => set({ groupBy }),
  clearFilters: () => set({ search: '', profileFilter: '', licenseType: '', statusFilter: DEFAULT_STATUS_FILTER, reasonFilter: 'all' }),

  toggle(id, selected) {
    const next = new Set(get().selected);
    const on = selected ?? !next.has(id);
    if (on) next.add(id);
    else next.delete(id);
    set({ selected: next, anchor: id });
  },

  selectMany(ids, selected, anchor) {
    const next = new Set(get().selected);
    for (const id of ids) {
      if (selected) next.add(id);
      else next.delete(id);
    }
    set({ selected: next, anchor: anchor ?? get().anchor });
  },

  clearSelection: () => set({ selected: new Set(), anchor: null }),

  async decide(ids, decision) {
    if (ids.length === 0 || get().pending) return;
    const before = new Map<string, CandidateStatusName>();
    const wanted = new Set(ids);
    for (const row of get().rows) if (wanted.has(row.id)) before.set(row.id, row.status);
    const optimistic = new Map<string, CandidateStatusName>([...before.keys()].map((id) => [id, decision]));
    set({ rows: withStatuses(get().rows, optimistic), pending: decision, bulkError: null, announcement: '' });
    const rollback = (which: Iterable<string>): void => {
      const back = new Map<string, CandidateStatusName>();
      const current = new Map(get().rows.map((row) => [row.id, row.status] as const));
      for (const id of which) {
        const previous = before.get(id);
        // Only undo our own change: a reload in between may already know better.
        if (previous !== undefined && current.get(id) === decision) back.set(id, previous);
      }
      if (back.size > 0) set({ rows: withStatuses(get().rows, back) });
    };
    try {
      const result = await api.call('candidates:setStatus', { ids: [...ids], status: decision });
      rollback(result.unchanged.map((entry) => entry.id));
      const kept = result.unchanged.length;
      const first = result.unchanged[0];
      set({
        pending: null,
        selected: new Set(),
        anchor: null,
        announcement:
          `${DONE[decision]} ${plural(result.updated, 'candidate')}.` +
          (kept > 0 ? ` ${plural(kept, 'candidate')} could not be changed${first ? ` (${first.reason})` : ''}.` : ''),
      });
    } catch (error) {
      rollback(before.keys());
      const message = errorMessage(error);
      set({ pending: null, bulkError: message, announcement: `Nothing was changed: ${message}` });
    }
  },

  async exportTo(input) {
    const scope = get().scope;
    set({ exportState: { status: 'running' } });
    const what = {
      format: input.format,
      ...(scope ? { profileId: scope } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.candidateIds ? { candidateIds: input.candidateIds } : {}),
    };
    try {
      if (input.out === undefined) {
        const result = await api.download('candidates:export', what);
        set({ exportState: { status: 'done', filename: result.filename, rows: result.rows }, announcement: `Downloaded ${plural(result.rows, 'candidate')} as ${result.filename}.` });
      } else {
        const result = await api.call('candidates:export', { ...what, out: input.out });
        set({ exportState: { status: 'done', path: result.path, rows: result.rows }, announcement: `Exported ${plural(result.rows, 'candidate')} to ${result.path}.` });
      }
    } catch (error) {
      set({ exportState: { status: 'error', error: errorMessage(error) } });
    }
  },

  resetExport: () => set({ exportState: { status: 'idle' } }),

  reset() {
    generation++;
    set({ ...initial, ...initialSelection, selected: new Set(), rows: [], sorting: [...initialView.sorting] });
  },
}));
