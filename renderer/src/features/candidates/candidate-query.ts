/**
 * Search, filter, sort and group over every reclamation candidate, in memory.
 *
 * The same approach as seat-query.ts: each candidate's sort keys and search text are computed
 * once per download, a query walks plain arrays, and tanstack table only ever sees the rows in
 * view. Grouping turns the sorted rows into a flat list of items (a header per group, then its
 * rows) that the virtualizer renders like any other list, so 100,000 candidates stay fluid.
 */
import type { CandidateRow, CandidateStatusName } from '../../../../preload/contract/reclamation.js';
import { byNumber, byText, type PositionComparator } from '../../lib/compare.js';
import { containsAll, fold } from '../profile/seat-query.js';

export type { CandidateRow, CandidateStatusName };

export const CANDIDATE_STATUSES: readonly CandidateStatusName[] = ['open', 'approved', 'rejected', 'reclaimed', 'failed', 'resolved'];

/** The Status filter: one status, all of them, or the default "still to act on" pair. */
export type StatusFilter = 'actionable' | 'all' | CandidateStatusName;
export const DEFAULT_STATUS_FILTER: StatusFilter = 'actionable';

export function statusesOf(filter: StatusFilter): readonly CandidateStatusName[] {
  if (filter === 'all') return CANDIDATE_STATUSES;
  if (filter === 'actionable') return ['open', 'approved'];
  return [filter];
}

/** The Reason filter: every candidate, the inactive ones, or the directory's leavers. */
export type ReasonFilter = 'all' | CandidateRow['reason'];

export type GroupBy = 'none' | 'profile' | 'licenseType';
export type CandidateSortColumn = 'name' | 'profile' | 'licenseType' | 'lastActivityAt' | 'daysInactive' | 'rule' | 'monthlyCost' | 'status';

export interface CandidateQuery {
  search: string;
  /** A profile id, or '' for every integration. */
  profileId: string;
  licenseType: string;
  status: StatusFilter;
  /** 'all' when absent. */
  reason?: ReasonFilter;
  sort: { id: string; desc: boolean } | undefined;
  groupBy: GroupBy;
}

/** Money per currency: candidates of several integrations may be billed in several. */
export type MoneyByCurrency = Array<{ currency: string; amount: number }>;

export interface CandidateGroup {
  kind: 'group';
  key: string;
  label: string;
  count: number;
  cost: MoneyByCurrency;
  /** Ids of the group's rows, in order: for "select this group". */
  ids: string[];
}
export interface CandidateItem {
  kind: 'row';
  row: CandidateRow;
  /** Position among the shown rows (not counting group headers): for shift-click ranges. */
  position: number;
}
export type ListItem = CandidateGroup | CandidateItem;

export interface CandidateQueryResult {
  /** The shown candidates, in order (grouped order when grouping). */
  rows: CandidateRow[];
  /** What the virtualized list renders: rows, with a header before each group when grouping. */
  items: ListItem[];
  groups: CandidateGroup[];
  cost: MoneyByCurrency;
}

export interface CandidateIndex {
  rows: readonly CandidateRow[];
  haystack: string[];
  text: Record<'name' | 'profile' | 'licenseType' | 'rule' | 'status', string[]>;
  /** NaN where the candidate has no value: such rows sort last in both directions. */
  numbers: Record<'lastActivityAt' | 'daysInactive' | 'monthlyCost', Float64Array>;
}

const STATUS_ORDER: Record<CandidateStatusName, string> = { open: '0', approved: '1', rejected: '2', failed: '3', reclaimed: '4', resolved: '5' };

/** One pass over the candidates: everything a query needs. */
export function buildCandidateIndex(rows: readonly CandidateRow[]): CandidateIndex {
  const count = rows.length;
  const index: CandidateIndex = {
    rows,
    haystack: new Array<string>(count),
    text: {
      name: new Array<string>(count),
      profile: new Array<string>(count),
      licenseType: new Array<string>(count),
      rule: new Array<string>(count),
      status: new Array<string>(count),
    },
    numbers: { lastActivityAt: new Float64Array(count), daysInactive: new Float64Array(count), monthlyCost: new Float64Array(count) },
  };
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    const name = fold(row.name || row.email);
    const profile = fold(row.profileName);
    const licenseType = fold(row.licenseType);
    const rule = fold(row.ruleName);
    index.text.name[i] = name;
    index.text.profile[i] = profile;
    index.text.licenseType[i] = licenseType;
    index.text.rule[i] = rule;
    index.text.status[i] = STATUS_ORDER[row.status];
    index.haystack[i] = `${name}\n${fold(row.email)}\n${licenseType}\n${profile}\n${rule}\n${row.userId.toLowerCase()}`;
    index.numbers.lastActivityAt[i] = row.lastActivityAt ? Date.parse(row.lastActivityAt) : Number.NaN;
    index.numbers.daysInactive[i] = row.daysInactive;
    index.numbers.monthlyCost[i] = row.monthlyCost ?? Number.NaN;
  }
  return index;
}

function comparatorFor(index: CandidateIndex, sort: NonNullable<CandidateQuery['sort']>): PositionComparator | undefined {
  const id = sort.id;
  if (id === 'name' || id === 'profile' || id === 'licenseType' || id === 'rule' || id === 'status') return byText(index.text[id], sort.desc);
  if (id === 'lastActivityAt' || id === 'daysInactive' || id === 'monthlyCost') return byNumber(index.numbers[id], sort.desc);
  return undefined;
}

/**
 * Adds what reclaiming a candidate saves a month to a per-currency total (a small array: one or
 * two currencies): its saving (a downgrade's is the price difference), or its cost in rows from
 * before savings were kept. An unknown saving adds nothing.
 */
export function addCost(total: MoneyByCurrency, row: Pick<CandidateRow, 'monthlyCost' | 'currency'> & Partial<Pick<CandidateRow, 'monthlySaving'>>): void {
  const amount = row.monthlySaving !== undefined ? row.monthlySaving : row.monthlyCost;
  if (amount === null || !row.currency) return;
  for (const entry of total) {
    if (entry.currency === row.currency) {
      entry.amount += amount;
      return;
    }
  }
  total.push({ currency: row.currency, amount });
}

export function costOf(rows: Iterable<Pick<CandidateRow, 'monthlyCost' | 'currency'> & Partial<Pick<CandidateRow, 'monthlySaving'>>>): MoneyByCurrency {
  const total: MoneyByCurrency = [];
  for (const row of rows) addCost(total, row);
  return total.sort((a, b) => b.amount - a.amount);
}

function groupKeyOf(row: CandidateRow, groupBy: GroupBy): { key: string; label: string } {
  if (groupBy === 'profile') return { key: row.profileId, label: row.profileName };
  return { key: row.licenseType, label: row.licenseType };
}

/** The candidates a query shows, in order, and the list the table renders. Sorts are stable. */
export function queryCandidates(index: CandidateIndex, query: CandidateQuery): CandidateQueryResult {
  const terms = fold(query.search).split(/\s+/).filter(Boolean);
  const statuses = new Set<CandidateStatusName>(statusesOf(query.status));
  const reason = query.reason ?? 'all';
  const { rows, haystack } = index;
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!statuses.has(row.status)) continue;
    if (reason !== 'all' && row.reason !== reason) continue;
    if (query.profileId !== '' && row.profileId !== query.profileId) continue;
    if (query.licenseType !== '' && row.licenseType !== query.licenseType) continue;
    if (terms.length > 0 && !containsAll(haystack[i]!, terms)) continue;
    picked.push(i);
  }
  const compare = query.sort ? comparatorFor(index, query.sort) : undefined;
  if (compare) picked.sort(compare);

  const cost: MoneyByCurrency = [];
  if (query.groupBy === 'none') {
    const shown = new Array<CandidateRow>(picked.length);
    const items = new Array<ListItem>(picked.length);
    for (let i = 0; i < picked.length; i++) {
      const row = rows[picked[i]!]!;
      shown[i] = row;
      items[i] = { kind: 'row', row, position: i };
      addCost(cost, row);
    }
    return { rows: shown, items, groups: [], cost: cost.sort((a, b) => b.amount - a.amount) };
  }

  // Bucket in sorted order (so each group keeps the sort), then order the groups by name.
  const buckets = new Map<string, { label: string; rows: CandidateRow[] }>();
  for (const i of picked) {
    const row = rows[i]!;
    const { key, label } = groupKeyOf(row, query.groupBy);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { label, rows: [] };
      buckets.set(key, bucket);
    }
    bucket.rows.push(row);
  }
  const ordered = [...buckets.entries()].sort((a, b) => {
    const x = fold(a[1].label);
    const y = fold(b[1].label);
    return x < y ? -1 : x > y ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  });
  const shown: CandidateRow[] = [];
  const items: ListItem[] = [];
  const groups: CandidateGroup[] = [];
  for (const [key, bucket] of ordered) {
    const groupCost: MoneyByCurrency = [];
    const ids = new Array<string>(bucket.rows.length);
    for (let i = 0; i < bucket.rows.length; i++) {
      const row = bucket.rows[i]!;
      ids[i] = row.id;
      addCost(groupCost, row);
      addCost(cost, row);
    }
    const group: CandidateGroup = { kind: 'group', key, label: bucket.label, count: bucket.rows.length, cost: groupCost.sort((a, b) => b.amount - a.amount), ids };
    groups.push(group);
    items.push(group);
    for (const row of bucket.rows) {
      items.push({ kind: 'row', row, position: shown.length });
      shown.push(row);
    }
  }
  return { rows: shown, items, groups, cost: cost.sort((a, b) => b.amount - a.amount) };
}

/** Ids between two positions of the shown rows, both ends included, in either direction. */
export function rangeIds(shown: readonly CandidateRow[], from: number, to: number): string[] {
  const start = Math.max(0, Math.min(from, to));
  const end = Math.min(shown.length - 1, Math.max(from, to));
  const ids: string[] = [];
  for (let i = start; i <= end; i++) ids.push(shown[i]!.id);
  return ids;
}
