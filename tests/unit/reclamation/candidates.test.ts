import { describe, expect, it } from 'vitest';
import { computeCandidates, type CandidateInput } from '../../../main/reclamation/candidates.js';
import { candidateId } from '../../../main/reclamation/ids.js';
import type { Candidate, SubscriptionRecord } from '../../../main/reclamation/types.js';
import { DAY, NOW, daysAgo, entitlement, exclusion, iso, rule, seat } from './fixtures.js';

function compute(subscriptions: SubscriptionRecord[], more: Partial<CandidateInput> = {}): Candidate[] {
  return computeCandidates({
    subscriptions,
    rules: [rule()],
    exclusions: [],
    entitlements: [],
    previous: [],
    now: NOW,
    analysisStart: NOW - 60 * DAY,
    activityAvailable: true,
    ...more,
  });
}

const ids = (candidates: Candidate[]): string[] => candidates.map((c) => c.subscriptionId).sort();

describe('computeCandidates: inactivity', () => {
  it('59 days is not a candidate, 60 and 61 are (also one millisecond short of 60 is not)', () => {
    const s59 = seat({ lastActivityAt: daysAgo(59) });
    const s60 = seat({ lastActivityAt: daysAgo(60) });
    const s61 = seat({ lastActivityAt: daysAgo(61) });
    const almost = seat({ lastActivityAt: iso(NOW - 60 * DAY + 1) });
    const out = compute([s59, s60, s61, almost]);
    expect(ids(out)).toEqual([s60.id, s61.id].sort());
    const c60 = out.find((c) => c.subscriptionId === s60.id)!;
    expect(c60).toMatchObject({
      daysInactive: 60,
      inactiveSince: s60.lastActivityAt,
      lastActivityAt: s60.lastActivityAt,
      thresholdDays: 60,
      ruleId: 'r-business',
      ruleName: 'Asana Business',
      status: 'open',
      detectedAt: iso(NOW),
      why: 'no activity since 2026-09-24, 60 days; rule Asana Business, 60 days',
    });
    expect(out.find((c) => c.subscriptionId === s61.id)!.daysInactive).toBe(61);
  });

  it('uses the threshold of the rule for the license type, and no rule or a disabled rule means no candidate', () => {
    const business = seat({ lastActivityAt: daysAgo(45) });
    const enterprise = seat({ licenseType: 'Enterprise', lastActivityAt: daysAgo(45) });
    const premium = seat({ licenseType: 'Premium', lastActivityAt: daysAgo(400) });
    const unruled = seat({ licenseType: 'Unmodelled', lastActivityAt: daysAgo(400) });
    const out = compute([business, enterprise, premium, unruled], {
      rules: [
        rule({ thresholdDays: 60 }),
        rule({ id: 'r-ent', licenseType: 'Enterprise', name: 'Enterprise', thresholdDays: 30 }),
        rule({ id: 'r-prem', licenseType: 'Premium', name: 'Premium', enabled: false }),
      ],
    });
    expect(ids(out)).toEqual([enterprise.id]);
    expect(out[0]!.why).toBe('no activity since 2026-10-09, 45 days; rule Enterprise, 30 days');
  });

  it('never active: counts from the analysis start when the seat is older', () => {
    const old = seat({ startedAt: daysAgo(400), lastActivityAt: undefined });
    const out = compute([old], { analysisStart: NOW - 60 * DAY });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      daysInactive: 60,
      inactiveSince: iso(NOW - 60 * DAY),
      lastActivityAt: undefined,
      why: 'never active since 2026-09-24 (analysis start), 60 days; rule Asana Business, 60 days',
    });
    // One day less of analysis: 59 days, not a candidate.
    expect(compute([old], { analysisStart: NOW - 59 * DAY })).toEqual([]);
  });

  it('never active: counts from the seat start when the seat is younger than the analysis start', () => {
    const s = seat({ startedAt: daysAgo(65), lastActivityAt: undefined });
    const out = compute([s], { analysisStart: NOW - 90 * DAY });
    expect(out[0]).toMatchObject({ daysInactive: 65, inactiveSince: s.startedAt });
    expect(out[0]!.why).toBe('never active since 2026-09-19 (seat start), 65 days; rule Asana Business, 60 days');
  });

  it('never active without a start date: falls back to first seen', () => {
    const s = seat({ startedAt: undefined, firstSeenAt: daysAgo(70), lastActivityAt: undefined });
    const out = compute([s], { analysisStart: NOW - 90 * DAY });
    expect(out[0]).toMatchObject({ daysInactive: 70, inactiveSince: s.firstSeenAt });
  });

  it('a recent joiner who never used the product is not a candidate', () => {
    const joiner = seat({ startedAt: daysAgo(10), firstSeenAt: daysAgo(10), lastActivityAt: undefined });
    expect(compute([joiner], { analysisStart: NOW - 60 * DAY })).toEqual([]);
    expect(compute([joiner], { analysisStart: NOW - 365 * DAY })).toEqual([]);
  });

  it('reads dates with offsets and says the UTC day', () => {
    const s = seat({ lastActivityAt: '2026-09-01T01:30:00+02:00' }); // 2026-08-31T23:30Z
    const out = compute([s]);
    expect(out[0]!.why.startsWith('no activity since 2026-08-31, 83 days')).toBe(true);
  });

  it('an unreadable activity date never makes anyone a candidate', () => {
    expect(compute([seat({ lastActivityAt: 'last tuesday' })])).toEqual([]);
  });

  it('ignores a rule whose threshold is not a positive whole number', () => {
    expect(compute([seat({ lastActivityAt: daysAgo(1) })], { rules: [rule({ thresholdDays: 0 })] })).toEqual([]);
  });
});

describe('computeCandidates: never candidates', () => {
  const idle = { lastActivityAt: daysAgo(200) };

  it('the owner, the connected account, free seats and seats not held', () => {
    const keep = seat(idle);
    const out = compute([
      seat({ ...idle, owner: true }),
      seat({ ...idle, connectedAccount: true }),
      seat({ ...idle, paid: false }),
      seat({ ...idle, active: false }),
      keep,
    ]);
    expect(ids(out)).toEqual([keep.id]);
  });

  it('excluded users: exact email (any case), user id, and a pattern', () => {
    const exact = seat({ ...idle, email: 'Ceo@Example.com' });
    const byId = seat({ ...idle, userId: 'vendor-42' });
    const contractor = seat({ ...idle, email: 'Jo.Smith@CONTRACTOR.example' });
    const almost = seat({ ...idle, email: 'jo@contractor.example.org' });
    const keep = seat(idle);
    const out = compute([exact, byId, contractor, almost, keep], {
      exclusions: [exclusion('user', 'ceo@example.com'), exclusion('user', 'VENDOR-42'), exclusion('user', '*@contractor.example')],
    });
    expect(ids(out)).toEqual([almost.id, keep.id].sort());
  });

  it('excluded license types, exact or by pattern', () => {
    const business = seat({ ...idle, licenseType: 'Business' });
    const guest = seat({ ...idle, licenseType: 'Guest Plus' });
    const out = compute([business, guest], {
      rules: [rule(), rule({ id: 'r-g', licenseType: 'Guest Plus', name: 'Guest Plus' })],
      exclusions: [exclusion('licenseType', 'guest*')],
    });
    expect(ids(out)).toEqual([business.id]);
    expect(compute([business], { exclusions: [exclusion('licenseType', 'BUSINESS')] })).toEqual([]);
  });

  it('activity not available: no inactivity candidates at all', () => {
    const seats = [seat(idle), seat({ lastActivityAt: undefined }), seat({ startedAt: daysAgo(900), lastActivityAt: undefined })];
    expect(compute(seats, { activityAvailable: false })).toEqual([]);
  });
});

describe('computeCandidates: status across recomputes', () => {
  it('keeps approved, rejected, reclaimed and failed; keeps ids and detection dates stable', () => {
    const seats = [1, 2, 3, 4, 5].map(() => seat({ lastActivityAt: daysAgo(100) }));
    const first = compute(seats, { now: NOW - 5 * DAY });
    expect(first.every((c) => c.status === 'open' && c.detectedAt === iso(NOW - 5 * DAY))).toBe(true);
    const statuses = ['approved', 'rejected', 'reclaimed', 'failed', 'open'] as const;
    const previous = first.map((c, i) => ({ ...c, status: statuses[i]! }));

    const second = compute(seats, { previous });
    expect(second.map((c) => c.status)).toEqual([...statuses]);
    expect(second.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(second.every((c) => c.detectedAt === iso(NOW - 5 * DAY))).toBe(true);
    expect(second[0]!.daysInactive).toBe(100);
    expect(first[0]!.daysInactive).toBe(95);
  });

  it('the id is derived from profile, org, user and license type', () => {
    const s = seat({ lastActivityAt: daysAgo(100), orgId: 'org-7', userId: 'u-7' });
    const [c] = compute([s]);
    expect(c!.id).toBe(candidateId('p1', 'org-7', 'u-7', 'Business'));
    expect(c!.id).toMatch(/^c-[0-9a-f]{16}$/);
    expect(candidateId('p1', 'org-8', 'u-7', 'Business')).not.toBe(c!.id);
    // Same seat, new subscription record id (e.g. re-downloaded): same candidate.
    const again = compute([{ ...s, id: 'another-record-id' }], { previous: [{ ...c!, status: 'approved' }] });
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: c!.id, status: 'approved', subscriptionId: 'another-record-id' });
  });

  it('a user who came back resolves their open, approved or rejected candidate, once, kept for history', () => {
    const seats = [1, 2, 3].map(() => seat({ lastActivityAt: daysAgo(100) }));
    const before = compute(seats);
    const previous = before.map((c, i) => ({ ...c, status: (['open', 'approved', 'rejected'] as const)[i]! }));
    const back = seats.map((s) => ({ ...s, lastActivityAt: daysAgo(1) }));

    const after = compute(back, { previous, now: NOW });
    expect(after).toHaveLength(3);
    for (const [i, c] of after.entries()) {
      expect(c).toMatchObject({ id: before[i]!.id, status: 'resolved', resolvedAt: iso(NOW), daysInactive: 100 });
      expect(c.why).toBe(`resolved: active again on 2026-11-22; was ${previous[i]!.status}, 100 days inactive`);
    }

    // Next sync: the resolved candidates stay as they are (not resolved again, not dropped).
    const later = compute(back, { previous: after, now: NOW + DAY });
    expect(later).toEqual(after);

    // Inactive again over the threshold: a new episode opens.
    const gone = back.map((s) => ({ ...s, lastActivityAt: daysAgo(-1) }));
    const reopened = compute(gone, { previous: later, now: NOW + 62 * DAY });
    expect(reopened.map((c) => c.status)).toEqual(['open', 'open', 'open']);
    expect(reopened[0]).toMatchObject({ id: before[0]!.id, detectedAt: iso(NOW + 62 * DAY), resolvedAt: undefined });
  });

  it('withdraws a pending candidate with the reason when it stops being one for another cause', () => {
    const a = seat({ lastActivityAt: daysAgo(100), email: 'a@contractor.example' });
    const b = seat({ lastActivityAt: daysAgo(100) });
    const c = seat({ lastActivityAt: daysAgo(100) });
    const d = seat({ lastActivityAt: daysAgo(100) });
    const previous = compute([a, b, c, d]).map((x) => ({ ...x, status: 'approved' as const }));
    const after = compute([a, { ...b, paid: false }, { ...c, active: true, owner: true }], {
      previous,
      exclusions: [exclusion('user', '*@contractor.example', 'contractors')],
    });
    const why = Object.fromEntries(after.map((x) => [x.subscriptionId, x.why]));
    expect(after.every((x) => x.status === 'resolved')).toBe(true);
    expect(why[a.id]).toBe('resolved: user excluded by "*@contractor.example" (contractors); was approved, 100 days inactive');
    expect(why[b.id]).toMatch(/^resolved: the seat is free now/);
    expect(why[c.id]).toMatch(/^resolved: the user is the organisation owner/);
    expect(why[d.id]).toMatch(/^resolved: the seat is no longer held/);
  });

  it('activity not available withdraws pending candidates and keeps history', () => {
    const s = [1, 2].map(() => seat({ lastActivityAt: daysAgo(100) }));
    const prev = compute(s);
    const previous = [{ ...prev[0]!, status: 'approved' as const }, { ...prev[1]!, status: 'reclaimed' as const }];
    const out = compute(s, { previous, activityAvailable: false });
    expect(out.map((c) => c.status)).toEqual(['resolved', 'reclaimed']);
    expect(out[0]!.why).toMatch(/^resolved: activity is not available/);
    expect(out[1]).toBe(previous[1]);
  });

  it('keeps reclaimed and failed candidates whose seat is gone; leaves other profiles alone', () => {
    const s = [1, 2].map(() => seat({ lastActivityAt: daysAgo(100) }));
    const prev = compute(s);
    const other = { ...prev[0]!, id: 'c-other', profileId: 'p2', status: 'open' as const };
    const previous = [{ ...prev[0]!, status: 'reclaimed' as const }, { ...prev[1]!, status: 'failed' as const }, other];
    const out = compute([], { previous });
    expect(out).toEqual(previous);
  });

  it('pairs previous candidates by id whatever their order', () => {
    const seats = Array.from({ length: 20 }, (_, i) => seat({ lastActivityAt: daysAgo(100 + i) }));
    const first = compute(seats);
    const previous = first.map((c, i) => ({ ...c, status: i % 2 === 0 ? ('approved' as const) : ('rejected' as const) })).reverse();
    const gone = new Set([seats[3]!.id, seats[11]!.id]);
    const back = seats.filter((s) => !gone.has(s.id)).map((s, i) => (i === 5 ? { ...s, lastActivityAt: daysAgo(2) } : s));
    const again = compute(back, { previous });
    const byId = new Map(again.map((c) => [c.id, c]));
    expect(again).toHaveLength(20);
    for (const [i, c] of first.entries()) {
      const now = byId.get(c.id)!;
      const was = i % 2 === 0 ? 'approved' : 'rejected';
      if (gone.has(c.subscriptionId)) expect(now.why).toBe(`resolved: the seat is no longer held; was ${was}, ${100 + i} days inactive`);
      else if (c.subscriptionId === back[5]!.id) expect(now.why).toMatch(/^resolved: active again on /);
      else expect(now.status).toBe(was);
    }
  });

  it('explains a seat that changed license type', () => {
    const s = seat({ lastActivityAt: daysAgo(100) });
    const previous = compute([s]).map((c) => ({ ...c, status: 'approved' as const }));
    const moved = { ...s, licenseType: 'Enterprise' };
    const out = compute([moved], { previous, rules: [rule(), rule({ id: 'e', licenseType: 'Enterprise', name: 'Ent' })] });
    expect(out.map((c) => [c.licenseType, c.status])).toEqual([
      ['Enterprise', 'open'],
      ['Business', 'resolved'],
    ]);
    expect(out[1]!.why).toMatch(/^resolved: the seat moved to license type Enterprise/);
  });
});

describe('computeCandidates: cost and notice', () => {
  it('monthly cost from the entitlement: monthly as is, yearly / 12, none without one', () => {
    const business = seat({ lastActivityAt: daysAgo(100) });
    const enterprise = seat({ licenseType: 'Enterprise', lastActivityAt: daysAgo(100) });
    const odd = seat({ licenseType: 'Odd', lastActivityAt: daysAgo(100) });
    const free = seat({ licenseType: 'Unpriced', lastActivityAt: daysAgo(100) });
    const out = compute([business, enterprise, odd, free], {
      rules: [
        rule(),
        rule({ id: 'e', licenseType: 'Enterprise' }),
        rule({ id: 'o', licenseType: 'Odd' }),
        rule({ id: 'u', licenseType: 'Unpriced' }),
      ],
      entitlements: [
        entitlement({ unitCost: 24.99, currency: 'USD', period: 'month' }),
        entitlement({ licenseType: 'Enterprise', unitCost: 420, currency: 'EUR', period: 'year' }),
        entitlement({ licenseType: 'Odd', unitCost: 100, currency: 'GBP', period: 'year' }),
        entitlement({ profileId: 'p2', licenseType: 'Unpriced', unitCost: 5 }),
      ],
    });
    const cost = Object.fromEntries(out.map((c) => [c.licenseType, [c.monthlyCost, c.currency]]));
    expect(cost).toEqual({ Business: [24.99, 'USD'], Enterprise: [35, 'EUR'], Odd: [8.33, 'GBP'], Unpriced: [null, null] });
  });

  it('with "notify user", the candidate says when it becomes reclaimable, and that date holds', () => {
    const s = seat({ lastActivityAt: daysAgo(100) });
    const notify = rule({ notifyUser: true, daysBeforeAutoReclaim: 14 });
    const first = compute([s], { rules: [notify] });
    expect(first[0]!.reclaimableAt).toBe(iso(NOW + 14 * DAY));
    const later = compute([s], { rules: [notify], previous: first, now: NOW + 3 * DAY });
    expect(later[0]!.reclaimableAt).toBe(iso(NOW + 14 * DAY));
    expect(compute([s])[0]!.reclaimableAt).toBeUndefined();
  });
});

describe('computeCandidates: walking previous candidates', () => {
  /** A small seeded organisation that changes between two syncs. */
  function organisation(count: number, seed: number): SubscriptionRecord[] {
    let x = seed;
    const rand = (): number => ((x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    return Array.from({ length: count }, (_, i) =>
      seat({
        id: `w-${i}`,
        userId: `wu-${i}`,
        email: i % 13 === 0 ? `w${i}@contractor.example` : `w${i}@example.com`,
        licenseType: i % 5 === 0 ? 'Enterprise' : 'Business',
        paid: i % 17 !== 0,
        lastActivityAt: rand() < 0.7 ? daysAgo(Math.floor(rand() * 150)) : undefined,
        startedAt: rand() < 0.8 ? daysAgo(Math.floor(rand() * 300)) : undefined,
      }),
    );
  }

  it('gives the same result whatever the order of previous, with seats gone, back and new', () => {
    const rules = [rule(), rule({ id: 'r-ent', licenseType: 'Enterprise', name: 'Ent', thresholdDays: 30, notifyUser: true })];
    const exclusions = [exclusion('user', '*@contractor.example')];
    const before = organisation(3000, 7);
    const first = compute(before, { rules, now: NOW - 10 * DAY, analysisStart: NOW - 70 * DAY });
    const statuses = ['open', 'approved', 'rejected', 'reclaimed', 'failed', 'resolved'] as const;
    const previous = first.map((c, i) => ({ ...c, status: statuses[i % statuses.length]! }));

    // Next sync: some seats gone, some users back, some new seats, contractors excluded now.
    const after = before
      .filter((_, i) => i % 29 !== 0)
      .map((s, i) => (i % 31 === 0 ? { ...s, lastActivityAt: daysAgo(1) } : s))
      .concat(organisation(200, 99).map((s, i) => ({ ...s, id: `new-${i}`, userId: `new-${i}` })));
    const args = { rules, exclusions, analysisStart: NOW - 60 * DAY };
    const inOrder = compute(after, { ...args, previous });
    const shuffled = compute(after, { ...args, previous: [...previous].reverse() });
    const fresh = compute(after, { ...args, previous: [] });

    const byId = (list: Candidate[]) => new Map(list.map((c) => [c.id, c]));
    expect(inOrder).toHaveLength(new Set(inOrder.map((c) => c.id)).size);
    expect(byId(shuffled)).toEqual(byId(inOrder));

    // Every current candidate is there, with its carried status; nothing else is open.
    const current = byId(fresh);
    const prevById = byId(previous);
    for (const c of inOrder) {
      const f = current.get(c.id);
      const p = prevById.get(c.id);
      if (f !== undefined) {
        expect(c.daysInactive).toBe(f.daysInactive);
        expect(c.status).toBe(p === undefined || p.status === 'resolved' ? 'open' : p.status);
      } else {
        expect(p).toBeDefined();
        expect(c.status).toBe(p!.status === 'open' || p!.status === 'approved' || p!.status === 'rejected' ? 'resolved' : p!.status);
      }
    }
    expect(inOrder.filter((c) => c.why.startsWith('resolved: user excluded')).length).toBeGreaterThan(0);
    expect(inOrder.filter((c) => c.why.startsWith('resolved: active again')).length).toBeGreaterThan(0);
    expect(inOrder.filter((c) => c.why.startsWith('resolved: the seat is no longer held')).length).toBeGreaterThan(0);
  });
});
