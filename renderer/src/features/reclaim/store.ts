/**
 * Reclaim, as the administrator runs it from the candidates screen: first the dry run (the
 * exact vendor calls, nothing touched), then the real run after confirmation (typing the
 * count above `confirmAbove` seats), then each seat's outcome with Undo where the vendor
 * allows. One profile at a time: reclaim goes through that profile's connection.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { MethodOutput } from '../../types.js';

export type ReclaimPlanView = MethodOutput<'reclaim:plan'>;
export type ReclaimResultView = MethodOutput<'reclaim:run'>;

export type ReclaimSelection = { profileId: string; candidateIds: string[] } | { profileId: string; approved: true };

export type UndoState = { status: 'running' } | { status: 'done' } | { status: 'error'; error: string };
export type ReclaimOutcomeView = ReclaimResultView['outcomes'][number];
type ReclaimAction = NonNullable<ReclaimOutcomeView['alternatives']>[number];

export interface ReclaimState {
  phase: 'idle' | 'planning' | 'planned' | 'running' | 'done' | 'error';
  selection: ReclaimSelection | null;
  plan: ReclaimPlanView | null;
  result: ReclaimResultView | null;
  error: string | null;
  undo: Record<string, UndoState>;
  /** The dry run: asks main for the calls a real run would make. */
  preview(selection: ReclaimSelection): Promise<void>;
  /** The real run of the previewed selection. */
  run(confirmCount: number | undefined): Promise<void>;
  undoSeat(auditId: string): Promise<void>;
  /** One failed seat again with another action the vendor offers (Salesforce: freeze). */
  retryWith(candidateId: string, action: ReclaimAction): Promise<void>;
  /** Per failed seat: the retry with another action, running or done. */
  retries: Record<string, { status: 'running' } | { status: 'done'; outcome: ReclaimOutcomeView } | { status: 'error'; error: string }>;
  reset(): void;
}

const initial = { phase: 'idle' as const, selection: null, plan: null, result: null, error: null, undo: {}, retries: {} };

function toInput(selection: ReclaimSelection) {
  return 'approved' in selection ? { profileId: selection.profileId, approved: true as const } : { profileId: selection.profileId, candidateIds: selection.candidateIds };
}

export const useReclaimStore = create<ReclaimState>()((set, get) => ({
  ...initial,

  async preview(selection) {
    set({ ...initial, phase: 'planning', selection });
    try {
      const plan = await api.call('reclaim:plan', toInput(selection));
      if (get().selection === selection) set({ plan, phase: 'planned' });
    } catch (error) {
      if (get().selection === selection) set({ phase: 'error', error: errorMessage(error) });
    }
  },

  async run(confirmCount) {
    const { selection, phase } = get();
    if (!selection || phase !== 'planned') return;
    set({ phase: 'running', error: null });
    try {
      const result = await api.call('reclaim:run', { ...toInput(selection), ...(confirmCount === undefined ? {} : { confirmCount }) });
      set({ result, phase: 'done' });
    } catch (error) {
      // The plan stays on screen: nothing was reclaimed when the run is refused as a whole.
      set({ phase: 'planned', error: errorMessage(error) });
    }
  },

  async undoSeat(auditId) {
    if (get().undo[auditId]?.status === 'running') return;
    set({ undo: { ...get().undo, [auditId]: { status: 'running' } } });
    try {
      await api.call('reclaim:undo', { auditId });
      set({ undo: { ...get().undo, [auditId]: { status: 'done' } } });
    } catch (error) {
      set({ undo: { ...get().undo, [auditId]: { status: 'error', error: errorMessage(error) } } });
    }
  },

  async retryWith(candidateId, action) {
    const { selection } = get();
    if (!selection || get().retries[candidateId]?.status === 'running') return;
    set({ retries: { ...get().retries, [candidateId]: { status: 'running' } } });
    try {
      const result = await api.call('reclaim:run', { profileId: selection.profileId, candidateIds: [candidateId], action });
      const outcome = result.outcomes.find((o) => o.candidateId === candidateId);
      if (!outcome) throw new Error('The vendor gave no outcome for this seat.');
      set({ retries: { ...get().retries, [candidateId]: { status: 'done', outcome } } });
    } catch (error) {
      set({ retries: { ...get().retries, [candidateId]: { status: 'error', error: errorMessage(error) } } });
    }
  },

  reset() {
    set(initial);
  },
}));
