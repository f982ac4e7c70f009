import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../main/reclamation/reconciliation.js';
import type { Candidate } from '../../../main/reclamation/types.js';
import { DAY, NOW, daysAgo, entitlement, iso, seat } from './fixtures.js';

function candidate(licenseType: string, status: Candidate['status']): Candidate {
  return {
    id: `c-${Math.random()}`,
    profileId: 'p1',
    orgId: 'o',
    subscriptionId: 's',
    userId: 'u',
    email: 'e',
    name: 'n',
    licenseType,
    inactiveSince: daysAgo(100),
    daysInactive: 100,
    ruleId: 'r',
    ruleName: 'r',
    thresholdDays: 60,
    status,
    monthlyCost: null,
    currency: null,
    why: '',
    detectedAt: daysAgo(1),
  };
}

describe('reconcile', () => {
  it('owned against used against inactive, over-allocation, savings and renewals', () => {
    const subscriptions = [
      ...Array.from({ length: 12 }, () => seat({ licenseType: 'Business' })),
      seat({ licenseType: 'Business', paid: false }), // free: not used
      seat({ licenseType: 'Business', active: false }), // not held: not used
      ...Array.from({ length: 3 }, () => seat({ licenseType: 'Enterprise' })),
      seat({ licenseType: 'Guest', paid: false }),
    ];
    const candidates = [
      candidate('Business', 'open'),
      candidate('Business', 'open'),
      candidate('Business', 'approved'),
      candidate('Business', 'rejected'),
      candidate('Business', 'reclaimed'),
      candidate('Enterprise', 'open'),
    ];
    const entitlements = [
      entitlement({ licenseType: 'Business', owned: 10, unitCost: 24.99, currency: 'USD', period: 'month', renewalDate: iso(NOW + 30 * DAY) }),
      entitlement({ licenseType: 'Enterprise', owned: 5, unitCost: 420, currency: 'USD', period: 'year', renewalDate: iso(NOW + 200 * DAY) }),
      entitlement({ licenseType: 'Unused', owned: 4, unitCost: 10, currency: 'EUR', renewalDate: iso(NOW + 90 * DAY) }),
    ];
    const r = reconcile({ subscriptions, candidates, entitlements, now: NOW });
    const line = (t: string) => r.lines.find((l) => l.licenseType === t)!;

    expect(line('Business')).toMatchObject({
      owned: 10,
      used: 12,
      inactive: 2,
      pendingReclaim: 1,
      unassigned: 0,
      overAllocated: true,
      overBy: 2,
      monthlyUnitCost: 24.99,
      currency: 'USD',
      monthlyWaste: 74.97,
      potentialMonthlySavings: 74.97,
      potentialAnnualSavings: 899.64,
      daysToRenewal: 30,
    });
    expect(line('Enterprise')).toMatchObject({ owned: 5, used: 3, inactive: 1, unassigned: 2, overAllocated: false, monthlyWaste: 35, potentialMonthlySavings: 105, potentialAnnualSavings: 1260 });
    expect(line('Unused')).toMatchObject({ used: 0, unassigned: 4, potentialMonthlySavings: 40, currency: 'EUR' });
    expect(r.lines.some((l) => l.licenseType === 'Guest')).toBe(false);

    expect(r.renewals.map((x) => [x.licenseType, x.daysToRenewal, x.recommendedSeats])).toEqual([
      ['Business', 30, 9],
      ['Unused', 90, 0],
    ]);
    expect(r.totals).toEqual([
      { currency: 'EUR', monthlyWaste: 0, potentialMonthlySavings: 40, potentialAnnualSavings: 480 },
      { currency: 'USD', monthlyWaste: 109.97, potentialMonthlySavings: 179.97, potentialAnnualSavings: 2159.64 },
    ]);
  });

  it('without entitlements: counts, no money, no over-allocation', () => {
    const r = reconcile({ subscriptions: [seat(), seat()], candidates: [candidate('Business', 'open')], entitlements: [], now: NOW });
    expect(r.lines).toEqual([
      expect.objectContaining({ owned: null, used: 2, inactive: 1, overAllocated: false, monthlyUnitCost: null, currency: null, monthlyWaste: 0 }),
    ]);
    expect(r.totals).toEqual([]);
  });
});
