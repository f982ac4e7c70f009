/**
 * Seat prices from entitlements, indexed for lookups in hot loops.
 */
import type { Entitlement } from './types.js';

export interface SeatPrice {
  /** Exact cost of one seat per month (yearly prices divided by 12). */
  monthly: number;
  /** `monthly` rounded to cents, as candidates and exports show it. */
  monthlyRounded: number;
  currency: string;
  entitlement: Entitlement;
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The monthly price of one seat, or null when the entitlement has no usable price. */
export function monthlyUnitCost(e: Entitlement): number | null {
  if (typeof e.unitCost !== 'number' || !Number.isFinite(e.unitCost) || e.unitCost < 0) return null;
  return e.period === 'year' ? e.unitCost / 12 : e.unitCost;
}

/** Prices by profile id, then license type; the first entitlement of a license type wins. */
export function indexSeatPrices(entitlements: readonly Entitlement[]): Map<string, Map<string, SeatPrice>> {
  const byProfile = new Map<string, Map<string, SeatPrice>>();
  for (const e of entitlements) {
    const monthly = monthlyUnitCost(e);
    if (monthly === null) continue;
    let byType = byProfile.get(e.profileId);
    if (byType === undefined) byProfile.set(e.profileId, (byType = new Map()));
    if (!byType.has(e.licenseType)) {
      byType.set(e.licenseType, { monthly, monthlyRounded: roundCents(monthly), currency: e.currency, entitlement: e });
    }
  }
  return byProfile;
}

/**
 * What giving one seat back saves a month. Removal saves the seat's price; a downgrade only
 * the difference between the tier it has and the tier it moves to; a freeze frees no license.
 * `monthly` is null when it cannot be known (a tier without a unit cost): never the full seat
 * price in its place, and `note` says what to set.
 */
export interface SeatSaving {
  monthly: number | null;
  currency: string | null;
  note?: string;
}

export interface SavingInput {
  /** The profile's prices by license type (one entry of `indexSeatPrices`). */
  prices: ReadonlyMap<string, SeatPrice> | undefined;
  licenseType: string;
  action: 'remove' | 'freeze' | 'downgrade';
  /** For a downgrade: the tier the seat moves to; absent when it is not known. */
  downgradeTo?: string;
  /** Tiers the vendor never bills (Zoom Basic): they cost 0 without an entitlement. */
  freeTiers?: ReadonlySet<string>;
}

export function seatSaving(input: SavingInput): SeatSaving {
  const from = input.prices?.get(input.licenseType);
  if (input.action === 'freeze') return { monthly: 0, currency: from?.currency ?? null, note: 'a frozen user keeps the license: nothing is saved until they are deactivated' };
  if (from === undefined) return { monthly: null, currency: null, note: `set a unit cost for ${input.licenseType}` };
  if (input.action === 'remove') return { monthly: from.monthlyRounded, currency: from.currency };
  const tier = input.downgradeTo;
  if (tier === undefined) return { monthly: null, currency: null, note: `the tier ${input.licenseType} would move down to is not known yet` };
  let to = input.prices?.get(tier);
  // A license type a sync read from the vendor's owned counts gets an entitlement with unit cost
  // 0 until the admin prices it: as a downgrade's target that 0 means "not priced", not "free".
  if (to !== undefined && to.monthly === 0 && to.entitlement.ownedFromVendor === true) to = undefined;
  if (to === undefined) {
    if (input.freeTiers?.has(tier)) return { monthly: from.monthlyRounded, currency: from.currency };
    return { monthly: null, currency: null, note: `set a unit cost for ${tier}` };
  }
  if (to.currency !== from.currency) {
    return { monthly: null, currency: null, note: `${input.licenseType} is priced in ${from.currency} and ${tier} in ${to.currency}: price both in one currency` };
  }
  // A "cheaper" tier priced above the current one saves nothing; it never counts as negative.
  return { monthly: roundCents(Math.max(0, from.monthly - to.monthly)), currency: from.currency };
}

/** Sums savings per currency; unknown ones are counted apart, never as 0. */
export function totalSavings(savings: Iterable<SeatSaving>): { savings: { currency: string; monthly: number }[]; unknownSavings: number } {
  const byCurrency = new Map<string, number>();
  let unknown = 0;
  for (const s of savings) {
    if (s.monthly === null || s.currency === null) {
      if (s.monthly === null) unknown += 1;
      continue;
    }
    byCurrency.set(s.currency, (byCurrency.get(s.currency) ?? 0) + s.monthly);
  }
  return {
    savings: [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, monthly]) => ({ currency, monthly: roundCents(monthly) })),
    unknownSavings: unknown,
  };
}
