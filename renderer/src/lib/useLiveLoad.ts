import { useEffect } from 'react';
import { api } from '../api.js';

/** Syncs, edits and reclaims announce a profile change per record touched: one reload per burst. */
const RELOAD_DELAY_MS = 400;

/** Loads once on mount, then again after each burst of `profiles:changed`, for screens that span every profile. */
export function useLiveLoad(load: () => Promise<void>): void {
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('profiles:changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), RELOAD_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [load]);
}
