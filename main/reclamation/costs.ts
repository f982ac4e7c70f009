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
