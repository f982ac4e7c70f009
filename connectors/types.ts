/**
 * The Connector interface: what every vendor integration implements and describes.
 *
 * Connectors speak HTTP only through `connectors/http` and know nothing of the main
 * process (no store, no keychain, no Electron): main hands them an `AuthProvider` and a
 * `ConnectionSettings` and receives plain records back.
 */
import type { HttpClient } from './http/client.js';

export const VENDORS = ['asana', 'salesforce', 'calendly', 'custom', 'okta', 'entra', 'microsoft365', 'github', 'zoom', 'csv'] as const;
export type Vendor = (typeof VENDORS)[number];

/** How Seatwise authenticates to the vendor. */
export const GRANT_TYPES = ['authorization_code', 'client_credentials', 'api_key', 'token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const PROCESSES = ['download', 'activity', 'reclaim'] as const;
export type ProcessName = (typeof PROCESSES)[number];

export interface PermissionRow {
  process: ProcessName;
  /** The vendor's own name for the scope, role or permission. */
  permission: string;
  why: string;
}

export interface PlaybookLink {
  label: string;
  url: string;
}

/** Vendor-side instructions shown in the "Register the app at the vendor" step. */
export interface RegisterAppStep {
  title: string;
  intro: string;
  checklist: string[];
  links: PlaybookLink[];
  /** Whether the vendor needs the exact redirect URI registered (then the port is pinned). */
  needsRedirectUri: boolean;
}

export interface ConnectorDefaults {
  baseUrl: string;
  /** The Authorization scheme a pasted token is sent with (Okta: SSWS); default Bearer. */
  tokenScheme?: string;
  /**
   * The API lives where the token response's `instance_url` says (Salesforce: the org's own
   * instance, which may move), not at the stored URL; the stored URL is the fallback.
   */
  apiAtTokenInstance?: boolean;
  authorizeUrl?: string;
  tokenUrl?: string;
  revokeUrl?: string;
  scopes?: string[];
}

/** A connection option beyond the URL and the credential, as the connection step asks for it. */
export interface ConnectionOptionSpec {
  /** The key in ConnectionSettings.options. */
  key: string;
  label: string;
  hint: string;
  required: boolean;
  /** A regular expression the whole value must match (case-insensitive). */
  pattern?: string;
  /** Said when the value does not match `pattern`. */
  invalid?: string;
  /** The only values allowed, each with its label; the connection step offers them as a choice. */
  choices?: { value: string; label: string }[];
  /** The sign-in methods the option applies to; every method when omitted. */
  grants?: GrantType[];
}

export interface ConnectorDescriptor {
  vendor: Vendor;
  /** Shown in the vendor picker, e.g. "Salesforce CRM". */
  displayName: string;
  publisher: string;
  product: string;
  authMethods: GrantType[];
  defaults: ConnectorDefaults;
  permissions: PermissionRow[];
  registerApp: RegisterAppStep;
  /** Hint under the connection URL field. */
  connectionUrlHelp: string;
  /** Options beyond the URL and the credential (GitHub's organization, Microsoft's tenant, ...). */
  connectionOptions?: ConnectionOptionSpec[];
  /** Whether the vendor exposes per-user activity at all (some plans may still lack it). */
  activitySupported: boolean;
  /**
   * Seats come from a file the admin imports (a vendor's user export), not from an API: a sync
   * reads the export given with it, and reclaim writes a task list instead of vendor calls.
   */
  fileImport?: boolean;
  reclaimSupported: boolean;
  undoSupported: boolean;
  /**
   * What each way of giving a seat back does at this vendor, from the vendor's own
   * documentation. The first entry is the default action; others (Salesforce "freeze") are
   * alternatives the admin may choose per run. Empty when reclaim is not supported.
   */
  reclaimEffects: ReclaimEffect[];
  /**
   * Where activity comes from at this vendor and what an admin needs for it (a plan, a
   * service account, an identity provider): said on the record whenever activity is unavailable.
   */
  activityHint: string;
  /**
   * License types this connector knows how to price and model. A type outside this list is
   * an unrecognized subscription identifier the admin maps or excludes. Omitted: all known.
   */
  knownLicenseTypes?: string[];
  /**
   * License types the vendor never bills (Zoom Basic, Salesforce Chatter Free): a downgrade to
   * one saves the whole price of the tier the seat had, with no unit cost to set.
   */
  freeLicenseTypes?: readonly string[];
}

/**
 * Where the connector sends its requests and which extra, non-secret settings it needs.
 * `options` holds vendor specifics (Asana workspace gid, Calendly organization URI, the
 * custom connector's mapping as JSON, ...).
 */
export interface ConnectionSettings {
  baseUrl: string;
  grantType: GrantType;
  clientId?: string;
  username?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  revokeUrl?: string;
  scopes?: string[];
  options: Record<string, string>;
}

/** One seat as the vendor reports it. `paid: false` marks guests, free licenses, etc. */
export interface SeatRecord {
  /** The vendor's stable user id (gid, Id, URI). */
  userId: string;
  email: string;
  name: string;
  licenseType: string;
  active: boolean;
  admin: boolean;
  /** The vendor organisation's owner: never reclaimable. */
  owner: boolean;
  paid: boolean;
  /** When the seat was granted, if the vendor says. ISO 8601. */
  startedAt?: string;
  /** Last activity the seat listing itself carries (Salesforce LastLoginDate). ISO 8601. */
  lastActivityAt?: string;
  /** Vendor reference needed to reclaim (membership id, etc.), when not userId. */
  reclaimRef?: string;
  /**
   * For the 'downgrade' action: the tier to move the seat to (one of downgradeTargets), set by
   * the reclaim runner; for its undo, the tier the seat had (set from the audit event).
   */
  downgradeTo?: string;
}

export interface ActivityRecord {
  userId?: string;
  email?: string;
  /** ISO 8601 */
  at: string;
}

export interface Whoami {
  userId: string;
  name: string;
  email?: string;
  orgId?: string;
  orgName?: string;
}

/** Seats owned per license type, where the vendor reports it (Salesforce UserLicense). */
export interface OwnedSeats {
  licenseType: string;
  owned: number;
  used: number;
}

/** The ways a seat can be given back: removal, a reversible freeze, a cheaper tier. */
export const RECLAIM_ACTIONS = ['remove', 'freeze', 'downgrade'] as const;
export type ReclaimAction = (typeof RECLAIM_ACTIONS)[number];

/**
 * What one reclaim action does at the vendor, to the seat, the bill and the person's data:
 * shown in the dry run, on each seat's outcome and in the audit event.
 */
export interface ReclaimEffect {
  action: ReclaimAction;
  /** The action as the admin chooses it, e.g. "Remove from the workspace", "Freeze the user". */
  label: string;
  /** What the call changes at the vendor, in one sentence. */
  vendorChange: string;
  /** What the admin still has to do at the vendor before the bill goes down; absent when nothing. */
  adminTodo?: string;
  /**
   * When the saving starts: at the next bill (`at_reclaim`), only once the seats owned go down
   * because the admin lowered the seat count (`when_owned_drops`), or at the end of the
   * vendor's billing cycle (`end_of_billing_cycle`).
   */
  saving: 'at_reclaim' | 'when_owned_drops' | 'end_of_billing_cycle';
  /** The vendor's word for undoing it ("Re-add", "Reactivate", "Unfreeze"); absent: no undo. */
  undoLabel?: string;
  /** Whether undo restores everything the person had, or only the seat. */
  undoRestores: 'everything' | 'seat_only' | 'nothing';
  /** With `seat_only`: what undo does not bring back (their tasks, their recordings...). */
  undoLoses?: string;
}

/** A vendor call described before it is made: what a dry run lists. */
export interface VendorCall {
  method: string;
  url: string;
  body?: unknown;
}

export interface ProbeResult {
  process: ProcessName;
  ok: boolean;
  message: string;
}

export interface SyncProgress {
  phase: 'download' | 'activity' | 'candidates' | 'reclaim';
  pages: number;
  users: number;
  message?: string;
}

/** What main hands a connector for one run. */
export interface ConnectorContext {
  http: HttpClient;
  settings: ConnectionSettings;
  signal: AbortSignal;
  progress(update: Partial<SyncProgress>): void;
  now(): Date;
  /** For a file-imported source (descriptor.fileImport): the text of the file given for this run. */
  input?: string;
}

export interface Connector {
  readonly descriptor: ConnectorDescriptor;
  whoami(): Promise<Whoami>;
  /** Pages of seats, in vendor order. Throws ConnectorError on any failure. */
  subscriptions(): AsyncIterable<SeatRecord[]>;
  /**
   * Activity events since `since`. Throws `ActivityUnavailableError` when the vendor or
   * the plan gives none: the pipeline then makes no inactivity candidates.
   */
  activity(since: Date): AsyncIterable<ActivityRecord[]>;
  /**
   * The vendor call that would take this seat back, without making it. `action` is one of the
   * descriptor's `reclaimEffects` (default: the first); a connector throws ConnectorError
   * ('config') for an action it does not offer.
   */
  planReclaim(seat: SeatRecord, action?: ReclaimAction): VendorCall;
  /** Throws ConnectorError with the vendor's own reason when the vendor refuses. */
  reclaim(seat: SeatRecord, action?: ReclaimAction): Promise<void>;
  /** Undo of `action` (the one recorded when the seat was reclaimed). */
  planUndo?(seat: SeatRecord, action?: ReclaimAction): VendorCall;
  undo?(seat: SeatRecord, action?: ReclaimAction): Promise<void>;
  ownedSeats?(): Promise<OwnedSeats[]>;
  /** Checks one process's permission with a cheap real call. */
  probe(process: ProcessName): Promise<ProbeResult>;
  /** Present for identity providers: the directory and SSO sign-ins. */
  readonly directory?: DirectorySource;
  /**
   * For an identity provider whose seats are its own users: the people of the download just
   * made, so the directory needs no second listing. Undefined before a download.
   */
  downloadedPeople?(): DirectoryPerson[] | undefined;
  /**
   * Cheaper tiers a seat can be moved to instead of removed (the 'downgrade' action), per
   * license type: e.g. Microsoft 365 E5 -> E3, Zoom Licensed -> Basic.
   */
  downgradeTargets?(licenseType: string): string[];
  /**
   * Where the cheaper tiers are only known by asking the vendor (Salesforce: the org's user
   * licenses and their profiles): the tiers, first the default, or none with the reason.
   */
  downgradeOffer?(licenseType: string): Promise<DowngradeOffer>;
}

export interface DowngradeOffer {
  targets: string[];
  /** With no target: why, in the vendor's words ("no cheaper user license in this org for profile X"). */
  reason?: string;
}

export type ConnectorFactory = (ctx: ConnectorContext) => Connector;

/**
 * Identity providers (Okta, Entra ID) and HR rosters: who works here, who left, and who signs
 * in to which app. A connector that is a directory implements `Connector.directory`.
 */
export type DirectoryStatus = 'active' | 'suspended' | 'deprovisioned';

export interface DirectoryPerson {
  /** The source's own user id. */
  userId: string;
  email: string;
  name: string;
  status: DirectoryStatus;
  /** Last sign-in to the identity provider itself, ISO 8601. */
  lastLoginAt?: string;
  /** When the status last changed (Okta statusChanged, an HR end date), ISO 8601. */
  statusChangedAt?: string;
}

/** An application the identity provider signs people in to (an Okta app, an Entra service principal). */
export interface DirectoryApp {
  id: string;
  /** The name the admin knows, e.g. "Asana". */
  label: string;
}

export interface DirectorySource {
  /** Everyone the directory knows, in pages. */
  people(): AsyncIterable<DirectoryPerson[]>;
  /** The apps people sign in to through it. */
  apps(): Promise<DirectoryApp[]>;
  /**
   * SSO sign-ins to one app since `since`, as activity matched by email. Throws
   * `ActivityUnavailableError` when the plan or the permissions give none.
   */
  signIns(appId: string, since: Date): AsyncIterable<ActivityRecord[]>;
}
