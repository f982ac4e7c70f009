/**
 * The reclamation rules of the open profile. A save goes to main, which recomputes the
 * candidates before it answers; the store then refreshes the profile record (through the
 * profile store, so the figures above the tabs move too) and reports how the candidate count
 * changed. A failed save rejects with the server's message, so the form that sent it stays.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import { useProfileStore } from '../profile/store.js';
import type { Rule, RulePatch } from './rule-form.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The candidate count before and after a save: "12 candidates now (was 9)". */
export interface SaveOutcome {
  rule: Rule;
  /** Null when the count could not be read (the save itself succeeded). */
  before: number | null;
  after: number | null;
}

export interface RulesState {
  profileId: string | null;
  status: LoadStatus;
  rules: Rule[];
  /** Software model labels by id ("Asana · Paid member"), for the rules tied to a model. */
  models: Readonly<Record<string, string>>;
  error: string | null;
  /** Rule ids with a save in flight (the enabled switch and the form both save). */
  saving: ReadonlySet<string>;

  /** Loads a profile's rules; on the profile already shown, refreshes behind the list. */
  load(profileId: string): Promise<void>;
  /** Sends exactly `patch`; resolves with the candidate counts, rejects with the server's error. */
  save(ruleId: string, patch: RulePatch): Promise<SaveOutcome>;
  reset(): void;
}

const initial = {
  profileId: null,
  status: 'idle' as LoadStatus,
  rules: [] as Rule[],
  models: {} as Readonly<Record<string, string>>,
  error: null,
  saving: new Set<string>() as ReadonlySet<string> };

let generation = 0;

/** The open profile's candidate count, read through the profile store when it shows this profile. */
async function candidateCount(profileId: string, refresh: boolean): Promise<number | null> {
  const profiles = useProfileStore.getState();
  if (profiles.profileId === profileId) {
    if (refresh) await profiles.reload();
    const profile = useProfileStore.getState().profile;
    if (profile?.id === profileId) return profile.candidates;
  }
  try {
    return (await api.call('profiles:get', { profileId })).candidates;
  } catch {
    return null;
  }
}

async function modelLabels(profileId: string): Promise<Record<string, string>> {
  try {
    const models = await api.call('models:list', { profileId });
    return Object.fromEntries(models.map((model) => [model.id, `${model.product} · ${model.licenseType}`]));
  } catch {
    return {};
  }
}

function sortRules(rules: Rule[]): Rule[] {
  return [...rules].sort((a, b) => a.licenseType.localeCompare(b.licenseType) || a.name.localeCompare(b.name));
}

export const useRulesStore = create<RulesState>()((set, get) => ({
  ...initial,

  async load(profileId) {
    const mine = ++generation;
    const same = get().profileId === profileId && get().status === 'ready';
    if (!same) set({ ...initial, rules: [], models: {}, saving: new Set(), profileId, status: 'loading' });
    try {
      // The model names only dress the "Applies to" column: the rules show without them.
      const [rules, models] = await Promise.all([api.call('rules:list', { profileId }), modelLabels(profileId)]);
      if (mine !== generation) return;
      set({ rules: sortRules(rules), models, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation || same) return; // a failed background refresh keeps the list shown
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  async save(ruleId, patch) {
    const profileId = get().profileId;
    if (!profileId) throw new Error('No integration is open.');
    set({ saving: new Set([...get().saving, ruleId]) });
    const done = (): void => {
      const next = new Set(get().saving);
      next.delete(ruleId);
      set({ saving: next });
    };
    let rule: Rule;
    const before = await candidateCount(profileId, false);
    try {
      rule = await api.call('rules:update', { ruleId, patch });
    } catch (error) {
      done();
      throw error;
    }
    if (get().profileId === profileId) set({ rules: sortRules(get().rules.map((r) => (r.id === rule.id ? rule : r))) });
    const after = await candidateCount(profileId, true);
    done();
    return { rule, before, after };
  },

  reset() {
    generation++;
    set({ ...initial, rules: [], models: {}, saving: new Set() });
  },
}));
