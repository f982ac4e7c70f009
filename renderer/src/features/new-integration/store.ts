/**
 * The vendor picker's data: the connector descriptors main offers. Choosing one opens its
 * guided playbook (features/playbook), which owns everything after the choice.
 */
import { create } from 'zustand';
import { api, errorMessage } from '../../api.js';
import type { VendorDescriptorDto } from '../../types.js';

export interface NewIntegrationState {
  vendorsStatus: 'idle' | 'loading' | 'ready' | 'error';
  vendors: VendorDescriptorDto[];
  vendorsError: string | null;
  loadVendors(): Promise<void>;
  reset(): void;
}

export const useNewIntegrationStore = create<NewIntegrationState>((set, get) => ({
  vendorsStatus: 'idle',
  vendors: [],
  vendorsError: null,

  async loadVendors() {
    if (get().vendorsStatus === 'loading') return;
    set({ vendorsStatus: 'loading', vendorsError: null });
    try {
      const vendors = await api.call('vendors:list', {});
      set({ vendors, vendorsStatus: 'ready' });
    } catch (error) {
      set({ vendorsStatus: 'error', vendorsError: errorMessage(error) });
    }
  },

  reset() {
    set({ vendorsStatus: 'idle', vendors: [], vendorsError: null });
  },
}));
