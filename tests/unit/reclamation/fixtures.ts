/** Small builders for reclamation tests. */
import type { Entitlement, ExclusionRule, ReclamationRule, SubscriptionRecord } from '../../../main/reclamation/types.js';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0); // 2026-11-23T12:00:00Z
export const iso = (ms: number): string => new Date(ms).toISOString();
export const daysAgo = (days: number): string => iso(NOW - days * DAY);

let n = 0;
export function seat(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
  n++;
  return {
    id: `s-${n}`,
    profileId: 'p1',
    orgId: 'org-1',
    userId: `u${n}`,
    email: `user${n}@example.com`,
    name: `User ${n}`,
    licenseType: 'Business',
    active: true,
    admin: false,
    owner: false,
    paid: true,
    connectedAccount: false,
    startedAt: daysAgo(400),
    firstSeenAt: daysAgo(300),
    lastSeenAt: daysAgo(0),
    ...overrides,
  };
}

export function rule(overrides: Partial<ReclamationRule> = {}): ReclamationRule {
  return {
    id: 'r-business',
    profileId: 'p1',
    licenseType: 'Business',
    name: 'Asana Business',
    thresholdDays: 60,
    notifyUser: false,
    daysBeforeAutoReclaim: 14,
    approvalRequired: true,
    reclaimWithoutApproval: false,
    enabled: true,
    ...overrides,
  };
}

export function exclusion(kind: ExclusionRule['kind'], pattern: string, reason = 'test'): ExclusionRule {
  return { id: `x-${pattern}`, kind, pattern, reason, createdAt: daysAgo(1) };
}

export function entitlement(overrides: Partial<Entitlement> = {}): Entitlement {
  return { profileId: 'p1', licenseType: 'Business', owned: 10, unitCost: 24.99, currency: 'USD', period: 'month', ...overrides };
}
