/**
 * What a seat is, defined once: every count Seatwise shows (the record's figures, the seats
 * table, its filters, `profiles show`, `sync --json`, reconciliation) comes from here.
 *
 *   paid seat     held (the person is active at the vendor) and billed
 *   free seat     held but not billed: guests, view-only members, free licenses, members
 *                 whose billing the vendor has paused
 *   deactivated   still listed by the vendor, but the person holds no seat (deactivated,
 *                 removed, frozen out); shown so the list matches the vendor's, never counted
 *                 as used
 */
import type { SeatKind } from '../../preload/contract.js';
import type { SubscriptionRecord } from '../reclamation/types.js';

export type { SeatKind };

export function seatKind(s: Pick<SubscriptionRecord, 'active' | 'paid'>): SeatKind {
  if (!s.active) return 'deactivated';
  return s.paid ? 'paid' : 'free';
}

export interface SeatCounts {
  paid: number;
  free: number;
  deactivated: number;
  /** Every row the vendor listed: paid + free + deactivated. */
  listed: number;
}

export function countSeats(subscriptions: readonly Pick<SubscriptionRecord, 'active' | 'paid'>[]): SeatCounts {
  let paid = 0;
  let free = 0;
  let deactivated = 0;
  for (const s of subscriptions) {
    if (!s.active) deactivated += 1;
    else if (s.paid) paid += 1;
    else free += 1;
  }
  return { paid, free, deactivated, listed: subscriptions.length };
}

export interface LicenseTypeCount {
  name: string;
  /** Seats of this type held (paid or free): deactivated members are not in it. */
  seats: number;
  /** Whether any held seat of this type is billed. */
  paid: boolean;
  /** Deactivated members listed with this type. */
  deactivated: number;
}

/** Per license type, most seats first; a type whose every member is deactivated is listed with 0 seats. */
export function countByLicenseType(subscriptions: readonly SubscriptionRecord[]): LicenseTypeCount[] {
  const types = new Map<string, LicenseTypeCount>();
  for (const s of subscriptions) {
    let t = types.get(s.licenseType);
    if (!t) types.set(s.licenseType, (t = { name: s.licenseType, seats: 0, paid: false, deactivated: 0 }));
    if (!s.active) t.deactivated += 1;
    else {
      t.seats += 1;
      t.paid ||= s.paid;
    }
  }
  return [...types.values()].sort((a, b) => b.seats - a.seats || b.deactivated - a.deactivated || a.name.localeCompare(b.name));
}

/** One line for people, under every count of deactivated members. */
export const DEACTIVATED_EXPLAINED = 'Deactivated members are still listed by the vendor but hold no seat: they are not counted as used and are never candidates.';
