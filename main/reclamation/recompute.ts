/**
 * Recomputing a profile's candidates from its seats and writing them, and the figures the
 * profile shows. The sync pipeline (after a download) and the reclamation service (after a
 * rule, exclusion or entitlement change) both come here, so candidates are made one way.
 */
import type { ProfileStats } from '../store/schema.js';
import type { DataStore } from '../store/data-store.js';
import { countByLicenseType, countSeats } from '../subscriptions/seat-counts.js';
import { directoryIndex } from '../directory/people.js';
import { connectorEntry } from '../../connectors/registry.js';
import type { Vendor } from '../../connectors/types.js';
import { computeCandidates } from './candidates.js';
import type { Candidate, SubscriptionRecord } from './types.js';

export interface RecomputeOptions {
  now: Date;
  analysisStart: Date;
  /** Only `true` lets inactivity make candidates: unknown or unavailable activity claims nothing. */
  activityAvailable: boolean;
}

export async function recomputeCandidates(store: DataStore, profileId: string, subscriptions: SubscriptionRecord[], options: RecomputeOptions): Promise<Candidate[]> {
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
    freeTiers: freeTiersOf(root.profiles.find((p) => p.id === profileId)?.vendor),
  });
  await store.saveCandidates({ profileId, computedAt: options.now.toISOString(), candidates });
  return candidates;
}

/** The license types a vendor never bills, as its descriptor names them. */
export function freeTiersOf(vendor: Vendor | undefined): ReadonlySet<string> {
  return new Set(vendor === undefined ? [] : (connectorEntry(vendor)?.descriptor.freeLicenseTypes ?? []));
}

/**
 * What reclaiming a candidate saves a month: the saving computed with its rule's action, or,
 * in files from before downgrades, the seat's price. Null: unknown.
 */
export function candidateSaving(c: Pick<Candidate, 'monthlyCost' | 'monthlySaving'>): number | null {
  if (c.monthlySaving !== undefined) return c.monthlySaving;
  return c.monthlyCost ?? null;
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
    // A candidate with no unit cost (or a downgrade to a tier with none) saves an unknown
    // amount: it is counted apart, never as 0 and never as the full seat price.
    const saving = candidateSaving(c);
    if (saving === null) {
      unpriced += 1;
      continue;
    }
    monthlySavings += saving;
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
