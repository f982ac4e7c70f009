/**
 * Plain records of the reclamation domain, as the store persists them (JSON, no classes).
 * Every date is an ISO 8601 string with an offset (as the contract's `isoDateSchema`).
 */

/** One user holding one license type in one org of one profile. */
export interface SubscriptionRecord {
  id: string;
  profileId: string;
  /** The vendor org the seat belongs to (a profile can hold several orgs of one vendor). */
  orgId: string;
  /** The vendor's user id. */
  userId: string;
  email: string;
  name: string;
  licenseType: string;
  /** The seat is held (a deactivated user holds no seat). */
  active: boolean;
  admin: boolean;
  /** The vendor's organisation owner: never a candidate. */
  owner: boolean;
  /** False for free seats (guests, view-only, Chatter Free, ...): never a candidate. */
  paid: boolean;
  /** The account Seatwise is signed in as: never a candidate. */
  connectedAccount: boolean;
  /** When the vendor says the seat was assigned, if it says. */
  startedAt?: string;
  lastActivityAt?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Vendor reference needed to reclaim the seat (e.g. a membership id), when not the user id. */
  reclaimRef?: string;
  /** "sso" when lastActivityAt is an SSO sign-in through a linked identity provider app; absent: the vendor's own. */
  lastActivitySource?: 'sso';
}

export const DEFAULT_THRESHOLD_DAYS = 60;

/** "Last activity threshold" rule, one per software model (license type) of a profile. */
export interface ReclamationRule {
  id: string;
  profileId: string;
  modelId?: string;
  licenseType: string;
  name: string;
  /** Days without activity before a seat becomes a candidate (default 60). */
  thresholdDays: number;
  notifyUser: boolean;
  /** With `notifyUser`: days between the notice and the date the seat may be reclaimed. */
  daysBeforeAutoReclaim: number;
  approvalRequired: boolean;
  reclaimWithoutApproval: boolean;
  /**
   * A sync may reclaim this rule's approved seats (or, with reclaimWithoutApproval, its open
   * ones) without the admin confirming a run. Off by default; missing in older files means off.
   */
  autoReclaim?: boolean;
  enabled: boolean;
  /**
   * Leavers: a seat whose holder the directory marks suspended or deprovisioned (or whose HR
   * end date has passed) is a candidate this many days after leaving, whatever their
   * activity. Absent: on, 0 days.
   */
  leaversEnabled?: boolean;
  leaverDays?: number;
  /** How a reclaim without an action named gives the seat back; absent: the vendor's default (remove). */
  action?: 'remove' | 'downgrade';
  /**
   * With `action: 'downgrade'`: the tier the rule's seats move to, as the connector offered it
   * when the action was set (Zoom Basic, the Microsoft SKU the admin named, Salesforce's cheaper
   * user license). The saving counted is the price difference to it.
   */
  downgradeTo?: string;
}

export type ExclusionKind = 'licenseType' | 'user';

/**
 * Excludes seats from candidates and from waste. `pattern` is matched case-insensitively:
 * for `user` against the email and the vendor user id, for `licenseType` against the
 * license type. `*` matches any run of characters and `?` one character
 * (`*@contractor.example`); a pattern without wildcards is an exact match.
 */
export interface ExclusionRule {
  id: string;
  kind: ExclusionKind;
  pattern: string;
  reason: string;
  createdAt: string;
}

export type EntitlementPeriod = 'month' | 'year';

/** Seats owned and what one costs, per license type of a profile. */
export interface Entitlement {
  profileId: string;
  licenseType: string;
  /** Seats owned; null when unknown. */
  owned: number | null;
  /** Price of one seat for one `period`. */
  unitCost: number;
  currency: string;
  period: EntitlementPeriod;
  renewalDate?: string;
  /** Owned is read from the vendor on each sync (Salesforce UserLicense), not typed in. */
  ownedFromVendor?: boolean;
}

export const CANDIDATE_STATUSES = ['open', 'approved', 'rejected', 'reclaimed', 'failed', 'resolved'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** A seat whose holder has been inactive for at least its rule's threshold. */
export interface Candidate {
  /** Stable across recomputes: `candidateId(profileId, orgId, userId, licenseType)`. */
  id: string;
  profileId: string;
  orgId: string;
  subscriptionId: string;
  userId: string;
  email: string;
  name: string;
  licenseType: string;
  lastActivityAt?: string;
  /** `lastActivityAt ?? max(seat start, analysis start)`. */
  inactiveSince: string;
  daysInactive: number;
  ruleId: string;
  ruleName: string;
  thresholdDays: number;
  status: CandidateStatus;
  /** Cost of the seat per month from the entitlement; null when no entitlement prices it. */
  monthlyCost: number | null;
  currency: string | null;
  /**
   * What reclaiming the seat by its rule's action saves a month: the seat's price for a removal,
   * the price difference for a downgrade; null when unknown (`savingNote` says why). Absent in
   * files from before downgrades: then `monthlyCost`.
   */
  monthlySaving?: number | null;
  /** Why `monthlySaving` is unknown, e.g. "set a unit cost for SPE_E3". */
  savingNote?: string;
  /** Under a rule that downgrades: the tier the seat moves to. */
  downgradeTo?: string;
  /** One line for people, e.g. "no activity since 2026-08-01, 114 days; rule Asana Business, 60 days". */
  why: string;
  /** With a "notify user" rule: when the seat may be reclaimed (detection + days before auto-reclaim). */
  reclaimableAt?: string;
  /** When this candidate (this episode of inactivity) was first found. */
  detectedAt: string;
  /** When the candidate became `resolved`. */
  resolvedAt?: string;
  /** Why the seat is a candidate; absent in files from before leavers means "inactive". */
  reason?: CandidateReason;
  /** Where the last activity came from: the vendor's own log, or none read. */
  activitySource?: ActivitySource;
  /** No directory source knows the seat's email (a personal or outside account); absent: unknown or known. */
  orphan?: boolean;
  /**
   * An app with no API: when this approved seat was last written to a reclaim task list. It is
   * still pending (status approved) until marked reclaimed or no longer in the app's export.
   */
  taskWrittenAt?: string;
}

export type CandidateReason = 'inactive' | 'leaver';
export type ActivitySource = 'vendor' | 'sso' | null;
