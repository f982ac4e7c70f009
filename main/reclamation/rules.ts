/**
 * Reclamation rules: the generated defaults (one per paid license type) and validated edits.
 */
import { invalid } from '../errors.js';
import { ruleId } from './ids.js';
import { DEFAULT_THRESHOLD_DAYS, type ReclamationRule } from './types.js';

export const MAX_THRESHOLD_DAYS = 3650;
export const MAX_DAYS_BEFORE_AUTO_RECLAIM = 365;
export const DEFAULT_DAYS_BEFORE_AUTO_RECLAIM = 14;

/** A license type found in a profile; a bare string is a paid one. */
export interface LicenseTypeInfo {
  licenseType: string;
  paid: boolean;
  modelId?: string;
}

export interface DefaultRuleOptions {
  /** Rules the profile already has: their license types get no second rule. */
  existing?: readonly ReclamationRule[];
  /** Put before the license type in the rule's name, e.g. "Asana" gives "Asana Business". */
  namePrefix?: string;
}

/**
 * One rule per paid license type of the profile not yet covered by `existing`: threshold 60
 * days, approval required, no notice, enabled. Ids are derived from profile and license type,
 * so generating twice gives the same rules.
 */
export function defaultRulesFor(
  profileId: string,
  licenseTypes: Iterable<string | LicenseTypeInfo>,
  options: DefaultRuleOptions = {},
): ReclamationRule[] {
  const covered = new Set<string>();
  for (const r of options.existing ?? []) if (r.profileId === profileId) covered.add(r.licenseType);
  const prefix = options.namePrefix?.trim() ?? '';
  const out: ReclamationRule[] = [];
  for (const item of licenseTypes) {
    const info: LicenseTypeInfo = typeof item === 'string' ? { licenseType: item, paid: true } : item;
    if (!info.paid || info.licenseType === '' || covered.has(info.licenseType)) continue;
    covered.add(info.licenseType);
    const rule: ReclamationRule = {
      id: ruleId(profileId, info.licenseType),
      profileId,
      licenseType: info.licenseType,
      name: prefix === '' || info.licenseType.toLowerCase().startsWith(prefix.toLowerCase()) ? info.licenseType : `${prefix} ${info.licenseType}`,
      thresholdDays: DEFAULT_THRESHOLD_DAYS,
      notifyUser: false,
      daysBeforeAutoReclaim: DEFAULT_DAYS_BEFORE_AUTO_RECLAIM,
      approvalRequired: true,
      reclaimWithoutApproval: false,
      autoReclaim: false,
      enabled: true,
    };
    if (info.modelId !== undefined) rule.modelId = info.modelId;
    out.push(rule);
  }
  return out;
}

/** The fields an administrator may edit. */
export type RuleChange = Partial<
  Pick<
    ReclamationRule,
    | 'name'
    | 'thresholdDays'
    | 'notifyUser'
    | 'daysBeforeAutoReclaim'
    | 'approvalRequired'
    | 'reclaimWithoutApproval'
    | 'autoReclaim'
    | 'enabled'
    | 'modelId'
    | 'leaversEnabled'
    | 'leaverDays'
    | 'action'
  >
>;

const EDITABLE = new Set<string>([
  'name',
  'thresholdDays',
  'notifyUser',
  'daysBeforeAutoReclaim',
  'approvalRequired',
  'reclaimWithoutApproval',
  'autoReclaim',
  'enabled',
  'modelId',
  'leaversEnabled',
  'leaverDays',
  'action',
]);

/** Fields whose change alters which seats are candidates or what a candidate says. */
// The action and its tier change what a candidate saves (a downgrade saves only the difference).
const AFFECTS_CANDIDATES = new Set<keyof ReclamationRule>(['name', 'thresholdDays', 'notifyUser', 'daysBeforeAutoReclaim', 'enabled', 'leaversEnabled', 'leaverDays', 'action', 'downgradeTo']);

export interface FieldChange {
  field: keyof ReclamationRule;
  from: unknown;
  to: unknown;
}

export interface RuleChangeResult {
  rule: ReclamationRule;
  before: ReclamationRule;
  /** Only the fields whose value changed (for the audit log). */
  changes: FieldChange[];
  /** Candidates must be recomputed (threshold, enabled, name or notice changed). */
  recompute: boolean;
}

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be a whole number of days from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  }
  return value;
}

function flag(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(`${field} must be true or false; got ${JSON.stringify(value)}.`);
  return value;
}

/**
 * Applies an edit to a rule and returns the new rule (the input is not modified). Throws
 * `invalid_input` on an unknown field or a bad value. Turning on "reclaim without approval"
 * turns off "approval required" and the reverse; asking for both at once is an error.
 */
export function applyRuleChange(rule: ReclamationRule, change: RuleChange): RuleChangeResult {
  for (const key of Object.keys(change)) {
    if (!EDITABLE.has(key)) throw invalid(`The rule field "${key}" cannot be changed.`);
  }
  const next: ReclamationRule = { ...rule };
  if (change.name !== undefined) {
    if (typeof change.name !== 'string' || change.name.trim() === '') throw invalid('The rule name cannot be empty.');
    if (change.name.trim().length > 200) throw invalid('The rule name is longer than 200 characters.');
    next.name = change.name.trim();
  }
  if (change.thresholdDays !== undefined) next.thresholdDays = wholeNumber('thresholdDays', change.thresholdDays, 1, MAX_THRESHOLD_DAYS);
  if (change.daysBeforeAutoReclaim !== undefined) {
    next.daysBeforeAutoReclaim = wholeNumber('daysBeforeAutoReclaim', change.daysBeforeAutoReclaim, 0, MAX_DAYS_BEFORE_AUTO_RECLAIM);
  }
  if (change.notifyUser !== undefined) next.notifyUser = flag('notifyUser', change.notifyUser);
  if (change.enabled !== undefined) next.enabled = flag('enabled', change.enabled);
  if (change.autoReclaim !== undefined) next.autoReclaim = flag('autoReclaim', change.autoReclaim);
  if (change.leaversEnabled !== undefined) next.leaversEnabled = flag('leaversEnabled', change.leaversEnabled);
  if (change.action !== undefined) {
    if (change.action !== 'remove' && change.action !== 'downgrade') throw invalid(`action must be remove or downgrade; got ${JSON.stringify(change.action)}.`);
    next.action = change.action;
    if (change.action === 'remove') delete next.downgradeTo;
  }
  if (change.leaverDays !== undefined) next.leaverDays = wholeNumber('leaverDays', change.leaverDays, 0, MAX_THRESHOLD_DAYS);
  if (change.modelId !== undefined) {
    if (typeof change.modelId !== 'string' || change.modelId === '') throw invalid('modelId must be a non-empty id.');
    next.modelId = change.modelId;
  }
  const approval = change.approvalRequired === undefined ? undefined : flag('approvalRequired', change.approvalRequired);
  const without = change.reclaimWithoutApproval === undefined ? undefined : flag('reclaimWithoutApproval', change.reclaimWithoutApproval);
  if (approval === true && without === true) {
    throw invalid('A rule cannot both require approval and reclaim without approval; choose one.');
  }
  if (approval !== undefined) {
    next.approvalRequired = approval;
    if (approval) next.reclaimWithoutApproval = false;
  }
  if (without !== undefined) {
    next.reclaimWithoutApproval = without;
    if (without) next.approvalRequired = false;
  }
  const changes: FieldChange[] = [];
  if (rule.downgradeTo !== undefined && next.downgradeTo === undefined) changes.push({ field: 'downgradeTo', from: rule.downgradeTo, to: undefined });
  for (const field of Object.keys(next) as Array<keyof ReclamationRule>) {
    if (field === 'autoReclaim' && (next.autoReclaim === true) === (rule.autoReclaim === true)) continue;
    // Absent means on and 0 days: setting the default is no change.
    if (field === 'leaversEnabled' && (next.leaversEnabled !== false) === (rule.leaversEnabled !== false)) continue;
    if (field === 'leaverDays' && (next.leaverDays ?? 0) === (rule.leaverDays ?? 0)) continue;
    if (field === 'action' && (next.action ?? 'remove') === (rule.action ?? 'remove')) continue;
    if (next[field] !== rule[field]) changes.push({ field, from: rule[field], to: next[field] });
  }
  return { rule: next, before: rule, changes, recompute: changes.some((c) => AFFECTS_CANDIDATES.has(c.field)) };
}

/** Rules indexed by profile, then license type; the first enabled rule of a license type wins. */
export function indexEnabledRules(rules: readonly ReclamationRule[]): Map<string, Map<string, ReclamationRule>> {
  const byProfile = new Map<string, Map<string, ReclamationRule>>();
  for (const rule of rules) {
    if (!rule.enabled) continue;
    let byType = byProfile.get(rule.profileId);
    if (byType === undefined) byProfile.set(rule.profileId, (byType = new Map()));
    if (!byType.has(rule.licenseType)) byType.set(rule.licenseType, rule);
  }
  return byProfile;
}
