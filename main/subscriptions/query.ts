import { emailKey } from '../directory/people.js';
import type { SubscriptionRow } from '../../preload/contract.js';
import type { SubscriptionRecord } from '../reclamation/types.js';
import type { Snapshot } from '../store/schema.js';
import { seatKind } from './seat-counts.js';

export interface SubscriptionQuery {
  profileId: string;
  search?: string;
  licenseType?: string;
  activity?: 'all' | 'active' | 'inactive' | 'never';
  paid?: boolean;
  /** Only seats no directory source knows (true) or only known ones (false); needs a directory. */
  orphan?: boolean;
  sort?: { by: 'name' | 'email' | 'licenseType' | 'lastActivityAt' | 'daysInactive' | 'startedAt'; dir: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 500;

/** Filters, sorts and pages one profile's subscriptions for the record screen and the CLI. */
export function querySubscriptions(
  snapshot: Snapshot | null,
  query: SubscriptionQuery,
  now: Date,
  inactiveAfterDays = 60,
  /** Lowercased emails the directory knows; undefined without a directory (then nobody is an orphan). */
  known?: ReadonlySet<string>,
): { total: number; rows: SubscriptionRow[] } {
  if (!snapshot) return { total: 0, rows: [] };
  const labels = new Map(snapshot.orgs.map((o) => [o.aliasId, o.label]));
  const nowMs = now.getTime();
  const needle = query.search?.trim().toLowerCase();
  const rows: SubscriptionRow[] = [];
  for (const sub of snapshot.subscriptions) {
    if (query.licenseType && sub.licenseType !== query.licenseType) continue;
    if (query.paid !== undefined && sub.paid !== query.paid) continue;
    const orphan = known === undefined ? undefined : !known.has(emailKey(sub.email));
    if (query.orphan !== undefined && orphan !== query.orphan) continue;
    if (needle && !sub.name.toLowerCase().includes(needle) && !sub.email.toLowerCase().includes(needle)) continue;
    const days = sub.lastActivityAt ? Math.floor((nowMs - Date.parse(sub.lastActivityAt)) / DAY_MS) : null;
    if (query.activity === 'never' && sub.lastActivityAt) continue;
    if (query.activity === 'active' && (days === null || days >= inactiveAfterDays)) continue;
    if (query.activity === 'inactive' && days !== null && days < inactiveAfterDays) continue;
    const row = toRow(sub, labels.get(sub.orgId) ?? sub.orgId, days);
    if (orphan !== undefined) row.orphan = orphan;
    rows.push(row);
  }
  if (query.sort) sortRows(rows, query.sort);
  const offset = query.offset ?? 0;
  return { total: rows.length, rows: rows.slice(offset, offset + (query.limit ?? DEFAULT_LIMIT)) };
}

function toRow(sub: SubscriptionRecord, orgLabel: string, daysInactive: number | null): SubscriptionRow {
  return {
    id: sub.id,
    profileId: sub.profileId,
    orgId: sub.orgId,
    orgLabel,
    userId: sub.userId,
    email: sub.email,
    name: sub.name,
    licenseType: sub.licenseType,
    active: sub.active,
    admin: sub.admin,
    owner: sub.owner,
    paid: sub.paid,
    seat: seatKind(sub),
    startedAt: sub.startedAt,
    lastActivityAt: sub.lastActivityAt,
    daysInactive,
  };
}

function sortRows(rows: SubscriptionRow[], sort: NonNullable<SubscriptionQuery['sort']>): void {
  const dir = sort.dir === 'asc' ? 1 : -1;
  const key = sort.by;
  rows.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    if (x === undefined || x === null) return 1;
    if (y === undefined || y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    return String(x).localeCompare(String(y)) * dir;
  });
}
