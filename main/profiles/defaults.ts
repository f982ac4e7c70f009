import type { ProcessSettings } from '../../preload/contract.js';
import type { StoredSchedule } from '../store/schema.js';

export const DEFAULT_LOOKBACK_DAYS = 60;

export const defaultProcesses = (): ProcessSettings => ({
  activity: { enabled: true, lookbackDays: DEFAULT_LOOKBACK_DAYS },
  reclaim: { enabled: true },
});

/** Daily, early morning local time: fresh data before the admin's day starts. */
export const defaultSchedule = (): StoredSchedule => ({ kind: 'daily', time: '06:00' });

export const PLAYBOOK_FIRST_STEP = 'register';
