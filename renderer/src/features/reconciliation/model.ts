/**
 * The figures the Reconciliation screen shows, derived from `reconciliation:get` alone: pure
 * functions, so the maths on screen is tested without rendering. Money is never added across
 * currencies: every money figure is a list, one entry per currency.
 */
import type { MethodOutput, ProfileSummary } from '../../types.js';

export type Reconciliation = MethodOutput<'reconciliation:get'>;
export type ReconciliationLine = Reconciliation['lines'][number];
export type Renewal = Reconciliation['renewals'][number];
export type CurrencyTotal = Reconciliation['totals'][number];

export interface Money {
  currency: string;
  amount: number;
}

export interface Headline {
  /** Potential monthly savings per currency, largest first. */
  monthly: Money[];
  /** Potential annual savings per currency, in the same order as `monthly`. */
  annual: Money[];
  /** Monthly cost of seats held by inactive people (open and approved), per currency. */
  waste: Money[];
  /** Seats held by people past their rule, not yet approved. */
  inactive: number;
  /** Seats approved for reclaim, still held. */
  pendingReclaim: number;
  /** Lines where more seats are used than owned. */
  overAllocatedLines: number;
  /** Seats used beyond what is owned, over every line. */
  overBy: number;
  /** Lines with no seat count owned recorded. */
  unknownOwned: number;
}

const cents = (value: number): number => Math.round(value * 100) / 100;

export function headline(data: Reconciliation): Headline {
  const totals = [...data.totals].sort((a, b) => b.potentialMonthlySavings - a.potentialMonthlySavings || a.currency.localeCompare(b.currency));
  let inactive = 0;
  let pendingReclaim = 0;
  let overAllocatedLines = 0;
  let overBy = 0;
  let unknownOwned = 0;
  for (const line of data.lines) {
    inactive += line.inactive;
    pendingReclaim += line.pendingReclaim;
    if (line.overAllocated) {
      overAllocatedLines += 1;
      overBy += line.overBy;
    }
    if (line.owned === null) unknownOwned += 1;
  }
  return {
    monthly: totals.map((t) => ({ currency: t.currency, amount: cents(t.potentialMonthlySavings) })),
    annual: totals.map((t) => ({ currency: t.currency, amount: cents(t.potentialAnnualSavings) })),
    waste: totals.filter((t) => t.monthlyWaste > 0).map((t) => ({ currency: t.currency, amount: cents(t.monthlyWaste) })),
    inactive,
    pendingReclaim,
    overAllocatedLines,
    overBy,
    unknownOwned,
  };
}

export interface ProfileLabel {
  id: string;
  name: string;
  vendor: string;
  preset?: string;
}

/** Names and vendors by profile id; a line of a profile no longer listed keeps its id as name. */
export function profileLabels(profiles: readonly ProfileSummary[]): Map<string, ProfileLabel> {
  return new Map(profiles.map((p) => [p.id, { id: p.id, name: p.name, vendor: p.vendor, ...(p.preset ? { preset: p.preset } : {}) }] as const));
}

export function labelOf(labels: ReadonlyMap<string, ProfileLabel>, profileId: string): ProfileLabel {
  return labels.get(profileId) ?? { id: profileId, name: profileId, vendor: 'custom' };
}

/** Lines in reading order: by integration name, then license type. */
export function sortLines(lines: readonly ReconciliationLine[], labels: ReadonlyMap<string, ProfileLabel>): ReconciliationLine[] {
  return [...lines].sort(
    (a, b) => labelOf(labels, a.profileId).name.localeCompare(labelOf(labels, b.profileId).name) || a.licenseType.localeCompare(b.licenseType),
  );
}

/**
 * One bar of the chart. The seats in use split into those used (active), those held by
 * inactive people and those approved for reclaim; `owned` is the track behind them.
 */
export interface ChartBar {
  key: string;
  profileId: string;
  profileName: string;
  licenseType: string;
  owned: number | null;
  used: number;
  /** In use by people who are active: used - inactive - approved. */
  active: number;
  inactive: number;
  pendingReclaim: number;
  overBy: number;
  overAllocated: boolean;
}

export function chartBars(lines: readonly ReconciliationLine[], labels: ReadonlyMap<string, ProfileLabel>): ChartBar[] {
  return sortLines(lines, labels).map((line) => {
    // Inactive seats are held seats, so part of `used`; clamp in case a snapshot and the
    // candidates disagree for a moment (a sync in between).
    const idle = Math.min(line.used, line.inactive + line.pendingReclaim);
    const inactive = Math.min(line.inactive, idle);
    return {
      key: `${line.profileId}\u0000${line.licenseType}`,
      profileId: line.profileId,
      profileName: labelOf(labels, line.profileId).name,
      licenseType: line.licenseType,
      owned: line.owned,
      used: line.used,
      active: line.used - idle,
      inactive,
      pendingReclaim: idle - inactive,
      overBy: line.overBy,
      overAllocated: line.overAllocated,
    };
  });
}

/** The scale's end: the largest of owned and used, rounded up to a nice tick. */
export function chartMax(bars: readonly ChartBar[]): number {
  let max = 0;
  for (const bar of bars) max = Math.max(max, bar.used, bar.owned ?? 0);
  if (max === 0) return 1;
  const step = niceStep(max / 4);
  return Math.ceil(max / step) * step;
}

/** 1, 2, 2.5 or 5 times a power of ten: ticks people read at a glance. */
export function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return Math.max(1, Math.round(nice * power));
}

export function ticks(max: number): number[] {
  const step = niceStep(max / 4);
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(v);
  return out;
}

/** The unit cost of a renewal's line, for "renewing N saves …". */
export function renewalSaving(renewal: Renewal, lines: readonly ReconciliationLine[]): Money | null {
  const line = lines.find((l) => l.profileId === renewal.profileId && l.licenseType === renewal.licenseType);
  if (!line || line.monthlyUnitCost === null || line.currency === null || renewal.owned === null) return null;
  const fewer = renewal.owned - renewal.recommendedSeats;
  if (fewer <= 0) return null;
  return { currency: line.currency, amount: cents(fewer * line.monthlyUnitCost) };
}
