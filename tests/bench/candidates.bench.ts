/**
 * Benchmark (not a test): candidates for 1,000,000 subscriptions, steady state (with the
 * previous run's candidates, some approved and rejected). Called by `npm run bench`.
 */
import { computeCandidates, type CandidateInput } from '../../main/reclamation/candidates.js';
import { defaultRulesFor } from '../../main/reclamation/rules.js';
import type { Candidate, Entitlement, ExclusionRule, SubscriptionRecord } from '../../main/reclamation/types.js';

export interface BenchResult {
  name: string;
  medianMs: number;
  runs: number;
  /** The median must stay under this many milliseconds. */
  target: number;
}

const DAY = 86_400_000;
const LICENSE_TYPES = ['Business', 'Enterprise', 'Premium', 'Guest'];

/**
 * A seeded organisation of `count` seats: a quarter free (Guest), 2% not held, one owner, one
 * connected account, 20% never active (seat starts over two years, so recent joiners too),
 * contractors (excluded by pattern) and one excluded license type.
 */
export function benchSubscriptions(count: number, nowMs: number, profileId = 'p-bench'): SubscriptionRecord[] {
  let seed = 42;
  const rand = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const subs: SubscriptionRecord[] = new Array(count);
  const firstSeen = new Date(nowMs - 400 * DAY).toISOString();
  const lastSeen = new Date(nowMs - DAY).toISOString();
  for (let i = 0; i < count; i++) {
    const r = rand();
    const licenseType = LICENSE_TYPES[i % 4]!;
    const domain = i % 50 === 0 ? 'contractor.example' : 'example.com';
    const email = `user${i}@${domain}`;
    const sub: SubscriptionRecord = {
      id: `s-${i}`,
      profileId,
      orgId: i % 10 === 0 ? 'org-2' : 'org-1',
      userId: `u${i}`,
      email,
      name: `User ${i}`,
      licenseType,
      active: r > 0.02,
      admin: i % 100 === 0,
      owner: i === 0,
      paid: licenseType !== 'Guest',
      connectedAccount: i === 1,
      startedAt: rand() < 0.8 ? new Date(nowMs - Math.floor(rand() * 700) * DAY).toISOString() : undefined,
      // 80% have used the product, most of them lately (about 9% of them over 60 days ago).
      lastActivityAt: rand() < 0.8 ? new Date(nowMs - Math.floor(-Math.log(1 - rand()) * 25 * DAY)).toISOString() : undefined,
      firstSeenAt: firstSeen,
      lastSeenAt: lastSeen,
    };
    subs[i] = sub;
  }
  return subs;
}

export function benchInput(count: number): CandidateInput {
  const now = Date.UTC(2026, 10, 23, 9, 0, 0);
  const subscriptions = benchSubscriptions(count, now);
  const rules = defaultRulesFor('p-bench', LICENSE_TYPES.map((t) => ({ licenseType: t, paid: t !== 'Guest' })), { namePrefix: 'Asana' });
  const createdAt = new Date(now - 30 * DAY).toISOString();
  const exclusions: ExclusionRule[] = [
    { id: 'x1', kind: 'user', pattern: '*@contractor.example', reason: 'contractors', createdAt },
    { id: 'x2', kind: 'licenseType', pattern: 'Premium', reason: 'board', createdAt },
  ];
  for (let i = 0; i < 100; i++) exclusions.push({ id: `xu${i}`, kind: 'user', pattern: `USER${i * 997}@example.com`, reason: 'vip', createdAt });
  const entitlements: Entitlement[] = [
    { profileId: 'p-bench', licenseType: 'Business', owned: 600_000, unitCost: 24.99, currency: 'USD', period: 'month' },
    { profileId: 'p-bench', licenseType: 'Enterprise', owned: 200_000, unitCost: 420, currency: 'USD', period: 'year' },
  ];
  const analysisStart = now - 60 * DAY;
  // The previous run, a day earlier, with some decisions taken.
  const previous: Candidate[] = computeCandidates({
    subscriptions,
    rules,
    exclusions,
    entitlements,
    previous: [],
    now: now - DAY,
    analysisStart: analysisStart - DAY,
    activityAvailable: true,
  });
  for (let i = 0; i < previous.length; i += 7) previous[i]!.status = i % 2 === 0 ? 'approved' : 'rejected';
  return { subscriptions, rules, exclusions, entitlements, previous, now, analysisStart, activityAvailable: true };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchCandidates(count = 1_000_000, runs = 5): Promise<BenchResult> {
  const input = benchInput(count);
  computeCandidates(input); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    computeCandidates(input);
    times.push(performance.now() - t0);
  }
  return {
    name: `candidates for ${count.toLocaleString('en-US')} subscriptions (${input.previous.length.toLocaleString('en-US')} previous)`,
    medianMs: Math.round(median(times) * 10) / 10,
    runs,
    target: 500,
  };
}

export const benchmarks = [benchCandidates];
