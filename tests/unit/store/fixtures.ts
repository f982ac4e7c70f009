/**
 * A data folder's files as a Seatwise of today writes them, with every kind of record, for
 * tests that damage one field and expect the store to say which. Dates are fixed.
 */
import type { JobResult } from '../../../preload/contract.js';
import type { Candidate, SubscriptionRecord } from '../../../main/reclamation/types.js';
import type { CandidateFile, RootData, Snapshot } from '../../../main/store/schema.js';

export const PROFILE_ID = 'prf_fixture';
const AT = '2026-03-02T09:00:00.000Z';

export function fixtureRoot(): RootData {
  return {
    schemaVersion: 2,
    profiles: [
      {
        id: PROFILE_ID,
        name: 'Asana',
        vendor: 'asana',
        status: 'published',
        createdAt: AT,
        publishedAt: AT,
        aliasId: 'als_1',
        processes: { activity: { enabled: true, lookbackDays: 30 }, reclaim: { enabled: false } },
        schedule: { kind: 'daily', time: '06:00', timeZone: 'Europe/Paris' },
        playbook: { currentStep: 'publish', completed: ['connect', 'publish'], draft: { connect: { baseUrl: 'https://app.asana.com' } } },
        activityAvailable: true,
        lastJobId: 'job_1',
        lastRunAt: AT,
        analysisStart: '2026-02-01T09:00:00.000Z',
        stats: { seats: 2, freeSeats: 1, subscriptions: 3, candidates: 1, monthlySavings: 10.99, currency: 'USD', licenseTypes: [{ name: 'Business', seats: 2, paid: true }] },
      },
    ],
    aliases: [
      {
        id: 'als_1',
        profileId: PROFILE_ID,
        label: 'Asana',
        vendor: 'asana',
        settings: { baseUrl: 'https://app.asana.com', grantType: 'token', options: { workspaceGid: '1200' } },
        secretKinds: ['token'],
        status: 'connected',
        connectedAs: 'Admin <admin@example.com>',
        lastValidation: { at: AT, results: [{ process: 'download', ok: true, message: 'ok' }] },
      },
    ],
    models: [{ id: 'mdl_1', profileId: PROFILE_ID, publisher: 'Asana', product: 'Asana', licenseType: 'Business', paid: true, createdAt: AT }],
    rules: [
      { id: 'rul_1', profileId: PROFILE_ID, modelId: 'mdl_1', licenseType: 'Business', name: 'Asana Business', thresholdDays: 60, notifyUser: false, daysBeforeAutoReclaim: 14, approvalRequired: true, reclaimWithoutApproval: false, enabled: true },
      { id: 'rul_2', profileId: PROFILE_ID, licenseType: 'Enterprise', name: 'Asana Enterprise', thresholdDays: 90, notifyUser: true, daysBeforeAutoReclaim: 7, approvalRequired: true, reclaimWithoutApproval: false, enabled: true },
    ],
    exclusions: [{ id: 'exc_1', kind: 'user', pattern: '*@contractor.example', reason: 'contractors', createdAt: AT, profileId: PROFILE_ID }],
    entitlements: [{ profileId: PROFILE_ID, licenseType: 'Business', owned: 10, unitCost: 10.99, currency: 'USD', period: 'month' }],
    unrecognized: [{ profileId: PROFILE_ID, licenseType: 'Legacy', seats: 1, firstSeenAt: AT, resolution: { kind: 'excluded' } }],
    settings: { keepRunningInTray: true, maxParallelSyncs: 2 },
    roles: [],
  };
}

export function fixtureSubscriptions(count: number): SubscriptionRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `sub_${i}`,
    profileId: PROFILE_ID,
    orgId: 'als_1',
    userId: `u${i}`,
    email: `user${i}@example.com`,
    name: `User ${i}`,
    licenseType: i % 3 === 0 ? 'Guest' : 'Business',
    active: true,
    admin: i === 1,
    owner: i === 0,
    paid: i % 3 !== 0,
    connectedAccount: i === 1,
    ...(i % 2 ? { lastActivityAt: `2026-02-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00.000Z` } : {}),
    firstSeenAt: AT,
    lastSeenAt: AT,
  }));
}

export function fixtureSnapshot(count = 300): Snapshot {
  return { profileId: PROFILE_ID, jobId: 'job_1', committedAt: AT, orgs: [{ aliasId: 'als_1', label: 'Asana' }], subscriptions: fixtureSubscriptions(count) };
}

export function fixtureCandidates(): CandidateFile {
  const candidates: Candidate[] = [2, 4, 5, 7, 8].map((i) => ({
    id: `cnd_${i}`,
    profileId: PROFILE_ID,
    orgId: 'als_1',
    subscriptionId: `sub_${i}`,
    userId: `u${i}`,
    email: `user${i}@example.com`,
    name: `User ${i}`,
    licenseType: 'Business',
    inactiveSince: '2026-01-01T00:00:00.000Z',
    daysInactive: 60 + i,
    ruleId: 'rul_1',
    ruleName: 'Asana Business',
    thresholdDays: 60,
    status: 'open',
    monthlyCost: 10.99,
    currency: 'USD',
    why: `no activity since 2026-01-01, ${60 + i} days; rule Asana Business, 60 days`,
    detectedAt: AT,
  }));
  return { profileId: PROFILE_ID, computedAt: AT, candidates };
}

export function fixtureJob(id: string, state: JobResult['state'], startedAt: string, phases: JobResult['phases'] = []): JobResult {
  return {
    id,
    profileId: PROFILE_ID,
    profileName: 'Asana',
    trigger: 'schedule',
    state,
    startedAt,
    ...(state === 'running' ? {} : { finishedAt: startedAt }),
    phases,
    counts: { seats: 0, freeSeats: 0, subscriptions: 0, candidates: 0, requests: 0, pages: 0 },
    activityAvailable: null,
  };
}
