/**
 * The export row (a public interface: CLI, UI and the files people build on) and its columns.
 */
import { candidateSaving } from '../reclamation/recompute.js';
import type { Candidate } from '../reclamation/types.js';

export interface ExportRow {
  id: string;
  /** The integration profile's display name. */
  profile: string;
  vendor: string;
  userId: string;
  email: string;
  name: string;
  licenseType: string;
  /** ISO 8601; null when the user was never active. */
  lastActivityAt: string | null;
  daysInactive: number;
  /** The rule's name. */
  rule: string;
  thresholdDays: number;
  status: string;
  /** null when no entitlement prices the seat. */
  monthlyCost: number | null;
  currency: string | null;
  /** "inactive", or "leaver" when the directory says the person left. */
  reason: 'inactive' | 'leaver';
  /** "vendor" (the app's own log), "sso" (an identity provider's sign-ins), null when none was read. */
  activitySource: 'vendor' | 'sso' | null;
  /** No directory source knows the email; null when there is no directory to ask. */
  orphan: boolean | null;
  /** What reclaiming it by its rule's action saves a month: a downgrade only the price difference; null when unknown. */
  monthlySaving?: number | null;
  /** Under a rule that downgrades: the tier the seat moves to; null otherwise. */
  downgradeTo?: string | null;
}

export type ColumnKind = 'string' | 'number' | 'date';

export interface ExportColumn {
  key: keyof ExportRow;
  kind: ColumnKind;
  /** Width in characters in the workbook. */
  width: number;
}

/** The columns, in order; headers are the keys, the same as the JSON property names. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'id', kind: 'string', width: 20 },
  { key: 'profile', kind: 'string', width: 22 },
  { key: 'vendor', kind: 'string', width: 12 },
  { key: 'userId', kind: 'string', width: 20 },
  { key: 'email', kind: 'string', width: 32 },
  { key: 'name', kind: 'string', width: 26 },
  { key: 'licenseType', kind: 'string', width: 20 },
  { key: 'lastActivityAt', kind: 'date', width: 20 },
  { key: 'daysInactive', kind: 'number', width: 13 },
  { key: 'rule', kind: 'string', width: 26 },
  { key: 'thresholdDays', kind: 'number', width: 14 },
  { key: 'status', kind: 'string', width: 11 },
  { key: 'monthlyCost', kind: 'number', width: 13 },
  { key: 'currency', kind: 'string', width: 9 },
  { key: 'reason', kind: 'string', width: 10 },
  { key: 'activitySource', kind: 'string', width: 15 },
  { key: 'orphan', kind: 'string', width: 8 },
  { key: 'monthlySaving', kind: 'number', width: 14 },
  { key: 'downgradeTo', kind: 'string', width: 16 },
];

export const EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((c) => c.key);

export interface ProfileLabel {
  name: string;
  vendor: string;
}

/** The export row of a candidate, with its profile's name and vendor. */
export function toExportRow(c: Candidate, profile: ProfileLabel): ExportRow {
  return {
    id: c.id,
    profile: profile.name,
    vendor: profile.vendor,
    userId: c.userId,
    email: c.email,
    name: c.name,
    licenseType: c.licenseType,
    lastActivityAt: c.lastActivityAt ?? null,
    daysInactive: c.daysInactive,
    rule: c.ruleName,
    thresholdDays: c.thresholdDays,
    status: c.status,
    monthlyCost: c.monthlyCost,
    currency: c.currency,
    reason: c.reason ?? 'inactive',
    activitySource: c.activitySource ?? null,
    orphan: c.orphan ?? null,
    monthlySaving: candidateSaving(c),
    downgradeTo: c.downgradeTo ?? null,
  };
}

/** Export rows of candidates, lazily; candidates of unknown profiles get the profile id as name. */
export function* toExportRows(
  candidates: Iterable<Candidate>,
  profiles: ReadonlyMap<string, ProfileLabel>,
): Generator<ExportRow> {
  for (const c of candidates) yield toExportRow(c, profiles.get(c.profileId) ?? { name: c.profileId, vendor: '' });
}
