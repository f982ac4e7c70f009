import type { JobResult } from '../../../preload/contract.js';
import type { AliasRecord, ProfileRecord } from '../../../main/store/schema.js';

let next = 0;

export function job(patch: Partial<JobResult> = {}): JobResult {
  next += 1;
  return {
    id: `job-${next}`,
    profileId: 'p1',
    profileName: 'Asana',
    trigger: 'schedule',
    state: 'succeeded',
    startedAt: '2026-03-01T08:00:00.000Z',
    finishedAt: '2026-03-01T08:01:00.000Z',
    phases: [],
    counts: { seats: 10, freeSeats: 0, subscriptions: 10, candidates: 0, requests: 3, pages: 1 },
    activityAvailable: true,
    ...patch,
  };
}

export function profile(patch: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    id: 'p1',
    name: 'Asana',
    vendor: 'asana',
    status: 'published',
    createdAt: '2026-01-01T00:00:00.000Z',
    aliasId: 'a1',
    processes: { activity: { enabled: true, lookbackDays: 30 }, reclaim: { enabled: false } },
    schedule: { kind: 'daily', time: '08:00' },
    playbook: { currentStep: 'done', completed: [], draft: {} },
    activityAvailable: true,
    stats: { seats: 10, freeSeats: 0, subscriptions: 10, candidates: 0, monthlySavings: 0, currency: 'USD', licenseTypes: [] },
    ...patch,
  };
}

export function alias(patch: Partial<AliasRecord> = {}): AliasRecord {
  return {
    id: 'a1',
    profileId: 'p1',
    label: 'Asana',
    vendor: 'asana',
    settings: { baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token', options: {} },
    secretKinds: ['token'],
    status: 'connected',
    ...patch,
  };
}
