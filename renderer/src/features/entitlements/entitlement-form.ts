/**
 * Entitlements as data: one row per license type of the profile (seats used from the
 * profile, seats owned and cost from `entitlements:list`), the edit form's draft, its
 * validation with the contract's bounds, and the monthly cost. Pure, for the store, the
 * components and the tests alike.
 */
import { formatNumber } from '../../lib/format.js';
import type { MethodOutput, ProfileDetail } from '../../types.js';

export type Entitlement = MethodOutput<'entitlements:list'>[number];
export type Period = Entitlement['period'];

/** The contract's bound on a unit cost (preload/contract/reclamation.ts). */
export const MAX_UNIT_COST = 1_000_000;

export interface EntitlementRow {
  licenseType: string;
  /** Seats of this type in the last snapshot. */
  used: number;
  /** False for free and guest types; null when the type is only known from an entitlement. */
  paid: boolean | null;
  entitlement: Entitlement | null;
}

/** The profile's license types in its order, then entitlements for types no longer seen. */
export function entitlementRows(profile: Pick<ProfileDetail, 'licenseTypes'>, entitlements: readonly Entitlement[]): EntitlementRow[] {
  const byType = new Map(entitlements.map((e) => [e.licenseType, e] as const));
  const rows: EntitlementRow[] = profile.licenseTypes.map((type) => ({
    licenseType: type.name,
    used: type.seats,
    paid: type.paid,
    entitlement: byType.get(type.name) ?? null,
  }));
  const seen = new Set(rows.map((row) => row.licenseType));
  for (const e of entitlements) if (!seen.has(e.licenseType)) rows.push({ licenseType: e.licenseType, used: 0, paid: null, entitlement: e });
  return rows;
}

export function isOverAllocated(row: EntitlementRow): boolean {
  const owned = row.entitlement?.owned;
  return owned !== null && owned !== undefined && row.used > owned;
}

/** What one seat costs a month. */
export function monthlyUnitCost(entitlement: Pick<Entitlement, 'unitCost' | 'period'>): number {
  return entitlement.period === 'year' ? entitlement.unitCost / 12 : entitlement.unitCost;
}

/** The seats paid for each month: the seats owned, or the seats used while owned is unknown. */
export function monthlyCost(row: EntitlementRow): { amount: number; basis: 'owned' | 'used' } | null {
  const e = row.entitlement;
  if (!e) return null;
  const basis = e.owned === null ? 'used' : 'owned';
  return { amount: monthlyUnitCost(e) * (e.owned ?? row.used), basis };
}

export interface EntitlementDraft {
  owned: string;
  unitCost: string;
  currency: string;
  period: Period;
  renewalDate: string;
}

export type EntitlementDraftErrors = Partial<Record<keyof EntitlementDraft, string>>;

export function entitlementDraft(entitlement: Entitlement | null, fallbackCurrency: string): EntitlementDraft {
  return {
    owned: entitlement?.owned === null || entitlement?.owned === undefined ? '' : String(entitlement.owned),
    unitCost: entitlement ? String(entitlement.unitCost) : '',
    currency: entitlement?.currency ?? (/^[A-Z]{3}$/.test(fallbackCurrency) ? fallbackCurrency : 'USD'),
    period: entitlement?.period ?? 'month',
    renewalDate: entitlement?.renewalDate?.slice(0, 10) ?? '',
  };
}

/** A decimal typed with a point or a comma ("24.99", "24,99"); null when it is not one. */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function validateEntitlementDraft(draft: EntitlementDraft): EntitlementDraftErrors {
  const errors: EntitlementDraftErrors = {};
  const owned = draft.owned.trim();
  if (owned !== '' && !/^\d+$/.test(owned)) errors.owned = 'Enter a whole number of seats, or leave it empty if you do not know.';
  else if (owned !== '' && !Number.isSafeInteger(Number(owned))) errors.owned = 'That is more seats than Seatwise can count.';
  if (draft.unitCost.trim() === '') errors.unitCost = 'Enter what one seat costs (0 for a free one).';
  else {
    const cost = parseAmount(draft.unitCost);
    if (cost === null) errors.unitCost = 'Enter an amount such as 24.99, without the currency sign.';
    else if (cost > MAX_UNIT_COST) errors.unitCost = `Seatwise takes unit costs up to ${formatNumber(MAX_UNIT_COST)}.`;
  }
  if (!/^[A-Z]{3}$/.test(draft.currency.trim())) errors.currency = 'Three capital letters, such as USD or EUR.';
  if (draft.renewalDate !== '' && !isRealDate(draft.renewalDate)) errors.renewalDate = 'Pick a date, or leave it empty.';
  return errors;
}

/** The `entitlements:set` input of a valid draft. */
export function entitlementInput(profileId: string, licenseType: string, draft: EntitlementDraft): Entitlement {
  const owned = draft.owned.trim();
  return {
    profileId,
    licenseType,
    owned: owned === '' ? null : Number(owned),
    unitCost: parseAmount(draft.unitCost) ?? 0,
    currency: draft.currency.trim(),
    period: draft.period,
    ...(draft.renewalDate ? { renewalDate: draft.renewalDate } : {}),
  };
}
