import { describe, expect, it } from 'vitest';
import { profileStats } from '../../../main/reclamation/recompute.js';
import type { Candidate, SubscriptionRecord } from '../../../main/reclamation/types.js';
import { countByLicenseType, countSeats, seatKind } from '../../../main/subscriptions/seat-counts.js';

const AT = '2031-01-01T00:00:00.000Z';
function sub(id: string, licenseType: string, active: boolean, paid: boolean): SubscriptionRecord {
  return { id, profileId: 'p', orgId: 'o', userId: id, email: `${id}@x.example`, name: id, licenseType, active, admin: false, owner: false, paid, connectedAccount: false, firstSeenAt: AT, lastSeenAt: AT };
}

// An Asana-like org: members, a guest, a view-only member, a deactivated member, a member whose billing is paused.
const seats = [
  sub('active-1', 'Paid member', true, true),
  sub('active-2', 'Paid member', true, true),
  sub('guest', 'Guest', true, false),
  sub('viewer', 'View-only member', true, false),
  sub('gone', 'Paid member', false, true),
  sub('paused', 'Paid member', true, false),
];

describe('one definition of a seat', () => {
  it('paid is held and billed, free is held and not billed (guest, view-only, billing paused), deactivated holds none', () => {
    expect(seats.map(seatKind)).toEqual(['paid', 'paid', 'free', 'free', 'deactivated', 'free']);
    expect(countSeats(seats)).toEqual({ paid: 2, free: 3, deactivated: 1, listed: 6 });
  });

  it('per license type, deactivated members are counted apart from the seats held', () => {
    expect(countByLicenseType(seats)).toEqual([
      { name: 'Paid member', seats: 3, paid: true, deactivated: 1 },
      { name: 'Guest', seats: 1, paid: false, deactivated: 0 },
      { name: 'View-only member', seats: 1, paid: false, deactivated: 0 },
    ]);
  });

  it('the profile figures use the same counts, and savings count only priced candidates', () => {
    const candidate = (id: string, status: Candidate['status'], monthlyCost: number | null): Candidate =>
      ({ id, status, monthlyCost, currency: monthlyCost === null ? null : 'EUR' }) as Candidate;
    const stats = profileStats(seats, [candidate('a', 'open', 10), candidate('b', 'approved', null), candidate('c', 'reclaimed', 99), candidate('d', 'open', 5.5)]);
    expect(stats).toMatchObject({ seats: 2, freeSeats: 3, deactivatedSeats: 1, subscriptions: 6, candidates: 3, monthlySavings: 15.5, currency: 'EUR', unpricedCandidates: 1 });
  });
});
