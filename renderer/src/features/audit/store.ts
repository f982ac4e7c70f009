/**
 * The Audit screen's state: the whole log (newest first) and the integrations' names, the
 * filters and page, and the export. The log is small beside the seats (one line per change),
 * so it is fetched whole and filtered in the renderer.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import { plural } from '../../lib/format.js';
import type { ProfileSummary } from '../../types.js';
import type { AuditEvent } from './model.js';

export type AuditExportFormat = 'csv' | 'json';

export interface AuditExportState {
  status: 'idle' | 'running' | 'done' | 'error';
  path?: string;
  filename?: string;
  rows?: number;
  error?: string;
}

export interface AuditState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  events: AuditEvent[];
  profiles: ProfileSummary[];
  error: string | null;
  kind: string;
  search: string;
  page: number;
  /** Ids of the events whose before→after is open. */
  expanded: ReadonlySet<string>;
  exportState: AuditExportState;
  announcement: string;

  load(): Promise<void>;
  setKind(kind: string): void;
  setSearch(search: string): void;
  setPage(page: number): void;
  clearFilters(): void;
  toggle(id: string): void;
  /** Without `out`, a download (the browser host). */
  exportTo(input: { format: AuditExportFormat; out?: string }): Promise<void>;
  resetExport(): void;
  reset(): void;
}

const initial = {
  status: 'idle' as const,
  events: [] as AuditEvent[],
  profiles: [] as ProfileSummary[],
  error: null,
  kind: '',
  search: '',
  page: 0,
  expanded: new Set<string>() as ReadonlySet<string>,
  exportState: { status: 'idle' } as AuditExportState,
  announcement: '',
};

let generation = 0;

export const useAuditStore = create<AuditState>()((set, get) => ({
  ...initial,

  async load() {
    const mine = ++generation;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const [events, profiles] = await Promise.all([api.call('audit:list', {}), api.call('profiles:list', {})]);
      if (mine !== generation) return;
      set({ status: 'ready', events, profiles, error: null });
    } catch (error) {
      if (mine !== generation) return;
      if (get().status !== 'ready') set({ status: 'error', error: errorMessage(error) });
    }
  },

  // A new filter starts on the first page: page 7 of a shorter list may not exist.
  setKind: (kind) => set({ kind, page: 0 }),
  setSearch: (search) => set({ search, page: 0 }),
  setPage: (page) => set({ page: Math.max(0, page) }),
  clearFilters: () => set({ kind: '', search: '', page: 0 }),

  toggle(id) {
    const next = new Set(get().expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ expanded: next });
  },

  async exportTo(input) {
    set({ exportState: { status: 'running' } });
    try {
      if (input.out === undefined) {
        const result = await api.download('audit:export', { format: input.format });
        set({ exportState: { status: 'done', filename: result.filename, rows: result.rows }, announcement: `Downloaded ${plural(result.rows, 'audit event')} as ${result.filename}.` });
      } else {
        const result = await api.call('audit:export', { format: input.format, out: input.out });
        set({ exportState: { status: 'done', path: result.path, rows: result.rows }, announcement: `Exported ${plural(result.rows, 'audit event')} to ${result.path}.` });
      }
    } catch (error) {
      set({ exportState: { status: 'error', error: errorMessage(error) } });
    }
  },

  resetExport: () => set({ exportState: { status: 'idle' } }),

  reset() {
    generation++;
    set({ ...initial, expanded: new Set() });
  },
}));
