/**
 * People and roles on a team server: the roles an admin gave in Settings. Each save sends one
 * person's whole list and shows main's answer; a refusal keeps the form as it was.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { MethodInput, MethodOutput } from '../../types.js';

export type RoleAssignment = MethodOutput<'roles:list'>[number];
export type AssignableRole = MethodInput<'roles:set'>['roles'][number];

export interface RolesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  assignments: RoleAssignment[];
  error: string | null;
  saving: boolean;
  saveError: string | null;
  saved: string | null;
  load(): Promise<void>;
  set(person: string, roles: AssignableRole[]): Promise<boolean>;
}

export const useRolesStore = create<RolesState>()((set, get) => ({
  status: 'idle',
  assignments: [],
  error: null,
  saving: false,
  saveError: null,
  saved: null,

  async load() {
    if (get().status === 'loading') return;
    set({ status: 'loading', error: null });
    try {
      set({ status: 'ready', assignments: await api.call('roles:list', {}) });
    } catch (error) {
      set({ status: 'error', error: errorMessage(error) });
    }
  },

  async set(person, roles) {
    if (get().saving) return false;
    set({ saving: true, saveError: null, saved: null });
    try {
      const assignments = await api.call('roles:set', { person, roles });
      const name = person.trim().toLowerCase();
      set({ assignments, saving: false, saved: roles.length ? `Saved: ${name} is ${roles.join(', ')}.` : `Saved: ${name} has no roles given here.` });
      return true;
    } catch (error) {
      set({ saving: false, saveError: errorMessage(error) });
      return false;
    }
  },
}));
