/**
 * Search, filter and sort over every seat of a profile, in memory.
 *
 * Why not tanstack's filtered and sorted row models: they build a Row object with some twenty
 * closures for every seat and copy each row again when sorting. At the 250,000 seats a large
 * profile holds, that measured 3.7 s to build the rows and 5 to 17 s per sort, and ran Node
 * out of memory in tests. Here each seat's sort keys and search text are computed once, a
 * query walks plain arrays, and tanstack gets only the rows in view (it still owns the column
 * definitions, the sorting state and its header toggles, visibility and cell rendering).
 * 250,000 seats sort in a few hundred milliseconds.
 */
import { byNumber, byText, type PositionComparator } from '../../lib/compare.js';
import type { SubscriptionRow } from '../../types.js';

/** Days without activity after which a seat counts as inactive in the Activity filter. */
export const INACTIVE_AFTER_DAYS = 30;

export type ActivityFilter = 'all' | 'active' | 'inactive' | 'never';
export type SortableColumn = 'name' | 'licenseType' | 'lastActivityAt' | 'daysInactive' | 'startedAt' | 'org';

export interface SeatQuery {
  search: string;
  licenseType: string;
  activity: ActivityFilter;
  /** Only seats no directory source knows (`row.orphan`); every seat when absent or false. */
  orphanOnly?: boolean;
  sort: { id: string; desc: boolean } | undefined;
}

export interface SeatQueryResult {
  rows: SubscriptionRow[];
  /** Among `rows`, by the one seat definition main gives each row (`row.seat`). */
  paid: number;
  free: number;
  deactivated: number;
}

/** Which Activity filter bucket a seat falls in. */
export function activityOf(row: SubscriptionRow): Exclude<ActivityFilter, 'all'> {
  if (!row.lastActivityAt) return 'never';
  return (row.daysInactive ?? 0) >= INACTIVE_AFTER_DAYS ? 'inactive' : 'active';
}

/** Whether a row's folded search text holds every folded search term. */
export function containsAll(text: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!text.includes(term)) return false;
  return true;
}

/** Lower case without accents, so "chloe" finds "Chloé" and sorting ignores case. */
export function fold(text: string): string {
  // Most names and emails are printable ASCII: skip the (much slower) Unicode normalisation.
  if (!/[^ -~]/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function timeOf(iso: string | undefined): number {
  if (!iso) return Number.NaN;
  return Date.parse(iso);
}

export interface SeatIndex {
  rows: readonly SubscriptionRow[];
  haystack: string[];
  activity: Array<Exclude<ActivityFilter, 'all'>>;
  text: Record<'name' | 'licenseType' | 'org', string[]>;
  /** NaN where the seat has no value: such seats sort last in both directions. */
  numbers: Record<'lastActivityAt' | 'daysInactive' | 'startedAt', Float64Array>;
}

/** One pass over the seats: everything a query needs, computed once per download. */
export function buildSeatIndex(rows: readonly SubscriptionRow[]): SeatIndex {
  const count = rows.length;
  const index: SeatIndex = {
    rows,
    haystack: new Array<string>(count),
    activity: new Array<Exclude<ActivityFilter, 'all'>>(count),
    text: { name: new Array<string>(count), licenseType: new Array<string>(count), org: new Array<string>(count) },
    numbers: { lastActivityAt: new Float64Array(count), daysInactive: new Float64Array(count), startedAt: new Float64Array(count) },
  };
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    const name = fold(row.name || row.email);
    const licenseType = fold(row.licenseType);
    const org = fold(row.orgLabel);
    index.text.name[i] = name;
    index.text.licenseType[i] = licenseType;
    index.text.org[i] = org;
    index.haystack[i] = `${name}\n${fold(row.email)}\n${licenseType}\n${row.userId.toLowerCase()}\n${org}`;
    index.activity[i] = activityOf(row);
    index.numbers.lastActivityAt[i] = timeOf(row.lastActivityAt);
    index.numbers.daysInactive[i] = row.daysInactive ?? Number.NaN;
    index.numbers.startedAt[i] = timeOf(row.startedAt);
  }
  return index;
}

function comparatorFor(index: SeatIndex, sort: NonNullable<SeatQuery['sort']>): PositionComparator | undefined {
  if (sort.id === 'name' || sort.id === 'licenseType' || sort.id === 'org') return byText(index.text[sort.id], sort.desc);
  if (sort.id === 'lastActivityAt' || sort.id === 'daysInactive' || sort.id === 'startedAt') return byNumber(index.numbers[sort.id], sort.desc);
  return undefined;
}

/** The seats a query shows, in order. Ties keep the vendor's order, so a sort is stable. */
export function querySeats(index: SeatIndex, query: SeatQuery): SeatQueryResult {
  const terms = fold(query.search).split(/\s+/).filter(Boolean);
  const wantedType = query.licenseType;
  const wantedActivity = query.activity;
  const orphanOnly = query.orphanOnly === true;
  const picked: number[] = [];
  const { rows, haystack, activity } = index;
  for (let i = 0; i < rows.length; i++) {
    if (wantedType !== '' && rows[i]!.licenseType !== wantedType) continue;
    if (wantedActivity !== 'all' && activity[i] !== wantedActivity) continue;
    if (orphanOnly && rows[i]!.orphan !== true) continue;
    if (terms.length > 0 && !containsAll(haystack[i]!, terms)) continue;
    picked.push(i);
  }
  const compare = query.sort ? comparatorFor(index, query.sort) : undefined;
  if (compare) picked.sort(compare);
  const result = new Array<SubscriptionRow>(picked.length);
  let paid = 0;
  let free = 0;
  let deactivated = 0;
  for (let i = 0; i < picked.length; i++) {
    const row = rows[picked[i]!]!;
    result[i] = row;
    if (row.seat === 'paid') paid++;
    else if (row.seat === 'free') free++;
    else deactivated++;
  }
  return { rows: result, paid, free, deactivated };
}
