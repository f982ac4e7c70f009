/**
 * Recomputing a profile's candidates from its seats and writing them, and the figures the
 * profile shows. The sync pipeline (after a download) and the reclamation service (after a
 * rule, exclusion or entitlement change) both come here, so candidates are made one way.
 */
import type { ProfileStats } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { countByLicenseType, countSeats } from '../subscriptions/seat-counts.js';
import { directoryIndex } from '../directory/people.js';
import { computeCandidates } from './candidates.js';
import type { Candidate, SubscriptionRecord } from './types.js';

export interface RecomputeOptions {
  now: Date;
  analysisStart: Date;
  /** Only `true` lets inactivity make candidates: unknown or unavailable activity claims nothing. */
  activityAvailable: boolean;
}

export async function recomputeCandidates(store: Store, profileId: string, subscriptions: SubscriptionRecord[], options: RecomputeOptions): Promise<Candidate[]> {
  const root = store.root;
  const previous = (await store.candidates(profileId))?.candidates ?? [];
  const candidates = computeCandidates({
    subscriptions,
    rules: root.rules.filter((r) => r.profileId === profileId),
    exclusions: root.exclusions.filter((e) => !e.profileId || e.profileId === profileId),
    entitlements: root.entitlements.filter((e) => e.profileId === profileId),
    previous,
    now: options.now,
    analysisStart: options.analysisStart,
    activityAvailable: options.activityAvailable,
    directory: directoryIndex(await store.directory(), options.now),
  });
  await store.saveCandidates({ profileId, computedAt: options.now.toISOString(), candidates });
  return candidates;
}

/** Candidates not yet acted on: what the record counts and what a reclaim may still take. */
export function isPendingCandidate(c: Pick<Candidate, 'status'>): boolean {
  return c.status === 'open' || c.status === 'approved';
}

export function profileStats(subscriptions: readonly SubscriptionRecord[], candidates: readonly Candidate[]): ProfileStats {
  const counts = countSeats(subscriptions);
  let monthlySavings = 0;
  let currency: string | undefined;
  let pending = 0;
  let unpriced = 0;
  for (const c of candidates) {
    if (!isPendingCandidate(c)) continue;
    pending += 1;
    // A candidate with no unit cost saves an unknown amount: it is counted apart, never as 0.
    if (c.monthlyCost === null || c.monthlyCost === undefined) {
      unpriced += 1;
      continue;
    }
    monthlySavings += c.monthlyCost;
    if (c.currency) currency ??= c.currency;
  }
  return {
    seats: counts.paid,
    freeSeats: counts.free,
    deactivatedSeats: counts.deactivated,
    subscriptions: counts.listed,
    candidates: pending,
    monthlySavings: Math.round(monthlySavings * 100) / 100,
    currency: currency ?? 'USD',
    unpricedCandidates: unpriced,
    licenseTypes: countByLicenseType(subscriptions),
  };
}
