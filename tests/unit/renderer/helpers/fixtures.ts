/** Contract-shaped test data. */
import type { JobResult, ProfileDetail, ProfileSummary, SubscriptionRow, VendorDescriptorDto } from '../../../../renderer/src/types.js';

const NOW = Date.now();
export const iso = (msAgo: number): string => new Date(NOW - msAgo).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function profileSummary(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id: 'p1',
    name: 'Asana – Marketing',
    vendor: 'asana',
    status: 'published',
    health: 'ok',
    seats: 412,
    freeSeats: 12,
    deactivatedSeats: 0,
    orgs: 1,
    candidates: 37,
    monthlySavings: 406.5,
    currency: 'USD',
    unpricedCandidates: 0,
    activityAvailable: true,
    lastSync: { jobId: 'j1', at: iso(2 * HOUR), status: 'succeeded' },
    nextSyncAt: iso(-20 * HOUR),
    connectedAs: 'Ada Admin',
    createdAt: iso(30 * DAY),
    ...overrides,
  };
}

export function profileDetail(overrides: Partial<ProfileDetail> = {}): ProfileDetail {
  return {
    ...profileSummary(),
    processes: { activity: { enabled: true, lookbackDays: 60 }, reclaim: { enabled: true } },
    connection: {
      aliasId: 'a1',
      label: 'Primary',
      baseUrl: 'https://app.asana.com/api/1.0',
      grantType: 'token',
      scopes: [],
      options: {},
      hasSecret: true,
      status: 'connected',
      connectedAs: 'Ada Admin',
    },
    extraOrgs: [],
    licenseTypes: [{ name: 'Asana Business', seats: 400, paid: true, deactivated: 0 }],
    ...overrides,
  };
}

export function job(overrides: Partial<JobResult> = {}): JobResult {
  return {
    id: 'j-live',
    profileId: 'p1',
    profileName: 'Asana – Marketing',
    trigger: 'manual',
    state: 'running',
    startedAt: iso(0),
    phases: [],
    counts: { seats: 0, freeSeats: 0, subscriptions: 0, candidates: 0, requests: 0, pages: 0 },
    activityAvailable: true,
    ...overrides,
  };
}

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Elena', 'Farah', 'Gus', 'Hana', 'Isaac', 'Jonas'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Petrov', 'García', 'Haddad', 'Silva', 'Tanaka'];

export function subscriptionRows(count: number, profileId = 'p1'): SubscriptionRow[] {
  const rows: SubscriptionRow[] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length] ?? 'Ada';
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Okafor';
    const never = i % 17 === 0;
    const days = never ? null : (i * 7) % 120;
    rows.push({
      id: `s${i}`,
      profileId,
      orgId: 'o1',
      orgLabel: 'Main',
      userId: String(1000 + i),
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      name: `${first} ${last} ${i}`,
      licenseType: i % 5 === 0 ? 'Guest' : 'Business',
      active: true,
      admin: false,
      owner: false,
      paid: i % 5 !== 0,
      seat: i % 5 !== 0 ? 'paid' : 'free',
      startedAt: iso(400 * DAY),
      lastActivityAt: never ? undefined : iso((days ?? 0) * DAY),
      daysInactive: days,
    });
  }
  return rows;
}

export const asanaDescriptor: VendorDescriptorDto = {
  vendor: 'asana',
  displayName: 'Asana',
  publisher: 'Asana, Inc.',
  product: 'Asana',
  authMethods: ['token', 'authorization_code'],
  defaults: { baseUrl: 'https://app.asana.com/api/1.0' },
  permissions: [{ process: 'download', permission: 'Workspace member', why: 'Lists memberships.' }],
  registerApp: { title: 'Create a token', intro: '', checklist: [], links: [], needsRedirectUri: false },
  connectionUrlHelp: 'Asana’s API base URL.',
  activitySupported: true,
  reclaimSupported: true,
  undoSupported: true,
};

export const scimDescriptor: VendorDescriptorDto = {
  ...asanaDescriptor,
  vendor: 'custom',
  preset: 'scim',
  displayName: 'SCIM 2.0 app',
  authMethods: ['token'],
  defaults: { baseUrl: 'https://example.com/scim/v2' },
};
