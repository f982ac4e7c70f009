/**
 * What Seatwise keeps on disk. The root file (`seatwise.json`) holds configuration, which is
 * small and changes often; each profile's seats, activity and candidates live in their own
 * files under `profiles/<id>/`, so a rule change does not rewrite 200,000 subscriptions.
 */
import type { ConnectionSettings, GrantType, ProbeResult, Vendor } from '../../connectors/types.js';
import type { AssignableRole, ProcessSettings } from '../../preload/contract.js';
import { defaultMaxParallelSyncs } from '../settings/parallel.js';
import type { Candidate, Entitlement, ExclusionRule, ReclamationRule, SubscriptionRecord } from '../reclamation/types.js';

/**
 * 2: snapshot files are stored as columns (snapshot-codec.ts). The root document did not change;
 * the version moved so that an older Seatwise refuses the folder instead of failing on a snapshot.
 */
export const SCHEMA_VERSION = 2;

export type StoredSchedule =
  | { kind: 'daily'; time: string; timeZone?: string }
  | { kind: 'weekly'; day: number; time: string; timeZone?: string }
  | { kind: 'cron'; expression: string; timeZone?: string };

export interface PlaybookProgress {
  currentStep: string;
  completed: string[];
  /** Non-secret form values entered so far, per step, so a reopened playbook resumes. */
  draft: Record<string, unknown>;
}

/** Counts as main/subscriptions/seat-counts.ts defines them; older files lack the newer fields. */
export interface ProfileStats {
  seats: number;
  freeSeats: number;
  deactivatedSeats?: number;
  subscriptions: number;
  candidates: number;
  monthlySavings: number;
  currency: string;
  unpricedCandidates?: number;
  licenseTypes: { name: string; seats: number; paid: boolean; deactivated?: number }[];
}

export interface ProfileRecord {
  id: string;
  name: string;
  vendor: Vendor;
  preset?: string;
  status: 'draft' | 'published';
  createdAt: string;
  publishedAt?: string;
  aliasId: string;
  processes: ProcessSettings;
  schedule: StoredSchedule;
  playbook: PlaybookProgress;
  /** Why the profile needs attention; cleared by the next good run. */
  attention?: { kind: 'needs_signin' | 'failing' | 'needs_attention'; reason: string; at: string };
  activityAvailable: boolean | null;
  /** Why the last sync read no activity (set while activityAvailable is false). */
  activityNote?: { reason: 'turned_off' | 'not_supported' | 'unavailable'; message: string };
  lastJobId?: string;
  lastRunAt?: string;
  lastActivitySyncAt?: string;
  /** "Analyze user activity from", fixed at the first sync: seats with no activity count from here. */
  analysisStart?: string;
  /** SSO sign-ins to this identity provider app count as activity for the profile's seats (by email). */
  sso?: SsoLink;
  stats: ProfileStats;
  demo?: boolean;
}

export interface SsoLink {
  /** The Okta or Entra ID profile the sign-ins are read through. */
  idpProfileId: string;
  appId: string;
  appLabel: string;
  /** The start of the last successful read: the next reads from a day before it. */
  lastReadAt?: string;
}

export interface AliasRecord {
  id: string;
  profileId: string;
  /** Set for an extra org of the same vendor: a child alias with its own connection. */
  parentAliasId?: string;
  label: string;
  vendor: Vendor;
  settings: ConnectionSettings & { redirectPort?: number };
  /** Which secrets sit in the keychain for this alias (never the values). */
  secretKinds: string[];
  status: 'not_connected' | 'connected' | 'needs_signin' | 'failing';
  connectedAs?: string;
  connectedUserId?: string;
  expiresAt?: string;
  lastValidation?: { at: string; results: ProbeResult[] };
}

export interface SoftwareModel {
  id: string;
  profileId: string;
  publisher: string;
  product: string;
  licenseType: string;
  paid: boolean;
  createdAt: string;
}

export interface UnrecognizedIdentifier {
  profileId: string;
  licenseType: string;
  seats: number;
  firstSeenAt: string;
  resolution?: { kind: 'mapped'; modelId: string } | { kind: 'excluded' };
}

export interface RootData {
  schemaVersion: number;
  profiles: ProfileRecord[];
  aliases: AliasRecord[];
  models: SoftwareModel[];
  rules: ReclamationRule[];
  exclusions: (ExclusionRule & { profileId?: string })[];
  entitlements: Entitlement[];
  unrecognized: UnrecognizedIdentifier[];
  settings: { keepRunningInTray: boolean; maxParallelSyncs: number };
  /** Roles given to people in Settings on a team server, beside those their ID token carries. */
  roles: RoleAssignment[];
}

/** One person's roles given in Settings: matched to the signed-in person's email or subject, case-insensitively. */
export interface RoleAssignment {
  person: string;
  roles: AssignableRole[];
  assignedBy: string;
  assignedAt: string;
}

export const emptyRoot = (): RootData => ({
  schemaVersion: SCHEMA_VERSION,
  profiles: [],
  aliases: [],
  models: [],
  rules: [],
  exclusions: [],
  entitlements: [],
  unrecognized: [],
  settings: { keepRunningInTray: true, maxParallelSyncs: defaultMaxParallelSyncs() },
  roles: [],
});

/** One profile's last complete download, with activity merged in. */
export interface Snapshot {
  profileId: string;
  jobId: string;
  committedAt: string;
  orgs: { aliasId: string; label: string; connectedUserId?: string }[];
  subscriptions: SubscriptionRecord[];
}

export interface CandidateFile {
  profileId: string;
  computedAt: string;
  candidates: Candidate[];
}

export type { GrantType };
