/**
 * Reconciliation: per license type of a profile, seats owned against seats used against
 * seats held by inactive people, what that costs, what reclaiming could save, and renewals.
 *
 *   used            paid seats held (active), excluded ones included (they use a seat)
 *   inactive        open candidates
 *   pendingReclaim  approved candidates (still held, about to be reclaimed)
 *   unassigned      owned - used when more are owned than used, else 0
 *   overAllocated   used > owned (a true-up is due)
 *   monthlyWaste    (inactive + pendingReclaim) x monthly unit cost: paid for, not used
 *   potentialMonthlySavings  what reclaiming the inactive seats saves (the unit cost each, or for
 *                   a rule that downgrades the price difference to the cheaper tier, nothing
 *                   when that tier has no unit cost) + unassigned x monthly unit cost
 *   potentialAnnualSavings   12 x potentialMonthlySavings
 * Money is rounded to cents at the end; totals are per currency.
 */
import { roundCents, monthlyUnitCost } from './costs.js';
import { DAY_MS, parseIso, toMillis, type DateInput } from './dates.js';
import type { Candidate, Entitlement, SubscriptionRecord } from './types.js';

export const RENEWAL_WINDOW_DAYS = 90;

export interface ReconciliationLine {
  profileId: string;
  licenseType: string;
  /** Seats owned; null when no entitlement says. */
  owned: number | null;
  used: number;
  inactive: number;
  pendingReclaim: number;
  unassigned: number;
  overAllocated: boolean;
  /** By how many seats used exceeds owned (0 when not over-allocated). */
  overBy: number;
  /** Monthly price of one seat; null when no entitlement prices it. */
  monthlyUnitCost: number | null;
  currency: string | null;
  monthlyWaste: number;
  potentialMonthlySavings: number;
  potentialAnnualSavings: number;
  renewalDate?: string;
  /** Days until the renewal date (0 = today); undefined without a renewal date. */
  daysToRenewal?: number;
}

export interface Renewal {
  profileId: string;
  licenseType: string;
  renewalDate: string;
  daysToRenewal: number;
  owned: number | null;
  used: number;
  inactive: number;
  /** Seats worth renewing: used minus inactive and pending reclaim. */
  recommendedSeats: number;
}

export interface CurrencyTotal {
  currency: string;
  monthlyWaste: number;
  potentialMonthlySavings: number;
  potentialAnnualSavings: number;
}

export interface Reconciliation {
  lines: ReconciliationLine[];
  /** Renewals in the next 90 days, soonest first. */
  renewals: Renewal[];
  totals: CurrencyTotal[];
}

export interface ReconcileInput {
  subscriptions: readonly SubscriptionRecord[];
  candidates: readonly Candidate[];
  entitlements: readonly Entitlement[];
  now: DateInput;
}

interface Tally {
  profileId: string;
  licenseType: string;
  used: number;
  inactive: number;
  pendingReclaim: number;
  /** Open and approved candidates' own savings (a downgrade's is the price difference). */
  candidateSavings: number;
  /** Candidates given back by removal: each saves the unit cost. */
  unitSavers: number;
  entitlement: Entitlement | undefined;
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const nowMs = toMillis(input.now, 'now');
  const byProfile = new Map<string, Map<string, Tally>>();
  const tally = (profileId: string, licenseType: string): Tally => {
    let byType = byProfile.get(profileId);
    if (byType === undefined) byProfile.set(profileId, (byType = new Map()));
    let t = byType.get(licenseType);
    if (t === undefined) {
      byType.set(licenseType, (t = { profileId, licenseType, used: 0, inactive: 0, pendingReclaim: 0, candidateSavings: 0, unitSavers: 0, entitlement: undefined }));
    }
    return t;
  };

  for (const e of input.entitlements) {
    const t = tally(e.profileId, e.licenseType);
    if (t.entitlement === undefined) t.entitlement = e;
  }
  const subs = input.subscriptions;
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    if (s.active === true && s.paid === true) tally(s.profileId, s.licenseType).used++;
  }
  for (const c of input.candidates) {
    if (c.status !== 'open' && c.status !== 'approved') continue;
    const t = tally(c.profileId, c.licenseType);
    if (c.status === 'open') t.inactive++;
    else t.pendingReclaim++;
    // A removal saves the unit cost (exact, rounded once at the end); a downgrade only the
    // price difference; an unknown saving (a tier without a unit cost) counts as none.
    if (c.monthlySaving === null) continue;
    if (c.downgradeTo === undefined) t.unitSavers++;
    else if (c.monthlySaving !== undefined) t.candidateSavings += c.monthlySaving;
  }

  const lines: ReconciliationLine[] = [];
  const renewals: Renewal[] = [];
  const totals = new Map<string, CurrencyTotal>();
  for (const byType of byProfile.values()) {
    for (const t of byType.values()) {
      const e = t.entitlement;
      // A license type nobody pays for and nobody owns (guests, free tiers) has nothing to reconcile.
      if (e === undefined && t.used === 0 && t.inactive === 0 && t.pendingReclaim === 0) continue;
      const owned = e !== undefined && typeof e.owned === 'number' && Number.isFinite(e.owned) ? e.owned : null;
      const unit = e === undefined ? null : monthlyUnitCost(e);
      const unassigned = owned === null ? 0 : Math.max(0, owned - t.used);
      const overBy = owned === null ? 0 : Math.max(0, t.used - owned);
      const wasteSeats = t.inactive + t.pendingReclaim;
      const monthlyWaste = unit === null ? 0 : wasteSeats * unit;
      const monthlySavings = unit === null ? 0 : (t.unitSavers + unassigned) * unit + t.candidateSavings;
      const line: ReconciliationLine = {
        profileId: t.profileId,
        licenseType: t.licenseType,
        owned,
        used: t.used,
        inactive: t.inactive,
        pendingReclaim: t.pendingReclaim,
        unassigned,
        overAllocated: overBy > 0,
        overBy,
        monthlyUnitCost: unit === null ? null : roundCents(unit),
        currency: unit === null || e === undefined ? null : e.currency,
        monthlyWaste: roundCents(monthlyWaste),
        potentialMonthlySavings: roundCents(monthlySavings),
        potentialAnnualSavings: roundCents(monthlySavings * 12),
      };
      const renewalMs = e?.renewalDate ? parseIso(e.renewalDate) : NaN;
      if (e?.renewalDate && Number.isFinite(renewalMs)) {
        line.renewalDate = e.renewalDate;
        line.daysToRenewal = Math.ceil((renewalMs - nowMs) / DAY_MS);
        if (line.daysToRenewal >= 0 && line.daysToRenewal <= RENEWAL_WINDOW_DAYS) {
          renewals.push({
            profileId: t.profileId,
            licenseType: t.licenseType,
            renewalDate: e.renewalDate,
            daysToRenewal: line.daysToRenewal,
            owned,
            used: t.used,
            inactive: t.inactive,
            recommendedSeats: Math.max(0, t.used - wasteSeats),
          });
        }
      }
      lines.push(line);
      if (line.currency !== null) {
        let total = totals.get(line.currency);
        if (total === undefined) {
          totals.set(line.currency, (total = { currency: line.currency, monthlyWaste: 0, potentialMonthlySavings: 0, potentialAnnualSavings: 0 }));
        }
        total.monthlyWaste += monthlyWaste;
        total.potentialMonthlySavings += monthlySavings;
      }
    }
  }
  for (const total of totals.values()) {
    total.monthlyWaste = roundCents(total.monthlyWaste);
    total.potentialAnnualSavings = roundCents(total.potentialMonthlySavings * 12);
    total.potentialMonthlySavings = roundCents(total.potentialMonthlySavings);
  }
  lines.sort((a, b) => (a.profileId === b.profileId ? a.licenseType.localeCompare(b.licenseType) : a.profileId < b.profileId ? -1 : 1));
  renewals.sort((a, b) => a.daysToRenewal - b.daysToRenewal || a.licenseType.localeCompare(b.licenseType));
  return { lines, renewals, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
